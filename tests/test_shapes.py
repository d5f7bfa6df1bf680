"""Static shape inference against Keras' own output shapes."""

import pytest

from kerlint.ir import shapes

CASES = [
    # kind, args, input shape
    ("Conv2D", {"filters": 8, "kernel_size": 3}, (28, 28, 1)),
    ("Conv2D", {"filters": 8, "kernel_size": (5, 3), "strides": 2, "padding": "same"}, (31, 17, 3)),
    ("Conv2D", {"filters": 4, "kernel_size": 3, "strides": (2, 1), "padding": "valid"}, (9, 9, 2)),
    ("Conv2D", {"filters": 4, "kernel_size": 3, "dilation_rate": 2}, (16, 16, 2)),
    ("Conv1D", {"filters": 6, "kernel_size": 5, "strides": 3}, (100, 4)),
    ("Conv3D", {"filters": 2, "kernel_size": 3, "padding": "same", "strides": 2}, (9, 8, 7, 1)),
    ("MaxPooling2D", {"pool_size": (2, 2)}, (7, 7, 16)),
    ("MaxPooling2D", {"pool_size": 3, "strides": 2, "padding": "same"}, (15, 15, 3)),
    ("AveragePooling1D", {"pool_size": 4}, (30, 2)),
    ("MaxPooling3D", {}, (8, 9, 10, 1)),
    ("GlobalAveragePooling2D", {}, (7, 7, 32)),
    ("GlobalMaxPooling1D", {}, (50, 8)),
    ("Flatten", {}, (3, 3, 64)),
    ("Dense", {"units": 12}, (40,)),
    ("Dense", {"units": 5}, (7, 7, 3)),
    ("DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 2}, (10, 10, 4)),
    ("SeparableConv2D", {"filters": 16, "kernel_size": 3, "padding": "same"}, (10, 10, 4)),
]


@pytest.mark.parametrize("kind,args,input_shape", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_matches_hand_computed_shape_rules(kind, args, input_shape):
    out = shapes.infer(kind, args, input_shape)
    assert out is not None and all(isinstance(d, int) for d in out)


def test_unknown_input_gives_unknown_output():
    assert shapes.infer("Conv2D", {"filters": 3, "kernel_size": 3}, None) is None
    assert shapes.infer("Conv2D", {"filters": 3, "kernel_size": "x"}, (8, 8, 1)) is None


def test_pooling_a_single_pixel_gives_zero():
    assert shapes.infer("MaxPooling2D", {"pool_size": (2, 2)}, (1, 1, 8)) == (0, 0, 8)


@pytest.mark.probe
@pytest.mark.parametrize("kind,args,input_shape", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_agrees_with_keras(kind, args, input_shape):
    keras = pytest.importorskip("keras")
    layer = getattr(keras.layers, kind)(**args)
    expected = tuple(layer.compute_output_shape((None,) + input_shape))[1:]
    assert shapes.infer(kind, args, input_shape) == expected

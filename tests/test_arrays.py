"""Array facts (kerlint/ir/arrays.py) against numpy itself: each snippet is both analysed statically and run,
and the shape, dtype family and value range kerlint derives must be what numpy computes."""

from __future__ import annotations

import libcst as cst
import numpy as np
import pytest

from kerlint.ir import UNKNOWN, arrays
from kerlint.ir.extractor import Extractor
from kerlint.ir.model import Data

PRELUDE = "import numpy as np\n"

# name = expression; every later line may use the earlier names
SNIPPET = """
a = np.random.randint(0, 5, 100)
b = np.random.randint(0, 8, (10, 7))
c = np.random.random((12, 6))
d = np.random.rand(4, 3, 2)
e = np.eye(5)[a]
f = np.eye(8)[b]
g = np.argmax(e, axis=1)
h = e.argmax(-1)
i = c.reshape(-1, 3, 2)
j = np.reshape(c, (12, 2, 3))
k = np.expand_dims(c, -1)
l = np.expand_dims(c, 0)
m = np.squeeze(k, -1)
n = c.T
o = np.transpose(d, (2, 0, 1))
p = np.swapaxes(d, 1, 2)
q = np.concatenate([c, c], axis=0)
r = np.concatenate([c, c], axis=1)
s = np.stack([c, c, c])
t = np.vstack([c, c])
u = np.hstack([c, c])
v = c[:7]
w = c[:, 0]
x = f[:, -1, :]
y = c[..., None]
z = c[2:10:3, 1:]
aa = np.array([[0, 1, 2, 3], [4, 5, 6, 7]], dtype="float32")
ab = np.arange(-100, 100, 0.5)
ac = ab ** 4
ad = ab * 3 + 2
ae = 1 - c
af = np.linspace(-2, 3, 11)
ag = np.zeros((3, 4))
ah = np.full((2, 2), 7)
ai = np.random.uniform(-5, 5, (30, 2))
aj = c / 255
ak = np.random.randint(0, 256, (6, 8, 8, 3)).astype("float32") / 255.0
al = c[None]
am = np.random.choice(3, 20)
an = np.eye(4)[np.random.randint(0, 4, (9, 1))]
ao = d[1]
ap = np.ones((5, 1))
aq = np.squeeze(ap)
ar = np.array(range(3, 40, 2))
"""
NAMES = [line.split("=")[0].strip() for line in SNIPPET.strip().splitlines()]


def _dtype_family(array: np.ndarray) -> str:
    if array.dtype == np.uint8:
        return "uint8"
    return {"f": "float", "i": "int", "u": "int", "b": "bool", "U": "str", "S": "str", "O": "str"}[array.dtype.kind]


@pytest.fixture(scope="module")
def both():
    source = PRELUDE + SNIPPET
    extractor = Extractor(cst.parse_module(source), source)
    extractor.run()
    real: dict = {}
    exec(source, real)  # noqa: S102 - our own snippet: numpy computes the truth
    return extractor.globals.names, real


@pytest.mark.parametrize("name", NAMES)
def test_shape_is_numpys(both, name):
    static, real = both
    data = static[name]
    assert isinstance(data, Data), f"{name}: no array facts ({data!r})"
    assert data.shape is not None, f"{name}: shape unknown"
    actual = real[name].shape
    assert len(data.shape) == len(actual), (name, data.shape, actual)
    for mine, truth in zip(data.shape, actual):
        assert mine is UNKNOWN or mine == truth, (name, data.shape, actual)


@pytest.mark.parametrize("name", NAMES)
def test_value_range_contains_the_values_and_dtype_matches(both, name):
    static, real = both
    data, array = static[name], real[name]
    if data.value_range is not None:
        low, high = data.value_range
        assert low <= array.min() + 1e-9 and array.max() <= high + 1e-9, (name, data.value_range, array.min(),
                                                                           array.max())
    if data.dtype is not UNKNOWN:
        assert data.dtype == _dtype_family(array), (name, data.dtype, array.dtype)


def test_ranges_are_exact_for_deterministic_arrays(both):
    static, real = both
    for name in ("aa", "ab", "ac", "ad", "af", "ag", "ah", "ar"):
        low, high = static[name].value_range
        assert (low, high) == pytest.approx((real[name].min(), real[name].max())), name


def test_label_encodings(both):
    static, _ = both
    assert (static["a"].label_encoding, static["a"].num_classes) == ("sparse", 5)
    assert (static["e"].label_encoding, static["e"].num_classes) == ("onehot", 5)
    assert (static["f"].label_encoding, static["f"].num_classes) == ("onehot", 8)
    assert (static["g"].label_encoding, static["g"].num_classes) == ("sparse", 5)
    assert static["h"].label_encoding == "sparse"
    assert static["x"].label_encoding == "onehot"  # one timestep of one-hot rows is still one-hot
    assert static["c"].label_encoding is UNKNOWN  # floats are not class ids


def test_zero_one_matrix_is_not_taken_for_class_ids():
    source = PRELUDE + "y = np.random.randint(0, 2, (50, 5))\n"
    extractor = Extractor(cst.parse_module(source), source)
    extractor.run()
    assert extractor.globals.names["y"].label_encoding is UNKNOWN  # may be multi-hot


def test_unknown_sizes_stay_unknown():
    source = PRELUDE + "import sys\nn = int(sys.argv[1])\nx = np.random.random((n, 4))\ny = x[:, :n]\n"
    extractor = Extractor(cst.parse_module(source), source)
    extractor.run()
    names = extractor.globals.names
    assert names["x"].shape == (UNKNOWN, 4)
    assert names["y"].shape == (UNKNOWN, UNKNOWN)


@pytest.mark.parametrize("shape,keys", [
    ((10, 4, 3), (slice(None), 0)),
    ((10, 4, 3), (Ellipsis, 1)),
    ((10, 4, 3), (None, slice(2, 8), Ellipsis, None)),
    ((10, 4, 3), (slice(None, None, -2), slice(-3, None), 2)),
    ((5, 6), (slice(1, 100),)),
    ((5, 6), (3, slice(None, 2))),
])
def test_index_shape_is_numpys(shape, keys):
    assert arrays.index_shape(shape, keys) == np.zeros(shape)[keys].shape


@pytest.mark.parametrize("shape,dims", [((12, 6), (-1, 3)), ((12, 6), (4, -1, 2)), ((2, 3, 4), (6, 4)),
                                        ((2, 3, 4), (-1,))])
def test_reshape_shape_is_numpys(shape, dims):
    assert arrays.reshape_shape(shape, dims) == np.zeros(shape).reshape(dims).shape


def test_impossible_reshape_is_unknown():
    assert arrays.reshape_shape((12, 6), (5, -1)) is None
    assert arrays.reshape_shape((12, 6), (-1, -1)) is None


def test_lists_of_unknown_length_give_no_shape():
    source = PRELUDE + (
        "import os\nimages = []\nfor name in os.listdir('images'):\n    images.append(np.zeros((8, 8, 3)))\n"
        "x = np.array(images)\nempty = np.array([])\n")
    extractor = Extractor(cst.parse_module(source), source)
    extractor.run()
    names = extractor.globals.names
    for name in ("x", "empty"):
        value = names[name]
        assert not isinstance(value, Data) or value.shape is None or value.shape[0] is UNKNOWN, (name, value)


def test_derive_copies_with_changes_and_forgets_shape_and_range():
    import dataclasses

    original = Data(origin="mnist", name="x", scaled=True, shape=(UNKNOWN, 28, 28), value_range=(0, 1), lineage=3)
    derived = original.derive(name=None, augmented=True)
    assert derived is not original
    assert dataclasses.asdict(derived) == {**dataclasses.asdict(original), "name": None, "augmented": True,
                                           "shape": None, "value_range": None}
    assert (original.name, original.augmented, original.shape) == ("x", False, (UNKNOWN, 28, 28))
    assert original.derive(shape=(UNKNOWN, 784)).shape == (UNKNOWN, 784)
    with pytest.raises(TypeError):
        original.derive(no_such_fact=1)

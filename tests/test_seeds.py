"""Issue 2 acceptance: the seeds' own code gives the findings the seeds' text predicts."""

from pathlib import Path

import pytest

from kerlint.engine import lint_text
from kerlint.violation import Severity

SEEDS = Path(__file__).parent / "seeds"


def codes(name):
    violations = lint_text((SEEDS / name).read_text(), path=name)
    return {v.code: v for v in violations}


def test_bad_network_has_saturating_stack():
    assert "KL101" in codes("seed000_bad_network.py")


def test_improved_network_is_clean_of_activation_init_and_norm_findings():
    found = codes("seed000_improved_network.py")
    assert not {"KL101", "KL102", "KL103"} & set(found), found


def test_deep_sigmoid_network_findings():
    found = codes("seed000_deep_network_sigmoid.py")
    assert {"KL101", "KL103", "KL105"} <= set(found), found
    collapse = found["KL105"]
    assert collapse.severity is Severity.ERROR
    assert "0×0" in collapse.message
    assert collapse.location.row == 15  # the fifth MaxPooling2D


@pytest.mark.probe
def test_shape_inference_agrees_with_keras():
    """Keras itself refuses the seed's deep model: the zero-sized map is real, not assumed."""
    keras = pytest.importorskip("keras")
    layers = keras.layers
    with pytest.raises(ValueError):
        model = keras.Sequential([keras.Input(shape=(28, 28, 1))])
        for filters in (32, 32, 64, 128, 256):
            model.add(layers.Conv2D(filters, (3, 3), activation="sigmoid", padding="same"))
            model.add(layers.MaxPooling2D((2, 2)))
        model.add(layers.Flatten())
        model.add(layers.Dense(10, activation="softmax"))
        model.build((None, 28, 28, 1))

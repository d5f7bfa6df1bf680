"""The forms of training data and models fit() accepts, and the child's memory limit."""

import pytest

from tests.probe import scripts
from tests.probe.conftest import run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe


def _probe(tmp_path, name, text):
    script = write_script(tmp_path, f"{name}.py", text)
    code, report, _, stderr = run_probe_cli(script, "--max-steps", "40", "--output-format", "json", "-q")
    assert report is not None and report["status"] == "ok", stderr
    return code, report


def test_generator_input_is_sampled_and_a_healthy_small_model_shows_nothing(tmp_path):
    code, report = _probe(tmp_path, "generator", scripts.GENERATOR_INPUT)
    assert report["model"]["data_source"] == "generator"
    assert report["model"]["sample_size"] == 40 * 32  # --max-steps batches of the generator's size
    assert report["steps"] == 40
    assert all(s["measured"] or s["code"] == "KP105" for s in report["symptoms"])
    assert code == 0, [s for s in report["symptoms"] if s["observed"]]


def test_subclassed_logits_model_and_unscaled_validation_data(tmp_path):
    code, report = _probe(tmp_path, "subclassed", scripts.SUBCLASSED_UNSCALED_VALIDATION)
    found = symptoms(report)
    assert report["model"]["class"] == "Net" and report["model"]["from_logits"] is True
    # the output width comes from a forward pass (subclassed models have no symbolic outputs)
    assert found["KP106"]["measured"] and found["KP111"]["measured"]
    assert found["KP107"]["evidence"]["best_training_accuracy"] >= 0.9
    # training inputs are scaled, validation inputs are not: the KL403 pattern, seen at run time
    assert found["KP110"]["observed"]
    assert found["KP110"]["evidence"]["max"] == 1.0 and found["KP110"]["evidence"]["validation_max"] > 200
    assert code == 1


def test_memory_limit_turns_a_runaway_allocation_into_a_clear_error(tmp_path):
    script = write_script(tmp_path, "hog.py", scripts.ALLOCATES_TOO_MUCH)
    code, report, _, _ = run_probe_cli(script, "--memory-limit", "2000", "--output-format", "json", "-q")
    assert code == 3 and report["error"]["line"] == 3
    assert "MemoryError" in report["error"]["message"] and "--memory-limit" in report["error"]["message"]


def test_uint8_inputs_rescaled_by_the_model_are_not_flagged(tmp_path):
    code, report = _probe(tmp_path, "rescaling", scripts.RESCALING_INSIDE_MODEL)
    kp110 = symptoms(report)["KP110"]
    assert kp110["measured"] and not kp110["observed"]
    assert kp110["evidence"]["max"] == 255 and kp110["evidence"]["after_preprocessing_max"] <= 1.0
    assert code == 0


def test_regression_skips_the_classification_symptoms_and_sees_unscaled_features(tmp_path):
    script = write_script(tmp_path, "boston.py", scripts.BOSTON_REGRESSION)
    code, report, _, stderr = run_probe_cli(script, "--synthetic", "--max-steps", "40", "--output-format", "json",
                                            "-q")
    assert report["status"] == "ok", stderr
    found = symptoms(report)
    assert report["model"]["task"] == "regression" and report["curves"]["accuracy"] == []
    for code_ in ("KP106", "KP111"):
        assert not found[code_]["measured"] and "mse" in found[code_]["reason"]
    # the overfit test judges a regression by the share of a constant prediction's loss it removes
    assert found["KP107"]["evidence"]["accuracy"] == "1 - loss / constant-prediction loss"
    assert found["KP107"]["evidence"]["constant_baseline_loss"] > 0
    assert found["KP110"]["observed"] and found["KP110"]["evidence"]["max"] > 100
    assert "distinct_predicted_classes" not in found["KP108"]["evidence"]
    assert code == 1


def test_threshold_overrides_reach_the_measurements(tmp_path):
    script = write_script(tmp_path, "generator.py", scripts.GENERATOR_INPUT)
    code, report, _, _ = run_probe_cli(script, "--max-steps", "20", "--threshold", "dead_relu_init_fraction=1e-9",
                                       "--threshold", "vanishing_ratio=10", "--output-format", "json", "-q")
    found = symptoms(report)
    # with the override any dead unit at initialisation counts: the override, not the default 0.9, decides
    kp104 = found["KP104"]["evidence"]
    assert kp104["init_threshold"] == 1e-9
    assert found["KP104"]["observed"] == (kp104["worst_fraction_at_init"] > 0 or bool(kp104["layers_flagged"]))
    assert found["KP101"]["observed"] and found["KP101"]["evidence"]["threshold_ratio"] == 10
    assert code == 1


def test_synthetic_replaces_a_download_and_a_missing_image_folder(tmp_path):
    script = write_script(tmp_path, "flowers.py", scripts.IMAGE_FOLDER_DOWNLOAD)
    code, report, _, stderr = run_probe_cli(script, "--synthetic", "--max-steps", "30", "--output-format", "json",
                                            "-q")
    assert report["status"] == "ok", stderr
    found = symptoms(report)
    assert report["model"]["data_source"] == "tf.data.Dataset" and report["model"]["output_units"] == 2
    # float32 pixels in [0, 255] as image_dataset_from_directory gives them; the model's Rescaling fixes it
    assert found["KP110"]["evidence"]["max"] > 200 and found["KP110"]["evidence"]["after_preprocessing_max"] <= 1
    assert not found["KP110"]["observed"]
    assert found["KP107"]["evidence"]["best_training_accuracy"] >= 0.9
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flowers.py"]


def test_tf_keras_models_are_intercepted_too(tmp_path):
    """Keras 2 (`tf_keras`, or tf.keras with TF_USE_LEGACY_KERAS=1): its own Model.fit is patched."""
    pytest.importorskip("tf_keras")
    text = scripts.SIGMOID_STACK.replace("import keras\nfrom keras import layers",
                                         "import tf_keras as keras\nfrom tf_keras import layers")
    code, report = _probe(tmp_path, "legacy", text)
    found = symptoms(report)
    assert found["KP101"]["observed"] and found["KP106"]["measured"]
    assert code == 1

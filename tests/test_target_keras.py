"""`target-keras`: the Keras version KL501-KL508 judge against — config key, --target-keras, the project's
declared or installed Keras, else 3 — and what each rule says at each target."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kerlint import target
from kerlint.config import ConfigError, Settings, settings_from_table
from kerlint.engine import lint_text

LEGACY = """\
from keras.layers.core import Dense
from keras.models import Sequential
from keras.optimizers import SGD
import tensorflow as tf
model = Sequential([Dense(1, input_dim=3, init="uniform")])
model.compile(loss="mse", optimizer=SGD(lr=0.1, decay=1e-6))
model.fit_generator(batches, steps_per_epoch=10, epochs=2)
sess = tf.Session()
"""


def test_keras3_target():
    found = {(v.code, v.severity.letter) for v in lint_text(LEGACY, Settings(select=("KL5",), target_keras="3"))}
    assert {("KL505", "E"), ("KL506", "E"), ("KL503", "E"), ("KL508", "E")} <= found
    lr = [v for v in lint_text(LEGACY, Settings(target_keras="3")) if v.code == "KL504"]
    assert {v.severity.letter for v in lr if "lr=" in v.message} == {"E"}
    assert {v.severity.letter for v in lr if "decay=" in v.message} == {"W"}  # accepted and ignored on 3.x
    assert any("Keras 3 rejects it" in v.message for v in lr)
    assert any("ignored" in v.message for v in lr if "decay=" in v.message)


def _messages(version: str, code: str) -> list[tuple[str, str]]:
    return [(v.severity.letter, v.message) for v in lint_text(LEGACY, Settings(target_keras=version)) if v.code == code]


def test_keras_2_15_target():
    assert not _messages("2.15", "KL505")  # keras.layers.core imports on Keras 2
    decay = [m for m in _messages("2.15", "KL504") if "decay=" in m[1]]
    assert decay and decay[0][0] == "E" and "ValueError" in decay[0][1]
    lr = [m for m in _messages("2.15", "KL504") if "lr=" in m[1]]
    assert lr[0][0] == "E" and "default learning rate" in lr[0][1]
    assert [s for s, _ in _messages("2.15", "KL503")] == ["W"]
    assert all(s == "E" for s, _ in _messages("2.15", "KL506"))
    assert all("Keras 2.4+ rejects it" in m for _, m in _messages("2.15", "KL506"))


def test_keras_2_10_and_older_targets():
    assert [s for s, m in _messages("2.10", "KL504")] == ["I"]  # lr= a deprecated alias; decay= fine
    assert [s for s, _ in _messages("2.2", "KL506")] == ["W"]  # Keras 2.0-2.3 still converted init=
    assert not _messages("2.2", "KL508")  # the TF 1 era
    assert not _messages("2.0", "KL503")
    assert not _messages("1", "KL506")


def test_experimental_preprocessing_by_target():
    source = "import tensorflow as tf\nflip = tf.keras.layers.experimental.preprocessing.RandomFlip('horizontal')\n"
    sev = {version: [v.severity.letter for v in lint_text(source, Settings(target_keras=version)) if v.code == "KL501"]
           for version in ("3", "2.10", "2.4")}
    assert sev == {"3": ["E"], "2.10": ["I"], "2.4": []}


@pytest.mark.parametrize("given,expected", [("3", "3"), ("2.15", "2.15"), ("2.15.1", "2.15"), (3, "3"),
                                            ("1", "1"), ("3.15.1", "3.15")])
def test_versions_parse(given, expected):
    assert target.normalise(str(given)) == expected


@pytest.mark.parametrize("bad", ["4", "latest", "", "x.1", "0.9"])
def test_bad_versions_are_refused(bad):
    with pytest.raises(ValueError):
        target.normalise(bad)


@pytest.mark.parametrize("lines,expected", [
    (["keras>=3.0"], "3"),
    (["tensorflow==2.12.0"], "2.12"),
    (["tensorflow-cpu>=2.16"], "3"),
    (["keras==2.15.0", "tensorflow==2.16.1"], "2.15"),  # Keras wins over TensorFlow
    (["tensorflow==1.15.0"], "2.2"),
    (["tf-keras~=2.15.0"], "2.15"),
    (["numpy", "tensorflow<2.16"], None),  # an upper bound only: nothing declared
])
def test_declared_version_from_requirements(tmp_path, lines, expected):
    (tmp_path / "requirements.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert target.declared(str(tmp_path)) == expected


def test_declared_version_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\ndependencies = ["tensorflow==2.13.*"]\n',
                                             encoding="utf-8")
    assert target.declared(str(tmp_path)) == "2.13"
    assert target.resolve("", str(tmp_path)) == "2.13"
    assert target.resolve("3", str(tmp_path)) == "3"  # the configured target wins


def test_installed_keras_then_3(tmp_path, monkeypatch):
    target.resolve.cache_clear()
    monkeypatch.setattr(target, "installed", lambda: "3.15")
    assert target.resolve("", str(tmp_path)) == "3.15"
    target.resolve.cache_clear()
    monkeypatch.setattr(target, "installed", lambda: None)
    assert target.resolve("", str(tmp_path)) == "3"
    target.resolve.cache_clear()


def test_installed_is_read_from_metadata_without_importing_keras():
    code = ("import sys; from kerlint import target; v = target.installed(); "
            "print(v, 'keras' in sys.modules, 'tensorflow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout.split()
    assert out[0].startswith("3.") and out[1:] == ["False", "False"]


def test_config_key_and_its_errors():
    assert settings_from_table({"target-keras": "2.15"}, "pyproject.toml", "").target_keras == "2.15"
    assert settings_from_table({"target-keras": 3}, "pyproject.toml", "").target_keras == "3"
    with pytest.raises(ConfigError, match=r"target-keras: expected a Keras version"):
        settings_from_table({"target-keras": "latest"}, "pyproject.toml", "")
    with pytest.raises(ConfigError, match=r"target-keras"):
        settings_from_table({"target-keras": True}, "pyproject.toml", "")


def _kerlint(*args, cwd):
    return subprocess.run([sys.executable, "-m", "kerlint", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_flag_and_config(tmp_path):
    (tmp_path / "train.py").write_text(LEGACY, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.kerlint]\ntarget-keras = "2.15"\n', encoding="utf-8")
    from_config = _kerlint("check", "--output-format", "concise", "train.py", cwd=tmp_path)
    assert "KL505" not in from_config.stdout and "default learning rate" in from_config.stdout
    flag = _kerlint("check", "--output-format", "concise", "--target-keras", "3", "train.py", cwd=tmp_path)
    assert "KL505" in flag.stdout and "Keras 3 rejects it" in flag.stdout
    bad = _kerlint("check", "--target-keras", "9", "train.py", cwd=tmp_path)
    assert bad.returncode == 2 and "--target-keras" in bad.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.kerlint]\ntarget-keras = "newest"\n', encoding="utf-8")
    bad_config = _kerlint("check", "train.py", cwd=tmp_path)
    assert bad_config.returncode == 2 and "target-keras" in bad_config.stderr and "pyproject.toml" in bad_config.stderr


def test_project_declared_version_is_the_default(tmp_path):
    (tmp_path / "train.py").write_text(LEGACY, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\ndependencies = ["tensorflow==2.12"]\n'
                                             '[tool.kerlint]\nselect = ["KL5"]\n', encoding="utf-8")
    out = _kerlint("check", "--output-format", "concise", "--no-cache", "train.py", cwd=tmp_path).stdout
    assert "KL505" not in out and "KL504" in out


def test_a_changed_declared_version_is_not_hidden_by_the_cache(tmp_path):
    (tmp_path / "train.py").write_text(LEGACY, encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("tensorflow==2.12\n", encoding="utf-8")
    first = _kerlint("check", "--output-format", "concise", "train.py", cwd=tmp_path).stdout
    (tmp_path / "requirements.txt").write_text("keras>=3\n", encoding="utf-8")
    second = _kerlint("check", "--output-format", "concise", "train.py", cwd=tmp_path).stdout
    assert "KL505" not in first and "KL505" in second

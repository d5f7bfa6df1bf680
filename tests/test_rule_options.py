"""Typed rule options: each option in a rule's entry (rules/*.yaml `options:`) declares its type (`type:`, else
its default's) and range (`min:`/`max:`, inclusive; a number without `min:` must be above zero). Config reading
validates against the declaration (a bad value is exit 2 naming the key and the file), and each check receives
only its own rule's options, typed (plus `target-keras` for the KL5xx rules)."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from kerlint import catalogue, engine
from kerlint.catalogue import RuleOptions, load_catalogue, option_specs, parse_entry, rule_options
from kerlint.checks import CHECKS
from kerlint.checks.registry import RegisteredCheck
from kerlint.cli import main
from kerlint.config import ConfigError, Settings, SettingsResolver

SIGMOID_STACK = textwrap.dedent("""\
    from tensorflow import keras
    model = keras.Sequential([keras.Input(shape=(20,)), keras.layers.Dense(64, activation="sigmoid"),
                              keras.layers.Dense(64, activation="sigmoid"), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(x, y, epochs=20, validation_split=0.2)
    """)


def settings_for(tmp_path, body: str) -> Settings:
    (tmp_path / "pyproject.toml").write_text("[tool.kerlint.options]\n" + textwrap.dedent(body))
    return SettingsResolver(cwd=str(tmp_path)).for_path(str(tmp_path / "m.py"))


def entry(**option) -> dict:
    return {"code": "KL900", "name": "test-rule", "options": {"some-option": option}}


# ---- the declarations -------------------------------------------------------------------------------------


def test_every_option_is_declared_once_with_a_type_and_a_default_that_fits_it():
    specs = option_specs()
    assert len(specs) == sum(len(doc.options) for doc in load_catalogue().values())
    for name, (code, option) in specs.items():
        assert option.type in ("int", "float", "bool", "str"), name
        assert option.parse(option.default) == option.default, (code, name)


def test_the_type_is_the_defaults_unless_declared():
    assert parse_entry(entry(default=3)).options[0].type == "int"
    assert parse_entry(entry(default=0.5)).options[0].type == "float"
    assert parse_entry(entry(default=8, type="float")).options[0].type == "float"
    assert option_specs()["bottleneck-ratio"][1].type == "float"  # read as a ratio: 7.5 is a fine value
    assert option_specs()["saturating-min-layers"][1].type == "int"


@pytest.mark.parametrize("option, words", [
    ({"default": -1}, ["default does not fit", "above zero"]),
    ({"default": 0.5, "min": 0.6}, ["default does not fit", "at least 0.6"]),
    ({"default": 2.0, "max": 1}, ["default does not fit", "at most 1"]),
    ({"default": 3, "type": "integer"}, ["type must be one of"]),
    ({"default": "x", "min": 1}, ["min must be a number"]),
    ({"default": 3, "maximum": 4}, ["unknown keys", "maximum"]),
    ({"help": "no default"}, ["expected a table with a default"]),
])
def test_a_declaration_that_contradicts_itself_is_an_error_of_the_entry(option, words):
    with pytest.raises(ValueError) as err:
        parse_entry(entry(**option), "rules/KL900.yaml")
    assert "rules/KL900.yaml" in str(err.value) and "some-option" in str(err.value)
    assert all(word in str(err.value) for word in words), str(err.value)


def test_two_entries_declaring_one_option_name_is_an_error(monkeypatch):
    first = parse_entry({"code": "KL900", "name": "a", "options": {"shared": {"default": 1}}}, "KL900.yaml")
    second = parse_entry({"code": "KL901", "name": "b", "options": {"shared": {"default": 2}}}, "KL901.yaml")
    monkeypatch.setattr(catalogue, "load_catalogue", lambda: {"KL900": first, "KL901": second})
    with pytest.raises(ValueError, match="'shared' is declared by KL900 too"):
        catalogue.option_specs.__wrapped__()


def test_a_rule_page_states_each_options_type_and_range():
    page = load_catalogue()["KL107"].markdown()
    assert "- `dropout-max-rate` (number, default `0.8`, above zero and at most 1):" in page
    assert "- `bottleneck-ratio` (number, default `8`, at least 1):" in load_catalogue()["KL106"].markdown()
    assert "(integer, default `2`, above zero)" in load_catalogue()["KL101"].markdown()


# ---- reading them from a config file ----------------------------------------------------------------------


@pytest.mark.parametrize("body, words", [
    ("saturating-min-layers = -2", ["saturating-min-layers", "above zero", "-2"]),
    ('saturating-min-layers = "3"', ["saturating-min-layers", "expected an integer", "got a string '3'"]),
    ("saturating-min-layers = 2.5", ["saturating-min-layers", "expected an integer", "got a number 2.5"]),
    ("saturating-min-layers = true", ["saturating-min-layers", "expected an integer", "got a boolean"]),
    ("dropout-max-rate = 1.5", ["dropout-max-rate", "at most 1", "1.5"]),
    ("bottleneck-ratio = 0.5", ["bottleneck-ratio", "at least 1", "0.5"]),
    ("overfit_accuracy = 2.0", ["overfit_accuracy", "at most 1"]),  # a probe threshold: validated the same way
    ("saturating-min-layer = 3", ["saturating-min-layer", "unknown rule option",
                                  "did you mean 'saturating-min-layers'"]),
])
def test_a_bad_option_value_names_the_key_and_the_file(tmp_path, body, words):
    with pytest.raises(ConfigError) as err:
        settings_for(tmp_path, body)
    message = str(err.value)
    assert "pyproject.toml" in message and all(word in message for word in words), message


def test_a_bad_option_value_is_exit_2_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.kerlint.options]\ndeep-stack-min-conv = -5\n")
    (tmp_path / "m.py").write_text(SIGMOID_STACK)
    result = CliRunner().invoke(main, ["check", "m.py"])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and "deep-stack-min-conv" in result.output
    assert "above zero" in result.output and "KL103's option" in result.output


def test_values_are_typed_when_read(tmp_path):
    settings = settings_for(tmp_path, "bottleneck-ratio = 6\nsaturating_min_layers = 3\n")
    assert settings.options == {"bottleneck-ratio": 6.0, "saturating-min-layers": 3}
    assert type(settings.options["bottleneck-ratio"]) is float


# ---- what each check receives -----------------------------------------------------------------------------


def test_each_check_receives_only_its_own_options_typed():
    options = engine._options(Settings(options={"saturating-min-layers": 3}, target_keras="2.15"))
    assert set(options) == set(CHECKS)
    for code, opts in options.items():
        declared = {o.name for o in load_catalogue()[code].options}
        assert set(opts) == declared | ({"target-keras"} if code.startswith("KL5") else set()), code
    assert dict(options["KL101"]) == {"saturating-min-layers": 3, "saturating-warn-sigmoid": 3,
                                      "saturating-warn-layers": 5}
    assert options["KL106"]["bottleneck-ratio"] == 8.0 and type(options["KL106"]["bottleneck-ratio"]) is float
    assert options["KL504"]["target-keras"] == "2.15" and dict(options["KL201"]) == {}


def test_reading_an_option_the_rule_does_not_declare_raises():
    opts = rule_options("KL101", {})
    with pytest.raises(KeyError, match="rule KL101 has no option 'lr-min'"):
        opts["lr-min"]
    with pytest.raises(KeyError):
        opts.get("target-keras")  # a typo or another rule's option is a bug, not "absent"
    assert "lr-min" not in opts and opts.get("saturating-min-layers") == 2


def test_a_rule_reading_another_rules_option_is_its_internal_error(monkeypatch):
    received = []

    def nosy(model, opts):
        received.append(opts)
        return [] if opts["lr-min"] else []

    monkeypatch.setenv("KERLINT_STRICT", "0")
    monkeypatch.setitem(CHECKS, "KL101", RegisteredCheck("KL101", "model", nosy))
    violations = engine.lint_text(SIGMOID_STACK, Settings(select=("KL101",)))
    assert isinstance(received[0], RuleOptions) and received[0].code == "KL101"
    (error,) = [v for v in violations if v.code == "KL999"]
    assert "internal error in rule KL101" in error.message and "no option 'lr-min'" in error.message


def test_a_configured_value_reaches_its_rule():
    def fired(**options) -> bool:
        return any(v.code == "KL101" for v in engine.lint_text(SIGMOID_STACK, Settings(options=options)))

    assert fired() and fired(**{"saturating-min-layers": 2})
    assert not fired(**{"saturating-min-layers": 3})


def test_probe_thresholds_on_the_command_line_are_validated_by_the_same_declarations():
    import click

    from kerlint.probe.cli import _parse_thresholds

    assert _parse_thresholds(("overfit_samples=8", "overfit-accuracy=0.5")) == {"overfit_samples": 8,
                                                                                 "overfit_accuracy": 0.5}
    for item, words in [("overfit_accuracy=1.5", "at most 1"), ("overfit_samples=2.5", "expected an integer"),
                        ("loss_blowup=-1", "above zero"), ("loss_blowup=nan", "above zero"),
                        ("loss_blowup=big", "not a number")]:
        with pytest.raises(click.BadParameter, match=words):
            _parse_thresholds((item,))

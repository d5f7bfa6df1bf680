"""The command line: subcommands, flags, exit codes, config plumbing, lazy probe import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import kerlint
from kerlint.cli import LazyGroup, main

REPO = Path(__file__).resolve().parent.parent

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
FIT_WITHOUT_VALIDATION = SIGMOID_STACK + textwrap.dedent("""\
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=20)
    """)
CLEAN = "import math\n\nprint(math.pi)\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder to lint, with the cwd inside it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.output)]


# ---- top level ----------------------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"kerlint, version {kerlint.__version__}"


def test_help_lists_commands_including_the_lazy_probe():
    result = run("--help")
    assert result.exit_code == 0
    for name in ("check", "rules", "rule", "probe"):
        assert f"  {name} " in result.output


def test_help_and_check_never_import_the_probe_or_tensorflow(tmp_path):
    target = tmp_path / "m.py"
    target.write_text(SIGMOID_STACK)
    script = textwrap.dedent(f"""\
        import sys
        from kerlint.cli import main
        for args in (["--help"], ["check", "--isolated", "--exit-zero", {str(target)!r}], ["rules"]):
            try:
                main(args)
            except SystemExit:
                pass
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "tf_keras")
                       or m.startswith("kerlint.probe"))
        print("HEAVY", heavy)
        """)
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_lazy_group_imports_a_subcommand_only_when_it_runs(tmp_path, monkeypatch):
    (tmp_path / "lazy_probe_mod.py").write_text(textwrap.dedent("""\
        import click
        @click.command()
        @click.argument("script")
        def probe_command(script):
            click.echo(f"probing {script}")
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lazy_probe_mod", raising=False)

    @click.group(cls=LazyGroup, lazy_subcommands={"probe": ("lazy_probe_mod:probe_command", "Dry run.")})
    def group():
        pass

    help_result = CliRunner().invoke(group, ["--help"])
    assert "probe  Dry run." in help_result.output and "lazy_probe_mod" not in sys.modules
    result = CliRunner().invoke(group, ["probe", "train.py"])
    assert result.output == "probing train.py\n" and "lazy_probe_mod" in sys.modules


def test_lazy_subcommand_that_cannot_be_imported_is_a_clear_error():
    @click.group(cls=LazyGroup, lazy_subcommands={"probe": ("no_such_module_xyz:cmd", "Dry run.")})
    def group():
        pass

    result = CliRunner().invoke(group, ["probe"])
    assert result.exit_code != 0 and "`kerlint probe` is not available" in result.output


# ---- rules / rule -------------------------------------------------------------------------------


def test_rules_lists_one_line_a_rule_and_json():
    from kerlint.catalogue import load_catalogue

    docs = load_catalogue()
    lines = run("rules").output.splitlines()
    assert len(lines) == len(docs)
    kl001 = next(line for line in lines if line.startswith("KL001 "))
    assert "unused-noqa" in kl001 and "warning" in kl001 and "fix:safe" in kl001
    rows = json.loads(run("rules", "--format", "json").output)
    assert [r["code"] for r in rows] == list(docs)
    assert {"code", "name", "severity", "fix_safety", "summary"} <= set(rows[0])


def test_rule_prints_the_markdown_doc_and_unknown_code_exits_2():
    from kerlint.catalogue import load_catalogue

    result = run("rule", "kl001")
    assert result.exit_code == 0 and result.output == load_catalogue()["KL001"].markdown()
    result = CliRunner().invoke(main, ["rule", "KL777"])
    assert result.exit_code == 2 and "unknown rule code 'KL777'" in result.output


# ---- check: exit codes and severity gates --------------------------------------------------------


def test_exit_codes_clean_findings_and_fail_on(project):
    (project / "clean.py").write_text(CLEAN)
    assert run("check", "clean.py").exit_code == 0
    (project / "deep.py").write_text(SIGMOID_STACK)  # KL101 is a warning
    assert run("check", ".").exit_code == 1
    assert run("check", "--fail-on", "error", ".").exit_code == 0
    assert run("check", "--fail-on", "info", ".").exit_code == 1
    assert run("check", "--exit-zero", ".").exit_code == 0


def test_usage_errors_exit_2(project):
    assert CliRunner().invoke(main, ["check", "no/such/path.py"]).exit_code == 2
    assert CliRunner().invoke(main, ["check", "--output-format", "xml", "."]).exit_code == 2
    assert CliRunner().invoke(main, ["check", "--fail-on", "fatal", "."]).exit_code == 2
    result = CliRunner().invoke(main, ["check", "--select", "KL8", "."])
    assert result.exit_code == 2 and "--select: unknown rule code or prefix 'KL8'" in result.output
    result = CliRunner().invoke(main, ["check", "--ignore", "KL101,BOGUS", "."])
    assert result.exit_code == 2 and "--ignore" in result.output and "BOGUS" in result.output


def test_internal_error_exits_2_and_other_files_are_still_linted(project, monkeypatch):
    from kerlint import engine

    (project / "a.py").write_text(SIGMOID_STACK)
    (project / "b.py").write_text(CLEAN)
    real = engine.lint_file

    def flaky(path, settings):
        if path.endswith("b.py"):
            raise RuntimeError("boom")
        return real(path, settings)

    monkeypatch.setattr(engine, "lint_file", flaky)
    result = run("check", "--output-format", "json", "--select", "KL101", ".")
    assert result.exit_code == 2
    assert sorted(codes(result)) == ["KL101", "KL999"]


# ---- check: selection flags ----------------------------------------------------------------------


def test_select_ignore_extend_select_and_prefixes(project):
    (project / "train.py").write_text(FIT_WITHOUT_VALIDATION)
    everything = set(codes(run("check", "--output-format", "json", ".")))
    assert {"KL101", "KL303"} <= everything
    assert set(codes(run("check", "--output-format", "json", "--select", "KL1", "."))) == \
        {c for c in everything if c.startswith("KL1")}
    assert set(codes(run("check", "--output-format", "json", "--select", "KL303", "."))) == {"KL303"}
    assert "KL101" not in codes(run("check", "--output-format", "json", "--ignore", "KL10", "."))
    out = codes(run("check", "--output-format", "json", "--select", "KL1", "--extend-select", "KL30", "."))
    assert "KL303" in out and "KL101" in out
    out = codes(run("check", "--output-format", "json", "--select", "ALL", "--ignore", "KL1,KL303", "."))
    assert not any(c.startswith("KL1") or c == "KL303" for c in out)
    # repeated flags and comma lists mean the same
    a = codes(run("check", "--output-format", "json", "--ignore", "KL101", "--ignore", "KL303", "."))
    b = codes(run("check", "--output-format", "json", "--ignore", "KL101,KL303", "."))
    assert a == b and "KL101" not in a and "KL303" not in a


# ---- check: config files and how flags override them ---------------------------------------------


def test_pyproject_config_is_found_upward_and_flags_override_it(project):
    (project / "pyproject.toml").write_text('[tool.kerlint]\nignore = ["KL101"]\nfail-on = "error"\n')
    sub = project / "src" / "models"
    sub.mkdir(parents=True)
    (sub / "deep.py").write_text(FIT_WITHOUT_VALIDATION)
    result = run("check", "--output-format", "json", "src")
    assert "KL101" not in codes(result) and "KL303" in codes(result)
    assert result.exit_code == 0  # only advice (KL303 is info), and the config fails on errors
    assert run("check", "--fail-on", "info", "src").exit_code == 1  # the flag wins
    assert "KL101" in codes(run("check", "--output-format", "json", "--select", "KL1", "src"))
    assert "KL101" in codes(run("check", "--output-format", "json", "--isolated", "src"))


def test_nested_configs_govern_their_own_folders(project):
    (project / "pyproject.toml").write_text('[tool.kerlint]\nignore = ["KL303"]\n')
    (project / "legacy").mkdir()
    (project / "legacy" / "pyproject.toml").write_text('[tool.kerlint]\nignore = ["KL101"]\n')
    (project / "new.py").write_text(FIT_WITHOUT_VALIDATION)
    (project / "legacy" / "old.py").write_text(FIT_WITHOUT_VALIDATION)
    findings = json.loads(run("check", "--output-format", "json", ".").output)
    by_file = {(Path(f["filename"]).name, f["code"]) for f in findings}
    assert ("new.py", "KL101") in by_file and ("new.py", "KL303") not in by_file
    assert ("old.py", "KL303") in by_file and ("old.py", "KL101") not in by_file


def test_per_file_ignores_and_exclude_from_config(project):
    (project / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.kerlint]
        exclude = ["generated"]
        [tool.kerlint.per-file-ignores]
        "experiments/*.py" = ["KL1"]
        """))
    for folder in ("experiments", "generated", "src"):
        (project / folder).mkdir()
        (project / folder / "m.py").write_text(SIGMOID_STACK)
    findings = json.loads(run("check", "--output-format", "json", ".").output)
    assert {Path(f["filename"]).relative_to(project).as_posix() for f in findings} == {"src/m.py"}
    # a file named on the command line is linted even if excluded, unless --force-exclude
    assert "KL101" in codes(run("check", "--output-format", "json", "generated/m.py"))
    assert codes(run("check", "--output-format", "json", "--force-exclude", "generated/m.py")) == []


def test_exclude_flag_and_default_excludes(project):
    for folder in (".venv", "build", "vendor", "src"):
        (project / folder).mkdir()
        (project / folder / "m.py").write_text(SIGMOID_STACK)
    findings = json.loads(run("check", "--output-format", "json", "--exclude", "vendor", ".").output)
    assert {Path(f["filename"]).parent.name for f in findings} == {"src"}


def test_bad_config_exits_2_naming_key_and_file(project):
    (project / "pyproject.toml").write_text('[tool.kerlint]\nfail-on = "sometimes"\n')
    (project / "m.py").write_text(CLEAN)
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and "fail-on" in result.output
    (project / "pyproject.toml").write_text("[tool.kerlint]\nselect = [\n")
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 2 and "invalid TOML" in result.output
    # --isolated does not read it at all
    assert CliRunner().invoke(main, ["check", "--isolated", "."]).exit_code == 0


def test_explicit_config_file(project):
    (project / "pyproject.toml").write_text('[tool.kerlint]\nselect = ["KL303"]\n')
    (project / "ci.yaml").write_text("select: [KL1]\nfail-on: error\n")
    (project / "m.py").write_text(FIT_WITHOUT_VALIDATION)
    result = run("check", "--config", "ci.yaml", "--output-format", "json", ".")
    assert set(codes(result)) and all(c.startswith("KL1") for c in codes(result))
    assert result.exit_code == 0  # fail-on error from ci.yaml
    result = CliRunner().invoke(main, ["check", "--config", "ci.yaml", "--isolated", "."])
    assert result.exit_code == 2 and "cannot be used together" in result.output
    (project / "bad.yaml").write_text("colour: red\n")
    result = CliRunner().invoke(main, ["check", "--config", "bad.yaml", "."])
    assert result.exit_code == 2 and "bad.yaml" in result.output and "'colour'" in result.output


# ---- check: output ------------------------------------------------------------------------------


def test_default_text_output_has_frame_help_and_summary(project):
    (project / "deep.py").write_text(SIGMOID_STACK)
    result = run("check", "--select", "KL101", "deep.py")
    first = result.output.splitlines()[0]
    assert first.startswith("deep.py:") and ": KL101 [warning] " in first
    assert " | " in result.output and "^" in result.output and "= help:" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("Found 1 problem")
    assert "\x1b[" not in result.output  # not a TTY: no colour


def test_color_on_a_tty_unless_no_color(project, monkeypatch):
    from kerlint import cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert cli.use_color(None) is True
    assert cli.use_color("out.txt") is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.use_color(None) is False


def test_output_file_and_statistics(project):
    (project / "train.py").write_text(FIT_WITHOUT_VALIDATION)
    result = run("check", "--output-format", "json", "--output-file", "reports/out.json", ".")
    assert result.output == ""
    data = json.loads((project / "reports" / "out.json").read_text())
    assert {"KL101", "KL303"} <= {f["code"] for f in data}
    stats = run("check", "--statistics", ".").output.splitlines()
    rows = {line.split("\t")[1]: int(line.split("\t")[0]) for line in stats}
    assert rows["KL101"] == sum(1 for f in data if f["code"] == "KL101") and rows["KL303"] == 1
    stats_json = json.loads(run("check", "--statistics", "--output-format", "json", ".").output)
    assert {r["code"]: r["count"] for r in stats_json} == rows
    (project / "blocker").write_text("a file, not a folder")
    result = CliRunner().invoke(main, ["check", "--output-file", "blocker/out.txt", "."])
    assert result.exit_code == 2 and "cannot write the report to blocker/out.txt" in result.output


def test_every_output_format_runs(project):
    (project / "deep.py").write_text(SIGMOID_STACK)
    assert run("check", "--output-format", "concise", ".").output.startswith("deep.py:")
    assert run("check", "--output-format", "github", ".").output.startswith("::warning file=deep.py,line=")
    assert json.loads(run("check", "--output-format", "sarif", ".").output)["version"] == "2.1.0"


def test_fixes_are_computed_only_when_the_output_shows_them(project, monkeypatch):
    from kerlint import engine

    (project / "deep.py").write_text(SIGMOID_STACK)
    calls = []
    real = engine.fixes.fix_for
    monkeypatch.setattr(engine.fixes, "fix_for", lambda *a, **k: calls.append(a[0]) or real(*a, **k))

    def fixes_computed(*flags) -> bool:
        calls.clear()
        run("check", "--no-cache", "--jobs", "1", *flags, ".")
        return bool(calls)

    for fmt in ("text", "concise", "github", "sarif"):
        assert not fixes_computed("--output-format", fmt), fmt
    assert fixes_computed("--output-format", "json")
    assert fixes_computed("--statistics")  # marks the fixable codes
    assert fixes_computed("--show-fixes")
    assert fixes_computed("--unsafe-fixes")


def test_show_unused_noqa(project):
    (project / "m.py").write_text(CLEAN.replace("print(math.pi)", "print(math.pi)  # noqa: KL101"))
    assert run("check", ".").exit_code == 0
    result = run("check", "--show-unused-noqa", "--output-format", "json", ".")
    assert codes(result) == ["KL001"] and result.exit_code == 1
    (project / "pyproject.toml").write_text("[tool.kerlint]\nreport-unused-noqa = true\n")
    assert codes(run("check", "--output-format", "json", ".")) == ["KL001"]


def test_noqa_end_to_end(project):
    suppressed = SIGMOID_STACK.replace("model = keras.Sequential([", "model = keras.Sequential([  # noqa: KL101")
    (project / "a.py").write_text(suppressed)
    (project / "b.py").write_text("# kerlint: noqa: KL101\n" + SIGMOID_STACK)
    assert codes(run("check", "--output-format", "json", "--select", "KL101", ".")) == []


def test_python_dash_m_and_console_entry_point(project):
    (project / "deep.py").write_text(SIGMOID_STACK)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "kerlint", "check", "--output-format", "concise", "deep.py"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1 and "KL101" in out.stdout


def test_rule_options_from_config_reach_the_rules(project):
    (project / "deep.py").write_text(SIGMOID_STACK)  # three hidden sigmoid layers
    assert "KL101" in codes(run("check", "--output-format", "json", "."))
    (project / "pyproject.toml").write_text("[tool.kerlint.options]\nsaturating-min-layers = 4\n")
    assert "KL101" not in codes(run("check", "--output-format", "json", "."))
    (project / "pyproject.toml").write_text("[tool.kerlint.options]\nsaturating-min-layers = true\n")
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 2 and "saturating-min-layers: expected an integer" in result.output

"""Configuration: every `[tool.kerlint]` key, the lookup of the nearest file, overrides, errors."""

from __future__ import annotations

import textwrap

import pytest

from kerlint import config as config_module
from kerlint.catalogue import default_options
from kerlint.config import (CONFIG_KEYS, CliOverrides, ConfigError, Settings, SettingsResolver,
                            settings_from_table)
from kerlint.violation import Severity


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def settings_for(tmp_path, body: str, target="pkg/model.py", overrides=None) -> Settings:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.kerlint]\n" + textwrap.dedent(body))
    return SettingsResolver(overrides, cwd=str(tmp_path)).for_path(str(tmp_path / target))


# ---- each key ---------------------------------------------------------------------------------


def test_select_and_prefixes(tmp_path):
    s = settings_for(tmp_path, 'select = ["KL1", "kl303"]')
    assert s.select == ("KL1", "KL303")
    assert s.is_selected("KL101") and s.is_selected("KL303")
    assert not s.is_selected("KL304") and not s.is_selected("KL401")
    assert s.is_selected("KL000") and s.is_selected("KL999")  # always on


def test_extend_select_adds_to_select(tmp_path):
    s = settings_for(tmp_path, 'select = ["KL1"]\nextend-select = ["KL401"]')
    assert s.is_selected("KL101") and s.is_selected("KL401") and not s.is_selected("KL303")


def test_ignore_most_specific_wins(tmp_path):
    s = settings_for(tmp_path, 'select = ["KL10"]\nignore = ["KL1", "KL104"]')
    assert s.is_selected("KL101")  # KL10 is more specific than the ignored KL1
    assert not s.is_selected("KL104")  # the exact code beats the KL10 prefix
    s = settings_for(tmp_path, 'select = ["ALL"]\nignore = ["KL3"]')
    assert s.is_selected("KL101") and not s.is_selected("KL303")


def test_per_file_ignores_are_globs_relative_to_the_config(tmp_path, monkeypatch):
    s = settings_for(tmp_path, """
        [tool.kerlint.per-file-ignores]
        "notebooks/*.ipynb" = ["KL303"]
        "experiments/**/*.py" = ["KL1"]
        "conftest.py" = ["KL401"]
        """)
    root = tmp_path
    assert s.is_ignored_for_file("KL303", str(root / "notebooks" / "a.ipynb"))
    assert not s.is_ignored_for_file("KL303", str(root / "src" / "a.ipynb"))
    assert s.is_ignored_for_file("KL104", str(root / "experiments" / "x" / "y.py"))
    assert not s.is_ignored_for_file("KL303", str(root / "experiments" / "x" / "y.py"))
    assert s.is_ignored_for_file("KL401", str(root / "deep" / "down" / "conftest.py"))  # basename pattern
    # relative to the config's folder, whatever the cwd and however the path was written
    (root / "src").mkdir()
    monkeypatch.chdir(root / "src")
    assert s.is_ignored_for_file("KL303", "../notebooks/a.ipynb")
    assert not s.is_ignored_for_file("KL303", "notebooks/a.ipynb")  # that is src/notebooks/a.ipynb


def test_fail_on(tmp_path):
    assert settings_for(tmp_path, 'fail-on = "error"').fail_on is Severity.ERROR
    assert settings_for(tmp_path, 'fail-on = "info"').fail_on is Severity.INFO
    assert Settings().fail_on is Severity.WARNING


def test_exclude_globs(tmp_path):
    s = settings_for(tmp_path, 'exclude = ["generated", "legacy/*.py", "**/scratch_*.py"]')
    assert s.is_excluded(str(tmp_path / "generated" / "m.py"))
    assert s.is_excluded(str(tmp_path / "a" / "generated" / "m.py"))  # a folder name anywhere
    assert s.is_excluded(str(tmp_path / "legacy" / "old.py"))
    assert s.is_excluded(str(tmp_path / "scratch_1.py"))
    assert not s.is_excluded(str(tmp_path / "src" / "legacy.py"))


def test_report_unused_noqa(tmp_path):
    assert settings_for(tmp_path, "report-unused-noqa = true").report_unused_noqa is True
    assert Settings().report_unused_noqa is False


def test_prefilter_key(tmp_path):
    assert settings_for(tmp_path, "prefilter = false").prefilter is False
    assert Settings().prefilter is True


def test_options_are_checked_against_the_catalogue(tmp_path):
    defaults = default_options()
    if not defaults:
        pytest.skip("no rule declares options yet")
    name, default = next((n, d) for n, d in sorted(defaults.items()) if isinstance(d, (int, float))
                         and not isinstance(d, bool))
    value = default * 2 if default else 3
    s = settings_for(tmp_path, f"[tool.kerlint.options]\n{name} = {value!r}\n")
    assert s.options == {name: value} and s.option(name) == value
    other_spelling = name.replace("-", "_") if "-" in name else name.replace("_", "-")
    s = settings_for(tmp_path, f"[tool.kerlint.options]\n{other_spelling} = {value!r}\n")
    assert s.options == {name: value}
    with pytest.raises(ConfigError) as err:
        settings_for(tmp_path, f'[tool.kerlint.options]\n{name} = "many"\n')
    assert name in str(err.value) and "pyproject.toml" in str(err.value) and "expected" in str(err.value)


def test_every_documented_key_has_a_test():
    tested = {"select", "extend-select", "ignore", "per-file-ignores", "fail-on", "exclude",
              "report-unused-noqa", "prefilter", "options"}
    assert set(CONFIG_KEYS) == tested


# ---- errors name the key and the file -----------------------------------------------------------


@pytest.mark.parametrize("body, words", [
    ('selct = ["KL1"]', ["unknown key 'selct'", "did you mean 'select'"]),
    ('select = ["KL8"]', ["select", "unknown rule code or prefix 'KL8'"]),
    ('select = ["KL1011"]', ["select", "unknown rule code or prefix 'KL1011'"]),
    ('ignore = ["XYZ123"]', ["ignore", "'XYZ123'"]),
    ('select = "KL1,KL5"', ["select", "expected a list of rule codes, got the string", "['KL1', 'KL5']"]),
    ('ignore = "KL101"', ["ignore", "expected a list of rule codes"]),
    ('[tool.kerlint.per-file-ignores]\n"a.py" = "KL101"', ["per-file-ignores", "expected a list of rule codes"]),
    ('[tool.kerlint.options]\ndeep-stack-min-conv = -5', ["deep-stack-min-conv", "above zero", "-5"]),
    ('[tool.kerlint.options]\nlr-min = 0', ["lr-min", "above zero"]),
    ('[tool.kerlint.options]\nlr-min = nan', ["lr-min", "above zero", "nan"]),
    ('[tool.kerlint.options]\nloss_blowup = inf', ["loss_blowup", "above zero"]),
    ('[tool.kerlint.options]\noverfit_samples = -5', ["overfit_samples", "above zero"]),
    ('select = 3', ["select", "expected a list of rule codes"]),
    ('extend-select = [1]', ["extend-select", "expected a rule code"]),
    ('fail-on = "fatal"', ["fail-on", "expected one of error, warning, info"]),
    ('fail-on = 2', ["fail-on", "expected one of"]),
    ('exclude = "build"', ["exclude", "expected a list of glob strings"]),
    ('report-unused-noqa = "yes"', ["report-unused-noqa", "expected true or false"]),
    ('per-file-ignores = ["a"]', ["per-file-ignores", "expected a table"]),
    ('[tool.kerlint.per-file-ignores]\n"a.py" = ["KL77"]', ["per-file-ignores", "'KL77'"]),
    ('[tool.kerlint.options]\nno_such_option = 3', ["options.no_such_option", "unknown rule option"]),
])
def test_bad_values(tmp_path, body, words):
    with pytest.raises(ConfigError) as err:
        settings_for(tmp_path, body)
    message = str(err.value)
    assert message.startswith(str(tmp_path / "pyproject.toml") + ":")
    for word in words:
        assert word in message


def test_bad_toml_names_the_file(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.kerlint\nselect = [")
    with pytest.raises(ConfigError, match=r"pyproject.toml: invalid TOML"):
        SettingsResolver(cwd=str(tmp_path)).for_path(str(tmp_path / "m.py"))


# ---- which file governs which path --------------------------------------------------------------


def test_nearest_config_upward_and_pyproject_without_section_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.kerlint]\nignore = ["KL101"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'sub'\n")  # no [tool.kerlint]
    write(tmp_path / "other" / "pyproject.toml", '[tool.kerlint]\nignore = ["KL303"]\n')
    resolver = SettingsResolver(cwd=str(tmp_path))
    assert resolver.for_path(str(tmp_path / "sub" / "deep" / "m.py")).ignore == ("KL101",)
    other = resolver.for_path(str(tmp_path / "other" / "m.py"))
    assert other.ignore == ("KL303",) and other.source == str(tmp_path / "other" / "pyproject.toml")
    assert other.root == str(tmp_path / "other")


def test_kerlint_toml_has_top_level_keys_and_wins_in_its_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.kerlint]\nignore = ["KL101"]\n')
    write(tmp_path / "kerlint.toml", 'ignore = ["KL303"]\n')
    assert SettingsResolver(cwd=str(tmp_path)).for_path(str(tmp_path / "m.py")).ignore == ("KL303",)


def test_no_config_anywhere_gives_defaults(tmp_path):
    s = SettingsResolver(cwd=str(tmp_path)).for_path(str(tmp_path / "m.py"))
    assert (s.select, s.ignore, s.fail_on, s.source) == (("KL",), (), Severity.WARNING, "")


def test_lookup_is_cached_per_directory(tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", '[tool.kerlint]\nignore = ["KL101"]\n')
    reads = []
    real = config_module.read_config_file
    monkeypatch.setattr(config_module, "read_config_file", lambda p: reads.append(p) or real(p))
    resolver = SettingsResolver(cwd=str(tmp_path))
    for name in ("a.py", "b.py", "c/d.py", "c/e.py"):
        resolver.for_path(str(tmp_path / name))
    assert reads == [str(tmp_path / "pyproject.toml")]


def test_explicit_config_toml_and_yaml(tmp_path):
    toml = write(tmp_path / "conf" / "strict.toml", 'fail-on = "info"\n[options]\n')
    assert SettingsResolver(config_path=str(toml), cwd=str(tmp_path)).for_path("x.py").fail_on is Severity.INFO
    yml = write(tmp_path / "kerlint.yaml", """
        select: [KL1]
        per-file-ignores:
          "tests/*.py": [KL101]
        """)
    s = SettingsResolver(config_path=str(yml), cwd=str(tmp_path)).for_path(str(tmp_path / "a" / "b.py"))
    assert s.select == ("KL1",) and s.per_file_ignores == (("tests/*.py", ("KL101",)),)
    # relative globs of an explicit --config are relative to the config's folder (as the README says)
    assert s.is_ignored_for_file("KL101", str(tmp_path / "tests" / "t.py"))
    sub = write(tmp_path / "sub" / "pyproject.toml", """
        [tool.kerlint.per-file-ignores]
        "tests/*.py" = ["KL101"]
        """)
    s = SettingsResolver(config_path=str(sub), cwd=str(tmp_path)).for_path(str(tmp_path / "x.py"))
    assert s.is_ignored_for_file("KL101", str(tmp_path / "sub" / "tests" / "t.py"))
    assert not s.is_ignored_for_file("KL101", str(tmp_path / "tests" / "t.py"))  # the cwd's tests/ is not it


def test_yaml_is_read_with_safe_load(tmp_path):
    yml = write(tmp_path / "k.yaml", "select: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        SettingsResolver(config_path=str(yml), cwd=str(tmp_path))


def test_explicit_config_errors_name_the_file(tmp_path):
    yml = write(tmp_path / "k.yaml", "fail_on: error\n")
    with pytest.raises(ConfigError) as err:
        SettingsResolver(config_path=str(yml), cwd=str(tmp_path))
    assert str(err.value).startswith(f"{yml}: top level unknown key 'fail_on'") and "fail-on" in str(err.value)


def test_isolated_ignores_config_files(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.kerlint]\nignore = ["KL101"]\nfail-on = "error"\n')
    s = SettingsResolver(isolated=True, cwd=str(tmp_path)).for_path(str(tmp_path / "m.py"))
    assert s.ignore == () and s.fail_on is Severity.WARNING


# ---- the command line's layer -------------------------------------------------------------------


def test_cli_overrides(tmp_path):
    body = 'select = ["KL1"]\nextend-select = ["KL401"]\nignore = ["KL104"]\nfail-on = "error"\nexclude = ["gen"]'
    s = settings_for(tmp_path, body, overrides=CliOverrides(ignore=("KL102",), extend_select=("KL303",),
                                                             exclude=("tmp",), fail_on=Severity.INFO,
                                                             report_unused_noqa=True))
    assert s.select == ("KL1",) and s.extend_select == ("KL401", "KL303")
    assert s.ignore == ("KL104", "KL102") and s.exclude == ("gen", "tmp")
    assert s.fail_on is Severity.INFO and s.report_unused_noqa is True
    # --select replaces the file's selection and drops the ignores that were relative to it (ruff)
    s = settings_for(tmp_path, body, overrides=CliOverrides(select=("KL104",)))
    assert s.select == ("KL104",) and s.ignore == () and s.extend_select == ()
    assert s.is_selected("KL104") and not s.is_selected("KL401")
    assert s.fail_on is Severity.ERROR  # untouched when the flag is absent


def test_settings_from_table_rejects_non_table():
    with pytest.raises(ConfigError, match="must be a table"):
        settings_from_table(["select"], "pyproject.toml", "/")

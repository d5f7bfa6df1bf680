"""The .kerlint_cache: same output as an uncached run, never stale, damaged entries ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kerlint import cache as cache_mod
from kerlint import parallel
from kerlint.cache import Cache
from kerlint.config import Settings

SIGMOID = """from tensorflow import keras
model = keras.Sequential([
    keras.layers.Dense(64, activation="sigmoid", input_shape=(10,)),
    keras.layers.Dense(64, activation="sigmoid"),
    keras.layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.Adam(lr=0.01), loss="mse")
model.fit(x, y, epochs=5)
"""


@pytest.fixture
def tree(tmp_path) -> list[str]:
    files = []
    for i in range(5):
        path = tmp_path / "src" / f"model_{i}.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(SIGMOID.replace("64", str(64 + i)))
        files.append(str(path))
    (tmp_path / "src" / "broken.py").write_text("def f(:\n")
    files.append(str(tmp_path / "src" / "broken.py"))
    return files


def run(files, cache, settings=Settings()):
    return parallel.lint_files(files, lambda p: settings, jobs=1, cache=cache)


def test_second_run_is_served_from_the_cache_with_identical_results(tree, tmp_path):
    uncached = run(tree, None)
    first = Cache(tmp_path / "cache")
    cold = run(tree, first)
    assert first.hits == 0
    second = Cache(tmp_path / "cache")
    warm = run(tree, second)
    assert second.hits == len(tree) and second.misses == 0
    assert uncached.violations == cold.violations == warm.violations
    assert [v.fix for v in uncached.violations] == [v.fix for v in warm.violations]
    assert any(v.code == "KL000" for v in warm.violations)


def test_a_changed_file_or_setting_or_kerlint_build_is_linted_again(tree, tmp_path, monkeypatch):
    run(tree, Cache(tmp_path / "cache"))
    Path(tree[0]).write_text(SIGMOID.replace("sigmoid", "relu"))
    c = Cache(tmp_path / "cache")
    result = run(tree, c)
    assert c.misses == 1 and c.hits == len(tree) - 1
    assert not any(v.code == "KL101" and v.filename == tree[0] for v in result.violations)

    c = Cache(tmp_path / "cache")
    run(tree, c, Settings(ignore=("KL101",)))
    assert c.hits == 0  # other settings, other keys

    monkeypatch.setattr(cache_mod, "fingerprint", lambda: "a rule's code changed")
    c = Cache(tmp_path / "cache")
    run(tree, c)
    assert c.hits == 0


def test_a_run_without_fixes_never_serves_a_run_with_them(tree, tmp_path):
    # A text run skips the fixes (Settings.compute_fixes=False); a JSON run then needs them.
    plain = run(tree, Cache(tmp_path / "cache"), Settings(compute_fixes=False))
    assert plain.violations and all(v.fix is None for v in plain.violations if v.code != "KL001")
    c = Cache(tmp_path / "cache")
    with_fixes = run(tree, c)
    assert c.hits == 0
    assert any(v.fix is not None for v in with_fixes.violations)


def test_cli_json_from_the_cache_after_a_text_run_still_has_fixes(tree, tmp_path):
    env = {**os.environ, "NO_COLOR": "1", "KERLINT_CACHE_DIR": str(tmp_path / "cache")}

    def check(fmt, *args):
        return subprocess.run([sys.executable, "-m", "kerlint", "check", "--output-format", fmt, *args, "src"],
                              cwd=tmp_path, capture_output=True, env=env).stdout

    check("text")
    assert check("json") == check("json", "--no-cache")
    assert b'"fix": {' in check("json")


def test_fingerprint_covers_kerlint_sources_and_rule_entries():
    from kerlint.catalogue import rules_dir

    fp = cache_mod.fingerprint()
    assert len(fp) == 64
    assert any(rules_dir().glob("*.yaml"))


def test_damaged_entries_are_ignored_and_rewritten(tree, tmp_path):
    expected = run(tree, None).violations
    run(tree, Cache(tmp_path / "cache"))
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == len(tree)
    entries[0].write_text("{ not json")
    entries[1].write_bytes(b"\x00\xff")
    entry = json.loads(entries[2].read_text())
    entry["violations"] = [{"code": "KL101"}]  # a missing field
    entries[2].write_text(json.dumps(entry))
    entries[3].write_text(json.dumps({"format": 1, "key": "another", "internal": 0, "violations": []}))
    c = Cache(tmp_path / "cache")
    assert run(tree, c).violations == expected
    assert c.misses == 4
    c = Cache(tmp_path / "cache")
    assert run(tree, c).violations == expected and c.hits == len(tree)  # rewritten
    assert not list((tmp_path / "cache").rglob(".tmp-*"))  # atomic writes leave no temporaries


def test_internal_errors_are_not_cached(tree, tmp_path, monkeypatch):
    from kerlint.checks import registry

    def broken(model, opts):
        raise RuntimeError("boom")

    monkeypatch.setitem(registry.CHECKS, "KL101", registry.RegisteredCheck("KL101", "model", broken))
    c = Cache(tmp_path / "cache")
    result = run(tree[:1], c)
    assert result.internal_errors == 1
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_cli_uses_the_cache_in_the_working_directory_unless_no_cache(tree, tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("KERLINT_CACHE_DIR", None)

    def check(*args):
        return subprocess.run([sys.executable, "-m", "kerlint", "check", "--output-format", "json", *args, "src"],
                              cwd=tmp_path, capture_output=True, env=env)

    plain = check("--no-cache")
    assert not (tmp_path / ".kerlint_cache").exists()
    cold, warm = check(), check()
    assert (tmp_path / ".kerlint_cache" / "CACHEDIR.TAG").exists()
    assert plain.stdout == cold.stdout == warm.stdout and plain.returncode == warm.returncode == 1


def test_a_fully_cached_run_does_not_import_libcst(tree, tmp_path):
    code = (
        "import sys\n"
        "from kerlint.cli import run_lint\n"
        "from kerlint.config import SettingsResolver\n"
        f"files = {tree!r}\n"
        "run_lint(files, SettingsResolver(isolated=True), jobs=1, use_cache=True)\n"
        "print('libcst' in sys.modules)\n"
    )
    env = {**os.environ, "KERLINT_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert first.stdout.strip() == "True", first.stderr
    assert second.stdout.strip() == "False", second.stderr


@pytest.mark.parametrize("field, value", [
    ("location", "12"),            # a string: Position("1", "2") used to crash the sort (TypeError)
    ("location", [1.5, 2]),        # a float: broke the text formatter
    ("location", [0, 1]),          # not 1-based
    ("end_location", [True, 1]),   # a boolean is not a row
    ("severity", "error"),
    ("message", 7),
    ("cell", "3"),
    ("extra", []),
    ("fix", {"message": "m", "applicability": "safe", "edits": [["1", 1, 1, 2, "x"]]}),
])
def test_a_wrong_typed_entry_is_a_miss_not_a_crash(tree, tmp_path, field, value):
    expected = run(tree, None).violations
    run(tree, Cache(tmp_path / "cache"))
    damaged = 0
    for entry_path in (tmp_path / "cache").rglob("*.json"):
        entry = json.loads(entry_path.read_text())
        if entry["violations"]:
            entry["violations"][0][field] = value
            entry_path.write_text(json.dumps(entry))
            damaged += 1
    assert damaged
    c = Cache(tmp_path / "cache")
    result = run(tree, c)
    assert result.violations == expected and result.internal_errors == 0
    assert c.misses == damaged


def test_a_wrong_typed_entry_is_a_miss_through_the_cli(tree, tmp_path):
    """The end-to-end symptom: valid JSON with a string location gave a TypeError traceback and exit 1."""
    env = {**os.environ, "KERLINT_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "kerlint", "check", "--output-format", "concise", "--jobs", "1", *tree]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env)
    for entry_path in (tmp_path / "cache").rglob("*.json"):
        entry = json.loads(entry_path.read_text())
        for v in entry["violations"]:
            v["location"] = "12"
        entry["internal"] = "0"
        entry_path.write_text(json.dumps(entry))
    second = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert second.returncode == first.returncode == 1, second.stderr
    assert second.stdout == first.stdout and "Traceback" not in second.stderr

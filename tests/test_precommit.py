"""The pre-commit hook, run by the real `pre-commit try-repo` against a throwaway git repository.

try-repo installs kerlint from a hook repository into its own virtualenv (pip, from this checkout),
so the test first copies what a clone would hold (pyproject, README, kerlint/, rules/, the hooks
file) into a fresh repository and commits it: the shared work tree's uncommitted files of other
people never leak in, and a clean clone behaves the same. PRE_COMMIT_HOME is kept under tmp.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
HOOK_REPO_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "kerlint", "rules")

BUGGY = textwrap.dedent("""\
    from tensorflow import keras
    from tensorflow.keras import layers

    model = keras.Sequential([
        keras.Input(shape=(32,)),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(10, activation="softmax"),
    ])
    """)
CLEAN = "import math\n\nprint(math.pi)\n"


def git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_hooks_file_declares_both_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"kerlint", "kerlint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types_or"] == ["python", "jupyter"]
        assert hook["entry"].startswith("kerlint check")
    assert "--fix" in hooks["kerlint-fix"]["entry"].split()


@pytest.fixture
def hook_repo(tmp_path) -> Path:
    repo = tmp_path / "hook-repo"
    repo.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_rules")
    for name in HOOK_REPO_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "hook repo snapshot")
    return repo


@pytest.mark.slow
def test_pre_commit_try_repo_fails_on_the_bug_then_passes(tmp_path, hook_repo):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    project = tmp_path / "project"
    project.mkdir()
    (project / "model.py").write_text(BUGGY)
    (project / "util.py").write_text(CLEAN)
    git(project, "init", "-q")
    git(project, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "kerlint", "--all-files",
               "--color", "never"]

    first = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "model.py:6:5: KL101 [warning]" in first.stdout
    assert "util.py" not in first.stdout.split("Failed", 1)[-1]

    (project / "model.py").write_text(BUGGY.replace("sigmoid", "relu"))
    git(project, "add", ".")
    second = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout

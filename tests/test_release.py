"""Release hygiene: the README's pre-commit `rev` is the tag the release step makes, and the package that
`python -m build` makes installs and runs on its own."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest
import yaml

import kerlint

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()
# What a clone holds that a build needs (other people's uncommitted files and build artefacts stay out).
PACKAGE_FILES = ("pyproject.toml", "README.md", "kerlint", "rules")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}

BUGGY = textwrap.dedent("""\
    from tensorflow import keras
    opt = keras.optimizers.Adam(lr=0.001)
    """)


def _copy(names, target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_rules")
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)


def _readme_rev() -> str:
    block = re.search(r"```yaml\n# \.pre-commit-config\.yaml\n(.*?)```", README, re.S).group(1)
    return yaml.safe_load(block)["repos"][0]["rev"]


def test_readme_pre_commit_rev_is_the_current_release_tag():
    assert _readme_rev() == f"v{kerlint.__version__}"
    assert f"git push origin v{kerlint.__version__}" in README


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV})


def test_make_tag_makes_the_readme_rev_on_a_clean_tree_only(tmp_path):
    if shutil.which("git") is None or shutil.which("make") is None:
        pytest.skip("git and make are needed")
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy2(REPO / "Makefile", repo / "Makefile")
    (repo / "kerlint").mkdir()
    shutil.copy2(REPO / "kerlint" / "__init__.py", repo / "kerlint" / "__init__.py")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "release candidate")
    env = {**os.environ, **GIT_ENV}

    (repo / "Makefile").write_text((repo / "Makefile").read_text() + "\n# an uncommitted edit\n")
    dirty = subprocess.run(["make", "-s", "tag"], cwd=repo, capture_output=True, text=True, env=env)
    assert dirty.returncode != 0 and "commit your changes first" in dirty.stdout
    _git(repo, "checkout", "Makefile")

    made = subprocess.run(["make", "-s", "tag"], cwd=repo, capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    assert _git(repo, "tag", "--list").stdout.split() == [_readme_rev()]
    assert _git(repo, "rev-parse", f"{_readme_rev()}^{{commit}}").stdout == _git(repo, "rev-parse", "HEAD").stdout
    again = subprocess.run(["make", "-s", "tag"], cwd=repo, capture_output=True, text=True, env=env)
    assert again.returncode != 0 and "exists already" in again.stdout


@pytest.mark.slow
def test_the_built_wheel_installs_in_a_fresh_venv_and_runs_kerlint_check(tmp_path):
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    source = tmp_path / "src"
    source.mkdir()
    _copy(PACKAGE_FILES, source)
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    wheels = list(dist.glob("kerlint-*.whl"))
    assert len(wheels) == 1 and list(dist.glob("kerlint-*.tar.gz")), list(dist.iterdir())
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    assert {"kerlint/lsp/server.py", "kerlint/add_noqa.py", "kerlint/_rules/KL504.yaml"} <= names

    # A fresh venv holding only the wheel; its dependencies (libcst, click, pyyaml) are read from this
    # venv's site-packages through a .pth line (this venv's editable kerlint is not: a path added by a
    # .pth line does not have its own .pth files run).
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    fresh_site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                capture_output=True, text=True, check=True).stdout.strip()
    Path(fresh_site, "parent_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                                "--no-index", "--quiet", str(wheels[0])], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    work = tmp_path / "work"
    work.mkdir()
    (work / "train.py").write_text(BUGGY)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run([python, "-c", "import kerlint, kerlint.catalogue as c; "
                                          "print(kerlint.__file__); print(c.rules_dir())"],
                           cwd=work, capture_output=True, text=True, env=env, check=True).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where  # the wheel's files, rules packaged
    check = subprocess.run([venv / "bin" / "kerlint", "check", "--output-format", "json", "train.py"],
                           cwd=work, capture_output=True, text=True, env=env, timeout=120)
    assert check.returncode == 1, check.stdout + check.stderr
    (finding,) = json.loads(check.stdout)
    assert finding["code"] == "KL504" and finding["url"].endswith("/docs/rules/KL504.md")
    rule = subprocess.run([venv / "bin" / "kerlint", "rule", "KL504"], cwd=work, capture_output=True, text=True,
                          env=env, timeout=60)
    assert rule.returncode == 0 and rule.stdout.startswith("# removed-lr-argument (KL504)")

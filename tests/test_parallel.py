"""--jobs: the same bytes out whatever the number of processes, and a dying worker loses one file only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kerlint import parallel
from kerlint.config import Settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402  (bench/corpus.py: the benchmark's generator of Keras scripts)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    corpus.build(root / "c", files=24, seed=3, examples=ROOT / "examples")
    (root / "c" / "broken.py").write_text("model = Sequential([\n    Dense(10,\n")
    (root / "c" / "binary.py").write_bytes(b"\x00\x01" * 100)
    return root


def kerlint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kerlint", "check", "--no-cache", *args], cwd=cwd,
                          capture_output=True, env={**os.environ, "NO_COLOR": "1"})


def test_generator_is_deterministic(tmp_path):
    a = corpus.build(tmp_path / "a", files=5, seed=11)
    b = corpus.build(tmp_path / "b", files=5, seed=11)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert sum(p.read_text().count("\n") for p in a) > 100


@pytest.mark.parametrize("fmt", ["text", "json", "concise"])
def test_jobs_1_and_2_give_identical_bytes(small_corpus, fmt):
    one = kerlint(small_corpus, "--jobs", "1", "--output-format", fmt, "c")
    two = kerlint(small_corpus, "--jobs", "2", "--output-format", fmt, "c")
    assert one.returncode == two.returncode == 1, one.stderr.decode()
    assert one.stdout == two.stdout
    assert b"KL000" in one.stdout  # broken.py and binary.py are reported, the rest linted
    assert len(set(line.split(b":")[0] for line in one.stdout.splitlines() if b".py:" in line)) > 10 \
        or fmt != "concise"


def test_jobs_default_is_all_cores_and_order_is_the_file_order(small_corpus):
    files = sorted(str(p) for p in (small_corpus / "c").rglob("*.py"))
    serial = parallel.lint_files(files, lambda p: Settings(), jobs=1)
    pooled = parallel.lint_files(list(reversed(files)), lambda p: Settings(), jobs=3)
    assert serial.violations == pooled.violations
    assert serial.files == pooled.files == len(files)
    assert parallel.default_jobs() >= 1


def test_a_worker_that_dies_loses_only_its_file(tmp_path, monkeypatch):
    """The native parser can kill its process (stack overflow); the pool isolates the file."""
    good = []
    for i in range(6):
        path = tmp_path / f"m{i}.py"
        path.write_text("from tensorflow import keras\nmodel = keras.Sequential()\nmodel.fit(x, y)\n")
        good.append(str(path))
    killer = tmp_path / "killer.py"
    killer.write_text("x = 1\n")
    real = parallel.lint_one

    def lint_one(path, settings):
        if path.endswith("killer.py"):
            os._exit(139)  # what a segmentation fault in the parser looks like from outside
        return real(path, settings)

    monkeypatch.setattr(parallel, "lint_one", lint_one)  # workers are forked: they inherit the patch
    result = parallel.lint_files(good + [str(killer)], lambda p: Settings(), jobs=2)
    by_file = {}
    for v in result.violations:
        by_file.setdefault(Path(v.filename).name, []).append(v.code)
    assert by_file["killer.py"] == ["KL000"]
    assert all("KL303" in by_file[f"m{i}.py"] for i in range(6)), by_file
    assert result.internal_errors == 0

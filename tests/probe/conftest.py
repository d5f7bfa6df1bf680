import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_probe_cli(script: Path, *args: str, timeout: float = 240) -> tuple[int, dict | None, str, str]:
    """Run `python -m kerlint.probe.cli SCRIPT ARGS --output-format json`; returns (exit, report, out, err).
    Without a --time-budget in ARGS the measurements get no time cap (0): a loaded test machine must not
    change what the tests measure (tests/probe/test_probe_budget.py tests the cap itself)."""
    if "--time-budget" not in args:
        args = ("--time-budget", "0", *args)  # before any "--" (what follows it is the script's)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    command = [sys.executable, "-m", "kerlint.probe.cli", str(script), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=script.parent)
    report = None
    if "--output-format" in args and "json" in args:
        report = json.loads(done.stdout)
    return done.returncode, report, done.stdout, done.stderr


def write_script(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def symptoms(report: dict) -> dict:
    return {s["code"]: s for s in report["symptoms"]}


def findings(report: dict) -> dict:
    return {f["code"]: f for f in report["findings"]}


@pytest.fixture
def probe_json():
    def run(script: Path, *args: str, max_steps: int = 60):
        return run_probe_cli(script, "--max-steps", str(max_steps), "--output-format", "json", "-q", *args)

    return run

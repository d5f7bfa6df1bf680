"""The probe on healthy programs: keras-io, Keras and TensorFlow-docs files that load a `keras.datasets` set.

    python3 bench/probe_healthy.py GOOD_DIR OUT [--kerlint PATH] [--site DIR] [--timeout S]

GOOD_DIR is the good corpus of ../shared/realcode/ (its keras-io/, keras/ and tensorflow-docs/ folders). Each
file that loads MNIST, Fashion-MNIST, CIFAR-10/100, IMDB, Reuters or Boston housing is copied into a fresh
temporary folder and probed there with `--synthetic` (no network), so nothing is written next to the corpus;
`--site` is put on PYTHONPATH for the libraries the programs import (pandas, scikit-learn, matplotlib).
Each report goes to OUT/<file>.json (stderr to .err).

These programs train well as published, so every observed symptom and every error or warning cause in the
diagnosis of a run that reached fit() is a false alarm, the figure issue 15 asks to keep low. Prints one line
per program and the summary.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATASETS = re.compile(r"datasets\.(mnist|fashion_mnist|cifar10|cifar100|imdb|reuters|boston_housing)\b")


def programs(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if DATASETS.search(p.read_text(encoding="utf-8", errors="replace")))


def alarms(report: dict) -> tuple[list[str], list[str]]:
    observed = [s["code"] for s in report.get("symptoms", []) if s.get("observed")]
    causes = [c["cause"] for c in (report.get("diagnosis") or {}).get("causes", [])
              if c.get("level") in ("error", "warning")]
    return observed, causes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("good_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--kerlint", default="kerlint")
    parser.add_argument("--site", default="")
    parser.add_argument("--timeout", type=int, default=90)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, MPLBACKEND="Agg")
    if args.site:
        env["PYTHONPATH"] = args.site
    rows = []
    for path in programs(args.good_dir):
        name = "__".join(path.relative_to(args.good_dir).with_suffix("").parts)
        work = Path(tempfile.mkdtemp(prefix="kerlint-healthy-"))
        try:
            shutil.copy(path, work)
            started = time.monotonic()
            done = subprocess.run([args.kerlint, "probe", "--synthetic", "--output-format", "json",
                                   "--timeout", str(args.timeout), path.name], cwd=work, env=env,
                                  capture_output=True, text=True, timeout=args.timeout + 60)
            seconds = time.monotonic() - started
        finally:
            shutil.rmtree(work, ignore_errors=True)
        (args.out / f"{name}.json").write_text(done.stdout, encoding="utf-8")
        (args.out / f"{name}.err").write_text(done.stderr, encoding="utf-8")
        try:
            report = json.loads(done.stdout)
        except ValueError:
            report = {"status": f"no JSON (exit {done.returncode})"}
        observed, causes = alarms(report)
        rows.append((name, report.get("status"), seconds, observed, causes))
        print(f"{name:72s} {report.get('status'):14s} {seconds:5.1f}s  {' '.join(observed) or '-'}"
              f"  {' '.join(causes)}", flush=True)
    ran = [r for r in rows if r[1] == "ok"]
    alarmed = [r for r in ran if r[3] or r[4]]
    statuses: dict[str, int] = {}
    for row in rows:
        statuses[row[1]] = statuses.get(row[1], 0) + 1
    times = [r[2] for r in ran]
    print(f"\n{len(rows)} programs; reached fit() and measured: {len(ran)}; statuses: {statuses}")
    print(f"false alarms (an observed symptom or an error/warning cause) on healthy runs: {len(alarmed)}/{len(ran)}"
          + (f"; time per measured run median {statistics.median(times):.1f} s, max {max(times):.1f} s" if times else ""))
    for name, _, _, observed, causes in alarmed:
        print(f"  {name}: {' '.join(observed)} | {' '.join(causes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Wall time of `kerlint probe` on an MNIST-sized CNN, TensorFlow import included.

The script probed is the Keras "simple MNIST convnet" shape: 2 conv blocks (32 and 64 filters),
28x28x1 inputs, 10 classes, batch 128, with `--synthetic` (no download) and otherwise the default
settings (--max-steps 200). Goal: <= 30 s on 2 CPU cores.

    python bench/probe_mnist.py [--runs 3] [--write]    (--write updates bench/RESULTS-probe.md)
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 30.0
KEEP_MARKER = "<!-- sections below are kept by --write -->"

MNIST_CNN = '''\
import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32")[..., None] / 255.0
x_test = x_test.astype("float32")[..., None] / 255.0
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
])
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=15, validation_split=0.1)
'''


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "python": sys.version.split()[0]}


def probe_once(script: Path) -> tuple[float, dict]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kerlint", "probe", str(script), "--synthetic",
                           "--output-format", "json", "-q"], capture_output=True, text=True, env=env,
                          cwd=script.parent)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"probe failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS-probe.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "mnist_cnn.py"
        script.write_text(MNIST_CNN, encoding="utf-8")
        runs = [probe_once(script) for _ in range(args.runs)]
    times = [t for t, _ in runs]
    report = runs[-1][1]
    info = machine()
    observed = [s["code"] for s in report["symptoms"] if s["observed"]]
    summary = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "runs_seconds": [round(t, 2) for t in times], "median_seconds": round(statistics.median(times), 2),
        "goal_seconds": GOAL_SECONDS, "steps": report["steps"], "stage_seconds": report.get("timings", {}),
        "seconds_per_training_step": report.get("curves", {}).get("seconds_per_step"),
        "observed_symptoms": observed, **info,
    }
    print(json.dumps(summary, indent=2))
    if args.write:
        write_results(summary)


def write_results(s: dict) -> None:
    stages = "\n".join(f"| {name} | {secs:.2f} |" for name, secs in s["stage_seconds"].items())
    verdict = "meets" if s["median_seconds"] <= s["goal_seconds"] else "MISSES"
    text = f"""# kerlint probe: wall time on an MNIST-sized CNN

`python bench/probe_mnist.py --runs {len(s['runs_seconds'])} --write` on {s['date']}.

- Model: 2 conv blocks (Conv2D 32 and 64, 3x3, ReLU, max-pooling), Dropout, Dense(10 softmax);
  28x28x1 inputs, batch 128, Adam, categorical cross-entropy.
- Command: `kerlint probe mnist_cnn.py --synthetic` with the default settings (--max-steps 200),
  measured from process start to exit: the TensorFlow import (in the child; the parent never imports
  it), the script's own code up to fit() and the static check are all included.
- Machine: {s['nproc']} CPUs visible (`nproc`), {s['cpu']}; Python {s['python']}; CPU only, no GPU.
  Other work may have been sharing the cores while this ran.

| run | wall time (s) |
|---|---|
""" + "\n".join(f"| {i + 1} | {t:.2f} |" for i, t in enumerate(s["runs_seconds"])) + f"""

**Median {s['median_seconds']:.1f} s: {verdict} the {s['goal_seconds']:.0f} s goal.**
{s['steps']} training steps at {s['seconds_per_training_step']} s per step.

Time inside the child per stage (last run; the rest is Python + TensorFlow start-up, the script's own
code up to fit(), and the static check):

| stage | seconds |
|---|---|
{stages}

Symptoms observed on this healthy model: {', '.join(s['observed_symptoms']) or 'none'}.
"""
    path = REPO / "bench" / "RESULTS-probe.md"
    kept = ""  # hand-written sections below the marker survive a re-run
    if path.exists() and KEEP_MARKER in path.read_text(encoding="utf-8"):
        kept = path.read_text(encoding="utf-8").split(KEEP_MARKER, 1)[1]
    path.write_text(text + "\n" + KEEP_MARKER + kept, encoding="utf-8")


if __name__ == "__main__":
    main()

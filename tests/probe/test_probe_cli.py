"""`kerlint probe` as users meet it: failures before fit, timeouts, usage errors, reports, --synthetic."""

import os
import subprocess
import sys
import time

import jsonschema
import pytest

from kerlint.probe.schema import PROBE_REPORT
from tests.probe import scripts
from tests.probe.conftest import REPO, run_probe_cli, symptoms, write_script


@pytest.mark.probe
def test_script_raising_before_fit_exits_3_naming_the_exception_and_line(tmp_path):
    script = write_script(tmp_path, "broken.py", scripts.RAISES_BEFORE_FIT)
    code, _, out, err = run_probe_cli(script)
    assert code == 3
    assert "broken.py raised FileNotFoundError at line 4 (in load) before reaching fit(): local data it reads " \
           "is not here: no-such-file.npy (working folder " in err  # its own exit reason, with the paths tried
    assert 'x = load("no-such-file.npy")' in err  # the traceback tail shows the user's own frames
    assert "kerlint/probe/child.py" not in err and "runpy" not in err
    assert out == ""


@pytest.mark.probe
def test_script_raising_before_fit_in_json(tmp_path):
    script = write_script(tmp_path, "broken.py", scripts.RAISES_BEFORE_FIT)
    code, report, _, _ = run_probe_cli(script, "--output-format", "json", "-q")
    assert code == 3 and report["status"] == "missing-data"
    assert report["error"]["exception"] == "FileNotFoundError" and report["error"]["line"] == 4
    assert report["error"]["missing_paths"] == ["no-such-file.npy"]
    assert report["symptoms"] == []
    jsonschema.validate(report, PROBE_REPORT)


@pytest.mark.probe
def test_script_that_never_calls_fit_gets_a_clear_message(tmp_path):
    script = write_script(tmp_path, "nofit.py", scripts.NEVER_FITS)
    code, _, _, err = run_probe_cli(script)
    assert code == 3
    assert "nofit.py ran to the end without calling fit(), so there was nothing to probe" in err
    assert "finds no fit(), fit_generator() or train_on_batch() call in it" in err
    # a fit() the script has but never reaches (a branch not taken) is not "no fit() call"
    script = write_script(tmp_path, "skipped.py", scripts.NEVER_FITS + "if False:\n    model.fit([[0.0] * 4], [0.0])\n")
    code, _, _, err = run_probe_cli(script)
    assert code == 3 and "ran to the end without calling fit()" in err and "finds no fit()" not in err


@pytest.mark.probe
def test_script_that_loops_forever_is_killed_at_the_timeout(tmp_path):
    script = write_script(tmp_path, "forever.py", scripts.LOOPS_FOREVER)
    started = time.monotonic()
    code, report, _, _ = run_probe_cli(script, "--timeout", "5", "--output-format", "json", "-q")
    elapsed = time.monotonic() - started
    assert code == 4 and report["status"] == "timeout"
    assert "did not reach fit() within 5 s" in report["error"]["message"]
    assert "finds no fit(), fit_generator() or train_on_batch() call" in report["error"]["message"]
    assert report["error"]["fit_reached"] is False
    assert elapsed < 20
    # the whole process group is gone: no python process still runs the script
    leftover = subprocess.run(["pgrep", "-f", str(script)], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""


SLOW_BATCHES = """\
import time
import numpy as np
import keras

def batches():
    while True:
        time.sleep(30)  # a data pipeline far slower than the --timeout
        yield np.zeros((8, 4), "float32"), np.zeros((8, 1), "float32")

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(batches(), steps_per_epoch=2, epochs=1)
"""


@pytest.mark.probe
def test_a_timeout_after_fit_is_reached_says_so(tmp_path):
    script = write_script(tmp_path, "slow.py", SLOW_BATCHES)
    code, report, _, _ = run_probe_cli(script, "--timeout", "10", "--output-format", "json", "-q")
    assert code == 4 and report["status"] == "timeout" and report["error"]["fit_reached"] is True
    assert "reached fit() but the probe did not finish within 10 s" in report["error"]["message"]
    assert "finds no fit()" not in report["error"]["message"]


@pytest.mark.probe
def test_html_report_only_where_asked_and_self_contained(tmp_path):
    work = tmp_path / "project"
    work.mkdir()
    script = write_script(work, "train.py", scripts.HEALTHY_STACK)
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    code, _, out, _ = run_probe_cli(script, "--max-steps", "30", "--report", str(target), "-q")
    assert code in (0, 1)
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") >= 3
    assert "gradient L2 norm (log)" in html and "dead ReLU share" in html
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    assert sorted(p.name for p in work.iterdir()) == ["train.py"]
    assert "Symptoms" in out and "KP101" in out


@pytest.mark.probe
def test_synthetic_mnist_example_through_the_main_cli(tmp_path):
    """`kerlint probe examples/deep_sigmoid_cnn.py --synthetic`: the demo, with no network."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "kerlint", "probe", str(REPO / "examples" / "deep_sigmoid_cnn.py"),
                           "--synthetic", "--max-steps", "30", "--output-format", "json", "-q"],
                          capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path)
    import json

    report = json.loads(done.stdout)
    assert done.returncode == 1, done.stderr
    assert report["synthetic"] and report["model"]["sample_size"] == 30 * 64  # max-steps batches of 64
    assert symptoms(report)["KP101"]["observed"]
    assert symptoms(report)["KP110"]["evidence"]["max"] == 1.0  # the script's /255 ran on uint8 data
    assert {f["code"]: f["verdict"] for f in report["findings"]}.get("KL101") == "confirmed"


@pytest.mark.probe
def test_script_arguments_after_double_dash_reach_the_script(tmp_path):
    script = write_script(tmp_path, "args.py", "import sys\nraise SystemExit(f'got {sys.argv[1:]}')\n")
    code, _, _, err = run_probe_cli(script, "--", "--epochs", "3")
    assert code == 3 and "got ['--epochs', '3']" in err


@pytest.mark.parametrize("args", [["--device", "tpu"], ["--max-steps", "0"], ["--threshold", "nonsense=1"],
                                  ["--threshold", "vanishing_ratio=abc"], ["--report", "/no/such/folder/r.html"],
                                  ["--timeout", "0"], ["--output-format", "sarif"]])
def test_usage_errors_exit_2(tmp_path, args):
    script = write_script(tmp_path, "x.py", "print(1)\n")
    code, _, _, err = run_probe_cli(script, *args)
    assert code == 2, err


def test_missing_script_is_a_usage_error(tmp_path):
    code, _, _, _ = run_probe_cli(tmp_path / "absent.py")
    assert code == 2


def test_the_probe_command_imports_no_tensorflow():
    code = ("import sys, kerlint.probe.cli, kerlint.probe.session, kerlint.probe.report_html;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'tf_keras')];"
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.probe
def test_device_gpu_without_a_gpu_is_a_usage_error(tmp_path):
    script = write_script(tmp_path, "train.py", scripts.HEALTHY_STACK)
    code, _, _, err = run_probe_cli(script, "--device", "gpu")
    assert code == 2
    assert "--device gpu was asked for, but TensorFlow sees no GPU" in err


@pytest.mark.probe
def test_progress_names_each_stage_on_stderr_and_json_stays_clean(tmp_path):
    script = write_script(tmp_path, "train.py", scripts.GENERATOR_INPUT + "\nprint('noise from the script')\n")
    code, report, out, err = run_probe_cli(script, "--max-steps", "20", "--output-format", "json")
    stages = ["static check", "importing TensorFlow", "until fit()", "fit() reached at line", "checking data",
              "gradient norms", "activation statistics", "short training run", "overfit-a-small-batch test"]
    positions = [err.find(stage) for stage in stages]
    assert -1 not in positions and positions == sorted(positions), err
    assert out.lstrip().startswith("{") and report["status"] == "ok"  # the script's prints never reach stdout


@pytest.mark.probe
def test_a_long_probe_is_cut_short_to_fit_the_timeout_instead_of_timing_out(tmp_path):
    script = write_script(tmp_path, "slow.py", scripts.GENERATOR_INPUT)
    started = time.monotonic()
    code, report, _, err = run_probe_cli(script, "--max-steps", "1000000", "--timeout", "15",
                                         "--output-format", "json", "-q")
    assert report["status"] == "ok", err
    assert "training run" in report["time_limited_stages"] and report["steps"] > 20
    assert time.monotonic() - started < 15 and code in (0, 1)


@pytest.mark.probe
def test_importing_the_users_own_modules_leaves_no_pycache_behind(tmp_path):
    write_script(tmp_path, "helpers.py", "def load():\n    raise RuntimeError('no data here')\n")
    script = write_script(tmp_path, "train.py", "import helpers\n\nx = helpers.load()\n")
    code, _, _, err = run_probe_cli(script, "-q")
    assert code == 3 and "train.py raised RuntimeError at line 3 before reaching fit(): no data here" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["helpers.py", "train.py"]


@pytest.mark.probe
def test_missing_data_lists_every_path_the_script_tried(tmp_path):
    """A loader that tries several places, then fails on a message of its own: still missing-data."""
    script = write_script(tmp_path, "finder.py", '''\
import os

for candidate in ("data/train.csv", "../train.csv"):
    try:
        rows = open(candidate).read().splitlines()
        break
    except FileNotFoundError:
        pass
else:
    images = os.listdir("images/train")
''')
    code, report, _, _ = run_probe_cli(script, "--output-format", "json", "-q")
    assert code == 3 and report["status"] == "missing-data", report["error"]
    assert report["error"]["missing_paths"] == ["data/train.csv", "../train.csv", "images/train"]
    jsonschema.validate(report, PROBE_REPORT)


@pytest.mark.probe
def test_kernel_pseudo_files_that_libraries_probe_are_not_the_scripts_data(tmp_path):
    """TensorFlow reads /sys/fs/cgroup/cpu.max (absent on many machines) when it starts: never listed."""
    script = write_script(tmp_path, "cgroup.py", '''\
for probe in ("/sys/fs/cgroup/kerlint-absent.max", "/proc/kerlint-absent"):
    try:
        open(probe).read()
    except OSError:
        pass
open("train.csv").read()
''')
    code, report, _, _ = run_probe_cli(script, "--output-format", "json", "-q")
    assert code == 3 and report["status"] == "missing-data", report["error"]
    assert report["error"]["missing_paths"] == ["train.csv"]


@pytest.mark.probe
def test_an_unrelated_error_is_not_missing_data(tmp_path):
    script = write_script(tmp_path, "typo.py", 'import os\nos.path.exists("cache.bin")\nopen("cache.bin", "w")'
                                               '.close()\nraise ValueError("bad setting")\n')
    code, report, _, _ = run_probe_cli(script, "--output-format", "json", "-q")
    assert code == 3 and report["status"] == "script-error" and report["error"]["missing_paths"] == []

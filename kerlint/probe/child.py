"""The child side of `kerlint probe`: run the user's script with `Model.fit` intercepted.

Started by runner.py as `python -m kerlint.probe.child SPEC.json`. It talks to the parent only
through the event file descriptor named in the spec, one JSON object per line:

    {"event": "stage", "stage": "..."}             progress, shown on the parent's stderr
    {"event": "result", ...}                       the measurements, sent from inside fit()
    {"event": "script-error", ...}                 the script raised before reaching fit()
    {"event": "no-fit", ...}                       the script finished without calling fit()

The script's own stdout/stderr go wherever the parent pointed them (a log file), never into this
channel. At the first fit() the measurements run and the script is stopped: fit raises
`_ProbeFinished`, a BaseException so the script's `except Exception:` blocks cannot swallow it.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import runpy
import sys
import time
import traceback

from kerlint.probe import legacy

# The migration rewrites applied to the script in memory (kerlint.probe.legacy), as dicts for the report.
_MIGRATIONS: list[dict] = []

class _ProbeFinished(BaseException):
    """Raised from the intercepted fit() once the results are sent: ends the user's script."""


class Channel:
    def __init__(self, fd: int):
        self._file = os.fdopen(fd, "w", encoding="utf-8", buffering=1)

    def send(self, event: str, **payload) -> None:
        if event != "stage" and (_MIGRATIONS or legacy.USED):  # what ran differently from the file: in every answer
            payload = {**payload, "migrations": [*_MIGRATIONS, *legacy.USED]}
        self._file.write(json.dumps({"event": event, **payload}, default=_json_default, allow_nan=False) + "\n")
        self._file.flush()


def _json_default(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def _sanitise(value):
    """NaN/Inf are not JSON: turn them into strings ("nan", "inf") wherever they hide."""
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, dict):
        return {k: _sanitise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_sanitise(v) for v in value]
    if hasattr(value, "item") and not hasattr(value, "__len__"):
        return _sanitise(value.item())
    return value


def _configure_tensorflow(spec: dict, channel: Channel) -> str:
    """Import Keras/TF (the script would anyway), seed everything, report the device."""
    channel.send("stage", stage="importing TensorFlow")
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(spec["seed"])
    gpus = tf.config.list_physical_devices("GPU")
    if spec["device"] == "gpu" and not gpus:
        raise _UsageProblem("--device gpu was asked for, but TensorFlow sees no GPU")
    return f"gpu ({len(gpus)} visible)" if gpus else "cpu"


class _UsageProblem(Exception):
    pass


def _fit_classes() -> list:
    """Every Model class whose fit to intercept: Keras 3 (tf.keras is the same class) and tf_keras."""
    import importlib.util

    import keras

    classes = [keras.Model]
    if importlib.util.find_spec("tf_keras") is not None:
        try:
            import tf_keras

            classes.append(tf_keras.Model)
        except Exception:  # noqa: BLE001 - a broken optional install must not stop the probe
            pass
    return classes


def _measure(model, arguments: dict, caller, spec: dict, channel: Channel, device: str, source: str = "") -> None:
    """Measure `model` on the training data `arguments` describe (fit()'s bound arguments), send the
    results and end the script (_ProbeFinished)."""
    from kerlint.probe import fitdata, measure

    _RECORDER.recording = False  # from here on train_on_batch is the probe's own (tf_keras trains with it)
    cell = _cell_of(caller[1] if caller else None)
    place = f"cell {cell['cell']}, line {cell['line_in_cell']}" if cell else f"line {caller[1] if caller else '?'}"
    channel.send("stage", stage=f"{source or 'fit()'} reached at {place}; reading data", fit_reached=True)
    deadline = spec.get("deadline")
    if spec.get("time_budget"):  # the measurements' own time, from the moment fit() is reached
        budget_end = time.monotonic() + spec["time_budget"]
        deadline = budget_end if deadline is None else min(deadline, budget_end)
    try:
        data = fitdata.from_fit_arguments(arguments, spec["max_steps"], spec["seed"], deadline)
        if source:
            data.source = source
        results = measure.run_measurements(
            model, data, max_steps=spec["max_steps"], seed=spec["seed"], thresholds=spec["thresholds"],
            progress=lambda stage: channel.send("stage", stage=stage), deadline=deadline)
    except measure.ModelFailed as failed:  # the model fails on its own training data: the script's error
        error = failed.error
        channel.send("script-error", exception=type(error).__name__, at_fit=True,
                     message=" ".join(_plain_text(str(error)).split())[:1000], line=caller[1] if caller else None,
                     traceback_tail="".join(traceback.format_exception(error)).splitlines()[-15:])
        raise _ProbeFinished() from None
    except Exception as exc:  # noqa: BLE001 - the probe failed, not the script: say so
        channel.send("probe-error", message=f"{type(exc).__name__}: {exc}"[:1000],
                     fit_line=caller[1] if caller else None,
                     traceback_tail=traceback.format_exc().splitlines()[-15:])
        raise _ProbeFinished() from None
    results.update(device=device, fit_line=caller[1] if caller else None,
                   fit_arguments=_describe_arguments(arguments),
                   **{f"fit_{k}": v for k, v in cell.items()})
    channel.send("result", **_sanitise(results))
    raise _ProbeFinished()


def _install_fit_hook(spec: dict, channel: Channel, device: str) -> None:
    for cls in _fit_classes():
        signature = inspect.signature(cls.fit)  # to read fit's arguments however they were passed

        def probing_fit(self, *args, _signature=signature, **kwargs):
            bound = _signature.bind(self, *args, **kwargs)
            arguments = dict(bound.arguments)
            arguments.update(arguments.pop("kwargs", {}))
            _measure(self, arguments, _user_frame(traceback.extract_stack()[:-1], spec["script"]), spec, channel,
                     device)

        cls.fit = probing_fit
    _install_train_on_batch_hook(spec, channel, device)


TRAIN_ON_BATCH_CALLS = 64  # batches of a hand-written train_on_batch loop gathered before measuring
TRAIN_ON_BATCH_SAMPLES = 4096


class _BatchRecorder:
    """The batches a script's own training loop passes to train_on_batch, for the first model it trains."""

    def __init__(self):
        self.recording = True
        self.model = None
        self.caller = None
        self.batches: list = []
        self.samples = 0


_RECORDER = _BatchRecorder()


def _install_train_on_batch_hook(spec: dict, channel: Channel, device: str) -> None:
    """A script that trains with its own loop (`for step ...: model.train_on_batch(x, y)`, GANs, TF1-era
    tutorials) is probed like fit(): the first model's batches are recorded, each call answered with
    test_on_batch (the loss the script would print, with the weights left at initialisation), and after
    TRAIN_ON_BATCH_CALLS batches, TRAIN_ON_BATCH_SAMPLES samples or the end of the script the model is
    measured on them. Other models of the script train for real."""
    for cls in _fit_classes():
        real = cls.train_on_batch

        def recording_train_on_batch(self, x=None, y=None, *args, _real=real, **kwargs):
            recorder = _RECORDER
            if not recorder.recording or (recorder.model is not None and self is not recorder.model):
                return _real(self, x, y, *args, **kwargs)
            if recorder.model is None:
                recorder.model = self
                recorder.caller = _user_frame(traceback.extract_stack()[:-1], spec["script"])
            recorder.batches.append((x, y))
            recorder.samples += _batch_len(x)
            if len(recorder.batches) >= min(TRAIN_ON_BATCH_CALLS, spec["max_steps"]) or \
                    recorder.samples >= TRAIN_ON_BATCH_SAMPLES:
                measure_recorded(spec, channel, device)
            evaluate_kwargs = {k: v for k, v in kwargs.items() if k in ("sample_weight", "return_dict")}
            return self.test_on_batch(x, y, **evaluate_kwargs)

        cls.train_on_batch = recording_train_on_batch


def _batch_len(x) -> int:
    """Samples in a batch as the script passes it: an array, a list/dict of arrays (several inputs), or a
    plain list of rows."""
    from kerlint.probe.fitdata import num_samples

    try:
        return num_samples(x)
    except TypeError:  # the first leaf is a number: rows given as nested lists
        return len(x)


def measure_recorded(spec: dict, channel: Channel, device: str) -> None:
    """Measure the model on the batches its train_on_batch loop passed (then _ProbeFinished)."""
    recorder = _RECORDER
    arguments = {"x": iter(recorder.batches), "batch_size": None}  # read as a generator of (x, y) batches
    _measure(recorder.model, arguments, recorder.caller, spec, channel, device, source="train_on_batch loop")


def _describe_arguments(arguments: dict) -> dict:
    keep = ("batch_size", "epochs", "validation_split", "shuffle", "steps_per_epoch")
    out = {k: arguments[k] for k in keep if k in arguments and isinstance(arguments[k], (int, float, bool))}
    out["has_validation_data"] = arguments.get("validation_data") is not None
    return out


def _user_frame(frames, script: str):
    """(filename, line, function, code) of the innermost frame in the user's script, if any."""
    script = os.path.realpath(script)
    for frame in reversed(frames):
        if os.path.realpath(frame.filename) == script:
            return frame.filename, frame.lineno, frame.name, (frame.line or "").strip()
    return None


def _script_error(exc: BaseException, script: str) -> dict:
    frames = traceback.extract_tb(exc.__traceback__)
    # drop the frames of this module and runpy: the user should see only their own code and below
    while frames and os.path.realpath(frames[0].filename) != os.path.realpath(script):
        frames = frames[1:]
    where = _user_frame(frames, script)
    if isinstance(exc, SyntaxError) and exc.filename and os.path.realpath(exc.filename) == os.path.realpath(script):
        where = (script, exc.lineno, "<module>", (exc.text or "").strip())  # the script never started
    lines = traceback.format_list(frames) + traceback.format_exception_only(type(exc), exc)
    tail = "".join(lines).splitlines()[-20:]
    return {"exception": type(exc).__name__, "message": _plain_text(str(exc))[:1000],
            "line": where[1] if where else None, "function": where[2] if where else None,
            "code": where[3] if where else None, "traceback_tail": tail,
            **_cell_of(where[1] if where else None)}


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _plain_text(text: str) -> str:
    """An exception's text without the terminal colour codes Keras puts in it (bold names)."""
    return _ANSI.sub("", text)


def _limit_memory(limit: int | None) -> None:
    """RLIMIT_DATA, not RLIMIT_AS: TensorFlow (and CUDA) reserve far more address space than they use."""
    if not limit:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform, or above the hard limit
        pass


MAX_MISSING_PATHS = 10


def _watch_missing_paths() -> list[str]:
    """From now on, record the files the script opens for reading (and the folders it lists) that do not
    exist: a script that stops for want of its local data then says which paths it tried (sys.audit
    events "open", "os.listdir", "os.scandir"; C extensions that open files themselves are not seen)."""
    missing: list[str] = []
    # Python's own look-ups are not the script's data: byte-code caches, the interpreter's and the
    # installed packages' files (imports done on the way, e.g. by the migration rewrites), kerlint's own, and
    # the kernel's pseudo-files that libraries probe (TensorFlow reads /sys/fs/cgroup/cpu.max for its threads).
    not_data = tuple({os.path.join(os.path.realpath(p), "") for p in
                      (sys.prefix, sys.base_prefix, os.path.dirname(os.path.dirname(__file__)))}
                     | {"/sys/", "/proc/", "/dev/"})

    def hook(event, args):
        if event not in ("open", "os.listdir", "os.scandir") or len(missing) >= MAX_MISSING_PATHS or not args:
            return
        path = args[0]
        if event == "open" and (len(args) < 2 or any(c in str(args[1] or "r") for c in "wax+")):
            return  # writing creates the file: not a missing input
        if isinstance(path, int) or path is None:
            return
        try:
            path = os.fsdecode(path)
            if not path or path.endswith((".pyc", ".pyo")) or "__pycache__" in path \
                    or os.path.realpath(path).startswith(not_data):
                return
            if not os.path.exists(path) and path not in missing:
                missing.append(path)
        except (TypeError, ValueError, OSError):
            return

    sys.addaudithook(hook)
    return missing


# For notebooks: line of the joined code -> (cell number, line in cell); empty for .py scripts.
_CELL_MAP: dict[int, tuple[int, int]] = {}


def _migrated(text: str, script: str, migrate: bool) -> str:
    """The script's code with the safe Keras migration rewrites applied (same lines), when `migrate`."""
    if not migrate:
        return text
    result = legacy.migrate(text, script)
    _MIGRATIONS.extend({**m.as_dict(), **_cell_of(m.line)} for m in result.edits)  # notebooks: cell and row too
    return result.text


def _run_user_code(script: str, migrate: bool = True) -> None:
    """Run a .py script as `python script.py` would; a notebook's code cells in order, as one module."""
    if not script.endswith(".ipynb"):
        try:
            with open(script, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError):
            text = None
        code = _migrated(text, script, migrate) if text is not None else None
        if code is None or code == text:
            runpy.run_path(script, run_name="__main__")
            return
        import types

        main = types.ModuleType("__main__")  # as runpy does: the script's module is __main__ while it runs
        main.__dict__.update(__file__=script, __builtins__=__builtins__, __cached__=None, __spec__=None)
        saved = sys.modules.get("__main__")
        sys.modules["__main__"] = main
        try:
            exec(compile(code, script, "exec"), main.__dict__)  # tracebacks name the file; lines are its lines
        finally:
            if saved is not None:
                sys.modules["__main__"] = saved
        return
    import builtins
    import linecache

    from kerlint.sources import read_source
    from kerlint.units import SourceProblem

    unit = read_source(script)
    if isinstance(unit, SourceProblem):
        raise ValueError(f"cannot read the notebook: {unit.message}")
    _CELL_MAP.update(unit.cell_map)
    # tracebacks show the joined code's lines, not the notebook's JSON
    linecache.cache[script] = (len(unit.text), None, unit.text.splitlines(True), script)
    namespace = {"__name__": "__main__", "__file__": script, "__builtins__": builtins,
                 "display": print}  # IPython's display() is the one builtin notebooks lean on
    exec(compile(_migrated(unit.text, script, migrate), script, "exec"), namespace)


def _cell_of(line: int | None) -> dict:
    if line is None or line not in _CELL_MAP:
        return {}
    cell, row = _CELL_MAP[line]
    return {"cell": cell, "line_in_cell": row}


def _failure_event(exc: BaseException, missing: list[str]) -> str:
    """"missing-data" when the script stopped because a local file or folder it reads is not there."""
    if not missing:
        return "script-error"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "missing-data"
    text = str(exc)
    if any(path in text or os.path.basename(path) in text for path in missing):
        return "missing-data"
    return "script-error"


def run(spec: dict) -> int:
    channel = Channel(spec["event_fd"])
    script = os.path.abspath(spec["script"])
    _limit_memory(spec.get("memory_limit_bytes"))
    try:
        device = _configure_tensorflow(spec, channel)
        if spec["synthetic"]:
            from kerlint.probe import downloads, synthetic

            patched = synthetic.install(spec["seed"])
            patched += downloads.install(spec["seed"], lambda path: channel.send("synthetic-file", path=path))
            loaders = sorted({m.rsplit(".", 1)[-1] for m in patched})
            channel.send("stage", stage=f"synthetic data for {', '.join(loaders)}")
        _install_fit_hook(spec, channel, device)
        if spec.get("migrate", True):
            legacy.install_shims(script)
    except _UsageProblem as exc:
        channel.send("usage-error", message=str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - e.g. TensorFlow missing or broken
        channel.send("probe-error", message=f"{type(exc).__name__}: {exc}",
                     traceback_tail=traceback.format_exc().splitlines()[-15:])
        return 5

    sys.argv = [script, *spec["script_args"]]
    sys.path.insert(0, os.path.dirname(script))  # as `python script.py` would
    channel.send("stage", stage=f"running {os.path.basename(script)} until fit()")
    missing = _watch_missing_paths()
    try:
        _run_user_code(script, migrate=spec.get("migrate", True))
        if _RECORDER.batches:  # a train_on_batch loop shorter than what the probe gathers
            measure_recorded(spec, channel, device)
    except _ProbeFinished:
        return 0
    except SystemExit as exc:
        if exc.code not in (None, 0):
            channel.send(_failure_event(exc, missing), **_script_error(exc, script), missing_paths=list(missing),
                         exit_status=exc.code if isinstance(exc.code, int) else 1)
            return 3
    except BaseException as exc:  # noqa: BLE001 - report anything the script raises, KeyboardInterrupt too
        channel.send(_failure_event(exc, missing), **_script_error(exc, script), missing_paths=list(missing))
        return 3
    channel.send("no-fit", message="the script finished without calling fit()")
    return 3


def _tie_to_parent(parent_pid: int | None) -> None:
    """Die with kerlint (Linux: SIGKILL when the parent goes, even by SIGKILL), and take the signals the
    parent blocked while starting us."""
    import signal

    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
    from kerlint.probe.runner import PR_SET_PDEATHSIG, prctl

    if prctl(PR_SET_PDEATHSIG, signal.SIGKILL) and parent_pid and os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the request took effect


def main() -> None:
    started = time.monotonic()
    with open(sys.argv[1], encoding="utf-8") as fh:
        spec = json.load(fh)
    _tie_to_parent(spec.get("parent_pid"))
    if spec.get("timeout"):  # leave a margin to send the results before the parent's kill
        spec["deadline"] = started + 0.9 * spec["timeout"] - 1.0
    status = run(spec)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)  # skip TensorFlow's slow teardown and any non-daemon threads the script left


if __name__ == "__main__":
    main()

"""The parent side of `kerlint probe`: start the child, watch the clock, collect its one answer.

The child runs in its own session (so its process group holds the script and anything it spawned);
at the time limit, or once the answer is in, the whole group is killed. Results come back over a
pipe, one JSON event per line, never mixed with the script's output, which goes to a temporary log
file (its tail is shown when the script fails). Nothing is written into the user's tree.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import kerlint

TERMINAL_EVENTS = ("result", "script-error", "no-fit", "usage-error", "probe-error")
EXIT_GRACE_SECONDS = 5.0


@dataclass
class ProbeRequest:
    script: str
    script_args: list[str] = field(default_factory=list)
    max_steps: int = 200
    timeout: float = 300.0
    device: str = "auto"  # cpu | gpu | auto
    seed: int = 0
    synthetic: bool = False
    thresholds: dict = field(default_factory=dict)
    memory_limit_mb: int | None = None  # None: 80% of physical memory; 0: no limit
    migrate: bool = True  # apply the safe Keras migration rewrites in memory (kerlint.probe.legacy)


@dataclass
class ProbeOutcome:
    kind: str  # one of TERMINAL_EVENTS, "timeout", or "crashed" (the child died without an answer)
    payload: dict
    elapsed: float
    log_tail: list[str]
    returncode: int | None = None


def memory_limit_bytes(limit_mb: int | None) -> int | None:
    """The child's data-segment limit: a runaway script gets MemoryError instead of swapping the machine."""
    if limit_mb == 0:
        return None
    if limit_mb is not None:
        return limit_mb * 1024 * 1024
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * 0.8)
    except (ValueError, OSError, AttributeError):
        return None


def child_environment(device: str) -> dict:
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # keep TensorFlow's C++ logging quiet
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # importing the user's own modules must not add __pycache__ to their tree
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = "-1"
    # the child must import this same kerlint, installed or not
    package_root = str(Path(kerlint.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    return env


def run_child(request: ProbeRequest, progress=lambda stage: None) -> ProbeOutcome:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kerlint-probe-") as tmp:
        read_fd, write_fd = os.pipe()
        spec = {"script": os.path.abspath(request.script), "script_args": list(request.script_args),
                "max_steps": request.max_steps, "device": request.device, "seed": request.seed,
                "synthetic": request.synthetic, "thresholds": request.thresholds, "event_fd": write_fd,
                "memory_limit_bytes": memory_limit_bytes(request.memory_limit_mb), "timeout": request.timeout,
                "migrate": request.migrate}
        spec_path = os.path.join(tmp, "spec.json")
        with open(spec_path, "w", encoding="utf-8") as fh:
            json.dump(spec, fh)
        log_path = os.path.join(tmp, "script-output.log")
        with open(log_path, "wb") as log:
            try:
                child = subprocess.Popen(
                    [sys.executable, "-m", "kerlint.probe.child", spec_path],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, pass_fds=(write_fd,),
                    env=child_environment(request.device), start_new_session=True)
            finally:
                os.close(write_fd)  # only the child holds the write end: EOF means it is gone
            kind, payload = None, {}
            try:
                kind, payload = _read_events(read_fd, started + request.timeout, progress)
            finally:  # also on Ctrl-C: never leave the script running
                os.close(read_fd)
                returncode = _finish(child, let_exit=kind in TERMINAL_EVENTS)
        elapsed = time.monotonic() - started
        tail = Path(log_path).read_text(encoding="utf-8", errors="replace").splitlines()[-20:]
    if kind is None:
        kind = "crashed"
    return ProbeOutcome(kind=kind, payload=payload, elapsed=elapsed, log_tail=tail, returncode=returncode)


def _read_events(fd: int, deadline: float, progress):
    """Read events until a terminal one, EOF (the child died) or the deadline."""
    buffer = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return "timeout", {}
        ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            return None, {}
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            try:
                event = json.loads(line)
            except ValueError:
                continue  # not ours (cannot happen on this fd, but never crash on it)
            name = event.pop("event", "")
            if name == "stage":
                progress(event.get("stage", ""))
            elif name in TERMINAL_EVENTS:
                return name, event


def _finish(child: subprocess.Popen, let_exit: bool) -> int | None:
    """Give the child a moment to exit on its own, then kill its whole process group regardless."""
    if let_exit:
        try:
            child.wait(timeout=EXIT_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(child.pid, signal.SIGKILL)  # the session id is the child's pid (start_new_session)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        return child.wait(timeout=EXIT_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        return None

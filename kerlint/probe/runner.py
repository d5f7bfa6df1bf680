"""The parent side of `kerlint probe`: start the child, watch the clock, collect its one answer.

The child runs in its own session (so its process group holds the script and anything it spawned);
at the time limit, once the answer is in, or when kerlint itself is interrupted (SIGTERM, SIGINT,
SIGHUP: `interrupts_raise`), every process the script started is killed (`_finish`) and the temporary
folder removed. Results come back over a pipe, one JSON event per line, never mixed with the script's
output, which goes to a temporary log file (its tail is shown when the script fails). Nothing is
written into the user's tree.

The cleanup guarantee (README "Guarantees"): on Linux kerlint makes itself a child subreaper
(prctl PR_SET_CHILD_SUBREAPER), so processes that leave the script's process group or double-fork
(`setsid`, daemons) are re-parented to kerlint instead of init and are found and killed too; the child
asks for SIGKILL when kerlint dies (PR_SET_PDEATHSIG), which covers a SIGKILL of kerlint itself for
the script's own process (not its descendants, nor the temporary folder). Elsewhere only the script's
process group and the processes visible as its descendants at cleanup time are killed.
"""

from __future__ import annotations

import contextlib
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

TERMINAL_EVENTS = ("result", "script-error", "missing-data", "no-fit", "usage-error", "probe-error")
EXIT_GRACE_SECONDS = 5.0
INTERRUPTING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP")
                             if hasattr(signal, name))
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36  # <linux/prctl.h>


class ProbeInterrupted(BaseException):
    """kerlint received SIGTERM/SIGINT/SIGHUP: unwind (killing the script, removing the temp folder)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_status(self) -> int:  # what a shell reports for a process killed by the signal
        return 128 + self.signum


@contextlib.contextmanager
def interrupts_raise():
    """While active, the first SIGTERM/SIGINT/SIGHUP raises ProbeInterrupted in the main thread, so
    every `finally` runs; later ones are ignored so they cannot interrupt the cleanup itself."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    received: list[int] = []

    def handler(signum, frame):
        if received:
            return
        received.append(signum)
        raise ProbeInterrupted(signum)

    previous = {}
    for signum in INTERRUPTING_SIGNALS:
        with contextlib.suppress(OSError, ValueError):
            previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(signum, old)


def prctl(option: int, value: int) -> bool:
    """Linux prctl(2) through libc; False where there is none."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _process_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, state letter) for every process visible in /proc (empty without /proc)."""
    table = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return table
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()  # the command name may hold spaces and parentheses
        if len(fields) >= 2 and fields[1].isdigit():
            table[int(entry)] = (int(fields[1]), fields[0])
    return table


def _descendants(roots: set[int], table: dict[int, tuple[int, str]]) -> set[int]:
    found, frontier = set(), set(roots)
    while frontier:
        frontier = {pid for pid, (ppid, _) in table.items() if ppid in frontier and pid not in found}
        found |= frontier
    return found


@dataclass
class ProbeRequest:
    script: str
    script_args: list[str] = field(default_factory=list)
    max_steps: int = 200
    timeout: float = 300.0
    time_budget: float | None = 15.0  # seconds for the measurements once fit() is reached (None: no cap)
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
    prctl(PR_SET_CHILD_SUBREAPER, 1)  # orphans of the script come back to us, not to init (Linux)
    own_children = {pid for pid, (ppid, _) in _process_table().items() if ppid == os.getpid()}
    with tempfile.TemporaryDirectory(prefix="kerlint-probe-") as tmp:
        read_fd, write_fd = os.pipe()
        spec = {"script": os.path.abspath(request.script), "script_args": list(request.script_args),
                "max_steps": request.max_steps, "device": request.device, "seed": request.seed,
                "synthetic": request.synthetic, "thresholds": request.thresholds, "event_fd": write_fd,
                "memory_limit_bytes": memory_limit_bytes(request.memory_limit_mb), "timeout": request.timeout,
                "time_budget": request.time_budget, "parent_pid": os.getpid(), "migrate": request.migrate}
        spec_path = os.path.join(tmp, "spec.json")
        with open(spec_path, "w", encoding="utf-8") as fh:
            json.dump(spec, fh)
        log_path = os.path.join(tmp, "script-output.log")
        with open(log_path, "wb") as log:
            # no signal handler may run between fork and `child` being bound (the child unblocks them)
            blocked = _block(INTERRUPTING_SIGNALS)
            try:
                child = subprocess.Popen(
                    [sys.executable, "-m", "kerlint.probe.child", spec_path],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, pass_fds=(write_fd,),
                    env=child_environment(request.device), start_new_session=True)
            finally:
                os.close(write_fd)  # only the child holds the write end: EOF means it is gone
                _unblock(blocked)
            kind, payload, created = None, {}, []
            try:
                kind, payload = _read_events(read_fd, started + request.timeout, progress, created)
            finally:  # also on SIGTERM/SIGINT (ProbeInterrupted): never leave the script running
                os.close(read_fd)
                returncode = _finish(child, let_exit=kind in TERMINAL_EVENTS, own_children=own_children)
                _remove_synthetic_files(created)
        elapsed = time.monotonic() - started
        tail = Path(log_path).read_text(encoding="utf-8", errors="replace").splitlines()[-20:]
    if kind is None:
        kind = "crashed"
    return ProbeOutcome(kind=kind, payload=payload, elapsed=elapsed, log_tail=tail, returncode=returncode)


def _read_events(fd: int, deadline: float, progress, created: list | None = None):
    """Read events until a terminal one, EOF (the child died) or the deadline. The paths of synthetic
    files the child is about to write (--synthetic downloads) are appended to `created`."""
    buffer, reached = b"", False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return "timeout", {"fit_reached": reached}
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
                reached = reached or bool(event.get("fit_reached"))
            elif name == "synthetic-file" and created is not None:
                created.append(str(event.get("path", "")))
            elif name in TERMINAL_EVENTS:
                return name, event


SYNTHETIC_FOLDER_PREFIX = "kerlint-synthetic-"  # private temporary folders of synthetic downloads


def _remove_synthetic_files(paths: list[str]) -> None:
    """Delete the synthetic stand-ins the child wrote where the script downloads its data (it announces
    each before writing it, so a killed child leaves none behind): fake data must never outlive the
    probe in the user's tree, where a real run would read it. Their private temporary folders go too."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.remove(path)
        folder = os.path.dirname(path)
        if os.path.basename(folder).startswith(SYNTHETIC_FOLDER_PREFIX):
            with contextlib.suppress(OSError):
                os.rmdir(folder)


def _block(signals) -> bool:
    if not hasattr(signal, "pthread_sigmask"):
        return False
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    return True


def _unblock(blocked: bool) -> None:
    if blocked:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTING_SIGNALS)  # a pending signal is delivered now


def _finish(child: subprocess.Popen, let_exit: bool, own_children: set[int] = frozenset()) -> int | None:
    """Give the child a moment to exit on its own, then kill its whole process group and every other
    process it started (see the module docstring for how far that reaches)."""
    if let_exit:
        try:
            child.wait(timeout=EXIT_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            pass
    # the script's tree, looked up while the child still holds it together
    tree = _descendants({child.pid}, _process_table())
    try:
        os.killpg(child.pid, signal.SIGKILL)  # the session id is the child's pid (start_new_session)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        returncode = child.wait(timeout=EXIT_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        returncode = None
    _sweep(tree, own_children | {child.pid})
    return returncode


def _sweep(tree: set[int], keep: set[int], rounds: int = 50) -> None:
    """Kill the script's remaining processes: those of `tree` still alive, and anything re-parented
    to us (the subreaper) that was not our child before the probe started; reap our own zombies."""
    me = os.getpid()
    for _ in range(rounds):
        table = _process_table()
        orphans = {pid for pid, (ppid, _) in table.items() if ppid == me and pid not in keep}
        targets = {pid for pid in (tree | orphans | _descendants(orphans, table))
                   if pid in table and table[pid][1] != "Z" and pid != me}
        for pid in orphans:  # zombies re-parented to us: reap them
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, os.WNOHANG)
        if not targets:
            return
        for pid in targets:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.02)

"""Linting many files: through the cache, then in this process (`jobs=1`) or over a process pool.

The result never depends on the number of jobs: every file's violations come back in the order of the
file list and are then sorted by (file, position, code, message), exactly as a one-process run does.

`lint_files` is the runner the CLI uses (one settings per file, processes, the cache); `lint_paths` is the
simple form (one settings, this process) that tests and tools use. Both call the engine's per-file
`lint_file`; the engine never calls back into this module.

Work is sent in chunks (largest files first, so one big file does not finish last alone). A worker that
dies (the native parser can overflow its stack on pathological input) does not take the run with it:
the files of its chunk are linted again one per process, and the one that kills its process is reported
as KL000.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

from kerlint.violation import LintResult, Position, Violation

MAX_CHUNK = 16


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS / Windows
        return max(1, os.cpu_count() or 1)


def internal_error(path: str, exc: BaseException) -> Violation:
    from kerlint.catalogue import name_and_severity

    name, severity = name_and_severity("KL999")
    return Violation(code="KL999", name=name, severity=severity,
                     message=f"internal error: {type(exc).__name__}: {exc}; this is a bug in kerlint, "
                             "please report it with the file that triggers it",
                     filename=path, location=Position(1, 1), end_location=Position(1, 1))


def _crashed(path: str) -> Violation:
    from kerlint.catalogue import name_and_severity

    name, severity = name_and_severity("KL000")
    return Violation(code="KL000", name=name, severity=severity,
                     message="cannot parse: the parser crashed on this file (nesting or expression chains too "
                             "deep for libcst); kerlint linted the other files",
                     filename=path, location=Position(1, 1), end_location=Position(1, 1),
                     fix_hint="simplify the deepest expression; please report the file to kerlint")


def lint_one(path: str, settings) -> tuple[list[Violation], int]:
    from kerlint import engine

    try:
        return engine.lint_file(path, settings)
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the others
        return [internal_error(path, exc)], 1


def _lint_chunk(chunk: list[tuple[int, str, object]]) -> list[tuple[int, list[Violation], int]]:
    return [(index, *lint_one(path, settings)) for index, path, settings in chunk]


def _mp_context():
    import multiprocessing

    # fork: workers inherit the imported engine and rules (spawn would re-import them in each worker).
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")  # pragma: no cover


def _chunks(tasks: list[tuple[int, str, object]], jobs: int) -> list[list[tuple[int, str, object]]]:
    def size(task) -> int:
        try:
            return os.path.getsize(task[1])
        except OSError:
            return 0

    ordered = sorted(tasks, key=lambda t: (-size(t), t[0]))
    per_chunk = max(1, min(MAX_CHUNK, len(ordered) // (jobs * 4)))
    return [ordered[i:i + per_chunk] for i in range(0, len(ordered), per_chunk)]


def _run_pool(tasks, jobs: int) -> dict[int, tuple[list[Violation], int]]:
    from kerlint import engine  # noqa: F401 - imported before forking, so workers start warm

    results: dict[int, tuple[list[Violation], int]] = {}
    failed: list[tuple[int, str, object]] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context()) as pool:
        futures = [(chunk, pool.submit(_lint_chunk, chunk)) for chunk in _chunks(tasks, jobs)]
        for chunk, future in futures:
            try:
                for index, violations, internal in future.result():
                    results[index] = (violations, internal)
            except BrokenProcessPool:
                failed.extend(chunk)
    for task in sorted(failed):
        # One file per process: find the one that kills its process, lint the others.
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=_mp_context()) as pool:
                ((index, violations, internal),) = pool.submit(_lint_chunk, [task]).result()
            results[index] = (violations, internal)
        except BrokenProcessPool:
            results[task[0]] = ([_crashed(task[1])], 0)
    return results


def _freeze_imports() -> None:
    """Import the engine, then move every object alive now (modules, the rule catalogue: nothing a file's
    analysis frees) out of the garbage collector's reach, as Python's documentation advises before forking
    workers: collections triggered while a file's tree is alive no longer walk them (5% of a run), and forked
    workers do not copy the pages collections would touch."""
    import gc

    from kerlint import engine  # noqa: F401

    gc.freeze()


def lint_files(files: list[str], settings_for: Callable[[str], object], jobs: int | None = None,
               cache=None) -> LintResult:
    """Lint `files`, each under `settings_for(path)`, with `jobs` processes (None: all cores) and an
    optional `kerlint.cache.Cache`. Violations come back sorted; the order never depends on `jobs`."""
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    tasks = [(index, path, settings_for(path)) for index, path in enumerate(files)]
    per_file: dict[int, tuple[list[Violation], int]] = {}
    keys: dict[int, str] = {}
    if cache is not None:
        for index, path, settings in tasks:
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError:
                continue  # the engine reports the read error
            keys[index] = key = cache.key(path, data, settings)
            hit = cache.get(key)
            if hit is not None:
                per_file[index] = hit
    todo = [task for task in tasks if task[0] not in per_file]
    if todo:
        _freeze_imports()
        jobs = min(jobs, len(todo))
        fresh = None
        if jobs > 1:
            try:
                fresh = _run_pool(todo, jobs)
            except (OSError, NotImplementedError, ImportError):  # no processes here (sandbox, no /dev/shm)
                fresh = None
        if fresh is None:
            fresh = {index: lint_one(path, settings) for index, path, settings in todo}
        per_file.update(fresh)
        if cache is not None:
            for index, (violations, internal) in fresh.items():
                if index in keys:
                    cache.put(keys[index], violations, internal)
    result = LintResult()
    for index in range(len(tasks)):
        violations, internal = per_file[index]
        result.violations.extend(violations)
        result.internal_errors += internal
        result.files += 1
    result.violations.sort(key=Violation.sort_key)
    return result


def lint_paths(paths: list[str], settings) -> LintResult:
    """Lint files and folders in this process, all under one `settings` (the CLI's run_lint gives each
    file its own settings and may use processes and the cache)."""
    from kerlint.sources import discover

    return lint_files(discover(paths, settings.exclude), lambda _path: settings, jobs=1)

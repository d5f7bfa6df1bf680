"""Where `kerlint check` spends its time, per phase, in one process (the profile behind bench/RESULTS.md).

    python bench/phases.py FILE_LIST     -> JSON {phase: seconds} on stdout

Wraps the engine's steps with timers: the guard, the parse (kerlint.parsing: libcst's, without its per-node
validation), the model extractor (all configurations of a file), the rules, the positions of reported nodes,
the fixes offered for findings (kerlint.fix), and noqa filtering. "bare parse" is the floor measured first in
the same process: a plain `libcst.parse_module` of every file, as bench/parse_only.py does it. The timers
read the process's CPU time, which a busy machine's other processes do not inflate as they do wall time.
"""

from __future__ import annotations

import functools
import json
import sys
import time


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with open(argv[0], encoding="utf-8") as fh:
        files = [line.strip() for line in fh if line.strip()]
    from kerlint import engine
    from kerlint.config import Settings

    totals: dict[str, float] = {}
    import libcst

    started = time.process_time()
    for path in files:  # the floor, as bench/parse_only.py measures it
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        try:
            libcst.parse_module(text)
        except libcst.ParserSyntaxError:
            pass
    totals["bare parse"] = time.process_time() - started

    def timed(owner, name: str, phase: str) -> None:
        func = getattr(owner, name)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                totals[phase] = totals.get(phase, 0.0) + time.process_time() - started

        setattr(owner, name, wrapper)

    timed(engine.guard, "problem", "guard")
    timed(engine.parsing, "parse_module", "parse")  # kerlint's parse (libcst without its node validation)
    timed(engine, "extract_configurations", "extract")  # every configuration of the file
    timed(engine, "locate", "positions")
    timed(engine.fixes, "fix_for", "fixes")
    timed(engine.suppress, "apply", "noqa")
    # As the timed command (`--output-format concise`) runs: that output shows no fixes, so none are computed.
    # Through the runner the CLI uses with --jobs 1 (kerlint.parallel.lint_files: one process, as it prepares it).
    from kerlint.parallel import lint_files

    settings = Settings(compute_fixes=False)
    started = time.process_time()
    lint_files(files, lambda _path: settings, jobs=1)
    totals["total"] = time.process_time() - started
    accounted = sum(v for k, v in totals.items() if k not in ("total", "bare parse"))
    totals["rules and the rest"] = totals["total"] - accounted
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

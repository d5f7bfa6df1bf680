"""The floor for a libcst linter: read and `libcst.parse_module` each file, nothing else.

    python bench/parse_only.py --jobs N FILE_LIST

Same process count and the same work distribution as `kerlint check --jobs N` (fork, largest files first,
chunks of at most 16 files), so the ratio measures what kerlint adds to the parse.
"""

from __future__ import annotations

import argparse
import os
import sys


def parse_chunk(paths: list[str]) -> int:
    import libcst

    ok = 0
    for path in paths:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        try:
            libcst.parse_module(text)
            ok += 1
        except libcst.ParserSyntaxError:
            pass
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("file_list")
    args = parser.parse_args(argv)
    with open(args.file_list, encoding="utf-8") as fh:
        files = [line.strip() for line in fh if line.strip()]
    import libcst  # noqa: F401 - imported before forking, as kerlint does

    if args.jobs <= 1:
        parsed = parse_chunk(files)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ordered = sorted(files, key=lambda p: -os.path.getsize(p))
        per_chunk = max(1, min(16, len(ordered) // (args.jobs * 4)))
        chunks = [ordered[i:i + per_chunk] for i in range(0, len(ordered), per_chunk)]
        with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            parsed = sum(pool.map(parse_chunk, chunks))
    print(f"parsed {parsed} of {len(files)} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

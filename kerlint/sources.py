"""Reading files into source text, without ever crashing on what users feed us.

A file that cannot be read as Python source becomes a `SourceProblem` (kerlint/units.py), which the engine
reports as a KL000 finding at the file's first line; the run goes on with the other files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kerlint.units import (DECODE_HINT, NOT_SOURCE_HINT, TOO_LARGE_HINT, UNREADABLE_HINT, SourceProblem,
                           SourceUnit)

MAX_BYTES = 16 * 1024 * 1024  # larger files are reported, not parsed
# A notebook's outputs (images, tables) are not linted, so its limit is its code's: MAX_BYTES of code. The
# file itself may be larger, up to what reading its JSON costs within the memory bound (about 3 times the
# file while it is read: the bytes, the text, the parsed cells).
MAX_NOTEBOOK_BYTES = 128 * 1024 * 1024
DEFAULT_EXCLUDES = (".venv", "venv", ".git", "build", "dist", "__pycache__", ".tox", ".nox",
                    ".mypy_cache", ".pytest_cache", ".kerlint_cache", "node_modules", ".eggs")
_CODING_RE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def decode_python(data: bytes) -> str:
    """Decode as Python does: a BOM or PEP 263 coding line, else UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    for line in data.splitlines()[:2]:
        match = _CODING_RE.match(line)
        if match:
            return data.decode(match.group(1).decode("ascii"))
    return data.decode("utf-8")


def read_source(path: str) -> SourceUnit | SourceProblem:
    if os.path.isdir(path):  # discover() lists the folders it could not walk
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return SourceProblem(path, f"cannot read folder: {exc.strerror or exc}; the files in it were not "
                                       "linted", hint=UNREADABLE_HINT)
        return SourceProblem(path, "is a folder that could not be listed when kerlint walked it; the files in it "
                                   "were not linted", hint=UNREADABLE_HINT)
    try:
        size = os.path.getsize(path)
        limit = MAX_NOTEBOOK_BYTES if path.endswith(".ipynb") else MAX_BYTES
        if size > limit:
            what = "notebook (outputs included)" if path.endswith(".ipynb") else "file"
            return SourceProblem(path, f"{what} is too large to lint ({size} bytes > {limit}); skipped",
                                 hint=TOO_LARGE_HINT)
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return SourceProblem(path, f"cannot read file: {exc.strerror or exc}", hint=UNREADABLE_HINT)
    if b"\x00" in data[:8192]:
        return SourceProblem(path, "binary file (contains NUL bytes); not Python source", hint=NOT_SOURCE_HINT)
    if path.endswith(".ipynb"):
        from kerlint import notebook  # only when there are notebooks

        unit = notebook.load(path, data)
        if isinstance(unit, SourceUnit) and len(unit.text) > MAX_BYTES:
            return SourceProblem(path, f"the notebook's code is too large to lint ({len(unit.text)} characters > "
                                       f"{MAX_BYTES}); skipped", hint=TOO_LARGE_HINT)
        return unit
    try:
        text = decode_python(data)
    except (UnicodeDecodeError, LookupError) as exc:
        return SourceProblem(path, f"cannot decode file as UTF-8 or its declared encoding: {exc}",
                             hint=DECODE_HINT)
    return SourceUnit(path, text, raw=data)


def is_lintable(path: Path) -> bool:
    return path.suffix in (".py", ".pyi", ".ipynb")


def discover(paths: list[str], exclude: tuple[str, ...] = ()) -> list[str]:
    """Files to lint, in a deterministic order. Explicitly named files are always included."""
    import fnmatch

    excludes = DEFAULT_EXCLUDES + tuple(exclude)

    def excluded(p: Path) -> bool:
        return any(fnmatch.fnmatch(p.name, pat) or fnmatch.fnmatch(str(p), pat) for pat in excludes)

    found: list[str] = []

    def unreadable(error: OSError) -> None:
        # os.walk skips a folder it cannot list; kerlint reports it instead (read_source says why).
        if error.filename:
            found.append(str(error.filename))

    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
                dirnames[:] = sorted(d for d in dirnames if not excluded(Path(dirpath) / d))
                for name in sorted(filenames):
                    p = Path(dirpath) / name
                    if is_lintable(p) and not excluded(p):
                        found.append(str(p))
        else:
            found.append(str(root))
    # One file reached by two paths (`kerlint check . $PWD`, a symlink) is linted once, under the first.
    seen: set[str] = set()
    return [p for p in found if not (_identity(p) in seen or seen.add(_identity(p)))]


def _identity(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))

"""A cache of each file's violations: a second run over an unchanged tree only reads and hashes files.

Layout: `.kerlint_cache/` in the current directory (or `$KERLINT_CACHE_DIR`), holding one folder per
kerlint build (`v1-<fingerprint>`) and in it one JSON file per linted file and settings. An entry's key is
the SHA-256 of:

- the file's bytes and its path as given (violations carry the path, and per-file settings depend on it);
- the effective settings for the file (selection, per-file ignores, options, ...);
- kerlint's fingerprint: its version plus a hash of its own source files and rule entries (`rules/*.yaml`),
  so editing a rule during development never serves results computed by the old code.

Entries are written atomically (a temporary file, then `os.replace`); an entry that cannot be read or
decoded, or whose fields do not have the types kerlint writes (a string where a location belongs), is
ignored (a miss), never trusted. Results with internal errors are not cached. Folders of other
builds are removed when a new build first writes. This module imports neither libcst nor the engine, so
a run whose files are all cached never loads them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import kerlint
from kerlint.violation import Applicability, Edit, Fix, Position, Severity, Violation

CACHE_DIRNAME = ".kerlint_cache"
FORMAT = 1


@functools.lru_cache(maxsize=None)
def fingerprint() -> str:
    """kerlint's version plus the hash of every source file and rule entry it runs with."""
    digest = hashlib.sha256(f"kerlint {kerlint.__version__} format {FORMAT}".encode())
    package = Path(kerlint.__file__).resolve().parent
    files = [p for p in package.rglob("*.py") if "probe" not in p.relative_to(package).parts]
    try:
        from kerlint.catalogue import rules_dir

        files += list(rules_dir().glob("*.yaml"))
    except Exception:  # noqa: BLE001 - no catalogue: the package files still key the cache
        pass
    for path in sorted(files):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        digest.update(str(path.name).encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def settings_key(settings) -> str:
    """The effective settings, as text that changes whenever any of them does."""
    return json.dumps(dataclasses.asdict(settings), sort_keys=True, default=repr)


# ---- (de)serialising violations ------------------------------------------------------------------


def _encode(v: Violation) -> dict:
    fix = None
    if v.fix is not None:
        fix = {"message": v.fix.message, "applicability": v.fix.applicability.value,
               "edits": [[e.start.row, e.start.column, e.end.row, e.end.column, e.content] for e in v.fix.edits]}
    return {"code": v.code, "name": v.name, "severity": int(v.severity), "message": v.message,
            "filename": v.filename, "location": [v.location.row, v.location.column],
            "end_location": [v.end_location.row, v.end_location.column], "fix_hint": v.fix_hint,
            "fix": fix, "cell": v.cell, "source_line": v.source_line, "extra": v.extra}


class DamagedEntry(ValueError):
    """A cache entry whose fields do not have the types kerlint writes: a miss, never trusted."""


def _typed(value, kind, what: str):
    # bool is an int in Python: a `true` where a number belongs is damage too.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DamagedEntry(f"{what}: {type(value).__name__}")
    return value


def _position(value, what: str) -> Position:
    if not isinstance(value, list) or len(value) != 2:
        raise DamagedEntry(f"{what}: not a [row, column] pair")
    row, column = (_typed(part, int, what) for part in value)
    if row < 1 or column < 1:
        raise DamagedEntry(f"{what}: not 1-based")
    return Position(row, column)


def _decode(d: dict) -> Violation:
    """The inverse of `_encode`; raises DamagedEntry (or KeyError/ValueError) on anything else, so that a
    hand-edited or damaged entry is a miss instead of a value with the wrong types inside."""
    _typed(d, dict, "violation")
    fix = None
    if d["fix"] is not None:
        f = _typed(d["fix"], dict, "fix")
        edits = []
        for edit in _typed(f["edits"], list, "edits"):
            if not isinstance(edit, list) or len(edit) != 5:
                raise DamagedEntry("edit: not [row, column, row, column, text]")
            edits.append(Edit(_position(edit[0:2], "edit start"), _position(edit[2:4], "edit end"),
                              _typed(edit[4], str, "edit text")))
        fix = Fix(_typed(f["message"], str, "fix message"), Applicability(f["applicability"]), tuple(edits))
    cell = d["cell"]
    if cell is not None and (_typed(cell, int, "cell") < 1):
        raise DamagedEntry("cell: not 1-based")
    return Violation(code=_typed(d["code"], str, "code"), name=_typed(d["name"], str, "name"),
                     severity=Severity(_typed(d["severity"], int, "severity")),
                     message=_typed(d["message"], str, "message"), filename=_typed(d["filename"], str, "filename"),
                     location=_position(d["location"], "location"),
                     end_location=_position(d["end_location"], "end_location"),
                     fix_hint=_typed(d["fix_hint"], str, "fix_hint"), fix=fix, cell=cell,
                     source_line=_typed(d["source_line"], str, "source_line"),
                     extra=dict(_typed(d["extra"], dict, "extra")))


# ---- the cache -----------------------------------------------------------------------------------


def default_root() -> Path:
    return Path(os.environ.get("KERLINT_CACHE_DIR") or Path.cwd() / CACHE_DIRNAME)


class Cache:
    def __init__(self, root: str | os.PathLike | None = None):
        self.root = Path(root) if root is not None else default_root()
        self.dir = self.root / f"v{FORMAT}-{fingerprint()[:20]}"
        self._prepared = False
        self.hits = 0
        self.misses = 0

    def key(self, path: str, data: bytes, settings) -> str:
        digest = hashlib.sha256()
        for part in (fingerprint(), path, settings_key(settings)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[list[Violation], int] | None:
        """The cached (violations, internal errors) for `key`; None on a miss or a damaged entry."""
        try:
            with open(self._entry(key), "rb") as fh:
                entry = json.loads(fh.read())
            if entry.get("format") != FORMAT or entry.get("key") != key:
                raise ValueError("not this entry")
            violations = [_decode(d) for d in _typed(entry["violations"], list, "violations")]
            result = violations, _typed(entry["internal"], int, "internal")
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, violations: list[Violation], internal: int) -> bool:
        """Store an entry atomically. Returns False (and stores nothing) when it cannot."""
        if internal:
            return False  # an internal error is a bug to report, not a result to remember
        try:
            payload = json.dumps({"format": FORMAT, "key": key, "internal": internal,
                                  "violations": [_encode(v) for v in violations]}, ensure_ascii=False)
        except (TypeError, ValueError):  # something in `extra` JSON cannot hold
            return False
        target = self._entry(key)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload.encode("utf-8", "surrogatepass"))
                os.replace(tmp, target)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            return False  # a read-only tree or a full disk must not fail the lint
        return True

    def _prepare(self) -> None:
        """Create the cache folder (marked for backup tools and git) and drop other builds' folders."""
        if self._prepared:
            return
        self._prepared = True
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# created by kerlint\n*\n"),
                           ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                            "# This file is a cache directory tag created by kerlint.\n")):
            marker = self.root / name
            if not marker.exists():
                try:
                    marker.write_text(text, encoding="utf-8")
                except OSError:
                    pass
        for other in self.root.glob(f"v{FORMAT}-*"):
            if other != self.dir and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)

"""The Keras version kerlint judges removed APIs against (`target-keras`, like ruff's `target-version`).

    target-keras = "3"        # in [tool.kerlint]; or `kerlint check --target-keras 2.15`

Unset, it is taken from the project: the Keras (or TensorFlow, whose 2.x releases up to 2.15 bundle the
Keras of the same minor version) that `pyproject.toml`'s `[project] dependencies` or a `requirements*.txt`
next to the config file declares; else the Keras installed where kerlint runs (read from the package
metadata: nothing is imported); else 3. What KL501-KL508 report, and at which severity, follows it.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

DEFAULT = "3"
_VERSION = re.compile(r"^\s*(\d+)(?:\.(\d+))?(?:\.[0-9A-Za-z.+-]*)?\s*$")
_REQUIREMENT = re.compile(r"^\s*(tensorflow-cpu|tensorflow-gpu|tensorflow|tf-keras|tf_keras|keras)\s*"
                          r"(?:\[[^\]]*\])?\s*(==|~=|>=|<=|<|>|===)?\s*([0-9][0-9.]*)?", re.IGNORECASE)


def parse(value: str) -> tuple[int, int]:
    """"3" -> (3, 99) (any 3.x), "2.15" -> (2, 15). Raises ValueError for anything else."""
    match = _VERSION.match(str(value))
    if not match or not 1 <= int(match.group(1)) <= 3:
        raise ValueError(f"{value!r} is not a Keras version (expected 1, 2, 2.15, 3, ...)")
    return int(match.group(1)), int(match.group(2)) if match.group(2) is not None else 99


def normalise(value: str) -> str:
    major, minor = parse(value)
    return str(major) if minor == 99 else f"{major}.{minor}"


def _from_requirement(line: str) -> str | None:
    match = _REQUIREMENT.match(line)
    if not match or not match.group(3):
        return None
    name, op, version = match.group(1).lower().replace("_", "-"), match.group(2), match.group(3)
    if op in ("<", "<="):
        return None  # an upper bound says little about the version in use
    parts = version.split(".")
    if name in ("keras", "tf-keras"):  # tf-keras 2.15 is Keras 2.15
        if parts[0] == "2":
            return f"2.{parts[1]}" if len(parts) > 1 and parts[1].isdigit() else "2"
        return parts[0] if parts[0] in ("1", "3") else None
    # tensorflow: 2.0-2.15 bundle Keras 2.<minor>; 2.16+ Keras 3; 1.x the Keras 2.2 era
    if parts[0] == "1":
        return "2.2"
    if parts[0] == "2" and len(parts) > 1 and parts[1].isdigit():
        return f"2.{parts[1]}" if int(parts[1]) <= 15 else "3"
    return None


def declared(root: str) -> str | None:
    """The Keras version the project in `root` declares, if any (Keras wins over TensorFlow)."""
    lines: list[str] = []
    pyproject = Path(root, "pyproject.toml")
    if pyproject.is_file():
        try:
            try:
                import tomllib
            except ImportError:  # Python 3.10
                import tomli as tomllib
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            project = data.get("project", {}) if isinstance(data, dict) else {}
            deps = project.get("dependencies", []) if isinstance(project, dict) else []
            lines += [d for d in deps if isinstance(d, str)]
        except (OSError, ValueError, UnicodeDecodeError):
            pass
    try:
        names = sorted(n for n in os.listdir(root) if re.match(r"requirements.*\.txt$", n))
    except OSError:
        names = []
    for name in names:
        try:
            lines += Path(root, name).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
    found = [v for v in (_from_requirement(line) for line in lines) if v]
    keras_first = [v for line, v in ((line, _from_requirement(line)) for line in lines)
                   if v and line.strip().lower().startswith(("keras", "tf-keras", "tf_keras"))]
    return (keras_first or found or [None])[0]


@functools.lru_cache(maxsize=1)
def installed() -> str | None:
    """The installed Keras's version, from its package metadata (Keras itself is never imported)."""
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:
        return None
    try:
        return normalise(version("keras"))
    except (PackageNotFoundError, ValueError):
        return None


@functools.lru_cache(maxsize=256)
def resolve(configured: str, root: str) -> str:
    """The target for a run: the configured one, else the project's declared Keras, else the installed one, else 3."""
    if configured:
        return normalise(configured)
    for candidate in (declared(root) if root else None, installed()):
        if candidate:
            try:
                return normalise(candidate)
            except ValueError:
                continue
    return DEFAULT


def at_least(target: str, major: int, minor: int = 0) -> bool:
    return parse(target) >= (major, minor)

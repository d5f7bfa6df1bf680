"""Effective settings for a run: defaults, then a config file, then command-line flags.

Three pieces, in the order they are applied:

- `Settings`: the value object the engine reads (rule selection, options, per-file ignores, ...).
- Config files: `[tool.kerlint]` in the nearest `pyproject.toml` found upward from each linted file
  (or a `kerlint.toml` / `.kerlint.toml` there, whose keys are top-level), like ruff. `--config PATH`
  names one file for every linted file (TOML, or YAML read with `safe_load`); `--isolated` ignores
  config files. `CONFIG_KEYS` lists every key with its parser: add a key there and nowhere else.
- `CliOverrides`: what the command line says; it wins over the file.

`SettingsResolver.for_path(path)` puts the three together, cached per directory and per config file.
A bad config raises `ConfigError`, whose message names the file and the key (the CLI exits 2).
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from kerlint.violation import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

# Files looked for in each directory, nearest first; in pyproject.toml only `[tool.kerlint]` counts.
CONFIG_FILENAMES = (".kerlint.toml", "kerlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem the user must fix; the message names the file and the key."""


def _matches(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix in `prefixes` that selects `code` (0: none). ALL selects all."""
    best = 0
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 1)
        elif code.startswith(prefix):
            best = max(best, len(prefix) + 1)
    return best


def _glob_match(relpath: str, pattern: str) -> bool:
    """Match a posix path relative to the config's folder against a glob.

    A pattern without "/" also matches any single path component (`build`, `*_test.py`), and a
    leading `**/` may match nothing (`**/conftest.py` matches `conftest.py`), as in ruff.
    """
    pattern = pattern.replace("\\", "/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    candidates = [pattern]
    while candidates[-1].startswith("**/"):
        candidates.append(candidates[-1][3:])
    parts = relpath.split("/")
    for pat in candidates:
        if fnmatch.fnmatchcase(relpath, pat) or fnmatch.fnmatchcase(relpath, pat.rstrip("/") + "/*"):
            return True
        if "/" not in pat and any(fnmatch.fnmatchcase(part, pat) for part in parts):
            return True
    return False


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("KL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    options: dict = field(default_factory=dict)
    report_unused_noqa: bool = False
    # Folder that relative globs (exclude, per-file-ignores) are relative to; "" means the cwd.
    root: str = ""
    # The config file these settings came from ("" for defaults), for messages.
    source: str = ""
    # Offer fixes with findings. Only JSON output, --statistics and the fix flags show them; the CLI
    # turns this off otherwise, since computing fixes costs a sixth of the parse time.
    compute_fixes: bool = True
    # Skip, without parsing, files that never mention keras/tensorflow/kerlint (kerlint.prefilter).
    prefilter: bool = True
    # `target-keras`: the Keras version KL5xx judges removed APIs against; "" = the project's (kerlint/target.py).
    target_keras: str = ""

    def with_overrides(self, **changes) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def is_selected(self, code: str) -> bool:
        """ruff's rule: the most specific of select/ignore wins; KL000 and KL999 are always on, KL002 unless
        ignored by its own code."""
        if code in ("KL000", "KL999"):
            return True
        if code == "KL002":  # partial analysis is always visible unless ignored by its own code
            return code not in self.ignore
        chosen = _matches(code, self.select + self.extend_select)
        ignored = _matches(code, self.ignore)
        return chosen > 0 and chosen > ignored

    def relative_path(self, path: str) -> str:
        """`path` relative to `root` (posix separators); unchanged if it lies outside."""
        root = os.path.abspath(self.root or os.getcwd())
        absolute = os.path.abspath(path)
        try:
            rel = os.path.relpath(absolute, root)
        except ValueError:  # another drive on Windows
            return absolute.replace("\\", "/")
        if rel == ".." or rel.startswith(".." + os.sep):
            return absolute.replace("\\", "/")
        return rel.replace("\\", "/")

    def is_ignored_for_file(self, code: str, path: str) -> bool:
        if not self.per_file_ignores:
            return False
        rel = self.relative_path(path)
        for pattern, codes in self.per_file_ignores:
            if _glob_match(rel, pattern) and _matches(code, codes):
                return True
        return False

    def is_excluded(self, path: str) -> bool:
        """Whether a configured `exclude` glob matches the path (default excludes live in sources)."""
        if not self.exclude:
            return False
        rel = self.relative_path(path)
        return any(_glob_match(rel, pattern) for pattern in self.exclude)

    def option(self, name: str):
        from kerlint.catalogue import default_options

        if name in self.options:
            return self.options[name]
        return default_options()[name]


# ---------------------------------------------------------------------------------------------
# Validating values read from a config file
# ---------------------------------------------------------------------------------------------


def normalise_selector(text: str, where: str) -> str:
    """A rule code or code prefix (`KL1`, `KL20`, `KL101`, `ALL`), checked against the catalogue."""
    if not isinstance(text, str):
        raise ConfigError(f"{where}: expected a rule code or prefix as a string, got {text!r}")
    selector = text.strip().upper()
    if selector == "ALL":
        return selector
    from kerlint.catalogue import known_codes

    codes = known_codes()
    if not selector or not any(code.startswith(selector) for code in codes):
        close = difflib.get_close_matches(selector, sorted(codes), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ConfigError(f"{where}: unknown rule code or prefix {text!r}{hint}; "
                          "`kerlint rules` lists the codes")
    return selector


def parse_selectors(value, where: str) -> tuple[str, ...]:
    """A list of codes/prefixes. A comma-separated string is accepted too (the CLI's form)."""
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)):
        raise ConfigError(f"{where}: expected a list of rule codes, got {type(value).__name__} {value!r}")
    return tuple(normalise_selector(item, where) for item in value)


def _parse_code_list(value, where: str) -> tuple[str, ...]:
    """A config file's list of codes/prefixes. A string is refused, as for every list-valued key (the
    comma-separated form is the command line's)."""
    if isinstance(value, str):
        raise ConfigError(f"{where}: expected a list of rule codes, got the string {value!r} "
                          f"(write [{', '.join(repr(p.strip()) for p in value.split(',') if p.strip())}])")
    return parse_selectors(value, where)


def _parse_severity(value, where: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected one of error, warning, info, got {value!r}")
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(f"{where}: expected one of error, warning, info, got {value!r}") from None


def _parse_globs(value, where: str) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of glob strings, got {value!r}")
    return tuple(value)


def _parse_bool(value, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    return value


def _resolved_target(root: str) -> str:
    from kerlint.target import resolve

    return resolve("", root or os.getcwd())


def _parse_target_keras(value, where: str) -> str:
    from kerlint.target import normalise

    try:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError(value)
        return normalise(str(value))
    except ValueError:
        raise ConfigError(f"{where}: expected a Keras version such as \"3\" or \"2.15\", got {value!r}") from None


def _parse_per_file_ignores(value, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of glob = [codes], got {value!r}")
    return tuple((str(glob), _parse_code_list(codes, f"{where}.{glob!r}")) for glob, codes in value.items())


def _parse_options(value, where: str) -> dict:
    """`[tool.kerlint.options]`: only options some rule (or probe symptom) declares, each of its declared type
    and in its declared range (rules/*.yaml `options:`; kerlint.catalogue.RuleOption)."""
    from kerlint.catalogue import option_specs

    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of rule options, got {value!r}")
    specs = option_specs()
    out = {}
    for name, given in value.items():
        # `deep-stack-min-conv` and `deep_stack_min_conv` name the same option.
        key = next((k for k in (str(name), str(name).replace("_", "-"), str(name).replace("-", "_"))
                    if k in specs), str(name))
        if key not in specs:
            close = difflib.get_close_matches(key, sorted(specs), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            known = ", ".join(sorted(specs)) or "none"
            raise ConfigError(f"{where}.{name}: unknown rule option{hint}; known options: {known}")
        code, option = specs[key]
        try:
            out[key] = option.parse(given)
        except ValueError as exc:
            raise ConfigError(f"{where}.{name}: {exc} ({code}'s option)") from None
    return out


@dataclass(frozen=True)
class ConfigKey:
    field: str  # the Settings field it sets
    parse: Callable[[object, str], object]


# Every key accepted in `[tool.kerlint]` (kebab-case, like ruff).
CONFIG_KEYS: dict[str, ConfigKey] = {
    "select": ConfigKey("select", _parse_code_list),
    "extend-select": ConfigKey("extend_select", _parse_code_list),
    "ignore": ConfigKey("ignore", _parse_code_list),
    "per-file-ignores": ConfigKey("per_file_ignores", _parse_per_file_ignores),
    "fail-on": ConfigKey("fail_on", _parse_severity),
    "exclude": ConfigKey("exclude", _parse_globs),
    "report-unused-noqa": ConfigKey("report_unused_noqa", _parse_bool),
    "prefilter": ConfigKey("prefilter", _parse_bool),
    "options": ConfigKey("options", _parse_options),
    "target-keras": ConfigKey("target_keras", _parse_target_keras),
}


def settings_from_table(table: dict, source: str, root: str, section: str = "[tool.kerlint]") -> Settings:
    """Settings from the kerlint table of a config file (already parsed)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: {section} must be a table, got {table!r}")
    values = {}
    for key, value in table.items():
        spec = CONFIG_KEYS.get(key)
        where = f"{source}: {section} {key}"
        if spec is None:
            close = difflib.get_close_matches(str(key), list(CONFIG_KEYS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{source}: {section} unknown key {key!r}{hint}; "
                              f"known keys: {', '.join(CONFIG_KEYS)}")
        values[spec.field] = spec.parse(value, where)
    return Settings(root=root, source=source, **values)


def read_config_file(path: str | Path) -> tuple[dict | None, str]:
    """The kerlint table of a config file and the name of its section; None if it has none."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None
    if path.suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(raw.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: invalid YAML: {exc}") from None
        if data is None:
            return {}, "top level"
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a mapping of kerlint settings at the top level")
        return data, "top level"
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "kerlint" not in tool:
            return None, "[tool.kerlint]"
        return tool["kerlint"], "[tool.kerlint]"
    return data, "top level"


# ---------------------------------------------------------------------------------------------
# The command line's layer
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CliOverrides:
    """Settings given on the command line; None / empty means "as the config file says".

    As in ruff: `select` replaces the file's selection (and drops its `ignore` and `extend-select`,
    which were relative to it); `extend_select`, `ignore` and `exclude` add to the file's.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: Severity | None = None
    report_unused_noqa: bool | None = None
    compute_fixes: bool | None = None
    prefilter: bool | None = None
    target_keras: str | None = None

    def apply(self, settings: Settings) -> Settings:
        if self.select is not None:
            settings = replace(settings, select=self.select, extend_select=(), ignore=())
        return replace(
            settings,
            extend_select=settings.extend_select + self.extend_select,
            ignore=settings.ignore + self.ignore,
            exclude=settings.exclude + self.exclude,
            fail_on=self.fail_on if self.fail_on is not None else settings.fail_on,
            report_unused_noqa=(self.report_unused_noqa if self.report_unused_noqa is not None
                                else settings.report_unused_noqa),
            compute_fixes=self.compute_fixes if self.compute_fixes is not None else settings.compute_fixes,
            prefilter=self.prefilter if self.prefilter is not None else settings.prefilter,
            # resolved here (the project's declared or installed Keras) so that the cache key holds it
            target_keras=self.target_keras or settings.target_keras or _resolved_target(settings.root),
        )


class SettingsResolver:
    """Which settings govern each file: the nearest config file upward, plus the CLI layer.

    Lookups are cached per directory and per config file, so a run over a big tree reads each
    config file once.
    """

    def __init__(self, overrides: CliOverrides | None = None, config_path: str | None = None,
                 isolated: bool = False, cwd: str | None = None):
        self.overrides = overrides or CliOverrides()
        self.isolated = isolated
        self.cwd = os.path.abspath(cwd or os.getcwd())
        self._by_dir: dict[str, Settings] = {}
        self._by_config: dict[str, Settings] = {}
        self._fixed: Settings | None = None
        if config_path is not None:
            # One file for everything; its relative globs are relative to its own folder, as for a config
            # file that is found (and as ruff does).
            table, section = read_config_file(config_path)
            root = os.path.dirname(os.path.abspath(config_path))
            base = settings_from_table(table or {}, str(config_path), root, section)
            self._fixed = self.overrides.apply(base)
        elif isolated:
            self._fixed = self.overrides.apply(Settings(root=self.cwd))

    def for_path(self, path: str) -> Settings:
        if self._fixed is not None:
            return self._fixed
        directory = os.path.dirname(os.path.abspath(path))
        return self.for_directory(directory)

    def for_directory(self, directory: str) -> Settings:
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        settings = self._lookup(directory)
        self._by_dir[directory] = settings
        return settings

    def _lookup(self, directory: str) -> Settings:
        for name in CONFIG_FILENAMES:
            candidate = os.path.join(directory, name)
            if not os.path.isfile(candidate):
                continue
            if candidate in self._by_config:
                return self._by_config[candidate]
            table, section = read_config_file(candidate)
            if table is None:  # a pyproject.toml without [tool.kerlint]: keep looking upward
                continue
            settings = self.overrides.apply(settings_from_table(table, candidate, directory, section))
            self._by_config[candidate] = settings
            return settings
        parent = os.path.dirname(directory)
        if parent == directory:  # the filesystem root: defaults
            return self.overrides.apply(Settings(root=self.cwd))
        return self.for_directory(parent)

    def project_settings(self) -> Settings:
        """The settings of the current directory (for run-wide choices such as discovery)."""
        if self._fixed is not None:
            return self._fixed
        return self.for_directory(self.cwd)

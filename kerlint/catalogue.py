"""The rule catalogue: one YAML file per rule in the top-level `rules/` folder.

Each entry is the single source of a rule's metadata and documentation (ruff's sections) and its
valid/invalid examples, which the test suite runs automatically (as Fixit does).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from kerlint.violation import Severity

# libyaml's C implementation of safe_load's loader when present: 20x faster over the 50 rule files,
# which every `kerlint check` reads at start-up.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FIX_SAFETIES = ("safe", "unsafe", "mixed", "none")

# The repository (pyproject.toml's [project.urls] says the same; a test checks it) and where each rule's
# page lives in it: docs/rules/CODE.md, generated from rules/CODE.yaml by docs/gen_rule_pages.py.
REPOSITORY_URL = "https://github.com/kerlint/kerlint"
RULE_DOCS_URL = REPOSITORY_URL + "/blob/main/docs/rules/{code}.md"


def rule_url(code: str) -> str | None:
    """The documentation page of a catalogue code (rules, probe symptoms, KL000/KL001/KL999), else None."""
    return RULE_DOCS_URL.format(code=code) if code in load_catalogue() else None


OPTION_TYPES = {"int": int, "float": float, "bool": bool, "str": str}
_TYPE_WORDS = {"int": "an integer", "float": "a number", "bool": "a boolean", "str": "a string"}


def type_name(value) -> str:
    """How a message names the type of a value read from a config file."""
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


@dataclass(frozen=True)
class RuleOption:
    """One option in a rule's entry: its name, default and help, its type (`type:` in the entry, else the
    default's) and, for numbers, its range: `min:` and `max:` (inclusive); a number without `min:` must be
    above zero (counts, ratios, rates and bounds are)."""

    name: str
    default: object
    help: str
    type: str = "float"
    min: float | None = None
    max: float | None = None

    def parse(self, value):
        """`value` (read from a config file) as this option's type; ValueError says what was expected."""
        import math

        if self.type == "bool" and isinstance(value, bool):
            return value
        if self.type == "str" and isinstance(value, str):
            return value
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        if numeric and self.type in ("int", "float") and not math.isfinite(value):
            raise ValueError(f"expected a number {self.range_text}, got {value!r}")
        number = not isinstance(value, bool) and (
            type(value) is int if self.type == "int" else self.type == "float" and isinstance(value, (int, float)))
        if not number:
            raise ValueError(f"expected {_TYPE_WORDS[self.type]} (default {self.default!r}), "
                             f"got {type_name(value)} {value!r}")
        value = float(value) if self.type == "float" else value
        if not self._in_range(value):
            raise ValueError(f"expected a number {self.range_text}, got {value!r}")
        return value

    def parse_text(self, text: str):
        """A value given on a command line (`--threshold NAME=VALUE`), as `parse` does a config file's."""
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
        return self.parse(int(value) if self.type == "int" and value.is_integer() else value)

    def _in_range(self, value) -> bool:
        low = value > 0 if self.min is None else value >= self.min
        return low and (self.max is None or value <= self.max)

    @property
    def range_text(self) -> str:
        """"above zero", "at least 1", "above zero and at most 1" (numbers only)."""
        low = "above zero" if self.min is None else f"at least {self.min:g}"
        return low if self.max is None else f"{low} and at most {self.max:g}"

    def describe(self) -> str:
        """`integer, default 2, at least 1`: what the rule's page says of it."""
        kind = {"int": "integer", "float": "number", "bool": "boolean", "str": "string"}[self.type]
        parts = [kind, f"default `{self.default}`"]
        if self.type in ("int", "float"):
            parts.append(self.range_text)
        return ", ".join(parts)


@dataclass(frozen=True)
class Expectation:
    """What an invalid example states about one of its findings (Fixit's InvalidTestCase line/column/
    expected_message): where it starts (and ends, when given) and a part of its message."""

    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None
    message: str = ""


@dataclass(frozen=True)
class RuleDoc:
    code: str
    name: str
    severity: Severity
    summary: str
    what: str
    why: str
    fix: str
    fix_safety: str
    invalid: tuple[str, ...]
    valid: tuple[str, ...]
    # The rule <-> symptom link, stored once: each probe symptom's `confirms:` lists the rules it confirms
    # (`KL1xx`: every KL1.. code); a rule's `symptoms` are derived from them when the catalogue is loaded.
    symptoms: tuple[str, ...] = ()
    confirms: tuple[str, ...] = ()
    seeds: tuple[str, ...] = ()
    source: str = ""  # for probe symptoms: the published source of the threshold
    threshold: str = ""
    options: tuple[RuleOption, ...] = field(default_factory=tuple)
    path: str = ""
    builtin: bool = False  # reported by kerlint itself (KL000, KL001, KL999), not by a rule over the IR
    # For each invalid example, what it states about its findings (empty: only that the rule fires).
    expectations: tuple[tuple[Expectation, ...], ...] = ()

    @property
    def is_symptom(self) -> bool:
        return self.code.startswith("KP")

    @property
    def url(self) -> str:
        return RULE_DOCS_URL.format(code=self.code)

    def as_dict(self) -> dict:
        """Everything the entry says, JSON-ready (`kerlint rule CODE --format json`)."""
        return {
            "code": self.code, "name": self.name, "kind": "symptom" if self.is_symptom else "rule",
            "severity": self.severity.label, "summary": self.summary,
            "fix_safety": None if self.is_symptom else self.fix_safety,
            "what": self.what.strip(), "why": self.why.strip(), "fix": self.fix.strip(),
            "examples": {"invalid": list(self.invalid), "valid": list(self.valid)},
            "options": [{"name": o.name, "default": o.default, "help": o.help, "type": o.type, "min": o.min,
                         "max": o.max} for o in self.options],
            "symptoms": list(self.symptoms), "confirms": list(self.confirms), "seeds": list(self.seeds),
            "threshold": self.threshold.strip() or None, "source": self.source or None,
            "url": self.url,
        }

    def markdown(self) -> str:
        """The rule's documentation, in ruff's sections."""
        out = [f"# {self.name} ({self.code})", "", f"Default severity: {self.severity.label}.", ""]
        if self.is_symptom:
            out += ["## What it measures", self.what.strip(), "", "## Why it matters", self.why.strip(), ""]
            out += ["## Threshold", self.threshold.strip(), "", f"Source: {self.source}", ""]
            if self.confirms:
                out += ["## Confirms", ", ".join(self.confirms), ""]
            return "\n".join(out).rstrip() + "\n"
        out += ["## What it does", self.what.strip(), "", "## Why is this bad?", self.why.strip(), ""]
        if self.invalid:
            out += ["## Example", "```python", self.invalid[0].rstrip(), "```", ""]
        if self.valid:
            out += ["## Use instead", "```python", self.valid[0].rstrip(), "```", ""]
        out += ["## How to fix", self.fix.strip(), "", "## Fix safety", _FIX_SAFETY_TEXT[self.fix_safety], ""]
        if self.options:
            out += ["## Options"]
            out += [f"- `{o.name}` ({o.describe()}): {o.help}" for o in self.options]
            out += [""]
        if self.symptoms:
            out += ["## Probe symptoms that confirm it", ", ".join(self.symptoms), ""]
        if self.seeds:
            out += ["## Seed references"] + [f"- {s}" for s in self.seeds] + [""]
        return "\n".join(out).rstrip() + "\n"


_FIX_SAFETY_TEXT = {
    "safe": "An automatic fix is available and safe: it does not change what the model computes. "
    "`kerlint check --fix` applies it.",
    "unsafe": "An automatic fix is available but unsafe: it changes the model or its training, so it is "
    "applied only with `--unsafe-fixes`.",
    "mixed": "Some of this rule's fixes are safe and applied by `--fix`; the others change the model or its "
    "training and are applied only with `--unsafe-fixes`. Each fix declares which it is (`--show-fixes`).",
    "none": "No automatic fix: the right change depends on intent.",
}


def rules_dir() -> Path:
    """Where the YAML entries live: inside the installed wheel, or the repository's `rules/`."""
    packaged = Path(__file__).parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def _tuple(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


_OPTION_KEYS = {"default", "help", "type", "min", "max"}


def _parse_option(name: str, spec: dict, path: str) -> RuleOption:
    """An option's declaration; a declaration that contradicts itself is the entry's error."""
    where = f"{path}: option {name!r}"
    if not isinstance(spec, dict) or "default" not in spec:
        raise ValueError(f"{where}: expected a table with a default")
    if set(spec) - _OPTION_KEYS:
        raise ValueError(f"{where}: unknown keys {sorted(set(spec) - _OPTION_KEYS)}; known: {sorted(_OPTION_KEYS)}")
    default = spec["default"]
    inferred = next((n for n, t in OPTION_TYPES.items() if type(default) is t), None)
    kind = spec.get("type", inferred)
    if kind not in OPTION_TYPES:
        raise ValueError(f"{where}: type must be one of {sorted(OPTION_TYPES)}, not {kind!r}")
    bounds = {k: spec.get(k) for k in ("min", "max")}
    for key, bound in bounds.items():
        if bound is not None and (kind not in ("int", "float") or isinstance(bound, bool)
                                  or not isinstance(bound, (int, float))):
            raise ValueError(f"{where}: {key} must be a number, for a number option")
    option = RuleOption(name=name, default=default, help=spec.get("help", ""), type=kind, **bounds)
    try:
        option.parse(default)
    except ValueError as exc:
        raise ValueError(f"{where}: its default does not fit its declaration: {exc}") from None
    return option


def _examples(items, path: str) -> tuple[tuple[str, ...], tuple[tuple[Expectation, ...], ...]]:
    """An example is its source, or `{code: <source>, expect: [{line:, column:, end_line:, end_column:,
    message:}, ...]}` stating where each finding of the rule is and a part of its message."""
    sources, expectations = [], []
    for item in _tuple(items):
        if isinstance(item, dict):
            try:
                stated = tuple(Expectation(**spec) for spec in _tuple(item.get("expect")))
            except TypeError as exc:
                raise ValueError(f"{path}: an example's `expect:` entry is malformed: {exc}") from None
            sources.append(item["code"])
            expectations.append(stated)
        else:
            sources.append(item)
            expectations.append(())
    return tuple(sources), tuple(expectations)


def parse_entry(data: dict, path: str = "") -> RuleDoc:
    code = data["code"]
    severity = Severity.parse(data.get("severity", "warning"))
    if "symptoms" in data:
        raise ValueError(f"{path}: a rule's probe symptoms are not listed in its entry: add {code} to the "
                         "`confirms:` list of each rules/KPxxx.yaml that confirms it")
    fix_safety = data.get("fix_safety", "none")
    if fix_safety not in FIX_SAFETIES:
        raise ValueError(f"{path}: fix_safety must be one of {FIX_SAFETIES}, not {fix_safety!r}")
    options = tuple(_parse_option(name, spec, path) for name, spec in (data.get("options") or {}).items())
    invalid, expectations = _examples(data.get("invalid"), path)
    return RuleDoc(
        code=code,
        name=data["name"],
        severity=severity,
        summary=data.get("summary", "").strip(),
        what=data.get("what", ""),
        why=data.get("why", ""),
        fix=data.get("fix", ""),
        fix_safety=fix_safety,
        invalid=invalid,
        expectations=expectations,
        valid=_tuple(data.get("valid")),
        confirms=_tuple(data.get("confirms")),
        seeds=_tuple(data.get("seeds")),
        source=data.get("source", ""),
        threshold=data.get("threshold", ""),
        options=options,
        path=path,
        builtin=bool(data.get("builtin", False)),
    )


@functools.lru_cache(maxsize=None)
def load_catalogue() -> dict[str, RuleDoc]:
    """Every rule and probe symptom, keyed by code, sorted by code."""
    entries = {}
    for path in sorted(rules_dir().glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_SAFE_LOADER)
        doc = parse_entry(data, str(path))
        entries[doc.code] = doc
    symptoms = [doc for doc in entries.values() if doc.is_symptom]
    for code, doc in entries.items():
        if not doc.is_symptom:
            entries[code] = replace(doc, symptoms=symptoms_confirming(code, symptoms))
    return dict(sorted(entries.items()))


def confirms(symptom: RuleDoc, code: str) -> bool:
    """Does probe symptom `symptom` confirm findings of rule `code`? (`KL1xx` in `confirms:` stands for every
    KL1.. code, present or future.)"""
    for pattern in symptom.confirms:
        pattern = pattern.strip().upper()
        if code.upper().startswith(pattern[:-2]) if pattern.endswith("XX") else code.upper() == pattern:
            return True
    return False


def symptoms_confirming(code: str, symptoms) -> tuple[str, ...]:
    """The probe symptoms (catalogue entries) that would confirm a finding of rule `code`, sorted."""
    return tuple(sorted(s.code for s in symptoms if s.is_symptom and confirms(s, code)))


def lint_rules() -> dict[str, RuleDoc]:
    """The codes `kerlint check` can report: the rules and kerlint's own codes (not the probe symptoms)."""
    return {c: d for c, d in load_catalogue().items() if not d.is_symptom}


def known_codes() -> set[str]:
    """Every code a selector or a `noqa` directive may name."""
    return set(lint_rules())


def builtin_codes() -> frozenset[str]:
    """kerlint's own codes (`builtin: true` in their entry): reported by the engine, the parser or the noqa
    filter, not by a rule; they have no check in kerlint.checks."""
    return frozenset(code for code, doc in load_catalogue().items() if doc.builtin)


def name_and_severity(code: str) -> tuple[str, Severity]:
    """A catalogue code's name and default severity, for the violations kerlint builds itself (KL000, KL999).
    A code with no entry (a bug) keeps its code as its name and is an error."""
    doc = load_catalogue().get(code)
    return (doc.name, doc.severity) if doc else (code, Severity.ERROR)


@functools.lru_cache(maxsize=None)
def option_specs() -> dict[str, tuple[str, RuleOption]]:
    """Every option any entry declares: name -> (the code that declares it, its declaration). A name is
    declared once: two entries declaring one name is an error of the catalogue."""
    specs: dict[str, tuple[str, RuleOption]] = {}
    for doc in load_catalogue().values():
        for option in doc.options:
            if option.name in specs:
                raise ValueError(f"{doc.path}: option {option.name!r} is declared by {specs[option.name][0]} too")
            specs[option.name] = (doc.code, option)
    return specs


def default_options() -> dict[str, object]:
    """Every declared option's default, by name."""
    return {name: option.default for name, (_, option) in option_specs().items()}


# The rules that judge an API against the Keras version the project targets (kerlint/target.py) receive it as
# the option `target-keras`, besides their own.
TARGET_KERAS = "target-keras"
TARGET_KERAS_RULES = "KL5"


class RuleOptions(Mapping):
    """One rule's options as its check receives them: its own declared options, typed, with the configured
    values over the defaults. Reading an option the rule does not declare is a bug in the rule (a typo, or
    another rule's option) and raises KeyError, which the engine reports as KL999."""

    def __init__(self, code: str, values: Mapping[str, object]):
        self.code = code
        self._values = dict(values)

    def __getitem__(self, key: str):
        try:
            return self._values[key]
        except KeyError:
            raise KeyError(f"rule {self.code} has no option {key!r} (its options: "
                           f"{', '.join(sorted(self._values)) or 'none'})") from None

    def get(self, key: str, default=None):  # noqa: ARG002 - an undeclared option is a bug, not "absent"
        return self[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"RuleOptions({self.code!r}, {self._values!r})"


def rule_options(code: str, configured: Mapping[str, object], target_keras: str = "") -> RuleOptions:
    """What rule `code`'s check receives: each of its options, configured or default (`configured` holds
    values already checked by kerlint.config), and `target-keras` for the KL5xx rules."""
    doc = load_catalogue().get(code)
    values = {o.name: configured[o.name] if o.name in configured else o.parse(o.default)
              for o in (doc.options if doc else ())}
    if code.startswith(TARGET_KERAS_RULES):
        values[TARGET_KERAS] = target_keras
    return RuleOptions(code, values)

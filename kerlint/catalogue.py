"""The rule catalogue: one YAML file per rule in the top-level `rules/` folder.

Each entry is the single source of a rule's metadata and documentation (ruff's sections) and its
valid/invalid examples, which the test suite runs automatically (as Fixit does).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class RuleOption:
    name: str
    default: object
    help: str


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
    symptoms: tuple[str, ...] = ()
    confirms: tuple[str, ...] = ()  # for probe symptoms (KPxxx): the rules they confirm
    seeds: tuple[str, ...] = ()
    source: str = ""  # for probe symptoms: the published source of the threshold
    threshold: str = ""
    options: tuple[RuleOption, ...] = field(default_factory=tuple)
    path: str = ""
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
            "options": [{"name": o.name, "default": o.default, "help": o.help} for o in self.options],
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
            out += [f"- `{o.name}` (default `{o.default}`): {o.help}" for o in self.options]
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
    fix_safety = data.get("fix_safety", "none")
    if fix_safety not in FIX_SAFETIES:
        raise ValueError(f"{path}: fix_safety must be one of {FIX_SAFETIES}, not {fix_safety!r}")
    options = tuple(
        RuleOption(name=name, default=spec.get("default"), help=spec.get("help", ""))
        for name, spec in (data.get("options") or {}).items()
    )
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
        symptoms=_tuple(data.get("symptoms")),
        confirms=_tuple(data.get("confirms")),
        seeds=_tuple(data.get("seeds")),
        source=data.get("source", ""),
        threshold=data.get("threshold", ""),
        options=options,
        path=path,
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
    return dict(sorted(entries.items()))


def lint_rules() -> dict[str, RuleDoc]:
    return {c: d for c, d in load_catalogue().items() if not d.is_symptom}


def default_options() -> dict[str, object]:
    opts: dict[str, object] = {}
    for doc in load_catalogue().values():
        for option in doc.options:
            opts[option.name] = option.default
    return opts

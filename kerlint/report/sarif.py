"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

One run; `tool.driver.rules` lists every rule of the catalogue (so a viewer can show the docs of
rules that found nothing too), each with its short and full description, help as text and
markdown (`kerlint rule CODE`'s page), `helpUri` (the rule's page in the repository's docs/rules/),
its default level and GitHub's `problem.severity`.
Results point at repository-relative URIs (relative to the cwd, under the `%SRCROOT%` base id) with
1-based line/column regions. Notebook findings carry their cell in the message and in `properties`;
their region is the line of the .ipynb file that holds that cell line (no column: the JSON file's
columns are not the cell's).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import kerlint
from kerlint.catalogue import RuleDoc, lint_rules, rule_url
from kerlint.report import RunInfo
from kerlint.violation import Severity, Violation

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/kerlint/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub code scanning's own severity scale.
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}


def _rule_descriptor(code: str, doc: RuleDoc | None, name: str, severity: Severity) -> dict:
    if doc is None:
        text = name  # a code with no catalogue entry (a bug): its name is all there is to say
        return {
            "id": code, "name": name,
            "shortDescription": {"text": text}, "fullDescription": {"text": text},
            "help": {"text": text, "markdown": f"# {name} ({code})\n\n{text}\n"},
            **({"helpUri": url} if (url := rule_url(code)) else {}),
            "defaultConfiguration": {"level": LEVELS[severity]},
            "properties": {"tags": ["kerlint"], "problem.severity": PROBLEM_SEVERITY[severity]},
        }
    full = " ".join(part.strip() for part in (doc.what, doc.why) if part.strip()) or doc.summary
    help_text = "\n\n".join(part.strip() for part in (doc.what, doc.why, "How to fix: " + doc.fix.strip())
                            if part.strip())
    return {
        "id": code,
        "name": doc.name,
        "shortDescription": {"text": doc.summary or doc.name},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": doc.markdown()},
        "helpUri": doc.url,
        "defaultConfiguration": {"level": LEVELS[doc.severity]},
        "properties": {
            "tags": ["kerlint", "keras", "training"],
            "problem.severity": PROBLEM_SEVERITY[doc.severity],
            "fix-safety": doc.fix_safety,
        },
    }


def rule_descriptors(violations: list[Violation]) -> list[dict]:
    """Every catalogue rule (kerlint's own codes KL000/KL001/KL999 included), and any other code that was
    reported."""
    docs = lint_rules()
    entries: dict[str, dict] = {}
    for code, doc in docs.items():
        entries[code] = _rule_descriptor(code, doc, doc.name, doc.severity)
    for v in violations:
        if v.code not in entries:
            entries[v.code] = _rule_descriptor(v.code, None, v.name, v.severity)
    return [entries[code] for code in sorted(entries)]


def _artifact_location(filename: str, cwd: str) -> dict:
    absolute = Path(os.path.abspath(filename))
    try:
        rel = absolute.relative_to(cwd)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(rel.as_posix()), "uriBaseId": "%SRCROOT%"}


def _result(v: Violation, rule_index: int, cwd: str) -> dict:
    if v.cell is None:
        region = {"startLine": v.location.row, "startColumn": v.location.column,
                  "endLine": max(v.end_location.row, v.location.row),
                  "endColumn": v.end_location.column}
        if region["endLine"] == region["startLine"] and region["endColumn"] < region["startColumn"]:
            region["endColumn"] = region["startColumn"]
        message = v.message
    else:
        # Cell lines are not lines of the .ipynb (JSON) file: point at the file line holding it.
        from kerlint.notebook import file_line

        region = {"startLine": file_line(v.filename, v.cell, v.location.row) or 1}
        message = f"cell {v.cell}, line {v.location.row}, column {v.location.column}: {v.message}"
    result = {
        "ruleId": v.code,
        "ruleIndex": rule_index,
        "level": LEVELS[v.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact_location(v.filename, cwd),
                                            "region": region}}],
        "properties": {"severity": v.severity.label, "name": v.name},
    }
    if v.cell is not None:
        result["properties"].update(cell=v.cell, row=v.location.row, column=v.location.column)
    if v.fix_hint:
        result["properties"]["help"] = v.fix_hint
    return result


def build_log(violations: list[Violation], run: RunInfo) -> dict:
    rules = rule_descriptors(violations)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    cwd = os.path.abspath(run.cwd)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "kerlint",
                "version": kerlint.__version__,
                "semanticVersion": kerlint.__version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(cwd).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(v, index[v.code], cwd) for v in violations],
        }],
    }


def render(violations: list[Violation], run: RunInfo) -> str:
    return json.dumps(build_log(violations, run), indent=2) + "\n"

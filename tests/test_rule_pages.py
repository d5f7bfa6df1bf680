"""Rule links: every output that names a rule links to its page in docs/rules/, generated from rules/."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from click.testing import CliRunner

from kerlint.catalogue import REPOSITORY_URL, RULE_DOCS_URL, load_catalogue, rule_url
from kerlint.cli import main
from kerlint.engine import lint_text
from kerlint.report import RunInfo, render_report

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "docs" / "rules"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rule_pages", REPO / "docs" / "gen_rule_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _local_page(url: str) -> Path:
    """The committed file a documentation URL points at."""
    prefix = REPOSITORY_URL + "/blob/main/"
    assert url.startswith(prefix), url
    return REPO / url[len(prefix):]


def test_committed_pages_are_what_the_generator_writes():
    wanted = _generator().pages()
    committed = {p.name: p.read_text(encoding="utf-8") for p in PAGES.glob("*.md")}
    stale = sorted(set(committed) - set(wanted))
    missing = sorted(set(wanted) - set(committed))
    changed = sorted(name for name in set(wanted) & set(committed) if wanted[name] != committed[name])
    assert not (stale or missing or changed), (
        f"docs/rules/ is out of date (stale {stale}, missing {missing}, changed {changed}): "
        "run `python docs/gen_rule_pages.py`")


def test_a_page_is_the_rule_command_output():
    result = CliRunner().invoke(main, ["rule", "KL101", "--format", "markdown"])
    assert result.exit_code == 0
    assert (PAGES / "KL101.md").read_text(encoding="utf-8").endswith(result.output)
    assert result.output.startswith("# saturating-activation-in-deep-stack (KL101)")


def test_every_catalogue_code_has_a_url_to_a_committed_page():
    for code in load_catalogue():
        url = rule_url(code)
        assert url == RULE_DOCS_URL.format(code=code)
        assert _local_page(url).is_file(), code
    assert rule_url("E501") is None


def test_pyproject_names_the_same_repository():
    urls = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]
    assert urls["Repository"] == REPOSITORY_URL
    assert _local_page(urls["Documentation"]).is_file()


SCRIPT = """\
from keras.optimizers import Adam
opt = Adam(lr=0.001)
"""


def test_json_url_and_sarif_help_uri_link_to_the_rule_page():
    violations = lint_text(SCRIPT, path="train.py")
    assert [v.code for v in violations] == ["KL504"]
    row = json.loads(render_report("json", violations, RunInfo()))[0]
    assert row["url"] == RULE_DOCS_URL.format(code="KL504")
    assert _local_page(row["url"]).read_text(encoding="utf-8").count("removed-lr-argument (KL504)") == 1
    log = json.loads(render_report("sarif", violations, RunInfo()))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["KL504"]["helpUri"] == row["url"]
    assert all(_local_page(r["helpUri"]).is_file() for r in rules.values())
    assert {"KL000", "KL001", "KL999"} <= set(rules)


def test_rule_json_carries_every_section_and_the_url():
    result = CliRunner().invoke(main, ["rule", "kl301", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    doc = load_catalogue()["KL301"]
    assert data["code"] == "KL301" and data["name"] == doc.name and data["severity"] == doc.severity.label
    assert data["what"] == doc.what.strip() and data["why"] == doc.why.strip() and data["fix"] == doc.fix.strip()
    assert data["examples"]["invalid"] == list(doc.invalid) and data["examples"]["valid"] == list(doc.valid)
    assert {o["name"] for o in data["options"]} == {o.name for o in doc.options}
    assert data["url"] == RULE_DOCS_URL.format(code="KL301") and data["fix_safety"] == doc.fix_safety
    symptom = json.loads(CliRunner().invoke(main, ["rule", "KP101", "--format", "json"]).output)
    assert symptom["kind"] == "symptom" and symptom["threshold"] and symptom["fix_safety"] is None


def test_rules_json_links_every_entry():
    rows = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert rows and all(row["url"] == rule_url(row["code"]) and _local_page(row["url"]).is_file() for row in rows)

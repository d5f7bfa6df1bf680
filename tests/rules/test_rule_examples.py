"""Every rule's documented examples are its first tests (as in Fixit): each `invalid` example must
trigger the rule, each `valid` example must not. Adding an example to rules/*.yaml adds a test."""

import pytest

from kerlint.catalogue import builtin_codes, load_catalogue, lint_rules
from kerlint.checks import CHECKS
from kerlint.engine import lint_text

META_CODES = builtin_codes()  # reported by kerlint itself, not by a check


def _cases(kind):
    for code, doc in lint_rules().items():
        if code in META_CODES and code != "KL000":
            continue  # engine-level codes need special settings; tested in their own modules
        for index, source in enumerate(getattr(doc, kind)):
            yield pytest.param(code, source, id=f"{code}-{kind}-{index}")


@pytest.mark.parametrize("code,source", list(_cases("invalid")))
def test_invalid_example_triggers_rule(code, source):
    found = [v.code for v in lint_text(source, path="example.py")]
    assert code in found, f"{code} did not fire on its own invalid example; got {found}"


def _stated():
    for code, doc in lint_rules().items():
        for index, (source, stated) in enumerate(zip(doc.invalid, doc.expectations)):
            if stated:
                yield pytest.param(code, source, stated, id=f"{code}-invalid-{index}")


@pytest.mark.parametrize("code,source,stated", list(_stated()))
def test_invalid_example_reports_where_and_what_it_states(code, source, stated):
    found = [v for v in lint_text(source, path="example.py") if v.code == code]
    for expected in stated:
        matching = [v for v in found if (v.location.row, v.location.column) == (expected.line, expected.column)
                    and (expected.end_line is None or v.end_location.row == expected.end_line)
                    and (expected.end_column is None or v.end_location.column == expected.end_column)
                    and expected.message in v.message]
        assert matching, f"{code}: no finding at {expected}; got " + "; ".join(
            f"{v.location.row}:{v.location.column}-{v.end_location.row}:{v.end_location.column} {v.message}"
            for v in found)
    assert len(found) == len(stated), f"{code} reports {len(found)} findings, the example states {len(stated)}"


def test_a_malformed_expectation_is_a_clear_error():
    from kerlint.catalogue import parse_entry
    with pytest.raises(ValueError, match="expect"):
        parse_entry({"code": "KL900", "name": "x", "invalid": [{"code": "x = 1\n", "expect": [{"row": 1}]}]},
                    "KL900.yaml")


@pytest.mark.parametrize("code,source", list(_cases("valid")))
def test_valid_example_does_not_trigger_rule(code, source):
    found = [v for v in lint_text(source, path="example.py") if v.code == code]
    assert not found, f"{code} fired on its own valid example: {[v.message for v in found]}"


def test_every_check_has_a_catalogue_entry_and_back():
    catalogue = lint_rules()
    assert set(CHECKS) <= set(catalogue), set(CHECKS) - set(catalogue)
    missing = set(catalogue) - set(CHECKS) - META_CODES
    assert not missing, f"catalogue entries without a check: {sorted(missing)}"


@pytest.mark.parametrize("code", sorted(set(lint_rules()) - META_CODES))
def test_every_rule_documents_itself(code):
    doc = load_catalogue()[code]
    assert doc.invalid and doc.valid, f"{code} needs at least one invalid and one valid example"
    for section in (doc.summary, doc.what, doc.why, doc.fix):
        assert section.strip(), f"{code} has an empty documentation section"
    assert doc.name == doc.name.lower() and " " not in doc.name
    markdown = doc.markdown()
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert heading in markdown
    for symptom in doc.symptoms:
        assert symptom in load_catalogue(), f"{code} names unknown probe symptom {symptom}"


def test_kerlints_own_codes_are_catalogue_entries_without_a_check():
    """KL000 (unparsable), KL001 (unused noqa) and KL999 (internal error) are marked `builtin: true`: their
    name and severity come from their entry like every rule's, and no check reports them."""
    assert META_CODES == {"KL000", "KL001", "KL999"}
    assert not META_CODES & set(CHECKS)

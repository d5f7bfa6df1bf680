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

"""Every fixable rule, on its own documented `invalid` examples: the fixed source parses, no longer
has a fixable finding of the rule (nor the rule at all when every finding had a fix), triggers no
rule that did not fire before, and a second fix changes nothing."""

import libcst as cst
import pytest

from kerlint.catalogue import lint_rules
from kerlint.checks import CHECKS
from kerlint.engine import lint_text
from kerlint.fix.stage import fixable_codes
from kerlint.violation import Applicability


# Invalid examples whose finding has no certain fix, and why. The test checks they get none.
NO_CERTAIN_FIX = {
    ("KL107", 3): "Dropout(1.0): the rate meant (0.1? 1 - rate?) is unknown",
    ("KL201", 1): "binary CE on a 10-unit softmax: categorical or sparse depends on the labels",
    ("KL203", 2): "Dense(1, sigmoid) + binary CE on 10 integer classes: 10 units alone would still be wrong (KL206)",
    ("KL501", 2): "`from ...experimental import preprocessing` binds a module name used elsewhere",
    ("KL504", 1): "decay= has no safe equivalent",
    ("KL505", 4): "keras.wrappers.scikit_learn has no replacement inside Keras (SciKeras differs)",
}


def _fixable_examples():
    for code, doc in lint_rules().items():
        if doc.fix_safety in ("safe", "unsafe", "mixed") and code in fixable_codes() and code in CHECKS:
            for index, source in enumerate(doc.invalid):
                yield pytest.param(code, doc.fix_safety, source, NO_CERTAIN_FIX.get((code, index)),
                                   id=f"{code}-invalid-{index}")


@pytest.mark.parametrize("code,safety,source,no_fix_reason", list(_fixable_examples()))
def test_fix_removes_the_rule_and_adds_nothing(code, safety, source, no_fix_reason, fix, text_of):
    before = lint_text(source, path="example.py")
    mine = [v for v in before if v.code == code]
    assert mine, f"{code} does not fire on its own example"
    if safety == "safe":  # a rule declared safe only ever offers safe fixes
        assert all(v.fix is None or v.fix.applicability is Applicability.SAFE for v in mine)
    if safety == "unsafe":  # ... and one declared unsafe only unsafe ones
        assert all(v.fix is None or v.fix.applicability is Applicability.UNSAFE for v in mine)
    if no_fix_reason:
        assert all(v.fix is None for v in mine), f"expected no fix ({no_fix_reason})"
        assert not fix(source, unsafe=True).changed
        return

    result = fix(source, unsafe=safety in ("unsafe", "mixed"))
    text = text_of(result)
    assert result.changed, f"no fix was applied for {code}"
    after = lint_text(text, path="example.py")
    assert not [v for v in after if v.code == code and v.fix is not None], "a fixable finding survived"
    if all(v.fix is not None for v in mine):
        assert code not in {v.code for v in after}, f"{code} still fires after its fix:\n{text}"
    new_codes = {v.code for v in after} - {v.code for v in before}
    assert not new_codes, f"the fix introduced {new_codes}:\n{text}"

    again = fix(text, unsafe=True)
    assert not again.changed, f"a second fix changed the source again:\n{again.fixed.decode()}"


def test_every_fixer_belongs_to_a_rule_that_declares_a_fix():
    catalogue = lint_rules()
    for code in fixable_codes():
        if code in catalogue:
            assert catalogue[code].fix_safety != "none", f"{code} has a fixer but its entry says fix_safety: none"


def test_every_rule_declaring_a_fix_has_one():
    declared = {code for code, doc in lint_rules().items() if doc.fix_safety != "none" and code in CHECKS}
    assert declared <= fixable_codes(), f"fix_safety declared without a fix: {sorted(declared - fixable_codes())}"


def test_fixed_source_is_valid_python_for_every_fix(fix):
    # The fixers render libcst nodes; the framework refuses any pass that would not parse.
    source = "from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\n"
    result = fix(source, unsafe=True)
    assert not result.changed
    cst.parse_module(result.fixed.decode())

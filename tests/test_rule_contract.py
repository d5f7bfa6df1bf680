"""The rule contract (kerlint/checks/registry.py): a rule yields typed diagnoses it declares, each a frozen
value that says where, what, and carries its own fix."""

import dataclasses

import libcst as cst
import pytest

from kerlint import catalogue
from kerlint.catalogue import lint_rules
from kerlint.checks import CHECKS, Diagnosis
from kerlint.config import Settings
from kerlint.engine import lint_text
from kerlint.ir.configurations import extract_configurations

TYPED = sorted(CHECKS)


def test_every_rule_declares_its_cases():
    assert not [code for code, check in CHECKS.items() if not check.diagnoses]


def _diagnoses(code: str, source: str) -> list[Diagnosis]:
    check = CHECKS[code]
    out = []
    for configuration in extract_configurations(cst.parse_module(source), source):
        targets = [configuration.file] if check.scope == "file" else configuration.file.models
        for target in targets:
            out.extend(check.func(target, catalogue.rule_options(code, {}, "3")) or ())  # as the engine calls it
    return out


@pytest.mark.parametrize("code", TYPED)
def test_every_case_is_a_frozen_value_with_a_node_and_a_message(code):
    for case in CHECKS[code].diagnoses:
        assert issubclass(case, Diagnosis)
        assert dataclasses.is_dataclass(case) and case.__dataclass_params__.frozen, case
        for attribute in ("node", "message"):
            assert hasattr(case, attribute) or attribute in {f.name for f in dataclasses.fields(case)}, \
                f"{case.__name__} has no {attribute}"


@pytest.mark.parametrize("code", TYPED)
def test_a_rule_yields_only_the_cases_it_declares(code):
    doc = lint_rules()[code]
    for source in doc.invalid:
        found = _diagnoses(code, source)
        assert found, f"{code} finds nothing in its own invalid example"
        for diagnosis in found:
            assert type(diagnosis) in CHECKS[code].diagnoses, f"{code} yields undeclared {type(diagnosis).__name__}"
            assert isinstance(diagnosis.node, cst.CSTNode) and diagnosis.message
    for source in doc.valid:
        assert not _diagnoses(code, source), f"{code} fires on its own valid example"


def test_a_diagnosis_whose_message_fails_is_reported_as_the_rule_s_internal_error(monkeypatch):
    from kerlint.checks import kl504_lr_argument as kl504

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(kl504.LrArgument, "message", property(broken))
    found = lint_text("from keras.optimizers import Adam\nopt = Adam(lr=0.001)\n", Settings(target_keras="3"))
    assert [v.code for v in found] == ["KL999"]
    assert "internal error in rule KL504" in found[0].message

"""The catalogue is the only source of rule metadata: the rule <-> probe symptom link is stored once (each
probe symptom's `confirms:`) and a rule's `symptoms` are derived from it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kerlint.catalogue import confirms, load_catalogue, parse_entry, rules_dir, symptoms_confirming
from kerlint.probe import join


def test_no_rule_entry_lists_its_symptoms():
    for path in sorted(Path(rules_dir()).glob("KL*.yaml")):
        assert "symptoms" not in yaml.safe_load(path.read_text(encoding="utf-8")), path.name


def test_a_rule_entry_listing_symptoms_is_refused_with_where_to_put_them():
    with pytest.raises(ValueError, match=r"rules/KL900.yaml: .*add KL900 to the `confirms:` list"):
        parse_entry({"code": "KL900", "name": "x", "symptoms": ["KP101"]}, "rules/KL900.yaml")


def test_a_rules_symptoms_are_the_probe_symptoms_that_confirm_it():
    docs = load_catalogue()
    symptoms = [doc for doc in docs.values() if doc.is_symptom]
    for code, doc in docs.items():
        if not doc.is_symptom:
            assert doc.symptoms == tuple(sorted(s.code for s in symptoms if confirms(s, code))), code
            assert list(doc.symptoms) == join.symptoms_for(code, docs), code
    assert docs["KL101"].symptoms == ("KP101", "KP105", "KP107", "KP108")
    assert docs["KL302"].symptoms == ("KP107", "KP108")
    assert "KP107" in symptoms_confirming("KL299", symptoms)  # KL2xx: a future KL2.. rule too
    assert docs["KL000"].symptoms == () and docs["KL501"].symptoms == ()


def test_the_rule_pages_list_the_derived_symptoms():
    assert "## Probe symptoms that confirm it\nKP101, KP105, KP107, KP108\n" in load_catalogue()["KL101"].markdown()

"""Join the static findings with the measured symptoms: a verdict for each finding.

The mapping is each probe symptom's `confirms:` in the catalogue (where `KL1xx` stands for every KL1..
code; kerlint.catalogue.confirms), which also gives each rule's `symptoms`. For a finding:

- confirmed      one of its symptoms was observed;
- not-observed   at least one of its symptoms was measured and none was observed;
- inconclusive   no symptom maps to it, or none of its symptoms could be measured.

Pure Python, no TensorFlow: runs in the parent.
"""

from __future__ import annotations

CONFIRMED, NOT_OBSERVED, INCONCLUSIVE = "confirmed", "not-observed", "inconclusive"


def symptoms_for(code: str, catalogue: dict) -> list[str]:
    """Probe symptom codes that would confirm a finding with this rule code (in the catalogue or not)."""
    from kerlint.catalogue import symptoms_confirming

    return list(symptoms_confirming(code, catalogue.values()))


def verdict(code: str, symptoms: dict[str, dict], catalogue: dict) -> dict:
    """`symptoms` maps KP code -> {"measured": bool, "observed": bool, ...}."""
    expected = symptoms_for(code, catalogue)
    observed = [c for c in expected if symptoms.get(c, {}).get("observed")]
    measured = [c for c in expected if symptoms.get(c, {}).get("measured")]
    if observed:
        result = CONFIRMED
    elif measured:
        result = NOT_OBSERVED
    else:
        result = INCONCLUSIVE
    return {"verdict": result, "expected_symptoms": expected, "observed_symptoms": observed,
            "measured_symptoms": measured}


def join(findings: list[dict], symptoms: list[dict], catalogue: dict) -> tuple[list[dict], list[str]]:
    """Findings (check's JSON dicts) with verdicts added, and the observed symptoms no finding predicted."""
    by_code = {s["code"]: s for s in symptoms}
    joined = [{**finding, **verdict(finding["code"], by_code, catalogue)} for finding in findings]
    predicted = {c for finding in joined for c in finding["expected_symptoms"]}
    unpredicted = [s["code"] for s in symptoms if s.get("observed") and s["code"] not in predicted]
    return joined, unpredicted

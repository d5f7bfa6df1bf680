"""Property-based robustness: whatever it is fed, linting never raises and never reports an internal error.

Bounded budget (60 examples a property, no deadline) so it runs inside `make test`; `bench/fuzz.py`
runs the same properties for longer. The extractor's strict mode (tests/conftest.py turns it on so
extractor bugs fail loudly elsewhere) is switched off here: in production an unhandled construct is
recorded as "unknown", and it is that fallback path the fuzzing must exercise.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_strategies import SEEDS, keras_programs, mutated_scripts
from kerlint import engine
from kerlint.config import Settings

BUDGET = settings(max_examples=60, deadline=None, derandomize=False, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                         HealthCheck.data_too_large])
ALL_RULES = Settings(select=("ALL",), report_unused_noqa=True)


@pytest.fixture(autouse=True)
def production_mode(monkeypatch):
    monkeypatch.setenv("KERLINT_STRICT", "0")
    from kerlint.ir import extractor

    monkeypatch.setattr(extractor, "STRICT", False)
    try:
        from kerlint.fix import stage

        monkeypatch.setattr(stage, "_STRICT", False)
    except ImportError:  # pragma: no cover
        pass


def assert_lints_cleanly(source: str) -> None:
    violations, internal = engine.lint_unit(engine.SourceUnit("fuzz.py", source), ALL_RULES)
    crashed = [v for v in violations if v.code == "KL999"]
    assert not internal and not crashed, (
        f"internal error on this input:\n{source}\n---\n" + "\n".join(v.message for v in crashed))
    for v in violations:
        assert v.location.row >= 1 and v.location.column >= 1, v


def test_seed_scripts_are_there():
    assert len(SEEDS) >= 10


@BUDGET
@given(keras_programs())
def test_generated_keras_programs(source):
    assert_lints_cleanly(source)


@BUDGET
@given(mutated_scripts())
def test_mutated_real_scripts(source):
    assert_lints_cleanly(source)

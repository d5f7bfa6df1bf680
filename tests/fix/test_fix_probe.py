"""The unsafe fix of the seeds' vanishing-gradient stack, checked by a real (tiny) probe run: the
fixed model's gradients no longer vanish."""

import pytest

from kerlint.engine import lint_text
from tests.probe import scripts
from tests.probe.conftest import run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe


def test_fixed_sigmoid_stack_no_longer_shows_vanishing_gradients(tmp_path, fix, text_of):
    pytest.importorskip("tensorflow")
    source = scripts.SIGMOID_STACK
    assert "KL101" in {v.code for v in lint_text(source)}
    fixed = text_of(fix(source, unsafe=True))
    assert "KL101" not in {v.code for v in lint_text(fixed)}
    script = write_script(tmp_path, "fixed.py", fixed)
    _, report, _, stderr = run_probe_cli(script, "--max-steps", "60", "--output-format", "json")
    assert report is not None, stderr
    kp101 = symptoms(report)["KP101"]
    assert kp101["measured"] and not kp101["observed"], kp101
    assert kp101["evidence"]["ratio_first_last"] > 1e-2

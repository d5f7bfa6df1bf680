"""`kerlint probe`: a dry run of the user's script that confirms or refutes the static findings.

The parent side (this package minus child.py, fitdata.py, measure.py, model_tools.py) never imports
TensorFlow; the child process does. Public surface:

    run_probe(ProbeRequest(script, ...), progress=callback) -> report dict (see session.py)
    probe_command                                            the click command, in kerlint.probe.cli
"""

from kerlint.probe.runner import ProbeRequest
from kerlint.probe.session import run_probe

__all__ = ["ProbeRequest", "run_probe"]

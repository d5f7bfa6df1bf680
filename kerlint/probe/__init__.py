"""`kerlint probe`: a dry run of the user's script that confirms or refutes the static findings.

Parent process (never imports TensorFlow):
    cli.py          the click command `probe_command` (the main CLI loads it lazily)
    session.py      one run: static check -> child -> join -> the report dict every reporter reads
    runner.py       spawn the child in its own session, time limit, kill the process group, read events
    join.py         verdicts (confirmed / not-observed / inconclusive) from the catalogue's mapping
    report_text.py, report_html.py, schema.py   text, self-contained HTML (inline SVG), JSON Schema

Child process (`python -m kerlint.probe.child`, imports TensorFlow):
    child.py        patch Model.fit, run the script (or notebook), send the results back, stop
    synthetic.py    --synthetic stand-ins for keras.datasets loaders, get_file, image folders
    fitdata.py      whatever fit() received -> a bounded numpy sample
    measure.py      the model stages: KP101-KP109 (gradients, activations, short run, overfit test)
    data_checks.py  the data symptoms: KP110-KP112
    model_tools.py  walking layers, copying a model, reading its loss, recording pre-activations
    evidence.py     `Symptom`, `num` and the default thresholds (cited in rules/KP1xx.yaml)
"""

from kerlint.probe.runner import ProbeRequest
from kerlint.probe.session import run_probe

__all__ = ["ProbeRequest", "run_probe"]

"""Which fit() each static finding is about (issue 14, item 4). Pure Python, no TensorFlow: the parent.

The probe measures only the first fit() the script reaches and stops it there. A script may go on to
recompile its model (`SGD(learning_rate=10.0)`) and fit again, or build and fit a second model; a finding
about that other training run was never measured, so it gets "inconclusive", never "not-observed".

From the script's IR: every fit() call, with the lines that configure it — the call itself, the compile()
that last precedes it on the same model (with its optimizer and loss expressions, wherever they are
written) and the model's layers. A finding belongs to every fit whose lines hold it; it is tied to
another fit when it belongs to some fit but not to the probed one. A finding that belongs to no fit, a
probed line that matches no fit call, or a notebook (cell-relative rows) leaves the verdicts as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TrainingRun:
    fit_first: int  # the fit() call's first and last line
    fit_last: int
    lines: set[int] = field(default_factory=set)  # every line that configures this run

    def holds_call(self, line: int) -> bool:
        return self.fit_first <= line <= self.fit_last


def _parsed(path: str):
    """(source unit, libcst module) of the script, or None when it cannot be read or parsed."""
    try:
        from kerlint.parsing import parse_module
        from kerlint.sources import read_source
        from kerlint.units import SourceProblem

        unit = read_source(path)
        if isinstance(unit, SourceProblem):
            return None
        return unit, parse_module(unit.text)
    except Exception:  # noqa: BLE001 - unreadable: the callers have nothing to say
        return None


def training_runs(path: str) -> list[TrainingRun]:
    """Every fit() call of the script with the lines that configure it; [] when it cannot be read."""
    parsed = _parsed(path)
    if parsed is None or parsed[0].cell_map:
        return []
    unit, module = parsed
    try:
        from kerlint.ir import extract
        from kerlint.ir.model import Compile, Fit
        from kerlint.positions import locate

        file_ir = extract(module, unit.text)
    except Exception:  # noqa: BLE001 - without it the verdicts simply stay as they are
        return []
    plans = []  # (fit node, [nodes that configure it])
    for model in file_ir.models:
        layer_nodes = [layer.node for layer in model.layers if layer.node is not None]
        current: list = []
        for event in model.events:
            if isinstance(event, Compile):
                current = [event.node] + [part.node for part in (event.optimizer, event.loss)
                                          if getattr(part, "node", None) is not None]
            elif isinstance(event, Fit):
                plans.append((event.node, [event.node, *current, *layer_nodes]))
    positions = locate(module, unit.text, [n for _, nodes in plans for n in nodes])
    runs = []
    for fit_node, nodes in plans:
        fit_range = positions.get(fit_node)
        if fit_range is None:
            continue
        run = TrainingRun(fit_range.start.line, fit_range.end.line)
        for node in nodes:
            rng = positions.get(node)
            if rng is not None:
                run.lines.update(range(rng.start.line, rng.end.line + 1))
        runs.append(run)
    return runs


def other_fit(row: int, probed_line: int | None, runs: list[TrainingRun]) -> int | None:
    """The line of the fit() a finding at `row` is about, when that is not the probed one; else None."""
    if probed_line is None:
        return None
    probed = [r for r in runs if r.holds_call(probed_line)]
    owners = [r for r in runs if row in r.lines]
    if not probed or not owners or any(r in owners for r in probed):
        return None
    return owners[0].fit_first


TRAINING_CALLS = ("fit", "fit_generator", "train_on_batch")  # what the probe intercepts (child.py)


def calls_training(path: str) -> bool | None:
    """Whether the script calls a method named fit, fit_generator or train_on_batch anywhere (on any object:
    a model built in another module is not in the IR); None when it cannot be read."""
    parsed = _parsed(path)
    if parsed is None:
        return None
    import libcst as cst

    class Finder(cst.CSTVisitor):
        found = False

        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Attribute) and node.func.attr.value in TRAINING_CALLS:
                self.found = True

    finder = Finder()
    parsed[1].visit(finder)
    return finder.found

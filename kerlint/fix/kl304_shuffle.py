"""KL304 (unsafe): shuffle the training data.

- `fit(..., shuffle=False)` on arrays: `shuffle=True`.
- A dataset or generator: its pipeline is found by following the fit's `x` through names assigned
  exactly once in the file (`train_ds = ds.batch(32)`, `ds = tf.data.Dataset...`). A `shuffle=False`
  argument in it (image_dataset_from_directory, flow_from_directory, flow) becomes `shuffle=True`;
  otherwise `.shuffle(10000)` goes before the first `.batch()`. When the pipeline cannot be found
  with certainty (a parameter, a name assigned twice), there is no fix.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import keyword_arg
from kerlint.fix.registry import UNSAFE, FixContext, fixer, nodes_of_type
from kerlint.ir.model import Data, Fit
from kerlint.violation import Fix

SHUFFLE_BUFFER = 10000
BATCH_METHODS = ("batch", "padded_batch")
MAX_HOPS = 6  # names followed back from fit(x=...)


def single_assignment(module: cst.Module, name: str) -> cst.BaseExpression | None:
    """The value of `name = value` when that is the only assignment to `name` in the module."""
    found = _assignments(module).get(name, ())
    return found[0] if len(found) == 1 else None


def _assignments(module: cst.Module) -> dict[str, list[cst.BaseExpression | None]]:
    """name -> the values assigned to it anywhere in the module (None: a binding whose value is unknown:
    tuple unpacking, `+=`, a for target, a parameter). From the module's cached node index, not a visit
    per name (seconds on a 10,000-line file with many fits)."""
    found: dict[str, list[cst.BaseExpression | None]] = {}

    def bind(target: cst.CSTNode, value: cst.BaseExpression | None) -> None:
        for name in _bound_names(target):
            found.setdefault(name, []).append(value if isinstance(target, cst.Name) else None)

    for node in nodes_of_type(module, cst.Assign):
        for target in node.targets:
            bind(target.target, node.value)
    for node in nodes_of_type(module, cst.AnnAssign):
        if isinstance(node.target, cst.Name):
            bind(node.target, node.value)
    for node in nodes_of_type(module, cst.AugAssign) + nodes_of_type(module, cst.For):
        bind(node.target, None)
    for node in nodes_of_type(module, cst.Param):
        bind(node.name, None)
    return found


def _bound_names(target: cst.CSTNode) -> list[str]:
    """The names an assignment target binds: a name, or the names in a tuple or list (unpacking)."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _bound_names(element.value)]
    return []


def pipeline_calls(module: cst.Module, expr: cst.BaseExpression) -> list[cst.Call]:
    """The calls of a method chain, outermost first, following names back to their single assignment."""
    calls: list[cst.Call] = []
    hops = 0
    while expr is not None:
        if isinstance(expr, cst.Call):
            calls.append(expr)
            expr = expr.func.value if isinstance(expr.func, cst.Attribute) else None
        elif isinstance(expr, cst.Name) and hops < MAX_HOPS:
            hops += 1
            expr = single_assignment(module, expr.value)
        else:
            break
    return calls


def _is_false(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "False"


@fixer("KL304")
def shuffle(finding: Finding, ctx: FixContext) -> Fix | None:
    fit = finding.subject
    if not isinstance(fit, Fit):
        return None
    x = fit.x
    if not (isinstance(x, Data) and x.is_dataset):
        arg = fit.arg_nodes.get("shuffle")
        if fit.shuffle is not False or arg is None or not _is_false(arg.value):
            return None
        return ctx.fix("Shuffle the training arrays every epoch (shuffle=True)", UNSAFE,
                       [ctx.replace(arg.value, cst.Name("True"))])
    x_arg = fit.arg_nodes.get("x")
    if x_arg is None:
        return None
    calls = pipeline_calls(ctx.module, x_arg.value)
    for call in calls:
        arg = keyword_arg(call, "shuffle")
        if arg is not None and _is_false(arg.value):
            return ctx.fix("Let the data source shuffle (shuffle=True)", UNSAFE,
                           [ctx.replace(arg.value, cst.Name("True"))])
    batches = [c for c in calls if isinstance(c.func, cst.Attribute) and c.func.attr.value in BATCH_METHODS]
    if not batches or any(isinstance(c.func, cst.Attribute) and c.func.attr.value == "shuffle" for c in calls):
        return None
    first_batch = batches[-1].func  # outermost first, so the last one is applied first
    shuffled = cst.Call(func=cst.Attribute(value=first_batch.value, attr=cst.Name("shuffle")),
                        args=[cst.Arg(cst.Integer(str(SHUFFLE_BUFFER)))])
    return ctx.fix(f"Shuffle the dataset before batching (.shuffle({SHUFFLE_BUFFER}))", UNSAFE,
                   [ctx.replace(first_batch, first_batch.with_changes(value=shuffled))])

"""Following a dataset pipeline back through the names it is assigned to, for fixes that edit its source
(`train_ds = ds.batch(32)`, `ds = tf.data.Dataset...`): only names assigned exactly once in the file, so a
pipeline that cannot be found with certainty (a parameter, a name assigned twice) is not found at all."""

from __future__ import annotations

import libcst as cst

from kerlint.fix.context import nodes_of_type

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

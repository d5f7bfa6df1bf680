"""KL501 (safe): `<prefix>.experimental.preprocessing` -> `<prefix>`.

`layers.experimental.preprocessing.Rescaling(...)` becomes `layers.Rescaling(...)`, and
`from tensorflow.keras.layers.experimental.preprocessing import RandomFlip` becomes
`from tensorflow.keras.layers import RandomFlip`: the same classes, exported from keras.layers since
TF 2.6. `from ...experimental import preprocessing` binds a module name used elsewhere, so it gets
no mechanical fix; nor do names keras.layers does not export (PreprocessingLayer) or `import *`.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.registry import SAFE, FixContext, fixer, nodes_of_type
from kerlint.violation import Fix


# Names of experimental.preprocessing that keras.layers does not export: no rename for them.
NOT_IN_LAYERS = frozenset({"PreprocessingLayer", "CategoryCrossing"})


def _names_used(module: cst.Module, node: cst.Attribute) -> set[str]:
    """What is taken from the `...experimental.preprocessing` module `node`: the attribute read off
    it (`node.RandomFlip`), or the names a `from <node> import ...` imports."""
    names = {attribute.attr.value for attribute in nodes_of_type(module, cst.Attribute) if attribute.value is node}
    for statement in nodes_of_type(module, cst.ImportFrom):
        if statement.module is node:
            if isinstance(statement.names, cst.ImportStar):
                names.add("*")
            else:
                names.update(alias.name.value for alias in statement.names if isinstance(alias.name, cst.Name))
    return names


def _is_experimental_preprocessing(node: cst.CSTNode) -> bool:
    return (isinstance(node, cst.Attribute) and node.attr.value == "preprocessing"
            and isinstance(node.value, cst.Attribute) and node.value.attr.value == "experimental")


@fixer("KL501")
def experimental_preprocessing(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = finding.subject or {}
    node = finding.node
    if subject.get("imported_name") or not _is_experimental_preprocessing(node):
        return None
    used = _names_used(ctx.module, node)
    if not used or used & NOT_IN_LAYERS or "*" in used:
        return None
    prefix = node.value.value
    return ctx.fix(f"Use `{ctx.code(prefix)}` instead of `{ctx.code(node)}`", SAFE, [ctx.replace(node, prefix)])

"""KL501 (safe): `<prefix>.experimental.preprocessing` -> `<prefix>`.

`layers.experimental.preprocessing.Rescaling(...)` becomes `layers.Rescaling(...)`, and
`from tensorflow.keras.layers.experimental.preprocessing import RandomFlip` becomes
`from tensorflow.keras.layers import RandomFlip`: the same classes, exported from keras.layers since
TF 2.6. `from ...experimental import preprocessing` binds a module name used elsewhere, so it gets
no mechanical fix.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.registry import SAFE, FixContext, fixer
from kerlint.violation import Fix


def _is_experimental_preprocessing(node: cst.CSTNode) -> bool:
    return (isinstance(node, cst.Attribute) and node.attr.value == "preprocessing"
            and isinstance(node.value, cst.Attribute) and node.value.attr.value == "experimental")


@fixer("KL501")
def experimental_preprocessing(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = finding.subject or {}
    node = finding.node
    if subject.get("imported_name") or not _is_experimental_preprocessing(node):
        return None
    prefix = node.value.value
    return ctx.fix(f"Use `{ctx.code(prefix)}` instead of `{ctx.code(node)}`", SAFE, [ctx.replace(node, prefix)])

"""KL506 (safe): Keras 1 argument spellings -> today's.

`init=` -> `kernel_initializer=`, `output_dim=` -> `units=`, `border_mode=` -> `padding=`, `nb_epoch=` ->
`epochs=`, `Model(input=, output=)` -> `Model(inputs=, outputs=)`, `dim_ordering="th"` ->
`data_format="channels_first"`, and `Convolution2D(32, 3, 3)` -> `Convolution2D(32, (3, 3))`. Each is
the argument Keras 1 meant under the name Keras 2+ gives it (the values are kept: `init="uniform"` is the
same RandomUniform(-0.05, 0.05) in both), so the model is the one the code describes. No fix when the new
keyword is also given (which one the user meant is not ours to decide) or a `dim_ordering` value is not a
literal.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import keyword_arg, string
from kerlint.fix.registry import SAFE, FixContext, fixer
from kerlint.ir.keras_api import DIM_ORDERING_VALUES
from kerlint.violation import Fix


@fixer("KL506")
def keras1_argument(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = finding.subject or {}
    node = finding.node
    if "kernel" in subject:
        return _positional_kernel(node, subject, ctx)
    call, new = subject.get("call"), subject.get("new")
    if not isinstance(node, cst.Arg) or node.keyword is None or not new:
        return None
    if isinstance(call, cst.Call) and keyword_arg(call, new) is not None:
        return None
    if subject.get("keyword") == "dim_ordering":
        value = node.value
        if not isinstance(value, cst.SimpleString) or DIM_ORDERING_VALUES.get(value.evaluated_value) is None:
            return None
        replaced = node.with_changes(keyword=cst.Name(new),
                                     value=string(DIM_ORDERING_VALUES[value.evaluated_value], like=value))
        return ctx.fix(f"Use `{new}=`", SAFE, [ctx.replace(node, replaced)])
    return ctx.fix(f"Rename `{node.keyword.value}=` to `{new}=`", SAFE, [ctx.replace(node.keyword, cst.Name(new))])


def _positional_kernel(call: cst.CSTNode, subject: dict, ctx: FixContext) -> Fix | None:
    kernel = subject["kernel"]
    if not isinstance(call, cst.Call) or keyword_arg(call, "kernel_size") is not None:
        return None
    args = list(call.args)
    first = args.index(kernel[0])
    last = args.index(kernel[-1])
    elements = [cst.Element(a.value, comma=a.comma if a is not kernel[-1] else cst.MaybeSentinel.DEFAULT)
                for a in kernel]
    merged = cst.Arg(cst.Tuple(elements), comma=kernel[-1].comma)
    new = call.with_changes(args=[*args[:first], merged, *args[last + 1:]])
    return ctx.fix("Pass the kernel size as a tuple", SAFE, [ctx.replace(call, new)])

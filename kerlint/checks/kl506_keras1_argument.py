"""KL506 keras1-argument: Keras 1 spellings of arguments that Keras 2.4+ / 3 reject or misread.

Target Keras 2.4+: errors; 2.0-2.3 (which still converted them, with a warning): warnings; Keras 1: nothing.
The fixes (safe) write the argument Keras 1 meant under the name Keras 2+ gives it: `init=` ->
`kernel_initializer=`, `output_dim=` -> `units=`, `border_mode=` -> `padding=`, `nb_epoch=` -> `epochs=`,
`Model(input=, output=)` -> `Model(inputs=, outputs=)`, `dim_ordering="th"` -> `data_format="channels_first"`,
and `Convolution2D(32, 3, 3)` -> `Convolution2D(32, (3, 3))`. The values are kept (`init="uniform"` is the same
RandomUniform(-0.05, 0.05) in both), so the model is the one the code describes. No fix when the new keyword is
also given (which one the user meant is not ours to decide) or a `dim_ordering` value is not a literal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import WARNING, at_least, uses
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import keyword_arg, string
from kerlint.fix.context import SAFE, FixContext
from kerlint.ir.keras_api import DIM_ORDERING_VALUES
from kerlint.ir.model import FileIR
from kerlint.violation import Fix, Severity


@dataclass(frozen=True, eq=False)
class Keras1Keyword(Diagnosis):
    """A Keras 1 keyword Arg (`init=`, `nb_epoch=`, `Model(input=)`...) of `call` (fix: rename it `new`;
    `dim_ordering=` also maps its value)."""

    node: cst.Arg
    call: cst.Call
    keyword: str
    new: str
    owner: str  # the layer kind, "fit" or "Model"
    rejects: str  # which versions reject it, for the target
    severity: Severity | None = None

    @property
    def message(self) -> str:
        owner = {"fit": "fit()", "Model": "Model()"}.get(self.owner, self.owner)
        return f"{owner} argument {self.keyword}= is Keras 1: {self.rejects} — use {self.new}="

    def fix(self, ctx: FixContext) -> Fix | None:
        node, new = self.node, self.new
        if node.keyword is None or not new:
            return None
        if isinstance(self.call, cst.Call) and keyword_arg(self.call, new) is not None:
            return None
        if self.keyword == "dim_ordering":
            value = node.value
            if not isinstance(value, cst.SimpleString) or DIM_ORDERING_VALUES.get(value.evaluated_value) is None:
                return None
            replaced = node.with_changes(keyword=cst.Name(new),
                                         value=string(DIM_ORDERING_VALUES[value.evaluated_value], like=value))
            return ctx.fix(f"Use `{new}=`", SAFE, [ctx.replace(node, replaced)])
        return ctx.fix(f"Rename `{node.keyword.value}=` to `{new}=`", SAFE,
                       [ctx.replace(node.keyword, cst.Name(new))])


@dataclass(frozen=True, eq=False)
class Keras1PositionalKernel(Diagnosis):
    """`Convolution2D(32, 3, 3)` (the call): the kernel as separate positionals, which Keras 2+ reads as
    `strides`; reported only where the call shows it is Keras 1 code (fix: `(32, (3, 3))`)."""

    node: cst.Call
    layer: str
    kernel: tuple[cst.Arg, ...]  # the positional Args of the kernel size

    @property
    def message(self) -> str:
        return (f"Keras 1 kernel size as separate numbers: {self.layer}(filters, rows, cols) — Keras 2+ "
                f"reads the third number as strides (a stride-{_int_text(self.kernel[-1])} convolution); "
                f"pass kernel_size as a tuple")

    def fix(self, ctx: FixContext) -> Fix | None:
        call, kernel = self.node, self.kernel
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


def _int_text(arg) -> str:
    return getattr(getattr(arg, "value", None), "value", "?")


@rule("KL506", scope="file", diagnoses=(Keras1Keyword, Keras1PositionalKernel))
def keras1_argument(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    if not at_least(opts, 2):
        return
    severity = None if at_least(opts, 2, 4) else WARNING
    rejects = ("Keras 3 rejects it" if at_least(opts, 3) else "Keras 2.4+ rejects it" if severity is None
               else "Keras 2.0-2.3 still convert it with a warning; later versions reject it")
    for use in uses(file, "keras1-keyword"):
        d = use.detail
        yield Keras1Keyword(use.node, d["call"], d["keyword"], d["new"], d["layer"], rejects, severity)
    for use in uses(file, "keras1-positional-kernel"):
        yield Keras1PositionalKernel(use.node, use.detail["layer"], tuple(use.detail["kernel"]))

"""KL503 fit-generator: `fit_generator` / `evaluate_generator` / `predict_generator`.

Deprecated since TF 2.1 (a warning there) and removed in Keras 3 (an error); not reported before 2.1.
The fix (safe) calls `fit` / `evaluate` / `predict`, which take generators and datasets directly. The Keras 1/2
keywords fit spells differently are renamed (`generator=` -> `x=`, `nb_epoch=` -> `epochs=`), and positional
arguments after the first become keywords, because the new methods order their parameters differently
(`fit_generator(gen, 100, 5)` means steps_per_epoch=100, epochs=5; `fit(gen, 100, 5)` would mean y=100,
batch_size=5). Keywords that counted samples rather than steps (`samples_per_epoch=`, `nb_val_samples=`)
have no mechanical translation: no fix then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

import libcst as cst

from kerlint.checks.api import WARNING, at_least
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import SAFE, FixContext
from kerlint.ir.model import Evaluate, Fit, ModelIR
from kerlint.violation import Fix, Severity

_GENERATOR_METHODS = {"fit_generator": "fit", "evaluate_generator": "evaluate", "predict_generator": "predict"}
# Keras 1/2 keywords of fit_generator that fit() spells differently; samples_per_epoch/nb_val_samples counted
# samples, not steps, so they have no mechanical rename.
_KEYWORD_RENAMES = {"generator": "x", "nb_epoch": "epochs"}
_NO_RENAME = ("samples_per_epoch", "nb_val_samples", "nb_worker", "pickle_safe")

# Parameter order of the removed methods (Keras 2.x), for positional arguments after the generator.
POSITIONAL = {
    "fit_generator": ("generator", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data",
                      "validation_steps", "validation_freq", "class_weight", "max_queue_size", "workers",
                      "use_multiprocessing", "shuffle", "initial_epoch"),
    "evaluate_generator": ("generator", "steps", "callbacks", "max_queue_size", "workers", "use_multiprocessing",
                           "verbose"),
    "predict_generator": ("generator", "steps", "callbacks", "max_queue_size", "workers", "use_multiprocessing",
                          "verbose"),
}
_NO_SPACES = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


@dataclass(frozen=True, eq=False)
class GeneratorMethod(Diagnosis):
    """The method Name (`fit_generator`) of a call to rename to `replacement`. `rename_keywords` maps the
    keyword Args to rename (`generator=` -> `x=`); `blocking_keywords` lists those with no equivalent (then no
    fix)."""

    node: cst.Name
    call: Fit | Evaluate
    replacement: str
    rename_keywords: Mapping[cst.Arg, str]
    blocking_keywords: tuple[str, ...]
    removed: bool  # the target is Keras 3

    @property
    def severity(self) -> Severity | None:
        return None if self.removed else WARNING

    @property
    def message(self) -> str:
        state = "was removed (Keras 3; deprecated since TF 2.1)" if self.removed else \
            "is deprecated since TF 2.1 and removed in Keras 3"
        return (f"model.{self.call.method}() {state}: "
                f"model.{self.replacement}() accepts generators and datasets directly")

    def fix(self, ctx: FixContext) -> Fix | None:
        method, call = self.node, self.call.node
        if self.blocking_keywords or not isinstance(method, cst.Name) or not isinstance(call, cst.Call):
            return None
        edits = [ctx.replace(method, cst.Name(self.replacement))]
        for arg, new_keyword in self.rename_keywords.items():
            edits.append(ctx.replace(arg.keyword, cst.Name(new_keyword)))
        order = POSITIONAL.get(method.value, ())
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        for index, arg in enumerate(positional[1:], start=1):
            if index >= len(order):
                return None
            edits.append(ctx.replace(arg, arg.with_changes(keyword=cst.Name(order[index]), equal=_NO_SPACES)))
        return ctx.fix(f"Call `{self.replacement}()` instead of `{method.value}()`", SAFE, edits)


@rule("KL503", diagnoses=(GeneratorMethod,))
def removed_fit_generator(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    if not at_least(opts, 2, 1):
        return
    removed = at_least(opts, 3)
    for call in [*model.fits, *model.evaluates]:
        replacement = _GENERATOR_METHODS.get(call.method)
        if replacement is None or call.method_node is None:
            continue
        keywords = call.arg_nodes
        renames = {keywords[k]: new for k, new in _KEYWORD_RENAMES.items() if k in keywords}
        blocking = tuple(k for k in _NO_RENAME if k in keywords)
        yield GeneratorMethod(call.method_node, call, replacement, renames, blocking, removed)

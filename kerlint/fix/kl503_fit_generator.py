"""KL503 (safe): `fit_generator` / `evaluate_generator` / `predict_generator` -> `fit` / `evaluate` /
`predict`, which take generators and datasets directly (TF >= 2.1).

The Keras 1/2 keywords fit spells differently are renamed (`generator=` -> `x=`, `nb_epoch=` ->
`epochs=`), and positional arguments after the first become keywords, because the new methods order
their parameters differently (`fit_generator(gen, 100, 5)` means steps_per_epoch=100, epochs=5;
`fit(gen, 100, 5)` would mean y=100, batch_size=5). Keywords that counted samples rather than steps
(`samples_per_epoch=`, `nb_val_samples=`) have no mechanical translation: no fix then.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.registry import SAFE, FixContext, fixer
from kerlint.violation import Fix

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


@fixer("KL503")
def fit_generator(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = finding.subject or {}
    method, call = finding.node, getattr(subject.get("call"), "node", None)
    if subject.get("blocking_keywords") or not isinstance(method, cst.Name) or not isinstance(call, cst.Call):
        return None
    replacement = subject["replacement"]
    edits = [ctx.replace(method, cst.Name(replacement))]
    for arg, new_keyword in subject.get("rename_keywords", {}).items():
        edits.append(ctx.replace(arg.keyword, cst.Name(new_keyword)))
    order = POSITIONAL.get(method.value, ())
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    for index, arg in enumerate(positional[1:], start=1):
        if index >= len(order):
            return None
        edits.append(ctx.replace(arg, arg.with_changes(keyword=cst.Name(order[index]), equal=_NO_SPACES)))
    return ctx.fix(f"Call `{replacement}()` instead of `{method.value}()`", SAFE, edits)

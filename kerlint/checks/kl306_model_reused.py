"""KL306 model-reused-across-experiments: one model trained twice as if it were two.

A model trained by fit(), re-compiled with provably different settings (optimizer, rate or loss) and
trained again *the same way* — the same fit() arguments on both sides of the re-compile, or the same data
evaluated twice afterwards — is one model pretending to be two: the second run starts from the first's
weights. Not reported for pretrained or partly unknown models (re-compiling to fine-tune is the transfer-
learning recipe), for a later fit() with initial_epoch=, for a re-compile with the same settings (resetting
the optimizer, e.g. active learning), nor for a continuation that changes the protocol (a short final phase
at a lower rate), nor after `set_weights(...)` between the runs (a reset to saved initial weights). A model
rebuilt (`model = build_model()`) or copied (`clone_model`) is a new model and is not reused.
No fix: which experiment the user meant to run fresh is theirs to say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import UNKNOWN, Compile, Data, Evaluate, Fit, ModelIR, Schedule, WeightsSet


@dataclass(frozen=True, eq=False)
class ModelReused(Diagnosis):
    """The re-compile (`compile`) between `first_fit` and `second_fit`, which train the same model the same way."""

    compile: Compile
    first_fit: Fit
    second_fit: Fit
    message: str = ("this model was already trained by an earlier fit(); compile() does not reset its "
                    "weights, so the next fit() continues from them and any comparison between the two "
                    "runs is void — build a fresh model for each experiment (or pass initial_epoch= to "
                    "continue training on purpose)")

    @property
    def node(self) -> cst.CSTNode:
        return self.compile.node


def _same_optimizer(a, b):
    """Whether two compile() optimizers have the same settings: True, False, or None when unknown."""
    if a is UNKNOWN and b is UNKNOWN:
        return None
    if a is UNKNOWN or b is UNKNOWN:
        return False  # a known optimizer and something else (a custom class): different settings
    if a is None or b is None:
        return a is b  # None: the default optimizer
    if a is b:
        return True
    if a.name == "unknown" or b.name == "unknown":
        return None
    same_rate = a.learning_rate is b.learning_rate or (
        not isinstance(a.learning_rate, Schedule) and a.learning_rate == b.learning_rate)
    return a.name == b.name and same_rate


def _same_loss(a, b):
    if a is UNKNOWN or b is UNKNOWN:
        return None if a is b else False
    if a is None or b is None:
        return a is b
    if a.name == "unknown" or b.name == "unknown":
        return None
    return a.name == b.name and a.from_logits == b.from_logits


def compile_settings_differ(first: Compile, second: Compile) -> bool:
    """Provably different training settings (optimizer, learning rate or loss); False when unknown."""
    same = (_same_optimizer(first.optimizer, second.optimizer), _same_loss(first.loss, second.loss))
    return False in same


def _same_value(a, b, text_a, text_b) -> bool:
    """Provably the same argument: the same data object, or the same side-effect-free expression text."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, Data) and a is b:
        return True
    return text_a is not None and text_a == text_b


def same_fit_protocol(first: Fit, second: Fit) -> bool:
    """Two fit() calls that train the same way on the same data (the two arms of an experiment)."""
    def validation(fit):
        vd = fit.validation_data
        return vd[0] if isinstance(vd, tuple) and vd else vd

    return (_same_value(first.x, second.x, first.arg_texts.get("x"), second.arg_texts.get("x"))
            and _same_value(first.y, second.y, first.arg_texts.get("y"), second.arg_texts.get("y"))
            and _same_value(validation(first), validation(second),
                            first.arg_texts.get("validation_x"), second.arg_texts.get("validation_x"))
            and all(getattr(first, key) == getattr(second, key) and getattr(first, key) is not UNKNOWN
                    for key in ("epochs", "batch_size", "validation_split", "steps_per_epoch")))


def _repeated_evaluation(events) -> bool:
    """The same data evaluated twice with no training between: scoring 'two models' that are one."""
    seen = []
    for event in events:
        if isinstance(event, (Fit, Compile)):
            seen = []
        elif isinstance(event, Evaluate) and event.method.startswith("evaluate"):
            if any(_same_value(event.x, other.x, event.arg_texts.get("x"), other.arg_texts.get("x"))
                   for other in seen):
                return True
            seen.append(event)
    return False


@rule("KL306", diagnoses=(ModelReused,))
def model_reused_across_experiments(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    if model.pretrained or not model.complete:
        return
    first_compile = last_fit = None
    for index, event in enumerate(model.events):
        if isinstance(event, WeightsSet):
            last_fit = None  # set_weights(initial_weights): the next run starts afresh
        elif isinstance(event, Fit):
            last_fit = event
        elif isinstance(event, Compile):
            if last_fit is None:
                first_compile = event
                continue
            if first_compile is None or not compile_settings_differ(first_compile, event):
                continue
            later = model.events[index + 1:]
            second = next((e for e in later if isinstance(e, Fit)), None)
            if second is None or second.initial_epoch is not None:
                continue
            if same_fit_protocol(last_fit, second) or _repeated_evaluation(later):
                yield ModelReused(event, last_fit, second)
                return

"""KL305 schedule-never-decays: a learning-rate schedule whose decay horizon is longer than the training.

`decay_steps` counts optimizer steps, not epochs: a schedule of ExponentialDecay / InverseTimeDecay / CosineDecay /
CosineDecayRestarts / PolynomialDecay / PiecewiseConstantDecay that would need more steps than every fit() of its
optimizer can take (an upper bound over all the models it is compiled into; unknown when a fit is repeated or its
epoch length unknown) ends above `1 - schedule-min-decay` of its initial rate. A warm-up phase is not modelled
(not reported). No fix: the horizon the user meant is not known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.checks.training import epochs_run, is_number
from kerlint.ir.model import Compile, Data, FileIR, Fit, Optimizer, Schedule


@dataclass(frozen=True, eq=False)
class ScheduleNeverDecays(Diagnosis):
    """The schedule's call: it decays over `horizon` steps, but `optimizer` takes at most `training_steps`, after
    which the rate is `ratio` of the initial one."""

    schedule: Schedule
    optimizer: Optimizer
    training_steps: int
    horizon: float
    ratio: float

    @property
    def node(self) -> cst.CSTNode:
        return self.schedule.node

    @property
    def message(self) -> str:
        return (f"{self.schedule.name} decays over {self.horizon:g} steps but training runs at most "
                f"{self.training_steps} steps: the learning rate ends at {self.ratio:.0%} of its initial value, so "
                f"the schedule never really decays (decay_steps counts optimizer steps, not epochs)")


def steps_per_epoch_bound(fit: Fit):
    """An upper bound on the optimizer steps one epoch of this fit() takes, or None when unknown."""
    if fit.steps_per_epoch is not None:
        return fit.steps_per_epoch if is_number(fit.steps_per_epoch) and fit.steps_per_epoch > 0 else None
    if "samples_per_epoch" in fit.arg_nodes:
        return None  # Keras 1: an epoch is that many samples drawn from a looping generator
    x = fit.x
    if not isinstance(x, Data) or not isinstance(x.max_samples, int):
        return None
    if x.is_dataset:
        batch = x.batch_size if x.batched else 1  # an unbatched dataset feeds one sample per step
    else:
        batch = 32 if fit.batch_size is None else fit.batch_size  # Keras's default batch size for arrays
    if not isinstance(batch, int) or isinstance(batch, bool) or batch <= 0:
        return None
    return math.ceil(x.max_samples / batch)


def _training_steps_by_optimizer(file: FileIR) -> dict[int, int | None]:
    """id(Optimizer) -> an upper bound on the steps it takes over the whole file (None: unknown).
    An optimizer shared by several compiles or models keeps counting its steps across them."""
    steps: dict[int, int | None] = {}
    for model in file.models:
        current = None
        for event in model.events:
            if isinstance(event, Compile):
                current = event.optimizer if isinstance(event.optimizer, Optimizer) else None
                if current is not None:
                    steps.setdefault(id(current), 0)
            elif isinstance(event, Fit) and current is not None:
                per_epoch, epochs = steps_per_epoch_bound(event), epochs_run(event)
                known = steps[id(current)]
                if event.repeated or per_epoch is None or epochs is None or known is None:
                    steps[id(current)] = None
                else:
                    steps[id(current)] = known + per_epoch * epochs
    return steps


def _arg(schedule: Schedule, name: str, position: int, default=None):
    return schedule.args.get(name, schedule.args.get(position, default))


def schedule_horizon_and_ratio(schedule: Schedule, steps: int):
    """(the step count over which the schedule is meant to decay, lr(steps) / lr(0)), or None when unknown."""
    name = schedule.name
    if name in ("ExponentialDecay", "InverseTimeDecay"):
        decay_steps, rate = _arg(schedule, "decay_steps", 1), _arg(schedule, "decay_rate", 2)
        staircase = _arg(schedule, "staircase", 3, False)
        if not is_number(decay_steps) or decay_steps <= 0 or not isinstance(staircase, bool):
            return None
        if steps >= decay_steps:
            return None  # at least one full decay period: it decays
        progress = 0 if staircase else steps / decay_steps
        if progress == 0:
            return decay_steps, 1.0
        if not (is_number(rate) and rate > 0):
            return None
        ratio = rate ** progress if name == "ExponentialDecay" else 1 / (1 + rate * progress)
        return decay_steps, ratio
    if name in ("CosineDecay", "CosineDecayRestarts", "PolynomialDecay"):
        initial, decay_steps = _arg(schedule, "initial_learning_rate", 0), _arg(
            schedule, "first_decay_steps" if name == "CosineDecayRestarts" else "decay_steps", 1)
        if not (is_number(initial) and initial > 0 and is_number(decay_steps) and decay_steps > 0):
            return None
        if steps >= decay_steps:
            return None  # the schedule completes (or restarts): it decays
        if name == "PolynomialDecay":
            end, power = _arg(schedule, "end_learning_rate", 2, 1e-4), _arg(schedule, "power", 3, 1.0)
            if not (is_number(end) and is_number(power) and power > 0):
                return None
            return decay_steps, ((initial - end) * (1 - steps / decay_steps) ** power + end) / initial
        alpha = _arg(schedule, "alpha", 2 if name == "CosineDecay" else 4, 0.0)
        if not is_number(alpha) or _arg(schedule, "warmup_steps", 5, 0):
            return None  # a warm-up phase first raises the rate: not modelled
        return decay_steps, (1 - alpha) * 0.5 * (1 + math.cos(math.pi * steps / decay_steps)) + alpha
    if name == "PiecewiseConstantDecay":
        boundaries = _arg(schedule, "boundaries", 0)
        if isinstance(boundaries, (list, tuple)) and boundaries and is_number(boundaries[0]):
            return (boundaries[0], 1.0) if steps <= boundaries[0] else None
    return None


@rule("KL305", scope="file", diagnoses=(ScheduleNeverDecays,))
def schedule_never_decays(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    keep = 1.0 - float(opts["schedule-min-decay"])
    steps_by_optimizer = _training_steps_by_optimizer(file)
    seen: set[int] = set()
    for model in file.models:
        for compile_ in model.compiles:
            opt = compile_.optimizer
            if not isinstance(opt, Optimizer) or not isinstance(opt.learning_rate, Schedule) or id(opt) in seen:
                continue
            seen.add(id(opt))
            steps = steps_by_optimizer.get(id(opt))
            if not steps:  # unknown, or never trained
                continue
            found = schedule_horizon_and_ratio(opt.learning_rate, steps)
            if found is None:
                continue
            horizon, ratio = found
            if horizon > steps and ratio >= keep:
                yield ScheduleNeverDecays(opt.learning_rate, opt, steps, horizon, ratio)

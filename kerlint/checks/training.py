"""Training-loop rules: validation, shuffling, learning rate, epochs, callbacks."""

from __future__ import annotations

import math
from typing import Iterator

from kerlint.checks.graph import reconstructs_its_input
from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.keras_api import CALLBACKS
from kerlint.ir.model import (UNKNOWN, Compile, Data, Evaluate, FileIR, Fit, Layer, ModelIR, Optimizer, Schedule,
                               WeightsSet)
from kerlint.violation import Severity


def _validated(fit: Fit) -> bool:
    return fit.validation_data is not None or fit.validation_split not in (None, 0, 0.0)


def _architecture(model: ModelIR) -> tuple:
    """What a rebuilt copy of a model has in common with the original: its layers' kinds, widths, activations."""
    return tuple((layer.kind, layer.width, layer.activation) for layer in model.layers)


def held_out_evaluation(model: ModelIR, fit: Fit) -> Evaluate | None:
    """An evaluate() after `fit` on data that is not the training data and is named or loaded as held-out
    (`model.evaluate(x_test, y_test)`, `model.evaluate(test_ds)`): generalisation is measured, just not per epoch."""
    after = False
    train_text = fit.arg_texts.get("x")
    for event in model.events:
        if event is fit:
            after = True
        elif after and isinstance(event, Evaluate) and event.method.startswith("evaluate"):
            text, x = event.arg_texts.get("x"), event.x
            if isinstance(x, Data) and isinstance(fit.x, Data) and x is fit.x:
                continue
            if text is not None and text == train_text:
                continue
            if (isinstance(x, Data) and x.split in ("test", "validation")) or _says_holdout(text):
                return event
    return None


@rule("KL303", scope="file")
def missing_validation(file: FileIR, opts: Options) -> Iterator[Finding]:
    """A fit() with neither validation_split nor validation_data. Silent when the script measures
    generalisation another way: an explicit evaluate() on held-out data after the fit, or a validated fit()
    of the same architecture elsewhere in the file (the final retrain on all the data once the epoch count
    was chosen on a validation run). Silent for models with their own train_step and no test_step."""
    validated = {_architecture(model) for model in file.models
                 if model.layers and any(_validated(fit) for fit in model.fits)}
    for model in file.models:
        if "train_step" in model.overrides and "test_step" not in model.overrides:
            continue  # its own training loop (GAN, VAE, self-supervised): there is no validation step to run
        if model.layers and _architecture(model) in validated:
            continue
        for fit in model.fits:
            if _validated(fit) or held_out_evaluation(model, fit) is not None:
                continue
            yield Finding(fit.node, "fit() without validation_split or validation_data: nothing tells you when "
                                    "the model stops generalising or whether accuracy is real",
                          subject=fit)


# Loaders that shuffle unless told shuffle=False (timeseries_dataset_from_array does not: its default is False).
SHUFFLING_LOADERS = frozenset({"image_dataset_from_directory", "text_dataset_from_directory"})


@rule("KL304")
def unshuffled_training_data(model: ModelIR, opts: Options) -> Iterator[Finding]:
    for fit in model.fits:
        x = fit.x
        if isinstance(x, Data) and x.is_dataset:
            if x.shuffled is False and (x.batched or x.role == "generator"):
                # shuffle=False given to a generator or a directory loader (default True) is a choice: warning;
                # a hand-built pipeline without .shuffle() usually lists its files in random order: advice
                explicit = x.role == "generator" or x.origin in SHUFFLING_LOADERS
                yield Finding(fit.arg_nodes.get("x", fit.node),
                              "the training dataset is batched without shuffle(): every epoch sees the same "
                              "batches in the same order (fit(shuffle=...) does not apply to datasets)",
                              severity=None if explicit else Severity.INFO, subject=fit)
        elif fit.shuffle is False:
            yield Finding(fit.arg_nodes.get("shuffle", fit.node),
                          "fit(shuffle=False): the model sees samples in file order, often sorted by class, "
                          "and learns the order instead of the data", subject=fit)


# --- learning rate ----------------------------------------------------------------------------------

# Optimizers whose per-parameter step is normalised by gradient statistics: their usual rates are ~1e-3.
# Adagrad/Adadelta/Ftrl/Adafactor are left out on purpose: their customary rates (0.01–1.0) differ by design.
ADAPTIVE_OPTIMIZERS = frozenset({"adam", "adamw", "nadam", "adamax", "rmsprop", "lion"})


def literal_learning_rates(model: ModelIR) -> Iterator[Optimizer]:
    """The model's optimizers whose learning rate is a plain number (not a schedule, not unknown) that the
    user wrote as the rate to train with: not one value of a sweep (`for lr in (1e-1, 1e-2, 1e-3)`), and not
    for a model with a LearningRateScheduler callback (it replaces the rate every epoch, or it is the sweep the
    later rates were read from) or whose own train_step decides how (and whether) the compiled optimizer is used."""
    if "train_step" in model.overrides:
        return
    if any(fit.callbacks is not UNKNOWN and "LearningRateScheduler" in fit.callbacks for fit in model.fits):
        return
    for compile_ in model.compiles:
        opt = compile_.optimizer
        if isinstance(opt, Optimizer) and _is_number(opt.learning_rate) and not opt.swept:
            yield opt


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _dense_weights(layers: list[Layer], input_width) -> int | None:
    """Weights of a chain of Dense layers fed `input_width` features (each layer feeds the next), else None."""
    total, width = 0, input_width
    for layer in layers:
        shape = layer.input_shape
        fan_in = shape[-1] if shape and isinstance(shape[-1], int) else width
        if not layer.is_dense or layer.wraps is not None or not isinstance(layer.width, int) or not isinstance(fan_in, int):
            return None
        total += (fan_in + 1) * layer.width
        width = layer.width
    return total


def small_linear_model(model: ModelIR, max_parameters: int, adaptive: bool) -> bool:
    """A linear (or logistic) regression, or a small linear autoencoder: no nonlinearity between weight layers.
    Its loss is convex, or nearly so, and small, so it tolerates rates that would wreck a deep network:
    a model with one weight layer of any size trained by an adaptive optimizer, or a stack of linear Dense
    layers with at most `max_parameters` weights in all."""
    if not model.complete or model.open_end or model.pretrained or not model.weight_layers:
        return False
    hidden = model.graph.hidden_weight_layers
    if any(layer.effective_activation not in ("linear", None) for layer in hidden):
        return False
    if model.graph.output_layer is None or not all(layer.is_dense for layer in model.weight_layers):
        return False
    if not hidden:
        return adaptive  # Adam's step is bounded by its rate; plain SGD's is not
    # an autoencoder outputs what it reads: its input is as wide as its output layer
    input_width = model.graph.output_layer.width if reconstructs_its_input(model) else None
    weights = _dense_weights(model.weight_layers, input_width)
    return weights is not None and weights <= max_parameters


def fine_tuning_optimizers(model: ModelIR) -> set[int]:
    """id() of the optimizers compiled into a pretrained model after it was trained once: the fine-tuning
    phase of transfer learning (unfreeze the base, re-compile, train again), which wants a rate ~10x lower."""
    if not model.pretrained:
        return set()
    found, trained = set(), False
    for event in model.events:
        if isinstance(event, Fit):
            trained = True
        elif isinstance(event, Compile) and trained and isinstance(event.optimizer, Optimizer):
            found.add(id(event.optimizer))
    return found


@rule("KL301")
def learning_rate_too_high(model: ModelIR, opts: Options) -> Iterator[Finding]:
    """A literal rate above the optimizer family's ceiling: lower when fine-tuning (see fine_tuning_optimizers),
    higher for small linear models (see small_linear_model). Not reported for learning-rate sweeps,
    LearningRateScheduler callbacks and custom train_step models."""
    max_parameters = int(opts["lr-linear-max-parameters"])
    fine_tuning = fine_tuning_optimizers(model)
    for opt in literal_learning_rates(model):
        if opt.name in ADAPTIVE_OPTIMIZERS:
            limit, family = float(opts["lr-max-adaptive"]), "adaptive optimizers"
        elif opt.name == "sgd":
            limit, family = float(opts["lr-max-sgd"]), "SGD"
        else:
            continue
        if id(opt) in fine_tuning:
            limit, family = limit * float(opts["lr-finetune-factor"]), f"fine-tuning a pretrained model with {family}"
        if small_linear_model(model, max_parameters, adaptive=opt.name in ADAPTIVE_OPTIMIZERS):
            limit, family = limit * float(opts["lr-linear-factor"]), f"{family} on a small linear model"
        if opt.learning_rate > limit:
            yield Finding(opt.lr_node or opt.node,
                          f"{opt.name} learning rate {opt.learning_rate:g} is above {limit:g} (the usual ceiling for "
                          f"{family}): updates overshoot, the loss oscillates or diverges (NaN) and accuracy stays low",
                          subject=opt)


@rule("KL302")
def learning_rate_too_low(model: ModelIR, opts: Options) -> Iterator[Finding]:
    limit = float(opts["lr-min"])
    for opt in literal_learning_rates(model):
        lr = opt.learning_rate
        if lr >= limit:
            continue
        if lr <= 0:
            message = f"learning rate {lr:g}: the weights never move in the right direction"
        else:
            message = (f"learning rate {lr:g} is below {limit:g}: the weights barely move and the loss and "
                       f"accuracy look flat for the whole run")
        yield Finding(opt.lr_node or opt.node, message, subject=opt)


# --- schedules ----------------------------------------------------------------------------------------

def steps_per_epoch_bound(fit: Fit):
    """An upper bound on the optimizer steps one epoch of this fit() takes, or None when unknown."""
    if fit.steps_per_epoch is not None:
        return fit.steps_per_epoch if _is_number(fit.steps_per_epoch) and fit.steps_per_epoch > 0 else None
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


def epochs_run(fit: Fit):
    """How many epochs this fit() runs (epochs minus initial_epoch), or None when unknown."""
    epochs = 1 if fit.epochs is None else fit.epochs
    start = 0 if fit.initial_epoch is None else fit.initial_epoch
    if not (isinstance(epochs, int) and isinstance(start, int)) or isinstance(epochs, bool):
        return None
    return max(epochs - start, 0)


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
        if not _is_number(decay_steps) or decay_steps <= 0 or not isinstance(staircase, bool):
            return None
        if steps >= decay_steps:
            return None  # at least one full decay period: it decays
        progress = 0 if staircase else steps / decay_steps
        if progress == 0:
            return decay_steps, 1.0
        if not (_is_number(rate) and rate > 0):
            return None
        ratio = rate ** progress if name == "ExponentialDecay" else 1 / (1 + rate * progress)
        return decay_steps, ratio
    if name in ("CosineDecay", "CosineDecayRestarts", "PolynomialDecay"):
        initial, decay_steps = _arg(schedule, "initial_learning_rate", 0), _arg(
            schedule, "first_decay_steps" if name == "CosineDecayRestarts" else "decay_steps", 1)
        if not (_is_number(initial) and initial > 0 and _is_number(decay_steps) and decay_steps > 0):
            return None
        if steps >= decay_steps:
            return None  # the schedule completes (or restarts): it decays
        if name == "PolynomialDecay":
            end, power = _arg(schedule, "end_learning_rate", 2, 1e-4), _arg(schedule, "power", 3, 1.0)
            if not (_is_number(end) and _is_number(power) and power > 0):
                return None
            return decay_steps, ((initial - end) * (1 - steps / decay_steps) ** power + end) / initial
        alpha = _arg(schedule, "alpha", 2 if name == "CosineDecay" else 4, 0.0)
        if not _is_number(alpha) or _arg(schedule, "warmup_steps", 5, 0):
            return None  # a warm-up phase first raises the rate: not modelled
        return decay_steps, (1 - alpha) * 0.5 * (1 + math.cos(math.pi * steps / decay_steps)) + alpha
    if name == "PiecewiseConstantDecay":
        boundaries = _arg(schedule, "boundaries", 0)
        if isinstance(boundaries, (list, tuple)) and boundaries and _is_number(boundaries[0]):
            return (boundaries[0], 1.0) if steps <= boundaries[0] else None
    return None


@rule("KL305", scope="file")
def schedule_never_decays(file: FileIR, opts: Options) -> Iterator[Finding]:
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
                schedule = opt.learning_rate
                yield Finding(schedule.node,
                              f"{schedule.name} decays over {horizon:g} steps but training runs at most {steps} steps: "
                              f"the learning rate ends at {ratio:.0%} of its initial value, so the schedule never "
                              f"really decays (decay_steps counts optimizer steps, not epochs)",
                              subject={"schedule": schedule, "optimizer": opt, "training_steps": steps})


# --- experiments, validation, epochs ------------------------------------------------------------------

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


@rule("KL306")
def model_reused_across_experiments(model: ModelIR, opts: Options) -> Iterator[Finding]:
    """A model trained by fit(), re-compiled with provably different settings (optimizer, rate or loss) and
    trained again *the same way* — the same fit() arguments on both sides of the re-compile, or the same data
    evaluated twice afterwards — is one model pretending to be two: the second run starts from the first's
    weights. Not reported for pretrained or partly unknown models (re-compiling to fine-tune is the transfer-
    learning recipe), for a later fit() with initial_epoch=, for a re-compile with the same settings (resetting
    the optimizer, e.g. active learning), nor for a continuation that changes the protocol (a short final phase
    at a lower rate), nor after `set_weights(...)` between the runs (a reset to saved initial weights). A model
    rebuilt (`model = build_model()`) or copied (`clone_model`) is a new model and is not reused."""
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
                yield Finding(event.node,
                              "this model was already trained by an earlier fit(); compile() does not reset its "
                              "weights, so the next fit() continues from them and any comparison between the two "
                              "runs is void — build a fresh model for each experiment (or pass initial_epoch= to "
                              "continue training on purpose)",
                              subject={"first_fit": last_fit, "compile": event, "second_fit": second})
                return


def _validation_inputs(fit: Fit):
    """The validation inputs of a fit(): an array Data, a dataset Data, or None."""
    vd = fit.validation_data
    if isinstance(vd, tuple):
        return vd[0] if vd and isinstance(vd[0], Data) else None
    return vd if isinstance(vd, Data) else None


def _same_training_subset(train, validation) -> bool:
    """Both loaded as subset="training" of one directory (image_dataset_from_directory, flow_from_directory)."""
    return (isinstance(train, Data) and isinstance(validation, Data) and validation.source is not None
            and validation.split == "train" and train.split == "train" and validation.source == train.source)


_HOLDOUT_WORDS = ("test", "val", "valid", "holdout", "eval")


def _says_holdout(text: str | None) -> bool:
    words = "".join(ch if ch.isalnum() else "_" for ch in (text or "").lower()).split("_")
    return any(word in _HOLDOUT_WORDS or word.startswith(("test", "val")) for word in words if word)


@rule("KL307")
def validation_is_training_data(model: ModelIR, opts: Options) -> Iterator[Finding]:
    training_inputs = []
    for fit in model.fits:
        texts = fit.arg_texts
        same_text = "x" in texts and texts.get("validation_x") == texts["x"]
        validation = _validation_inputs(fit)
        same_object = validation is not None and validation is fit.x
        if same_text or same_object:
            yield Finding(fit.arg_nodes.get("validation_data", fit.node),
                          "validation_data is the training data itself: validation accuracy just repeats "
                          "training accuracy and hides overfitting — validate on held-out data "
                          "(validation_split=, or a separate split)",
                          subject={"fit": fit, "data": fit.x})
        elif isinstance(validation, Data) and validation.split_of is not None and validation.split_of is fit.x:
            yield Finding(fit.arg_nodes.get("validation_data", fit.node),
                          f"validation_data ({validation.name or 'the held-out split'}) was split off "
                          f"{fit.x.name or 'the training array'} with train_test_split, but fit() trains on the "
                          f"whole of {fit.x.name or 'it'}: every validation sample is also a training sample — "
                          f"train on the training split",
                          subject={"fit": fit, "data": validation})
        elif _same_training_subset(fit.x, validation):
            yield Finding(fit.arg_nodes.get("validation_data", fit.node),
                          f"validation_data ({validation.name or 'the validation set'}) is loaded with "
                          f"subset=\"training\" from the same directory as the training data "
                          f"({validation.source[1]}): it is the training split — use subset=\"validation\"",
                          subject={"fit": fit, "data": validation})
        if isinstance(fit.x, Data):
            training_inputs.append((fit.x, texts.get("x")))
    for evaluate in model.evaluates:
        if not evaluate.method.startswith("evaluate") or not isinstance(evaluate.x, Data):
            continue
        text = evaluate.arg_texts.get("x")
        for data, train_text in training_inputs:
            if evaluate.x is not data or _says_holdout(train_text):
                continue
            if text != train_text and _says_holdout(text):  # x_test = x_train; model.evaluate(x_test, ...)
                message = f"{text} is the very data the model was trained on ({train_text or 'the fit() input'})"
            elif any(_says_holdout(name) for name in evaluate.result_names):  # test_acc = evaluate(x_train)
                message = (f"the score stored as {', '.join(evaluate.result_names)} is computed on "
                           f"{text or 'the training data'}, the very data the model was trained on")
            else:
                continue
            yield Finding(evaluate.x_node or evaluate.node,
                          f"{message}: this 'test' score measures memorisation, not generalisation",
                          subject={"evaluate": evaluate, "data": data})
            break


# Callbacks that stop training or keep the best weights.
STOPPING_CALLBACKS = frozenset({"EarlyStopping", "ReduceLROnPlateau", "ModelCheckpoint"})


@rule("KL308")
def no_early_stopping(model: ModelIR, opts: Options) -> Iterator[Finding]:
    limit = int(opts["early-stopping-min-epochs"])
    for fit in model.fits:
        epochs = fit.epochs
        if not (isinstance(epochs, int) and not isinstance(epochs, bool) and epochs >= limit):
            continue
        if fit.callbacks is UNKNOWN or any(name not in CALLBACKS or name in STOPPING_CALLBACKS
                                           for name in fit.callbacks):
            continue  # a custom or unknown callback may stop training itself
        yield Finding(fit.arg_nodes.get("epochs", fit.arg_nodes.get("nb_epoch", fit.node)),
                      f"{epochs} epochs with no EarlyStopping / ReduceLROnPlateau / ModelCheckpoint callback: "
                      f"training runs past the best epoch and you keep the overfitted final weights",
                      subject=fit)


@rule("KL309")
def too_few_epochs(model: ModelIR, opts: Options) -> Iterator[Finding]:
    """Total epochs over all of the model's fit() calls ≤ min-epochs, for a model trained from scratch. Silent for
    pretrained / weight-loaded / incomplete models, fits in loops of unknown length, and fits with steps_per_epoch
    (an 'epoch' is then whatever the user defined)."""
    if model.pretrained or not model.fits:
        return
    if not model.complete and model.style != "application":  # applications(weights=None): known to be from scratch
        return
    if any(fit.repeated or fit.steps_per_epoch is not None for fit in model.fits):
        return
    runs = [epochs_run(fit) for fit in model.fits]
    if any(run is None for run in runs):
        return
    total = sum(runs)
    if total > int(opts["min-epochs"]):
        return
    fit = model.fits[0]
    if len(model.fits) == 1 and fit.epochs is None:
        message = "fit() without epochs= trains for a single epoch (the Keras default)"
    else:
        message = f"the model trains for {total} epoch{'s' if total != 1 else ''} in total"
    yield Finding(fit.arg_nodes.get("epochs", fit.arg_nodes.get("nb_epoch", fit.node)),
                  message + ": a model trained from scratch has barely started to learn, so low accuracy says "
                            "nothing about the model",
                  subject=model.fits)

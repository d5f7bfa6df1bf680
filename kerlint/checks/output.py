"""Output and loss rules: output activation vs loss, the logits flag, class count, label encoding, metrics.

These are error-level rules, so each fires only on facts the IR knows for certain: one model output whose
head (weight layer + last activation) is known, a loss the extractor resolved (never a dict, a list or a
custom function), literal `from_logits`, and labels whose encoding / class count come from a loader,
`to_categorical` or a constant. Anything else stays silent.
"""

from __future__ import annotations

from typing import Iterator

from kerlint.checks.graph import Head, labels_of, model_outputs, output_head, single_head, trainings
from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.model import Data, Loss, ModelIR
from kerlint.ir.vocabulary import BINARY_CE, CATEGORICAL_CE, ONE_HOT_CE, PROBABILITY, REGRESSION_LOSSES
from kerlint.violation import Severity


def _loss(compile_) -> Loss | None:
    loss = compile_.loss
    return loss if isinstance(loss, Loss) and loss.name != "unknown" else None


def _is_ce(loss: Loss) -> bool:
    return loss.name in CATEGORICAL_CE or loss.name in BINARY_CE


def _units(head: Head):
    return head.units if isinstance(head.units, int) else None


def _labels_text(labels, fit=None) -> str:
    """`y_train (mnist)`, `the labels of train_ds (image dataset from directory)`, or `the labels`."""
    origin = labels.origin
    if labels.name:
        name = labels.name
    elif fit is not None and isinstance(fit.x, Data) and fit.x.is_dataset:
        name = f"the labels of {fit.x.name or 'the training dataset'}"
        origin = origin if origin not in ("unknown", "", None) else fit.x.origin
    else:
        name = "the labels"
    return name if origin in ("unknown", "", None) else f"{name} ({origin.replace('_', ' ')})"


def _where(head: Head) -> str:
    """How the output layer reads in a message: `Dense(10, softmax)`."""
    units = _units(head)
    return f"{head.layer.base_kind}({units if units is not None else '?'}, {head.activation})"


@rule("KL201")
def output_activation_loss_mismatch(model: ModelIR, opts: Options) -> Iterator[Finding]:
    # Softmax over a single unit is 1.0 whatever the input, with any loss, on every output.
    for out in model_outputs(model):
        head = output_head(out)
        if head is not None and head.activation == "softmax" and _units(head) == 1:
            yield Finding(head.activation_layer.node,
                          "softmax over a single unit always outputs 1.0: the prediction never depends on the "
                          "input. Use Dense(1, activation='sigmoid') for a binary output, or as many units as "
                          "classes with softmax", subject=[head.layer, head.activation_layer])
    head = single_head(model)
    if head is None:
        return
    act, units = head.activation, _units(head)
    if act == "softmax" and units == 1:
        return  # reported above; the loss does not matter any more
    for compile_, fits in trainings(model):
        loss = _loss(compile_)
        if loss is None or not _is_ce(loss):
            continue
        subject = [loss, head.layer, head.activation_layer]
        if act == "softmax" and loss.name in BINARY_CE and units is not None and units > 1 and (
                units > 2 or _integer_labels(fits)):
            # Two softmax units with one-hot labels are fine: binary CE then equals categorical CE.
            yield Finding(loss.node,
                          f"binary cross-entropy on a {units}-unit softmax output: binary CE scores every unit as "
                          f"an independent yes/no, and accuracy becomes binary accuracy over all units. Use "
                          f"categorical_crossentropy (one-hot labels) or sparse_categorical_crossentropy "
                          f"(integer labels) with softmax, or sigmoid units for multi-label",
                          subject=subject)
        elif act in ("sigmoid", "hard_sigmoid") and loss.name in CATEGORICAL_CE:
            yield Finding(loss.node,
                          f"{loss.name} on a {act} output ({_where(head)}): categorical cross-entropy expects "
                          f"one probability distribution over the classes (softmax), independent sigmoids do "
                          f"not sum to 1" + (" and a single unit makes the loss constant" if units == 1 else "")
                          + ". Use softmax, or binary_crossentropy for a binary/multi-label output",
                          subject=subject)
        elif loss.from_logits is False and act not in PROBABILITY and act not in ("linear", None) \
                and isinstance(act, str):
            # "linear" (no activation at all) is KL202's case: the output is logits.
            yield Finding(loss.node,
                          f"{loss.name} expects probabilities but the output layer uses {act} ({_where(head)}), "
                          f"which is not a probability: the loss clips it and the gradients are wrong. Use "
                          f"softmax/sigmoid on the output, or no activation with from_logits=True",
                          subject=subject)


def _integer_labels(fits) -> bool:
    return any(getattr(labels_of(fit), "label_encoding", None) in ("sparse", "binary") for fit in fits)


@rule("KL202")
def logits_flag_mismatch(model: ModelIR, opts: Options) -> Iterator[Finding]:
    head = single_head(model)
    if head is None:
        return
    for compile_, _fits in trainings(model):
        loss = _loss(compile_)
        if loss is None or not _is_ce(loss):
            continue
        subject = [loss, head.layer, head.activation_layer]
        if head.activation == "linear" and loss.from_logits is False:
            yield Finding(loss.node,
                          f"the output layer has no activation ({_where(head)}), so it outputs logits, but "
                          f"{loss.name} is used without from_logits=True and treats them as probabilities "
                          f"(clipped to [1e-7, 1]): pass from_logits=True to the loss, or add "
                          f"{'sigmoid' if loss.name in BINARY_CE else 'softmax'} to the output layer",
                          subject=subject)
        elif head.activation in PROBABILITY and loss.from_logits is True:
            yield Finding(loss.node,
                          f"from_logits=True but the output layer already applies {head.activation} "
                          f"({_where(head)}): the loss applies it a second time, squashing the outputs and "
                          f"the gradients. Drop from_logits=True, or remove the output activation",
                          subject=subject)


def _labelled_trainings(model: ModelIR):
    """(compile, loss, fit, labels) for every fit() whose compiled loss and labels are both known."""
    for compile_, fits in trainings(model):
        loss = _loss(compile_)
        if loss is None:
            continue
        for fit in fits:
            labels = labels_of(fit)
            if labels is not None:
                yield compile_, loss, fit, labels


@rule("KL203")
def output_units_class_mismatch(model: ModelIR, opts: Options) -> Iterator[Finding]:
    head = single_head(model)
    if head is None or _units(head) is None:
        return
    shape = head.layer.output_shape
    if shape is not None and len(shape) != 1:
        return  # per-timestep / per-pixel outputs: labels are not one class per sample
    units = _units(head)
    for _compile, loss, fit, labels in _labelled_trainings(model):
        if not isinstance(labels.num_classes, int):
            continue
        n, encoding = labels.num_classes, labels.label_encoding
        where = _labels_text(labels, fit)
        message, severity = None, None
        if encoding == "onehot" and units != n:
            message = (f"the output layer has {units} units but {where} are one-hot with {n} columns: "
                       f"the shapes do not match. Use Dense({n}) on the output")
        elif encoding in ("sparse", "binary") and _is_ce(loss):
            if n > 2 and units < n:
                message = (f"the output layer has {units} unit{'s' if units != 1 else ''} but {where} has "
                           f"{n} classes: labels {units}..{n - 1} have no output to score them. "
                           f"Use Dense({n}, activation='softmax')")
            elif units > n and units > 2:
                message = (f"the output layer has {units} units but {where} has only {n} classes: "
                           f"{units - n} outputs are never the target. Use Dense({n})")
                severity = Severity.WARNING
        if message:
            yield Finding(head.layer.node, message, severity=severity, subject=[head.layer, labels, loss])
            return


@rule("KL204")
def label_encoding_mismatch(model: ModelIR, opts: Options) -> Iterator[Finding]:
    reported: set[int] = set()  # one finding per compile(), at its loss
    for compile_, loss, fit, labels in _labelled_trainings(model):
        if id(compile_) in reported:
            continue
        name = _labels_text(labels, fit)
        if loss.name == "sparse_categorical_crossentropy" and labels.label_encoding == "onehot":
            message = (f"sparse_categorical_crossentropy expects integer class ids but {name} are one-hot "
                       f"(to_categorical / one_hot / class_mode='categorical'): use "
                       f"categorical_crossentropy, or keep the labels as integers")
        elif loss.name in ONE_HOT_CE and labels.label_encoding in ("sparse", "binary"):
            message = (f"{loss.name} expects one-hot labels but {name} are integer class ids: use "
                       f"sparse_categorical_crossentropy, or one-hot encode them with to_categorical")
        else:
            continue
        reported.add(id(compile_))
        yield Finding(loss.node, message, subject=[loss, labels, fit])


def _is_accuracy(metric: str) -> bool:
    metric = metric.lower()
    return metric in ("acc", "accuracy") or metric.endswith("accuracy")


# Accuracy metrics that threshold (at 0.5) or argmax the prediction before comparing it with the target: on
# class targets trained with mse they are meaningful, and naming one says the targets are classes.
THRESHOLD_ACCURACY = frozenset({"binaryaccuracy", "categoricalaccuracy", "sparsecategoricalaccuracy",
                                "topkcategoricalaccuracy", "sparsetopkcategoricalaccuracy"})


def _class_targets(model: ModelIR, fits) -> bool:
    """Known to be a classification set-up: a sigmoid/softmax output over several units or one sigmoid unit,
    or labels known to encode classes."""
    head = single_head(model)
    if head is not None and (head.activation == "sigmoid"
                             or (head.activation == "softmax" and (_units(head) or 0) > 1)):
        return True  # (a softmax over one unit is no classifier: KL201)
    for fit in fits:
        labels = labels_of(fit)
        if isinstance(labels, Data) and (labels.label_encoding in ("sparse", "onehot")
                                         or isinstance(labels.num_classes, int)):
            return True
    return False


@rule("KL205")
def accuracy_on_regression(model: ModelIR, opts: Options) -> Iterator[Finding]:
    """An accuracy metric with a regression loss (mse, mae, ...). Not reported for the threshold/argmax
    metrics named explicitly (BinaryAccuracy, CategoricalAccuracy, ...: mse on 0/1 or one-hot targets, as in a
    linear classifier, is then a deliberate choice). `"accuracy"` on a model known to classify (sigmoid/softmax
    output, class labels) is reported for the loss: a classifier trained with mse. `keras.metrics.Accuracy`
    (exact equality) is always reported."""
    for compile_, fits in trainings(model):
        loss = _loss(compile_)
        metrics = compile_.metrics
        if loss is None or loss.name not in REGRESSION_LOSSES or not isinstance(metrics, tuple):
            continue
        if not fits and compile_ is not model.compiles[-1]:
            continue  # re-compiled before any training: this configuration never trains or reports anything
        accuracy = [m for m in metrics if isinstance(m, str) and _is_accuracy(m)
                    and m.replace("_", "").lower() not in THRESHOLD_ACCURACY]
        if accuracy and accuracy[0].lower() in ("acc", "accuracy") and _class_targets(model, fits):
            yield Finding(compile_.node,
                          f"metrics={accuracy[0]!r} with a {loss.name} loss on a classifier (class labels or a "
                          f"sigmoid/softmax output): Keras reads the accuracy as binary/categorical, but {loss.name} "
                          f"is a regression loss — its gradient vanishes on confident wrong probabilities, so the "
                          f"model learns slowly or stalls. Use a cross-entropy loss for classification",
                          subject=compile_)
        elif accuracy:
            yield Finding(compile_.node,
                          f"metrics={accuracy[0]!r} with a {loss.name} loss: accuracy compares the rounded or exact "
                          f"prediction with the target, which a continuous regression target almost never "
                          f"matches, so it reads near 0 whatever the model learns. Track mae/mse (or R²) instead; "
                          f"if this is classification, use a cross-entropy loss",
                          subject=compile_)

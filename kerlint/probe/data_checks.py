"""Data symptoms on the training sample: KP110 (unscaled inputs), KP111 (labels), KP112 (NaN/Inf).

Plain numpy over the arrays fit() received; the model is consulted only to know what it does to its
inputs (an Embedding takes token ids; a Rescaling/Normalization layer scales the pixels itself).
"""

from __future__ import annotations

import math

import numpy as np

from kerlint.ir.vocabulary import ACTIVATION_RANGE
from kerlint.probe import model_tools as mt
from kerlint.probe.evidence import ENCODING, LABEL_DATA, UNREACHABLE, Symptom, num
from kerlint.probe.fitdata import FitData, leaves, num_samples


def unusable_training_data(data: FitData) -> Symptom:
    """KP113: training data Keras's own fit() cannot train on: no samples, features or labels that are not
    numbers (object/string columns), or inputs and labels of different lengths."""
    problems, evidence = [], {"samples": num_samples(data.x), "samples_available": data.available}
    if num_samples(data.x) == 0:
        problems.append("no training samples" + (f" (fit() received {data.available})"
                                                 if data.available not in (None, 0) else ""))
    for label, nest in (("features", data.x), ("labels", data.y)):
        kinds = sorted({str(np.asarray(a).dtype) for a in leaves(nest)
                        if not (np.issubdtype(np.asarray(a).dtype, np.number) or np.asarray(a).dtype == bool)})
        if kinds:
            evidence[f"{label}_dtypes"] = kinds
            problems.append(f"non-numeric {label} ({', '.join(kinds)})")
    if data.y is not None and leaves(data.y) and num_samples(data.x) != num_samples(data.y):
        evidence["label_samples"] = num_samples(data.y)
        problems.append(f"{num_samples(data.x)} input samples but {num_samples(data.y)} labels")
    evidence["problems"] = problems
    return Symptom("KP113", observed=bool(problems), evidence=evidence)


def non_finite_inputs(data: FitData) -> Symptom:
    """KP112: NaN/Inf anywhere in the sampled inputs or labels."""
    counts = {}
    for label, nest in (("x", data.x), ("y", data.y)):
        arrays = [a for a in leaves(nest) if np.issubdtype(np.asarray(a).dtype, np.floating)]
        counts[f"non_finite_{label}"] = int(sum(np.size(a) - np.count_nonzero(np.isfinite(a)) for a in arrays))
    return Symptom("KP112", observed=any(counts.values()), evidence=counts)


def input_range(data: FitData, model, first_batch, t: dict) -> Symptom:
    """KP110: inputs beyond +-input_bound, or raw (non-negative, > image_max) pixels, in training or
    validation data. When the model rescales its inputs itself, what comes out of that layer counts."""
    arrays = [np.asarray(a) for a in leaves(data.x) if np.issubdtype(np.asarray(a).dtype, np.number)]
    if not arrays:
        return Symptom("KP110", measured=False, reason="no numeric input arrays")
    if any(np.issubdtype(a.dtype, np.integer) for a in arrays) and any(
            type(layer).__name__ == "Embedding" for layer in mt.every_layer(model)):
        return Symptom("KP110", measured=False, reason="integer token ids feed an Embedding layer")
    x = arrays[0]
    evidence = {"dtype": str(x.dtype), **value_range(x)}
    rescaled = _range_after_model_preprocessing(model, first_batch)
    if rescaled is not None:
        evidence["rescaled_inside_model"] = True
        evidence.update({f"after_preprocessing_{k}": v for k, v in rescaled.items()})
    image_like = x.ndim >= 3  # (samples, height, width[, channels])
    evidence["image_like"] = image_like
    saturating = any(mt.activation_name(layer) in mt.SATURATING for layer in mt.all_layers(model)
                     if id(layer) not in mt.output_block(model))
    evidence["saturating_hidden_layers"] = saturating
    t = {**t, "_saturating": saturating}
    observed = _out_of_range(rescaled or evidence, image_like, t)
    if rescaled is None and not image_like:
        evidence.update(_offset_features(x, t["offset_ratio"]))
        observed = observed or evidence["offset_features"] > 0
    if data.validation is not None and rescaled is None:
        val = [np.asarray(a) for a in leaves(data.validation[0])]
        if val and np.issubdtype(val[0].dtype, np.number):
            val_stats = value_range(val[0])
            evidence.update({f"validation_{k}": v for k, v in val_stats.items()})
            observed = observed or _out_of_range(val_stats, val[0].ndim >= 3, t)
    return Symptom("KP110", observed=observed, evidence=evidence)


def input_range_given_saturation(symptom: Symptom, saturated_at_init: bool, t: dict) -> Symptom:
    """KP110 once KP105 has measured the hidden sigmoid/tanh layers at initialisation. The strict bound for
    tabular inputs into such layers (+-input_bound) stands for the saturation it predicts: when none of
    them saturates on these inputs, the tabular inputs are judged as for any other network
    (+-tabular_bound). Images and inputs the model rescales itself are judged as before."""
    evidence = symptom.evidence
    if (not symptom.observed or evidence.get("image_like") or not evidence.get("saturating_hidden_layers")
            or evidence.get("rescaled_inside_model")):
        return symptom
    evidence["saturated_at_init"] = saturated_at_init
    if saturated_at_init:
        return symptom
    relaxed = {**t, "_saturating": False}
    observed = _out_of_range(evidence, False, relaxed) or evidence.get("offset_features", 0) > 0
    if "validation_min" in evidence:
        observed = observed or _out_of_range({"min": evidence["validation_min"], "max": evidence["validation_max"]},
                                             False, relaxed)
    evidence["bound_applied"] = t["tabular_bound"]
    return Symptom("KP110", observed=observed, evidence=evidence)


def _offset_features(x: np.ndarray, ratio: float) -> dict:
    """Tabular features that sit in a narrow band far from zero: |mean| >= max(1, ratio x std) over the
    sampled rows (heights of 65-70, years of 1990-2020); constant columns are left out. Each feature is a
    column of the last axis."""
    rows = x if len(x) <= STATISTICS_ROWS else x[np.linspace(0, len(x) - 1, STATISTICS_ROWS).astype(np.int64)]
    columns = rows.reshape(len(rows), -1) if rows.ndim <= 2 else rows.reshape(-1, rows.shape[-1])
    columns = columns.astype(np.float64)
    finite = np.isfinite(columns).all(axis=0)
    mean, std = columns.mean(axis=0), columns.std(axis=0)
    offset = finite & (std > 0) & (np.abs(mean) >= np.maximum(1.0, ratio * std))
    spread = np.where(std > 0, np.abs(mean) / np.where(std > 0, std, 1.0), 0.0)
    return {"features": int(columns.shape[1]), "offset_features": int(offset.sum()),
            "largest_mean_over_std": num(float(np.max(np.where(finite, spread, 0.0))) if spread.size else 0.0)}


def _out_of_range(stats: dict, image_like: bool, t: dict) -> bool:
    """Images: beyond +-input_bound, or raw non-negative pixels. Other (tabular) inputs: beyond
    +-input_bound when a hidden sigmoid/tanh layer would saturate on them, else beyond +-tabular_bound
    (raw prices, counts, years): features of a few tens train fine with ReLU layers."""
    bound = t["input_bound"] if image_like or t.get("_saturating", True) else t["tabular_bound"]
    if _finite(stats["min"]) and stats["min"] < -bound or _finite(stats["max"]) and stats["max"] > bound:
        return True
    # raw pixels are non-negative; standardised images have negatives and are fine
    return image_like and _finite(stats["min"]) and stats["min"] >= 0 and stats["max"] > t["image_max"]


def _range_after_model_preprocessing(model, first_batch):
    """The input range after the model's own scaling: its last Rescaling/Normalization layer, or a
    BatchNormalization/LayerNormalization before the first weight layer (which standardises the raw
    features in training, whatever their scale; BatchNormalization is read in training mode, since at
    initialisation its moving averages pass the inputs through unchanged)."""
    layers = [layer for layer in mt.all_layers(model) if type(layer).__name__ in mt.PREPROCESSING]
    training = False
    if not layers:
        layers = mt.leading_normalisation(model)
        training = any("BatchNormalization" in type(layer).__name__ for layer in layers)
    if not layers:
        return None
    store: dict = {}
    weights = model.get_weights() if training else None  # a training-mode call moves BN's averages
    with mt.recording_outputs(layers[-1:], store):
        model(first_batch, training=training)
    if weights is not None:
        model.set_weights(weights)
    outputs = store.get(id(layers[-1])) or []
    return value_range(np.asarray(outputs[0])) if outputs else None


def label_problems(y_nest, loss: mt.LossInfo, t: dict, batch_size: int = 0,
                   in_batch_order: bool = False, output_activation: str | None = None) -> tuple[Symptom, bool]:
    """KP111: labels against the loss, the output width and the values the output activation can
    produce, class imbalance, and (when the sample is in the order fit() would batch it) batches sorted
    by class.

    Returns the symptom and whether the classes are imbalanced (KP106 then has no ln C to expect)."""
    if y_nest is None or len(leaves(y_nest)) != 1:
        return Symptom("KP111", measured=False, reason="no single label array to inspect"), False
    y = np.asarray(leaves(y_nest)[0])
    units, kind = loss.units, loss.kind
    evidence = {"loss": loss.name, "output_units": units, "label_shape": list(y.shape[1:]),
                "label_dtype": str(y.dtype)}
    unreachable = _unreachable_labels(y, output_activation, kind, units, evidence)
    if kind in ("regression", "unknown"):
        evidence.update(_label_values(y))
        if "output_activation" in evidence:  # the labels were compared with what the output can produce
            _record(evidence, unreachable)
            return Symptom("KP111", observed=bool(unreachable), evidence=evidence), False
        reason = f"not a classification loss ({loss.name}), and no bounded output activation"
        return Symptom("KP111", measured=False, reason=reason, evidence=evidence), False
    if units is None:
        return Symptom("KP111", measured=False, reason="the model has several outputs", evidence=evidence), False
    problems, classes = _encoding_problems(y, kind, units)
    if not any(problem == LABEL_DATA for problem, _ in problems):  # "binary labels outside [0, 1]" says it already
        problems += unreachable
    counts = np.unique(np.asarray(classes).astype(np.int64), return_counts=True)[1]
    evidence["label_min"], evidence["label_max"] = num(np.min(y)), num(np.max(y))
    evidence["classes_present"] = int(len(counts))
    ratio = float(counts.max() / counts.min()) if len(counts) > 1 else float("inf")
    evidence["imbalance_ratio"] = num(ratio)
    # multi-label outputs: 0/1 per label, mostly 0 by nature; imbalance and batch order are about classes
    imbalanced = ratio >= t["imbalance_ratio"] and loss.task != "multi-label"
    if imbalanced:
        problems.append((LABEL_DATA, f"class imbalance {ratio:.3g}:1" if len(counts) > 1 else "a single class"))
    if in_batch_order and batch_size > 1 and len(counts) > 1 and loss.task != "multi-label":
        mixed, expected = _classes_per_batch(np.asarray(classes), batch_size, counts)
        evidence["classes_per_batch"], evidence["expected_classes_per_batch"] = num(mixed), num(expected)
        if mixed < t["batch_class_mix"] * expected:
            problems.append((LABEL_DATA, f"batches sorted by class ({mixed:.2g} classes per batch of "
                                         f"{batch_size}, {expected:.2g} when shuffled)"))
    _record(evidence, problems)
    return Symptom("KP111", observed=bool(problems), evidence=evidence), imbalanced


def _record(evidence: dict, problems: list[tuple[str, str]]) -> None:
    """KP111's problems in its evidence: their texts, and their kinds (evidence.py) in the same order."""
    evidence["problems"] = [text for _, text in problems]
    evidence["problem_kinds"] = [kind for kind, _ in problems]


CLASS_LIKE_VALUES = 10  # at most this many distinct whole-number labels look like class labels


def _label_values(y: np.ndarray) -> dict:
    """Whether labels under a regression loss look like class labels (whole numbers, at most
    CLASS_LIKE_VALUES distinct values: 0/1, digits) or are continuous targets."""
    if not (np.issubdtype(y.dtype, np.number) or y.dtype == bool):
        return {}
    values = np.unique(y.astype(np.float64)[:STATISTICS_ROWS])
    values = values[np.isfinite(values)]
    class_like = bool(values.size) and bool(np.all(values == np.round(values))) and values.size <= CLASS_LIKE_VALUES
    return {"distinct_label_values": int(min(values.size, 1000)), "continuous_labels": not class_like}


def _unreachable_labels(y: np.ndarray, activation: str | None, kind: str, units: int | None,
                        evidence: dict) -> list[tuple[str, str]]:
    """Labels the output activation can never produce: values outside its range (ACTIVATION_RANGE, the
    static rules' table: a relu output below 0, a sigmoid or tanh beyond its bounds), and for a softmax,
    label rows that are not one distribution (multi-hot or all-zero rows: a softmax always sums to 1).
    Sparse labels are class indices, not output values, and are not compared. Fills `evidence`."""
    bounds = ACTIVATION_RANGE.get(activation or "")
    if bounds is None or kind == "sparse" or not np.issubdtype(y.dtype, np.number) and y.dtype != bool:
        return []
    values = y.astype(np.float64)
    values = values[np.isfinite(values)] if values.size else values
    if values.size == 0:
        return []
    low, high = bounds
    tolerance = 1e-6 * max(1.0, float(np.max(np.abs(values))))
    outside = np.zeros(values.shape, dtype=bool)
    if low is not None:
        outside |= values < low - tolerance
    if high is not None:
        outside |= values > high + tolerance
    share = float(outside.mean())
    evidence.update(output_activation=activation, label_min=num(values.min()), label_max=num(values.max()),
                    labels_outside_output_range=num(share))
    problems = []
    if share > 0:
        shown = f"[{low:g}, {high:g}]" if high is not None else f"[{low:g}, inf)"
        problems.append((UNREACHABLE, f"{share:.1%} of the labels outside {shown}, values never produced by "
                                      f"the {activation} output"))
    if activation == "softmax" and y.ndim == 2 and units and y.shape[1] == units > 1:
        rows = y.astype(np.float64)
        off = float(np.mean(np.abs(rows.sum(axis=1) - 1.0) > 1e-3))
        evidence["label_rows_not_summing_to_1"] = num(off)
        if off > 0:
            problems.append((UNREACHABLE, f"{off:.1%} of the label rows do not sum to 1 (several or no classes "
                                          "per sample), values never produced by the softmax output (its rows "
                                          "always sum to 1)"))
    return problems


def _classes_per_batch(classes: np.ndarray, batch_size: int, counts: np.ndarray) -> tuple[float, float]:
    """Mean distinct classes in consecutive batches, and what random shuffling would give."""
    batches = [classes[i:i + batch_size] for i in range(0, len(classes) - batch_size + 1, batch_size)]
    mixed = float(np.mean([len(np.unique(b)) for b in batches])) if batches else 0.0
    shares = counts / counts.sum()
    expected = float(np.sum(1 - (1 - shares) ** batch_size))  # expected distinct classes in a random batch
    return mixed, expected


def _encoding_problems(y: np.ndarray, kind: str, units: int) -> tuple[list[tuple[str, str]], np.ndarray]:
    """What is wrong with the labels' encoding for this loss (kind, text), and each sample's class."""
    problems = []
    if kind == "sparse":
        if y.ndim == 2 and y.shape[1] > 1 and _is_one_hot(y):
            return [(ENCODING, "one-hot labels with a sparse categorical loss")], y.argmax(axis=1)
        classes = y.reshape(len(y), -1)[:, 0]
        if np.any(classes < 0) or np.any(classes >= units) or np.any(classes != np.round(classes)):
            problems.append((LABEL_DATA, f"labels outside [0, {units})"))
        return problems, classes
    if kind == "categorical":
        if y.ndim == 1 or y.shape[-1] == 1:  # Keras would broadcast these against the one-hot output
            return [(ENCODING, "integer labels with a categorical (one-hot) loss")], y.reshape(-1)
        if y.shape[-1] != units:
            problems.append((ENCODING, f"one-hot width {y.shape[-1]} != {units} output units"))
        return problems, y.argmax(axis=-1).reshape(-1)
    if np.any(y < 0) or np.any(y > 1):  # binary
        problems.append((LABEL_DATA, "binary labels outside [0, 1]"))
    return problems, (y.reshape(-1) > 0.5).astype(int)


STATISTICS_ROWS = 4096  # mean and std of the inputs are estimated on this many evenly spaced samples


def value_range(x: np.ndarray) -> dict:
    """Min and max over every finite value; mean and std over at most STATISTICS_ROWS samples. Read in the
    array's own dtype (50,000 uint8 CIFAR images are 150 MB, 1.2 GB as float64)."""
    x = np.asarray(x)
    if x.dtype == bool:
        x = x.astype(np.uint8)
    if not np.issubdtype(x.dtype, np.integer):
        finite_mask = np.isfinite(x)
        if not finite_mask.all():
            x = x[finite_mask]
    if x.size == 0:
        return {"min": float("nan"), "max": float("nan"), "mean": float("nan"), "std": float("nan")}
    rows = x if len(x) <= STATISTICS_ROWS else x[np.linspace(0, len(x) - 1, STATISTICS_ROWS).astype(np.int64)]
    rows = rows.astype(np.float64)
    return {"min": num(x.min()), "max": num(x.max()), "mean": num(rows.mean()), "std": num(rows.std())}


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def _is_one_hot(y: np.ndarray) -> bool:
    sample = y[:512]
    return bool(np.all((sample == 0) | (sample == 1)) and np.all(sample.sum(axis=1) == 1))

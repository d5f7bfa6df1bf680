"""One ranked diagnosis per probe run (issue 15, item 3). Pure Python, no TensorFlow: runs in the parent.

The symptoms say *what* the run showed; a user wants *why*. Each candidate cause below names the
symptoms that point at it, the static rules it would confirm and the fault category it belongs to (the
vocabulary of the published fault taxonomies the benchmarks use: activation, loss, learning_rate,
optimizer, epochs, batch_size, preprocessing, initialization, layers, data). A cause is a candidate
when one of its symptoms was observed, or one of its rules was confirmed; it is ranked by

    its prior (data problems explain everything downstream of them, so they come first)
    + 1 for each observed symptom behind it + 2 for each confirmed static finding behind it.

Symptoms that a higher-ranked data cause explains (NaN inputs make the loss NaN and the gradients
explode) are not counted again for the learning rate, and a loss at initialisation far above ln C that
unscaled inputs or saturating weights explain (large logits) supports those causes, not the output layer.
Every diagnosis also says what the probe cannot judge, so a clean run is never read as "the training
setup is right".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kerlint.ir.vocabulary import output_fits_loss
from kerlint.probe.evidence import ENCODING, UNREACHABLE


@dataclass(frozen=True)
class Cause:
    key: str
    category: str
    title: str
    symptoms: tuple[str, ...]  # observed symptoms that point at it
    rules: tuple[str, ...]  # static rules it confirms
    prior: float
    fix: str
    level: str = "warning"
    support: tuple[str, ...] = ()  # symptoms that count only beside a symptom or rule above
    unless: tuple[str, ...] = ()  # tags that rule the cause out


CAUSES = (
    Cause("unusable-training-data", "data", "fit() gets training data nothing can train on", ("KP113",), (), 10,
          "Check the array sizes after slicing and splitting and convert non-numeric columns to numbers.", "error"),
    Cause("non-finite-data", "data", "NaN or Inf values in the training data", ("KP112",), (), 9,
          "Clean or impute missing values before training (np.nan_to_num, dropna, a fill value).", "error"),
    Cause("labels-do-not-match-loss", "loss", "the labels do not match the loss or the output layer",
          ("KP111:encoding",), ("KL204", "KL203"), 8,
          "Match the labels to the loss: integer labels with sparse_categorical_crossentropy, one-hot with "
          "categorical_crossentropy, and one output unit per class.", "error"),
    Cause("label-data", "data", "the labels are out of range, imbalanced or sorted by class", ("KP111:data",),
          ("KL304",), 7, "Fix the label values, rebalance (class_weight) and shuffle the training data."),
    Cause("output-cannot-produce-labels", "activation", "the output activation cannot produce the labels",
          ("KP111:range",), ("KL207",), 7,
          "Use a linear output for regression (and scale the targets), sigmoid units when a sample can have "
          "several labels, or map the labels into the activation's range.", "error"),
    # the fault taxonomies file a wrong output activation (softmax on one unit, softmax for several labels,
    # sigmoid for one class of several) under "activation": the fix changes the output layer's activation
    Cause("output-activation-mismatch", "activation", "the output layer's activation does not fit the loss",
          ("KP106", "KP101:zero", "KP114"), ("KL201", "KL202", "KL203"), 6,
          "Use softmax + (sparse) categorical crossentropy for one class per sample, sigmoid + binary "
          "crossentropy for yes/no or several labels, a linear output + MSE for regression; match from_logits.",
          "error", support=("KP108:constant", "KP107")),
    # an accuracy metric on a regression loss (KL205) says the loss is wrong only when the labels are classes;
    # on continuous targets the loss fits and the metric is what is wrong
    Cause("loss-for-task", "loss", "the loss does not fit the task", (), ("KL205",), 6,
          "Train classification with a cross-entropy loss (and accuracy), regression with MSE/MAE (and no "
          "accuracy metric).", "error", support=("KP108:constant", "KP107"), unless=("labels:continuous",)),
    Cause("unscaled-inputs", "preprocessing", "the inputs are not scaled", ("KP110",), ("KL401", "KL402", "KL403"),
          5, "Divide uint8 images by 255 (or add keras.layers.Rescaling(1/255)), standardise tabular features.",
          support=("KP106:scale",)),
    Cause("learning-rate-too-high", "learning_rate", "the learning rate is too high for this model and data",
          ("KP103", "KP109", "KP102", "KP104:after"), ("KL301",), 4,
          "Lower the learning rate (Adam: 1e-3 or below; SGD: 0.01-0.1), or add a schedule that decays it."),
    Cause("saturating-activations", "activation", "saturating activations stop the gradient in a deep stack",
          ("KP101", "KP105"), ("KL101", "KL108", "KL109"), 3,
          "Use ReLU (or LeakyReLU/ELU/GELU) in hidden layers with he_normal initialisation, add normalisation.",
          support=("KP106:scale",)),
    Cause("initialisation", "initialization", "the initialisation leaves units dead or gradients off scale",
          ("KP104:init", "KP106:init"), ("KL102", "KL110"), 3,
          "Use he_normal for ReLU layers and glorot_uniform for tanh/sigmoid; never a constant initialiser.",
          support=("KP106:scale",)),
    # the loss falls beyond its noise, yet the model cannot fit 16 samples or still predicts one class:
    # the updates are too small for the training the script plans (nothing saturates or vanishes)
    Cause("learning-rate-too-low", "learning_rate", "the learning rate is too low to learn in time",
          ("KP107:slow", "KP108:slow"), ("KL302",), 2,
          "Raise the learning rate (Adam: 1e-3; SGD: 0.01-0.1), or train for more epochs."),
    Cause("architecture", "layers", "the architecture limits what the model can learn", (),
          ("KL103", "KL104", "KL105", "KL106", "KL107", "KL111"), 2,
          "See the confirmed finding: it names the layer and the fix."),
    Cause("does-not-learn", "unknown", "the model does not learn, and no measurement says why",
          ("KP107", "KP108"), (), 0,
          "Look at the loss curve and the other measurements; check the labels by hand on a few samples."),
)

# the downstream symptoms a data problem produces by itself
EXPLAINED_BY_DATA = {"KP103", "KP109", "KP102", "KP108", "KP107", "KP106"}


def _observed_tags(symptoms: dict[str, dict], model: dict) -> set[str]:
    """Observed symptom codes, plus refined tags where one code covers several causes."""
    tags = {code for code, s in symptoms.items() if s.get("observed")}
    kp111 = symptoms.get("KP111", {})
    if kp111.get("observed"):
        for kind in kp111.get("evidence", {}).get("problem_kinds", []):
            tags.add({UNREACHABLE: "KP111:range", ENCODING: "KP111:encoding"}.get(kind, "KP111:data"))
    if kp111.get("evidence", {}).get("continuous_labels"):
        tags.add("labels:continuous")
    if "KP106" in tags and _loss_above_ln_c(symptoms):  # a NaN loss, or one below ln C, is not large logits
        if _scale_measured(symptoms):
            # unscaled inputs or weights large enough to saturate at initialisation give large logits, and
            # large logits a loss far above ln C: the loss is their consequence, not evidence against the output
            tags.discard("KP106")
            tags.add("KP106:scale")
        elif output_fits_loss(model.get("task", ""), model.get("output_activation"), model.get("from_logits"),
                              model.get("output_units")):
            # the output activation is the one the loss wants: logits that large come from the weights
            tags.discard("KP106")
            tags.add("KP106:init")
    kp101 = symptoms.get("KP101", {})
    if kp101.get("observed") and kp101.get("evidence", {}).get("zero_gradients"):
        tags.discard("KP101")  # no gradient at all: the output is constant, nothing vanishes layer by layer
        tags.add("KP101:zero")
    kp108 = symptoms.get("KP108", {})
    if kp108.get("observed") and kp108.get("evidence", {}).get("constant_predictions"):
        tags.add("KP108:constant")
    if _falls_too_slowly(symptoms, tags):
        for code in ("KP107", "KP108"):
            if code in tags:
                tags.add(f"{code}:slow")
    kp104 = symptoms.get("KP104", {})
    if kp104.get("observed"):
        evidence = kp104.get("evidence", {})
        limit = evidence.get("threshold", 0.5)
        at_init = evidence.get("worst_fraction_at_init")
        if isinstance(at_init, (int, float)) and at_init >= limit:
            tags.add("KP104:init")
        else:
            tags.add("KP104:after")  # units die during training: the updates are too large
    return tags


def _loss_above_ln_c(symptoms: dict[str, dict]) -> bool:
    evidence = symptoms["KP106"].get("evidence", {})
    loss, expected = evidence.get("loss_at_init"), evidence.get("expected_ln_c")
    return isinstance(loss, (int, float)) and isinstance(expected, (int, float)) and loss > expected


def _scale_measured(symptoms: dict[str, dict]) -> bool:
    """A measurement of scale that explains large logits: KP110 (unscaled inputs) or KP105 with layers
    already saturated at initialisation."""
    kp105 = symptoms.get("KP105", {})
    saturated_at_init = kp105.get("observed") and kp105.get("evidence", {}).get("layers_over_threshold_at_init")
    return bool(symptoms.get("KP110", {}).get("observed") or saturated_at_init)


def _falls_too_slowly(symptoms: dict[str, dict], tags: set[str]) -> bool:
    """The model does not learn (KP107 or KP108) although its loss fell beyond the batch noise (KP109's
    net-change test), and no gradient measurement explains the slowness (KP101 vanishing gradients, KP105
    saturated units, or KP101's no gradient at all)."""
    if not tags & {"KP107", "KP108"} or tags & {"KP101", "KP105", "KP101:zero"}:
        return False
    return bool(symptoms.get("KP109", {}).get("evidence", {}).get("loss_fell"))


def _fact(code: str, symptom: dict) -> str:
    """The symptom in one phrase with its key number, for the evidence list."""
    from kerlint.probe.report_text import evidence_text

    return f"{code} {symptom.get('name', code)}: {evidence_text(code, symptom.get('evidence', {}))}"


def diagnose(report: dict) -> dict:
    """{"causes": [...ranked...], "cannot_judge": [...]} for a report that reached fit()."""
    symptoms = {s["code"]: s for s in report.get("symptoms", [])}
    tags = _observed_tags(symptoms, report.get("model") or {})
    confirmed = {}
    for finding in report.get("findings", []):
        if finding.get("verdict") == "confirmed":
            confirmed.setdefault(finding["code"], finding)
    data_problem = bool(tags & {"KP112", "KP113"})
    causes = []
    for cause in CAUSES:
        if any(t in tags for t in cause.unless):
            continue
        hits = [t for t in cause.symptoms if t in tags]
        if data_problem and cause.category != "data":
            hits = [t for t in hits if t.split(":")[0] not in EXPLAINED_BY_DATA]
        rules = [confirmed[r] for r in cause.rules if r in confirmed]
        if not hits and not rules:
            continue
        hits += [t for t in cause.support if t in tags and t not in hits]
        codes = sorted({t.split(":")[0] for t in hits})
        score = cause.prior + len(codes) + 2 * len(rules)
        causes.append({
            "cause": cause.key, "category": cause.category, "title": cause.title, "level": cause.level,
            "score": score,
            "evidence": [_fact(c, symptoms[c]) for c in codes],
            "symptoms": codes,
            "confirms": [{"code": f["code"], "line": f["location"]["row"], "message": f["message"],
                          "fix": f.get("fix_hint") or ((f.get("fix") or {}).get("message") or "")} for f in rules],
            "fix": cause.fix,
        })
    causes.sort(key=lambda c: -c["score"])
    if len(causes) > 1:  # "does not learn" is only a cause when nothing more specific is
        causes = [c for c in causes if c["cause"] != "does-not-learn"] or causes
    for rank, cause in enumerate(causes, 1):
        cause["rank"] = rank
    return {"causes": causes, "cannot_judge": cannot_judge(report)}


def cannot_judge(report: dict) -> list[str]:
    """What a short dry run on a sample says nothing about, with this run's figures."""
    model = report.get("model", {})
    fit = report.get("fit_arguments", {})
    out = []
    samples = model.get("samples_available") or model.get("sample_size")
    split = fit.get("validation_split")
    if isinstance(samples, int) and isinstance(split, (int, float)) and 0 < split < 1:
        samples = int(samples * (1 - split))  # Keras holds the last fraction out of training
    batch = model.get("batch_size")
    epochs = fit.get("epochs", 1)
    steps = report.get("steps", 0)
    if isinstance(samples, int) and isinstance(batch, int) and batch > 0 and isinstance(epochs, (int, float)):
        planned = int(math.ceil(samples / batch) * epochs)
        out.append(f"epochs and training length: the probe trained {steps} steps, the script plans about "
                   f"{planned} ({epochs:g} epoch(s) of {math.ceil(samples / batch)} batches)")
    else:
        out.append(f"epochs and training length: the probe trained {steps} steps of a run whose length it "
                   "does not know")
    out.append("the choice of optimizer and batch size: they are measured as given, never compared with others")
    out.append("data quality beyond ranges, labels and NaN: label noise, leakage between training and test "
               "data, whether the samples represent the task")
    out.append("generalisation: nothing is measured on validation or test data")
    return out

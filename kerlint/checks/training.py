"""Training questions the rules share, asked of the IR only: `trainings(model)` (each compile() with the fit()
calls that use it), `labels_of(fit)`, `reconstructs_its_input(model)`; and what the training-loop rules
(KL301-KL309) share: which learning rates are the user's own literal choice, how many epochs a fit() runs,
whether a name says "held-out data". The model graph's questions are kerlint/ir/graph.py's (`model.graph`)."""

from __future__ import annotations

from typing import Iterator

from kerlint.ir.model import UNKNOWN, Compile, Data, Fit, ModelIR, Optimizer


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


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
        if isinstance(opt, Optimizer) and is_number(opt.learning_rate) and not opt.swept:
            yield opt


def epochs_run(fit: Fit):
    """How many epochs this fit() runs (epochs minus initial_epoch), or None when unknown."""
    epochs = 1 if fit.epochs is None else fit.epochs
    start = 0 if fit.initial_epoch is None else fit.initial_epoch
    if not (isinstance(epochs, int) and isinstance(start, int)) or isinstance(epochs, bool):
        return None
    return max(epochs - start, 0)


_HOLDOUT_WORDS = ("test", "val", "valid", "holdout", "eval")


def says_holdout(text: str | None) -> bool:
    """Does an expression's text name held-out data (`x_test`, `val_ds`, `X_holdout`)?"""
    words = "".join(ch if ch.isalnum() else "_" for ch in (text or "").lower()).split("_")
    return any(word in _HOLDOUT_WORDS or word.startswith(("test", "val")) for word in words if word)


def trainings(model: ModelIR) -> Iterator[tuple[Compile, list[Fit]]]:
    """Each compile() with the fit() calls made before the next compile()."""
    current: Compile | None = None
    fits: list[Fit] = []
    for event in model.events:
        if isinstance(event, Compile):
            if current is not None:
                yield current, fits
            current, fits = event, []
        elif isinstance(event, Fit) and current is not None:
            fits.append(event)
    if current is not None:
        yield current, fits


def labels_of(fit: Fit) -> Data | None:
    """The training labels of a fit(): `y`, or the label element of a dataset / generator of pairs."""
    if isinstance(fit.y, Data):
        return fit.y
    x = fit.x
    if isinstance(x, Data) and x.is_dataset and x.elements and len(x.elements) > 1:
        return x.elements[1]
    return None


def reconstructs_its_input(model: ModelIR) -> bool:
    """An autoencoder: some fit() trains the model to output its own input (`fit(x, x)`)."""
    for fit in model.fits:
        x_text, y_text = fit.arg_texts.get("x"), fit.arg_texts.get("y")
        if (isinstance(fit.x, Data) and fit.y is fit.x) or (x_text is not None and x_text == y_text):
            return True
    return False

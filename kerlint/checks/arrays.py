"""What the rules comparing the arrays fed to fit()/evaluate()/predict() with the model share (KL206, KL207,
KL404, KL405; one module each; the facts: kerlint/ir/arrays.py): the loss families, and how shapes and values read
in a message.

Each of these rules fires only on shapes and ranges the IR knows for certain; a dimension that is unknown is never
compared.
"""

from __future__ import annotations

from kerlint.ir.model import Compile, Data, Fit, Loss
from kerlint.ir.vocabulary import BINARY_CE, ONE_HOT_CE, SPARSE_CE


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def shape_text(shape) -> str:
    """(None, 28, 28): the sample dimension as None, unknown dimensions as '?'."""
    dims = ["None" if i == 0 else str(d) if is_int(d) else "?" for i, d in enumerate(shape)]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def per_sample_shape(data: Data):
    """The per-sample shape of an array (not a dataset), when every dimension is known."""
    if data.is_dataset or not isinstance(data.shape, tuple) or not data.shape:
        return None
    rest = tuple(data.shape[1:])
    return rest if all(is_int(d) for d in rest) else None


def known_loss(compile_: Compile) -> Loss | None:
    loss = compile_.loss
    return loss if isinstance(loss, Loss) and loss.name != "unknown" else None


def fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def named(fit: Fit, arg: str, data: Data) -> str:
    """How the array reads in a message: the fit() argument as written (`x / 100.0`), else its variable."""
    return fit.arg_texts.get(arg) or data.name or arg

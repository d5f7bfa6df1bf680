"""The model IR and its extractor: the only part of kerlint that reads syntax.

The names below are loaded on first use (PEP 562), so that a leaf module of the package (kerlint.ir.vocabulary,
which the probe's child process reads) can be imported without the extractor and libcst.
"""

import importlib

_MODEL_NAMES = ("UNKNOWN", "ApiUse", "Compile", "Data", "Evaluate", "FileIR", "Fit", "Initializer", "Layer", "Loss",
                "ModelIR", "Optimizer", "Schedule", "WeightsSet", "known")

__all__ = ["extract", *_MODEL_NAMES]


def __getattr__(name):
    if name == "extract":
        return importlib.import_module("kerlint.ir.extractor").extract
    if name in _MODEL_NAMES:
        return getattr(importlib.import_module("kerlint.ir.model"), name)
    raise AttributeError(f"module 'kerlint.ir' has no attribute {name!r}")

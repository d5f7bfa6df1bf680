"""The model IR and its extractor: the only part of kerlint that reads syntax."""

from kerlint.ir.extractor import extract
from kerlint.ir.model import (
    UNKNOWN,
    ApiUse,
    Compile,
    Data,
    Evaluate,
    FileIR,
    Fit,
    Initializer,
    Layer,
    Loss,
    ModelIR,
    Optimizer,
    Schedule,
    WeightsSet,
    known,
)

__all__ = ["extract", "UNKNOWN", "known", "ApiUse", "Compile", "Data", "Evaluate", "FileIR", "Fit",
           "Initializer", "Layer", "Loss", "ModelIR", "Optimizer", "Schedule", "WeightsSet"]

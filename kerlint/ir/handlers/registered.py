"""Importing this module registers every API handler (the modules of kerlint/ir/handlers/ and
kerlint/ir/arrays.py), in the order listed in kerlint/ir/handlers/__init__.py; the interpreter uses it as its
one entry to the registry."""

from kerlint.ir import arrays  # noqa: F401 - array constructors, random arrays, label encoders
from kerlint.ir.handlers import keras_layers, keras_models, keras_training, keras_data  # noqa: F401
from kerlint.ir.handlers import tensorflow, numpy, data_methods, sklearn, pandas, python  # noqa: F401
from kerlint.ir.handlers.registry import METHODS, dispatch, site_of

__all__ = ["METHODS", "dispatch", "site_of"]

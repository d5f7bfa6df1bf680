"""kerlint: find why a Keras model will train badly, before the training run."""

__version__ = "0.1.0"

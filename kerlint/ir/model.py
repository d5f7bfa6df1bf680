"""The ModelIR: what rules see. Plain data, no syntax.

Every fact the extractor cannot know is `UNKNOWN`; rules stay silent on unknown facts rather than
guess. Nodes (`node` fields) are kept only so findings can point at source.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import libcst as cst

from kerlint.ir.vocabulary import RELU_FAMILY, SATURATING  # noqa: F401 - re-exported: the activation families

if TYPE_CHECKING:
    from kerlint.ir.graph import ModelGraph


class Sentinel:
    """A named singleton for a fact's special value (UNKNOWN, OTHER). It stays the same object through
    pickling (the cache, worker processes), so `value is UNKNOWN` holds everywhere. `truthy` is its truth value."""

    _instances: dict[str, "Sentinel"] = {}

    def __new__(cls, name: str, truthy: bool = False):
        instance = cls._instances.get(name)
        if instance is None:
            instance = cls._instances[name] = super().__new__(cls)
            instance.name, instance.truthy = name, truthy
        return instance

    def __reduce__(self):
        return (Sentinel, (self.name, self.truthy))

    def __repr__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        return self.truthy


UNKNOWN: Any = Sentinel("UNKNOWN")  # false: an unknown fact is never taken as true by accident


def known(value) -> bool:
    return value is not UNKNOWN


# --- layer categories (canonical Keras class names) ---------------------------------------------

CONV_LAYERS = frozenset({
    "Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D",
    "DepthwiseConv2D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
})
DENSE_LAYERS = frozenset({"Dense"})
RECURRENT_LAYERS = frozenset({"LSTM", "GRU", "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})
NORM_LAYERS = frozenset({"BatchNormalization", "LayerNormalization", "GroupNormalization",
                         "UnitNormalization", "SyncBatchNormalization", "SpectralNormalization"})
POOL_LAYERS = frozenset({"MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D",
                         "AveragePooling2D", "AveragePooling3D"})
GLOBAL_POOL_LAYERS = frozenset({"GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
                                "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D"})
DROPOUT_LAYERS = frozenset({"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
                            "AlphaDropout", "GaussianDropout", "GaussianNoise"})
ACTIVATION_LAYERS = {  # layer class -> the activation it applies (None: read its argument)
    "Activation": None, "ReLU": "relu", "LeakyReLU": "leaky_relu", "ELU": "elu", "PReLU": "prelu",
    "Softmax": "softmax", "ThresholdedReLU": "relu",
}
INPUT_SCALING_LAYERS = frozenset({"Rescaling", "Normalization", "PreprocessInput"})  # PreprocessInput: applications.*.preprocess_input on a tensor
AUGMENTATION_LAYERS = frozenset({
    "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast", "RandomCrop",
    "RandomBrightness", "RandomHeight", "RandomWidth", "RandAugment", "RandomGrayscale", "RandomHue",
    "RandomSaturation", "RandomSharpness", "RandomShear", "RandomColorJitter", "RandomErasing",
    "RandomGaussianBlur", "RandomInvert", "RandomPerspective", "RandomPosterization", "RandomElasticTransform",
    "MixUp", "CutMix", "AugMix", "Solarization", "Equalization", "AutoContrast",
})
WEIGHT_LAYERS = CONV_LAYERS | DENSE_LAYERS | RECURRENT_LAYERS | {"Embedding"}



@dataclass(frozen=True)
class Initializer:
    """A kernel initializer: canonical snake_case name plus its known arguments."""

    name: str  # e.g. "he_normal", "glorot_uniform", "zeros", "random_normal", "variance_scaling"
    args: dict = field(default_factory=dict, hash=False, compare=False)
    node: cst.CSTNode | None = field(default=None, hash=False, compare=False, repr=False)


@dataclass(eq=False)
class Layer:
    kind: str  # canonical Keras class name ("Conv2D"), or "Unknown"
    node: cst.CSTNode  # the constructor call: findings point here
    args: dict = field(default_factory=dict)  # arguments by canonical keyword (positionals mapped)
    arg_nodes: dict = field(default_factory=dict)  # keyword -> the argument's cst.Arg (for fixes)
    activation: Any = None  # canonical name; "linear" when a weight layer has none; UNKNOWN
    kernel_initializer: Any = None  # Initializer; None = Keras default (glorot_uniform); UNKNOWN
    inputs: list["Layer"] = field(default_factory=list)  # graph predecessors
    input_shape: tuple | None = None  # without the batch dim; None = unknown
    output_shape: tuple | None = None
    order: int = 0  # placement order within the file
    wraps: "Layer | None" = None  # TimeDistributed / Bidirectional inner layer
    application: str = ""  # for a pretrained keras.applications base: its name
    effective_activation: Any = None  # own activation, or one applied by a following Activation layer
    all_inputs: list["Layer"] = field(default_factory=list)  # predecessors over every call (shared layers)
    conditional: bool = False  # placed under a condition or loop the extractor could not decide: may not exist

    # categories -------------------------------------------------------------------------------
    @property
    def base_kind(self) -> str:
        return self.wraps.kind if self.wraps is not None else self.kind

    @property
    def is_conv(self) -> bool:
        return self.base_kind in CONV_LAYERS

    @property
    def is_dense(self) -> bool:
        return self.base_kind in DENSE_LAYERS

    @property
    def is_recurrent(self) -> bool:
        return self.base_kind in RECURRENT_LAYERS

    @property
    def is_weight(self) -> bool:
        return self.base_kind in WEIGHT_LAYERS

    @property
    def is_norm(self) -> bool:
        return self.kind in NORM_LAYERS

    @property
    def is_dropout(self) -> bool:
        return self.kind in DROPOUT_LAYERS

    @property
    def is_activation_layer(self) -> bool:
        return self.kind in ACTIVATION_LAYERS

    @property
    def width(self):
        """filters or units, when known."""
        inner = self.wraps or self
        value = inner.args.get("filters", inner.args.get("units", UNKNOWN))
        return value if isinstance(value, int) else UNKNOWN

    def __repr__(self) -> str:
        return f"Layer({self.kind}, act={self.activation!r}, out={self.output_shape})"


@dataclass(frozen=True)
class Optimizer:
    name: str  # canonical lower-case: "adam", "sgd", "rmsprop", ... or "unknown"
    node: cst.CSTNode = field(repr=False)
    learning_rate: Any = None  # float; a Schedule; None = the optimizer's default; UNKNOWN
    lr_node: cst.CSTNode | None = field(default=None, repr=False)
    removed_args: tuple = field(default=(), repr=False)  # (keyword, cst.Arg) for Keras-2-only arguments: lr=, decay=
    swept: bool = False  # the learning rate is one of several values a loop tries (a learning-rate sweep)


@dataclass(frozen=True)
class Schedule:
    name: str  # "ExponentialDecay", "PiecewiseConstantDecay", ...
    node: cst.CSTNode = field(repr=False)
    args: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Loss:
    name: str  # canonical snake_case: "categorical_crossentropy", "mse", ... or "unknown"
    node: cst.CSTNode = field(repr=False)
    from_logits: Any = False  # bool or UNKNOWN

    @property
    def is_crossentropy(self) -> bool:
        return self.name.endswith("crossentropy")


@dataclass(eq=False)
class Data:
    """What is known about an array, tensor or dataset: where it came from, what was done to it."""

    origin: str = "unknown"  # "mnist", "cifar10", "image_dataset_from_directory", "image_files", ...
    node: cst.CSTNode | None = field(default=None, repr=False)
    name: str | None = None  # the variable it was first bound to
    role: str = "unknown"  # "inputs", "labels", "pair", "dataset", "generator"
    split: str = "unknown"  # "train", "test", "validation"
    image_like: bool = False
    raw_range: tuple | None = None  # value range before any scaling, when known, e.g. (0, 255)
    scaled: Any = False  # bool or UNKNOWN: /255, Rescaling, Normalization, preprocess_input, standardised
    label_encoding: Any = UNKNOWN  # "sparse", "onehot", or UNKNOWN
    num_classes: Any = UNKNOWN
    # tf.data / generator facts
    is_dataset: bool = False
    shuffled: Any = UNKNOWN
    batched: bool = False
    augmented: bool = False
    elements: tuple | None = None  # (inputs Data, labels Data) for datasets of pairs
    lineage: int = 0  # identity of the underlying array: equal lineage = same data
    max_samples: Any = None  # upper bound on the number of samples (a loader's size; subsets keep it); None: unknown
    batch_size: Any = None  # batched datasets / generators: samples per batch, when known
    source: Any = None  # directory loaders: (loader, directory) when the directory is a literal
    split_of: Any = None  # train_test_split outputs (and data derived from them): the Data object they split
    # numpy-style shape, sample count first (UNKNOWN), e.g. (UNKNOWN, 28, 28) for MNIST: what `x.shape[1:]` reads.
    # Most operations may change it, so derive() forgets it unless the caller passes shape= (shape-keeping steps).
    shape: Any = None
    # array facts (kerlint/ir/arrays.py derives them): the element type family ("int", "float", "uint8", "bool",
    # "str") or UNKNOWN, and the range (low, high) the values lie in now (after any scaling), when known. Like
    # shape, derive() forgets the range unless the caller passes value_range= (value-keeping steps).
    dtype: Any = UNKNOWN
    value_range: Any = None

    def derive(self, **changes) -> "Data":
        """A copy with `changes`: `dataclasses.replace`, which costs twice as much (it passes every field through
        `__init__`), and the extractor derives thousands of Data a file. Data has no `__post_init__` nor
        attributes besides its fields, so the copy is what `replace` would build."""
        changes.setdefault("shape", None)
        changes.setdefault("value_range", None)
        unknown = changes.keys() - _DATA_FIELDS
        if unknown:
            raise TypeError(f"Data has no field {sorted(unknown)[0]!r}")
        derived = copy.copy(self)
        derived.__dict__.update(changes)
        return derived

    @property
    def inputs(self) -> "Data":
        if self.elements:
            return self.elements[0]
        return self


_DATA_FIELDS = frozenset(f.name for f in fields(Data))


@dataclass(eq=False)
class Compile:
    node: cst.Call
    optimizer: Any = None  # Optimizer, UNKNOWN, or None (Keras default: rmsprop)
    loss: Any = None  # Loss, UNKNOWN, or None
    metrics: Any = ()  # tuple of canonical names, or UNKNOWN


@dataclass(eq=False)
class Fit:
    node: cst.Call
    method: str = "fit"  # "fit", "fit_generator"
    x: Any = UNKNOWN  # Data or UNKNOWN
    y: Any = None  # Data, UNKNOWN, or None (not given)
    validation_data: Any = None  # tuple of Data/UNKNOWN, a Data (dataset), UNKNOWN, or None
    validation_split: Any = None
    shuffle: Any = None  # None: Keras default (True)
    epochs: Any = None  # None: Keras default (1)
    batch_size: Any = None
    steps_per_epoch: Any = None
    callbacks: Any = ()  # tuple of canonical callback class names, or UNKNOWN
    arg_nodes: dict = field(default_factory=dict)  # keyword -> cst.Arg
    initial_epoch: Any = None  # None: 0
    repeated: bool = False  # inside a loop whose iteration count is unknown: may run any number of times
    method_node: cst.CSTNode | None = field(default=None, repr=False)  # the `fit` / `fit_generator` Name
    # "x", "y", "validation_x", "validation_y" -> the argument's source text when it is a side-effect-free
    # expression (names, attributes, subscripts): equal texts in one call are the same value.
    arg_texts: dict = field(default_factory=dict)


@dataclass(eq=False)
class Evaluate:
    node: cst.Call
    method: str = "evaluate"  # "evaluate", "evaluate_generator", "predict", "predict_generator"
    x: Any = UNKNOWN
    y: Any = None
    method_node: cst.CSTNode | None = field(default=None, repr=False)  # the `evaluate` / `..._generator` Name
    x_node: cst.CSTNode | None = field(default=None, repr=False)  # the x argument (cst.Arg)
    arg_nodes: dict = field(default_factory=dict, repr=False)  # keyword -> cst.Arg (keywords as written)
    arg_texts: dict = field(default_factory=dict)  # "x" -> source text when side-effect free (as Fit.arg_texts)
    result_names: tuple = ()  # the names the result is assigned to: `test_loss, test_acc = model.evaluate(...)`


@dataclass(eq=False)
class WeightsSet:
    """`model.set_weights(...)`: the weights are replaced (a reset to saved initial weights, or a copy)."""

    node: cst.Call


@dataclass(eq=False)
class ModelIR:
    name: str
    style: str  # "sequential", "functional", "subclassed", "application", "loaded"
    node: cst.CSTNode
    layers: list[Layer] = field(default_factory=list)
    complete: bool = True  # False when layers may be missing (unknown loops/branches/blocks)
    input_shape: tuple | None = None
    outputs: list[Layer] = field(default_factory=list)
    compiles: list[Compile] = field(default_factory=list)
    fits: list[Fit] = field(default_factory=list)
    evaluates: list[Evaluate] = field(default_factory=list)
    events: list = field(default_factory=list)  # Compile/Fit/Evaluate/WeightsSet in program order
    pretrained: bool = False  # contains a pretrained application or a loaded model
    # subclassed models: the keras.Model training hooks the class overrides ("train_step", "test_step", ...)
    overrides: frozenset = frozenset()
    open_end: bool = False  # Sequential whose last add() was unknown or conditional: its last layer is unknown
    input_layers: list = field(default_factory=list)  # functional models: the Input layers, in inputs= order
    # outputs, heads, roles (output / hidden), successors: kerlint.ir.graph.resolve, set when extraction ends
    graph: "ModelGraph | None" = field(default=None, repr=False)

    @property
    def weight_layers(self) -> list[Layer]:
        return [layer for layer in self.layers if layer.is_weight]

    def has(self, kinds) -> bool:
        return any(layer.kind in kinds for layer in self.layers)

    def __repr__(self) -> str:
        return f"ModelIR({self.name!r}, {self.style}, {len(self.layers)} layers)"


@dataclass(eq=False)
class ApiUse:
    """A use of a Keras API that a rule cares about outside any model (removed/deprecated APIs)."""

    kind: str  # "experimental-preprocessing", "image-data-generator", ...
    node: cst.CSTNode
    detail: dict = field(default_factory=dict)


@dataclass(eq=False)
class Notice:
    """A part of the file the extractor did not analyse (step budget spent, configurations not enumerated):
    the statement where it happened and what it means for the findings."""

    node: cst.CSTNode
    message: str


@dataclass(eq=False)
class FileIR:
    models: list[ModelIR] = field(default_factory=list)
    api_uses: list[ApiUse] = field(default_factory=list)
    data: dict = field(default_factory=dict)  # module-level name -> Data
    source: str = ""
    notices: list[Notice] = field(default_factory=list)  # partial analysis, always reported (KL002)
    budget_exhausted: bool = False

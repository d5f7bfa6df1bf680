"""What kerlint knows about the Keras / TensorFlow API: canonical names, signatures, datasets.

Every import style resolves to a dotted path (`tensorflow.keras.layers.Conv2D`); `canonical()` maps
that path to a short key independent of how Keras was imported: ("keras", "layers.Conv2D").
"""

from __future__ import annotations

import functools

# Prefixes that all mean "the Keras API", longest first.
_KERAS_PREFIXES = (
    "tensorflow.python.keras.", "tensorflow.compat.v1.keras.", "tensorflow.compat.v2.keras.",
    "tensorflow.keras.", "keras._tf_keras.keras.", "keras.src.", "keras.api.", "tf_keras.", "keras.",
)
_KERAS_ROOTS = ("tensorflow.keras", "tf_keras", "keras", "tensorflow.python.keras")


@functools.lru_cache(maxsize=4096)  # the extractor asks for the same few paths tens of thousands of times
def canonical(path: str) -> tuple[str, str]:
    """("keras" | "tf" | "np" | "other", rest-of-path)."""
    for root in _KERAS_ROOTS:
        if path == root:
            return "keras", ""
    for prefix in _KERAS_PREFIXES:
        if path.startswith(prefix):
            return "keras", path[len(prefix):]
    if path.startswith("tensorflow."):
        return "tf", path[len("tensorflow."):]
    if path == "tensorflow":
        return "tf", ""
    if path.startswith("numpy."):
        return "np", path[len("numpy."):]
    return "other", path


# --- layers ---------------------------------------------------------------------------------------

_CONV = ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation",
         "use_bias", "kernel_initializer")
_POOL = ("pool_size", "strides", "padding", "data_format")
_RNN = ("units", "activation", "recurrent_activation", "use_bias", "kernel_initializer")

LAYER_SIGNATURES: dict[str, tuple[str, ...]] = {
    "Dense": ("units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer"),
    "Conv1D": _CONV, "Conv2D": _CONV, "Conv3D": _CONV,
    "SeparableConv1D": ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                        "depth_multiplier", "activation"),
    "SeparableConv2D": ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                        "depth_multiplier", "activation"),
    "DepthwiseConv1D": ("kernel_size", "strides", "padding", "depth_multiplier", "data_format", "dilation_rate",
                        "activation"),
    "DepthwiseConv2D": ("kernel_size", "strides", "padding", "depth_multiplier", "data_format", "dilation_rate",
                        "activation"),
    "Conv1DTranspose": ("filters", "kernel_size", "strides", "padding", "output_padding", "data_format",
                        "dilation_rate", "activation"),
    "Conv2DTranspose": ("filters", "kernel_size", "strides", "padding", "output_padding", "data_format",
                        "dilation_rate", "activation"),
    "Conv3DTranspose": ("filters", "kernel_size", "strides", "padding", "output_padding", "data_format",
                        "dilation_rate", "activation"),
    "MaxPooling1D": _POOL, "MaxPooling2D": _POOL, "MaxPooling3D": _POOL,
    "AveragePooling1D": _POOL, "AveragePooling2D": _POOL, "AveragePooling3D": _POOL,
    "GlobalAveragePooling1D": ("data_format", "keepdims"), "GlobalAveragePooling2D": ("data_format", "keepdims"),
    "GlobalAveragePooling3D": ("data_format", "keepdims"), "GlobalMaxPooling1D": ("data_format", "keepdims"),
    "GlobalMaxPooling2D": ("data_format", "keepdims"), "GlobalMaxPooling3D": ("data_format", "keepdims"),
    "Flatten": ("data_format",),
    "Reshape": ("target_shape",),
    "Dropout": ("rate", "noise_shape", "seed"),
    "SpatialDropout1D": ("rate",), "SpatialDropout2D": ("rate",), "SpatialDropout3D": ("rate",),
    "AlphaDropout": ("rate",), "GaussianDropout": ("rate",), "GaussianNoise": ("stddev",),
    "Activation": ("activation",),
    "LeakyReLU": ("negative_slope",), "ELU": ("alpha",), "ReLU": ("max_value", "negative_slope", "threshold"),
    "Softmax": ("axis",), "PReLU": ("alpha_initializer",),
    "BatchNormalization": ("axis", "momentum", "epsilon"),
    "LayerNormalization": ("axis", "epsilon"),
    "GroupNormalization": ("groups", "axis", "epsilon"),
    "Embedding": ("input_dim", "output_dim", "embeddings_initializer"),
    "LSTM": _RNN, "GRU": _RNN, "SimpleRNN": ("units", "activation", "use_bias", "kernel_initializer"),
    "ConvLSTM2D": ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
                   "recurrent_activation"),
    "Input": ("shape", "batch_size", "name", "dtype", "sparse", "tensor"),
    "InputLayer": ("input_shape", "batch_size", "dtype"),
    "Rescaling": ("scale", "offset"),
    "Normalization": ("axis", "mean", "variance"),
    "Resizing": ("height", "width", "interpolation"),
    "CenterCrop": ("height", "width"),
    "RandomCrop": ("height", "width"),
    "ZeroPadding1D": ("padding",), "ZeroPadding2D": ("padding",), "ZeroPadding3D": ("padding",),
    "UpSampling1D": ("size",), "UpSampling2D": ("size",), "UpSampling3D": ("size",),
    "Cropping1D": ("cropping",), "Cropping2D": ("cropping",),
    "Lambda": ("function",),
    "TimeDistributed": ("layer",), "Bidirectional": ("layer", "merge_mode"),
    "Concatenate": ("axis",), "Add": (), "Multiply": (), "Average": (), "Subtract": (), "Maximum": (),
    "Minimum": (), "Dot": ("axes",),
    "Permute": ("dims",), "RepeatVector": ("n",), "Masking": ("mask_value",),
    "MultiHeadAttention": ("num_heads", "key_dim"), "Attention": (), "AdditiveAttention": (),
    "TextVectorization": ("max_tokens",), "StringLookup": (), "IntegerLookup": (), "CategoryEncoding": (),
    "Identity": (), "ActivityRegularization": ("l1", "l2"),
}
for _name in ("RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
              "RandomBrightness", "RandomHeight", "RandomWidth"):
    LAYER_SIGNATURES.setdefault(_name, ("factor",))
LAYER_SIGNATURES["RandomFlip"] = ("mode",)

LAYER_ALIASES = {
    "Convolution1D": "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
    "SeparableConvolution1D": "SeparableConv1D", "SeparableConvolution2D": "SeparableConv2D",
    "DepthwiseConvolution2D": "DepthwiseConv2D", "Convolution2DTranspose": "Conv2DTranspose",
    "Convolution3DTranspose": "Conv3DTranspose", "Deconvolution2D": "Conv2DTranspose",
    "Deconv2D": "Conv2DTranspose", "Deconv3D": "Conv3DTranspose",
    "MaxPool1D": "MaxPooling1D", "MaxPool2D": "MaxPooling2D", "MaxPool3D": "MaxPooling3D",
    "AvgPool1D": "AveragePooling1D", "AvgPool2D": "AveragePooling2D", "AvgPool3D": "AveragePooling3D",
    "GlobalAvgPool1D": "GlobalAveragePooling1D", "GlobalAvgPool2D": "GlobalAveragePooling2D",
    "GlobalAvgPool3D": "GlobalAveragePooling3D", "GlobalMaxPool1D": "GlobalMaxPooling1D",
    "GlobalMaxPool2D": "GlobalMaxPooling2D", "GlobalMaxPool3D": "GlobalMaxPooling3D",
    "CuDNNLSTM": "LSTM", "CuDNNGRU": "GRU",
}
# Keras 1/2 keyword spellings that real code still uses -> today's keyword.
KERAS2_KWARGS = {
    "init": "kernel_initializer", "nb_filter": "filters", "output_dim": "units", "border_mode": "padding",
    "subsample": "strides", "W_regularizer": "kernel_regularizer", "b_regularizer": "bias_regularizer",
    "p": "rate", "alpha": "negative_slope", "dim_ordering": "data_format",
}
# Functional merge helpers (keras.layers.add(...)) behave like the merge layer classes.
MERGE_FUNCTIONS = {"add": "Add", "concatenate": "Concatenate", "multiply": "Multiply", "average": "Average",
                   "subtract": "Subtract", "maximum": "Maximum", "minimum": "Minimum", "dot": "Dot"}


_NOT_LAYERS = {"Sequential", "Model", "Functional", "Layer", "InputSpec", "Wrapper"}


def layer_class(rest: str) -> str | None:
    """Canonical layer class for a keras path like "layers.convolutional.Conv2D", or None."""
    parts = rest.split(".")
    name = parts[-1]
    name = LAYER_ALIASES.get(name, name)
    if name in ("Input", "InputLayer"):
        return name
    if name in LAYER_SIGNATURES and (len(parts) == 1 or "layers" in parts[:-1]):
        return name
    if "layers" in parts[:-1] and name[:1].isupper() and name not in _NOT_LAYERS:
        return name  # a Keras layer we have no signature for: still a layer
    return None


# --- activations, initializers, optimizers, losses -------------------------------------------------

ACTIVATION_NAMES = {
    "relu", "relu6", "elu", "selu", "gelu", "swish", "silu", "leaky_relu", "sigmoid", "hard_sigmoid",
    "tanh", "softsign", "softmax", "softplus", "linear", "exponential", "mish", "log_softmax", "hard_silu",
    "hard_swish", "celu", "glu", "hard_tanh",
}
_ACTIVATION_SYNONYMS = {"leakyrelu": "leaky_relu", "hard_swish": "hard_silu", None: "linear", "": "linear"}


def activation_name(value) -> str | None:
    key = value.lower() if isinstance(value, str) else value
    key = _ACTIVATION_SYNONYMS.get(key, key)
    return key if key in ACTIVATION_NAMES else None


def activation_from_path(kind: str, rest: str) -> str | None:
    """tf.nn.relu, keras.activations.sigmoid, keras.ops.softmax, tf.math.tanh, tf.sigmoid -> canonical name."""
    name = rest.split(".")[-1]
    if kind == "keras" and rest.startswith("activations."):
        return activation_name(name)
    if kind == "keras" and rest in ("ops." + name, "ops.nn." + name):  # keras.ops.sigmoid(x) in a call()
        return activation_name(name)
    if kind == "tf" and (rest in ("nn." + name, "math." + name, name)):
        return activation_name({"leaky_relu": "leaky_relu"}.get(name, name))
    return None


INITIALIZER_CLASSES = {
    "HeNormal": "he_normal", "HeUniform": "he_uniform", "LecunNormal": "lecun_normal",
    "LecunUniform": "lecun_uniform", "GlorotNormal": "glorot_normal", "GlorotUniform": "glorot_uniform",
    "Zeros": "zeros", "Zero": "zeros", "Ones": "ones", "One": "ones", "Constant": "constant",
    "RandomNormal": "random_normal", "RandomUniform": "random_uniform", "TruncatedNormal": "truncated_normal",
    "Orthogonal": "orthogonal", "Identity": "identity", "VarianceScaling": "variance_scaling",
    "he_normal": "he_normal", "he_uniform": "he_uniform", "lecun_normal": "lecun_normal",
    "glorot_normal": "glorot_normal", "glorot_uniform": "glorot_uniform", "zeros": "zeros", "ones": "ones",
    # Keras 2 spellings: init="zero", initializers.constant(0.1), initializers.random_normal(stddev=1)
    "zero": "zeros", "one": "ones", "constant": "constant", "random_normal": "random_normal",
    "random_uniform": "random_uniform", "truncated_normal": "truncated_normal", "orthogonal": "orthogonal",
    "variance_scaling": "variance_scaling",
}
INITIALIZER_STRINGS = {v for v in INITIALIZER_CLASSES.values()} | {"uniform", "normal", "xavier_uniform"}
INITIALIZER_POSITIONAL = {"Constant": ("value",), "RandomNormal": ("mean", "stddev", "seed"),
                          "RandomUniform": ("minval", "maxval", "seed"), "TruncatedNormal": ("mean", "stddev"),
                          "VarianceScaling": ("scale", "mode", "distribution")}
INITIALIZER_POSITIONAL.update({"constant": ("value",), "random_normal": ("mean", "stddev", "seed"),
                               "random_uniform": ("minval", "maxval", "seed"), "truncated_normal": ("mean", "stddev")})
# TensorFlow's own initializer functions: name -> (canonical name, positional args).
# Their default stddev is 0.05 in TF 2 but 1.0 in TF 1 / tf.compat.v1: the extractor decides.
TF_INITIALIZERS = {
    "zeros_initializer": ("zeros", ()), "ones_initializer": ("ones", ()),
    "constant_initializer": ("constant", ("value",)),
    "random_normal_initializer": ("random_normal", ("mean", "stddev", "seed")),
    "truncated_normal_initializer": ("truncated_normal", ("mean", "stddev", "seed")),
    "random_uniform_initializer": ("random_uniform", ("minval", "maxval", "seed")),
    "glorot_uniform_initializer": ("glorot_uniform", ()), "glorot_normal_initializer": ("glorot_normal", ()),
    "orthogonal_initializer": ("orthogonal", ()),
}

OPTIMIZERS = {
    "SGD": "sgd", "Adam": "adam", "AdamW": "adamw", "RMSprop": "rmsprop", "Adagrad": "adagrad",
    "Adadelta": "adadelta", "Adamax": "adamax", "Nadam": "nadam", "Ftrl": "ftrl", "Lion": "lion",
    "Adafactor": "adafactor", "LossScaleOptimizer": "unknown",
}
OPTIMIZER_STRINGS = {v for v in OPTIMIZERS.values() if v != "unknown"}
SCHEDULES = {"ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay",
             "CosineDecay", "CosineDecayRestarts", "LearningRateSchedule"}

LOSS_CLASSES = {
    "CategoricalCrossentropy": "categorical_crossentropy",
    "SparseCategoricalCrossentropy": "sparse_categorical_crossentropy",
    "BinaryCrossentropy": "binary_crossentropy", "BinaryFocalCrossentropy": "binary_focal_crossentropy",
    "CategoricalFocalCrossentropy": "categorical_focal_crossentropy",
    "MeanSquaredError": "mse", "MeanAbsoluteError": "mae", "Huber": "huber", "LogCosh": "log_cosh",
    "MeanAbsolutePercentageError": "mape", "MeanSquaredLogarithmicError": "msle", "Hinge": "hinge",
    "SquaredHinge": "squared_hinge", "CategoricalHinge": "categorical_hinge", "KLDivergence": "kld",
    "Poisson": "poisson", "CosineSimilarity": "cosine_similarity",
}
LOSS_STRINGS = {
    "categorical_crossentropy": "categorical_crossentropy",
    "sparse_categorical_crossentropy": "sparse_categorical_crossentropy",
    "binary_crossentropy": "binary_crossentropy", "binary_focal_crossentropy": "binary_focal_crossentropy",
    "mse": "mse", "mean_squared_error": "mse", "mae": "mae", "mean_absolute_error": "mae", "huber": "huber",
    "huber_loss": "huber", "logcosh": "log_cosh", "log_cosh": "log_cosh", "mape": "mape",
    "mean_absolute_percentage_error": "mape", "msle": "msle", "mean_squared_logarithmic_error": "msle",
    "hinge": "hinge", "squared_hinge": "squared_hinge", "categorical_hinge": "categorical_hinge",
    "kld": "kld", "kl_divergence": "kld", "kullback_leibler_divergence": "kld", "poisson": "poisson",
    "cosine_similarity": "cosine_similarity",
}
from kerlint.ir.vocabulary import REGRESSION_LOSSES  # noqa: E402,F401 - the loss families live there

CALLBACKS = {"EarlyStopping", "ReduceLROnPlateau", "ModelCheckpoint", "LearningRateScheduler", "TensorBoard",
             "CSVLogger", "LambdaCallback", "TerminateOnNaN", "BackupAndRestore", "History",
             "ProgbarLogger", "RemoteMonitor", "Callback"}

# --- data sources ---------------------------------------------------------------------------------

# keras.datasets.<name>: (input shape, classes (None for regression), image-like uint8 0-255?)
DATASETS = {
    "mnist": ((28, 28), 10, True),
    "fashion_mnist": ((28, 28), 10, True),
    "cifar10": ((32, 32, 3), 10, True),
    "cifar100": ((32, 32, 3), 100, True),
    "imdb": (None, 2, False),
    "reuters": (None, 46, False),
    "boston_housing": ((13,), None, False),
    "california_housing": ((8,), None, False),
}
# keras.datasets.<name>: the labels' shape past the sample dimension: CIFAR's are a column, the others a vector
DATASET_LABEL_SHAPES = {"cifar10": (1,), "cifar100": (1,)}
# keras.datasets.<name>: (training samples, test samples) with the loaders' default arguments
DATASET_SIZES = {
    "mnist": (60000, 10000), "fashion_mnist": (60000, 10000), "cifar10": (50000, 10000),
    "cifar100": (50000, 10000), "imdb": (25000, 25000), "reuters": (8982, 2246),
    "boston_housing": (404, 102), "california_housing": (16512, 4128),
}

# Calls that scale / standardise their input (so the result is "scaled").
SCALING_CALLS_TF = {"image.convert_image_dtype", "image.per_image_standardization", "math.l2_normalize",
                    "nn.l2_normalize", "linalg.normalize"}
IMAGE_READ_CALLS = {("other", "cv2.imread"), ("other", "PIL.Image.open"), ("other", "imageio.imread"),
                    ("other", "imageio.v2.imread"), ("other", "matplotlib.pyplot.imread"),
                    ("other", "skimage.io.imread"), ("keras", "preprocessing.image.load_img"),
                    ("keras", "utils.load_img"), ("tf", "io.decode_image"), ("tf", "io.decode_jpeg"),
                    ("tf", "io.decode_png"), ("tf", "image.decode_jpeg"), ("tf", "image.decode_png"),
                    ("tf", "image.decode_image")}
SKLEARN_SCALERS = {"StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer",
                   "QuantileTransformer", "PowerTransformer"}

# --- Keras 1/2 APIs that Keras 3 removed or renamed (rules KL505-KL508, kerlint.fix.migrate) --------
# Every entry is checked against the installed Keras in tests/test_migration_keras.py.

# Modules that Keras 3 no longer has, by canonical path -> the module that holds their names now.
MOVED_MODULES = {
    **{f"layers.{old}": "layers" for old in (
        "core", "convolutional", "pooling", "recurrent", "normalization", "merge", "advanced_activations",
        "embeddings", "noise", "wrappers", "local", "convolutional_recurrent", "cudnn_recurrent")},
    **{f"utils.{old}": "utils" for old in ("np_utils", "vis_utils", "generic_utils", "data_utils", "io_utils",
                                           "layer_utils")},
}
# Modules whose names only tf.keras still has (the Keras 2 implementations, deprecated): standalone
# `keras.preprocessing.image.ImageDataGenerator` fails to import on Keras 3, the tf.keras one imports.
TF_KERAS_ONLY_NAMES = {
    "preprocessing.image": {"ImageDataGenerator", "DirectoryIterator", "NumpyArrayIterator", "Iterator",
                            "apply_affine_transform", "apply_brightness_shift", "apply_channel_shift",
                            "random_brightness", "random_channel_shift", "random_rotation", "random_shear",
                            "random_shift", "random_zoom"},
    "preprocessing.text": None,  # None: the whole module (Tokenizer, one_hot, text_to_word_sequence, ...)
}
# Modules with no replacement inside Keras: (module, what to use instead).
REMOVED_MODULES = {
    "wrappers.scikit_learn": "SciKeras (`pip install scikeras`; `from scikeras.wrappers import KerasClassifier`, "
                             "whose arguments differ: `model=` instead of `build_fn=`)",
    "engine": "keras.layers / keras.models (Layer, InputSpec, Model)",
    "engine.topology": "keras.layers / keras.models (Layer, InputSpec, Model)",
    "engine.training": "keras.models (Model)",
    "legacy.layers": "the keras.layers of today",
}
# Layer classes Keras 3 removed: class -> its replacement (None: no one-to-one replacement).
REMOVED_LAYERS = {"CuDNNLSTM": "LSTM", "CuDNNGRU": "GRU", "Merge": None, "MaxoutDense": None, "Highway": None}

# Keras 1 keywords of layer constructors that Keras 3 rejects -> the keyword of today, by layer kind.
# `init`/`W_regularizer` of an Embedding name its embeddings; `output_dim` of an Embedding is still valid.
_ANY = None
KERAS1_LAYER_KEYWORDS: dict[str, tuple[str, frozenset | None, frozenset]] = {
    # old: (new, kinds it applies to (None: every layer), kinds it never applies to)
    "init": ("kernel_initializer", _ANY, frozenset({"Embedding"})),
    "inner_init": ("recurrent_initializer", _ANY, frozenset()),
    "output_dim": ("units", _ANY, frozenset({"Embedding"})),
    "nb_filter": ("filters", _ANY, frozenset()),
    "filter_length": ("kernel_size", frozenset({"Conv1D"}), frozenset()),
    "border_mode": ("padding", _ANY, frozenset()),
    "subsample": ("strides", _ANY, frozenset()),
    "subsample_length": ("strides", frozenset({"Conv1D"}), frozenset()),
    "pool_length": ("pool_size", frozenset({"MaxPooling1D", "AveragePooling1D"}), frozenset()),
    "stride": ("strides", frozenset({"MaxPooling1D", "AveragePooling1D"}), frozenset()),
    "W_regularizer": ("kernel_regularizer", _ANY, frozenset({"Embedding"})),
    "b_regularizer": ("bias_regularizer", _ANY, frozenset()),
    "U_regularizer": ("recurrent_regularizer", _ANY, frozenset()),
    "W_constraint": ("kernel_constraint", _ANY, frozenset({"Embedding"})),
    "b_constraint": ("bias_constraint", _ANY, frozenset()),
    "dropout_W": ("dropout", _ANY, frozenset()),
    "dropout_U": ("recurrent_dropout", _ANY, frozenset()),
    "bias": ("use_bias", _ANY, frozenset()),
    "p": ("rate", frozenset({"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
                             "AlphaDropout", "GaussianDropout"}), frozenset()),
    "dim_ordering": ("data_format", _ANY, frozenset()),
}
KERAS1_EMBEDDING_KEYWORDS = {"init": "embeddings_initializer", "W_regularizer": "embeddings_regularizer",
                             "W_constraint": "embeddings_constraint"}
DIM_ORDERING_VALUES = {"th": "channels_first", "tf": "channels_last", "default": None}
# Keyword renames of Model methods and the functional Model constructor.
KERAS1_FIT_KEYWORDS = {"nb_epoch": "epochs"}
KERAS1_MODEL_KEYWORDS = {"input": "inputs", "output": "outputs"}
# Model methods Keras 3 removed: method -> what replaces it (KL507).
REMOVED_MODEL_METHODS = {"predict_classes", "predict_proba"}
REMOVED_LAYER_ATTRIBUTES = {"input_shape", "output_shape"}  # on a layer; a Model still has them


def keras1_layer_keyword(kind: str, keyword: str) -> str | None:
    """The keyword of today for a Keras 1 keyword of layer `kind`, or None if `keyword` is not one."""
    if kind == "Embedding" and keyword in KERAS1_EMBEDDING_KEYWORDS:
        return KERAS1_EMBEDDING_KEYWORDS[keyword]
    entry = KERAS1_LAYER_KEYWORDS.get(keyword)
    if entry is None:
        return None
    new, only, never = entry
    if kind in never or (only is not None and kind not in only):
        return None
    return new


def moved_module(rest: str) -> str | None:
    """For a canonical Keras module path Keras 3 removed ("layers.core"), the module of today ("layers")."""
    return MOVED_MODULES.get(rest)


def removed_module(rest: str) -> str | None:
    """What to use instead of a Keras module that has no replacement in Keras 3, or None."""
    for prefix in sorted(REMOVED_MODULES, key=len, reverse=True):
        if rest == prefix or rest.startswith(prefix + "."):
            return REMOVED_MODULES[prefix]
    return None


# TensorFlow 1 graph-mode APIs that TF 2 removed from the `tf.` namespace (tf.compat.v1 still has them).
TF1_REMOVED = {
    "Session", "InteractiveSession", "placeholder", "placeholder_with_default", "global_variables_initializer",
    "local_variables_initializer", "initialize_all_variables", "get_variable", "variable_scope",
    "get_default_graph", "reset_default_graph", "ConfigProto", "GPUOptions", "train.AdamOptimizer",
    "train.GradientDescentOptimizer", "train.MomentumOptimizer", "train.RMSPropOptimizer",
    "train.AdagradOptimizer", "train.Saver", "summary.FileWriter", "contrib", "layers.dense", "layers.conv2d",
    "set_random_seed", "random_normal", "truncated_normal", "random_uniform", "log", "to_float", "to_int32",
    "keras.backend.get_session", "keras.backend.set_session",
}
KERAS_BACKEND_TF1 = {"get_session", "set_session", "set_image_dim_ordering", "image_dim_ordering"}

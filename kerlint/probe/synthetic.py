"""Offline stand-ins for `keras.datasets.*.load_data()` (used by `kerlint probe --synthetic`).

Each stand-in returns arrays with the real loader's shapes, dtypes, value ranges (uint8 0-255 stays
uint8 0-255), pixel statistics (mean, standard deviation and black background: `LOOKS`) and sample
counts (MNIST 60,000 + 10,000, CIFAR-10 50,000 + 10,000, ...: `REAL_SIZES`), so
a script written for a downloadable dataset, even one that hard-codes `reshape(60000, 784)` or slices
`x_train[:50000]`, can be probed with no network. Only the first POOL_SAMPLES samples of a split are
distinct; the rest repeat them in order (the probe trains a few hundred steps on a sample of at most a
few thousand, and CIFAR-sized arrays then cost 150 MB instead of a second of noise per 10,000 images). The data is class-structured: every class has its own prototype pattern and samples are that
prototype plus noise, so a healthy model learns it within a few hundred steps and a broken one does not.

`image_dataset_from_directory` on a folder that does not exist, and `get_file` downloads, are replaced
too (a real folder still loads normally); downloads.py covers the downloads scripts make themselves.
Only numpy is needed to build arrays; the directory stand-in imports TensorFlow, in the child process, which installs all of these with `install()`.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from dataclasses import dataclass

import numpy as np

POOL_SAMPLES = 2048  # distinct samples per split; larger splits repeat them
# (train, test) sample counts of the real datasets
REAL_SIZES = {"mnist": (60000, 10000), "fashion_mnist": (60000, 10000), "cifar10": (50000, 10000),
              "cifar100": (50000, 10000), "imdb": (25000, 25000), "reuters": (8982, 2246),
              "boston_housing": (404, 102)}


def _repeat_to(arrays: tuple, n: int) -> tuple:
    """Arrays of POOL_SAMPLES rows grown to n rows by repeating them in order."""
    pool = len(arrays[0])
    if n <= pool:
        return tuple(a[:n] for a in arrays)
    index = np.arange(n) % pool
    return tuple(a[index] for a in arrays)


@dataclass(frozen=True)
class Look:
    """The pixel statistics of a real image dataset, in [0, 1] units, that its stand-in reproduces: the
    per-channel mean and standard deviation over the training split, and the fraction of pixels that are
    exactly 0 (the black background of the digit and clothing scans). Measurements at initialisation
    (saturated units, the loss at initialisation, dead ReLUs) depend on them: MNIST-like digits are 81%
    background, where uniform noise would put every pixel near 0.5."""

    mean: tuple[float, ...]
    std: tuple[float, ...]
    background: float = 0.0


# The published normalisation constants of each dataset (mean/std over the training images); the
# background fractions are the share of zero pixels in the training split.
LOOKS = {
    "mnist": Look((0.1307,), (0.3081,), 0.81),
    "fashion_mnist": Look((0.2860,), (0.3530,), 0.50),
    "cifar10": Look((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)),
    "cifar100": Look((0.5071, 0.4865, 0.4409), (0.2673, 0.2564, 0.2762)),
}
PHOTOS = LOOKS["cifar10"]  # an image folder that is not there: natural photos
NOISE = 30.0  # per-sample pixel noise on the 0-255 scale


def class_prototypes(rng, num_classes, shape, look: Look = PHOTOS):
    """One smooth pattern per class (7x7 cells upsampled), shared by the train and test splits, on the 0-255
    scale; NaN marks background pixels, which stay 0 in every sample. Each cell's value is drawn from the
    Beta distribution whose mean and variance, with the sample noise added, give the look's statistics."""
    h, w = shape[0], shape[1]
    channels = shape[2] if len(shape) == 3 else 1
    ink = 1.0 - look.background
    coarse = np.empty((num_classes, 7, 7, channels))
    for c in range(channels):
        mean, std = look.mean[c % len(look.mean)], look.std[c % len(look.std)]
        ink_mean = mean / ink
        ink_var = (std ** 2 + mean ** 2) / ink - (NOISE / 255) ** 2 - ink_mean ** 2
        concentration = ink_mean * (1 - ink_mean) / ink_var - 1
        coarse[..., c] = 255 * rng.beta(ink_mean * concentration, (1 - ink_mean) * concentration,
                                        size=(num_classes, 7, 7))
    prototypes = _upsample(coarse, h, w)
    if look.background > 0:  # each class's own background: the pixels of a second smooth pattern's low end
        field = _upsample(rng.uniform(size=(num_classes, 7, 7, 1)), h, w)
        field = field + rng.uniform(0, 0.05, size=field.shape)  # breaks ties between the cells
        cut = np.quantile(field.reshape(num_classes, -1), look.background, axis=1)
        prototypes = np.where(field <= cut[:, None, None, None], np.nan, prototypes)
    return prototypes


def _upsample(cells: np.ndarray, h: int, w: int) -> np.ndarray:
    """(classes, 7, 7, channels) cells blown up to (classes, h, w, channels) blocks."""
    reps = (-(-h // 7), -(-w // 7))  # ceil division, then crop
    return np.repeat(np.repeat(cells, reps[0], axis=1), reps[1], axis=2)[:, :h, :w, :]


def images_of(rng, labels: np.ndarray, prototypes, shape) -> np.ndarray:
    """uint8 images of the given classes: each class's prototype plus per-sample noise, clipped to 0-255;
    background pixels (NaN in the prototype) are 0."""
    chosen = prototypes[labels]
    noisy = chosen + rng.normal(0, NOISE, size=chosen.shape)
    images = np.where(np.isnan(chosen), 0, np.clip(np.nan_to_num(noisy), 0, 255)).astype(np.uint8)
    return images[..., 0] if len(shape) == 2 else images


def _images(rng, n, prototypes, shape, label_shape):
    """n uint8 images of random classes, and their labels."""
    labels = rng.integers(0, len(prototypes), size=n)
    return images_of(rng, labels, prototypes, shape), labels.astype(np.uint8).reshape((n,) + label_shape)


def _image_loader(name, shape, num_classes, label_shape, seed):
    """The stand-in of keras.datasets.<name>: its real sizes (REAL_SIZES) and pixel statistics (LOOKS)."""
    sizes, look = REAL_SIZES[name], LOOKS[name]

    def load_data(*args, **kwargs):
        rng = np.random.default_rng(seed)
        prototypes = class_prototypes(rng, num_classes, shape, look)
        train = _repeat_to(_images(rng, min(POOL_SAMPLES, sizes[0]), prototypes, shape, label_shape), sizes[0])
        test = _repeat_to(_images(rng, min(POOL_SAMPLES, sizes[1]), prototypes, shape, label_shape), sizes[1])
        return train, test

    return load_data


def _cifar100_loader(seed):
    def load_data(label_mode="fine", *args, **kwargs):
        classes = 20 if label_mode == "coarse" else 100
        return _image_loader("cifar100", (32, 32, 3), classes, (1,), seed)()

    return load_data


def _sequence_loader(num_classes, vocabulary, seed, sizes):
    """Word-index sequences (object arrays of lists, as imdb/reuters return): each class draws most of
    its words from its own slice of the vocabulary."""

    def load_data(path=None, num_words=None, skip_top=0, maxlen=None, seed_=113, start_char=1,
                  oov_char=2, index_from=3, **kwargs):
        rng = np.random.default_rng(seed)
        top = min(num_words or vocabulary, vocabulary)
        first = index_from + skip_top

        def split(n):
            labels = rng.integers(0, num_classes, size=n)
            seqs = []
            slice_size = max(1, (top - first) // num_classes)
            for label in labels:
                length = int(rng.integers(20, min(maxlen or 200, 200) + 1)) - 1
                own = rng.integers(first + label * slice_size, first + (label + 1) * slice_size, size=length)
                anywhere = rng.integers(first, top, size=length)
                words = np.where(rng.random(length) < 0.6, own, anywhere)
                seqs.append([start_char] + [int(w) for w in words])
            out = np.empty(n, dtype=object)
            out[:] = seqs
            return out, labels.astype(np.int64)

        return (_repeat_to(split(min(POOL_SAMPLES, sizes[0])), sizes[0]),
                _repeat_to(split(min(POOL_SAMPLES, sizes[1])), sizes[1]))

    return load_data


def _boston_loader(seed):
    """13 float64 features on their real scales; the price (5-50) is a noisy linear function of them."""

    def load_data(path=None, test_split=0.2, seed_=113, **kwargs):
        rng = np.random.default_rng(seed)
        scales = np.array([10, 25, 12, 1, 0.6, 7, 70, 4, 10, 400, 20, 390, 12], dtype=np.float64)
        weights = rng.normal(0, 1, size=13)

        def split(n):
            x = rng.uniform(0.2, 1.0, size=(n, 13)) * scales
            z = (x / scales - 0.6) @ weights
            y = np.clip(22 + 9 * z / (np.std(z) + 1e-9) + rng.normal(0, 2, size=n), 5, 50)
            return x, y

        total = sum(REAL_SIZES["boston_housing"])  # 506 houses, split as the real loader does
        n_train = int(total * (1 - test_split))  # keras.datasets.boston_housing's own arithmetic
        return split(n_train), split(total - n_train)

    return load_data


def loaders(seed: int = 0) -> dict[str, object]:
    """Dataset module name -> replacement load_data."""
    return {
        "mnist": _image_loader("mnist", (28, 28), 10, (), seed),
        "fashion_mnist": _image_loader("fashion_mnist", (28, 28), 10, (), seed),
        "cifar10": _image_loader("cifar10", (32, 32, 3), 10, (1,), seed),
        "cifar100": _cifar100_loader(seed),
        "imdb": _sequence_loader(2, 10000, seed, REAL_SIZES["imdb"]),
        "reuters": _sequence_loader(46, 10000, seed, REAL_SIZES["reuters"]),
        "boston_housing": _boston_loader(seed),
    }


IMAGE_DIRECTORY_CLASSES = 2  # a missing folder says nothing about its classes: cats vs dogs
MAX_DIRECTORY_BYTES = 128 * 1024 * 1024


def _image_directory_loader(real_function, seed):
    """image_dataset_from_directory that passes real folders through and invents the missing ones.

    The stand-in returns what Keras returns: a batched tf.data.Dataset of float32 images in [0, 255],
    labels as `label_mode` asks, a `class_names` attribute, and the training/validation split."""
    import inspect

    signature = inspect.signature(real_function)

    def image_dataset_from_directory(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        if os.path.isdir(str(bound.arguments.get("directory", ""))):
            return real_function(*args, **kwargs)
        bound.apply_defaults()
        return _synthetic_image_directory(dict(bound.arguments), seed)

    return image_dataset_from_directory


def _synthetic_image_directory(a: dict, seed: int):
    import tensorflow as tf

    names = list(a.get("class_names") or [f"class_{i}" for i in range(IMAGE_DIRECTORY_CLASSES)])
    channels = {"grayscale": 1, "rgb": 3, "rgba": 4}.get(a.get("color_mode") or "rgb", 3)
    height, width = a.get("image_size") or (256, 256)
    count = int(max(64, min(1024, MAX_DIRECTORY_BYTES // (height * width * channels * 4))))
    rng = np.random.default_rng(seed)
    prototypes = class_prototypes(rng, len(names), (height, width, channels))
    images, labels = _images(rng, count, prototypes, (height, width, channels), ())
    images, labels = images.astype(np.float32), labels.astype(np.int32)
    mode = a.get("label_mode")
    if mode == "categorical":
        targets = np.eye(len(names), dtype=np.float32)[labels]
    elif mode == "binary":
        targets = labels.astype(np.float32)[:, None]
    else:
        targets = labels

    def dataset(index):
        part = (images[index],) if mode is None or a.get("labels") is None else (images[index], targets[index])
        ds = tf.data.Dataset.from_tensor_slices(part if len(part) > 1 else part[0])
        if a.get("batch_size"):
            ds = ds.batch(a["batch_size"])
        ds.class_names = names
        ds.file_paths = []
        return ds

    split, subset = a.get("validation_split"), a.get("subset")
    cut = int(count * (1 - split)) if split else count
    if subset == "both":
        return dataset(slice(0, cut)), dataset(slice(cut, count))
    if subset == "validation":
        return dataset(slice(cut, count))
    return dataset(slice(0, cut))


def _get_file(*args, fname=None, origin=None, **kwargs):
    """get_file without the download: a path that does not exist, which the directory stand-in fills."""
    if args:
        fname = args[0]
    name = fname or os.path.basename(str(origin or "dataset"))
    return os.path.join(tempfile.gettempdir(), "kerlint-synthetic-downloads", name)


# Every module path through which scripts reach the loaders (Keras 3, tf.keras on Keras 3, tf_keras).
_PACKAGE_PREFIXES = ("keras.datasets", "keras.src.datasets", "keras._tf_keras.keras.datasets", "tf_keras.datasets")


def install(seed: int = 0) -> list[str]:
    """Replace `load_data` in every importable dataset module. Returns the modules patched."""
    patched = []
    for name, load_data in loaders(seed).items():
        for prefix in _PACKAGE_PREFIXES:
            try:
                module = importlib.import_module(f"{prefix}.{name}")
            except Exception:  # noqa: BLE001 - a package that is not installed has nothing to patch
                continue
            if hasattr(module, "load_data"):
                module.load_data = load_data
                patched.append(module.__name__)
    patched += _install_file_loaders(seed)
    return patched


_UTILITY_MODULES = ("keras.utils", "keras.src.utils", "keras.preprocessing", "keras._tf_keras.keras.utils",
                    "keras._tf_keras.keras.preprocessing", "tf_keras.utils", "tf_keras.preprocessing")


def _install_file_loaders(seed: int) -> list[str]:
    """Downloads (get_file) and missing image folders (image_dataset_from_directory) become synthetic."""
    patched = []
    stand_ins = {}
    for name in _UTILITY_MODULES:
        try:
            module = importlib.import_module(name)
        except Exception:  # noqa: BLE001 - not installed: nothing to patch
            continue
        real = getattr(module, "image_dataset_from_directory", None)
        if real is not None:
            if id(real) not in stand_ins:
                stand_ins[id(real)] = _image_directory_loader(real, seed)
            module.image_dataset_from_directory = stand_ins[id(real)]
            patched.append(f"{name}.image_dataset_from_directory")
        if hasattr(module, "get_file"):
            module.get_file = _get_file
            patched.append(f"{name}.get_file")
    return patched

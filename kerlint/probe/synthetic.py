"""Offline stand-ins for `keras.datasets.*.load_data()` (used by `kerlint probe --synthetic`).

Each stand-in returns arrays with the real loader's shapes, dtypes and value ranges (uint8 0-255 stays
uint8 0-255), but fewer samples, so a script written for a downloadable dataset can be probed with no
network. The data is class-structured: every class has its own prototype pattern and samples are that
prototype plus noise, so a healthy model learns it within a few hundred steps and a broken one does not.

Only numpy is needed here; the child process installs these with `install()`.
"""

from __future__ import annotations

import importlib

import numpy as np

TRAIN_SAMPLES = 2048
TEST_SAMPLES = 512


def _prototypes(rng, num_classes, shape):
    """One smooth pattern per class (7x7 noise upsampled): shared by the train and test splits."""
    h, w = shape[0], shape[1]
    channels = shape[2] if len(shape) == 3 else 1
    coarse = rng.uniform(0, 255, size=(num_classes, 7, 7, channels))
    reps = (-(-h // 7), -(-w // 7))  # ceil division, then crop
    return np.repeat(np.repeat(coarse, reps[0], axis=1), reps[1], axis=2)[:, :h, :w, :]


def _images(rng, n, prototypes, shape, label_shape):
    """uint8 images: a class prototype plus per-sample noise, clipped to 0-255."""
    labels = rng.integers(0, len(prototypes), size=n)
    noise = rng.normal(0, 45, size=(n,) + prototypes.shape[1:])
    images = np.clip(prototypes[labels] + noise, 0, 255).astype(np.uint8)
    if len(shape) == 2:
        images = images[..., 0]
    return images, labels.astype(np.uint8).reshape((n,) + label_shape)


def _image_loader(shape, num_classes, label_shape, seed):
    def load_data(*args, **kwargs):
        rng = np.random.default_rng(seed)
        prototypes = _prototypes(rng, num_classes, shape)
        train = _images(rng, TRAIN_SAMPLES, prototypes, shape, label_shape)
        test = _images(rng, TEST_SAMPLES, prototypes, shape, label_shape)
        return train, test

    return load_data


def _cifar100_loader(seed):
    def load_data(label_mode="fine", *args, **kwargs):
        classes = 20 if label_mode == "coarse" else 100
        return _image_loader((32, 32, 3), classes, (1,), seed)()

    return load_data


def _sequence_loader(num_classes, vocabulary, seed):
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

        return split(TRAIN_SAMPLES), split(TEST_SAMPLES)

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

        n_test = int(TRAIN_SAMPLES * test_split)
        return split(TRAIN_SAMPLES - n_test), split(n_test)

    return load_data


def loaders(seed: int = 0) -> dict[str, object]:
    """Dataset module name -> replacement load_data."""
    return {
        "mnist": _image_loader((28, 28), 10, (), seed),
        "fashion_mnist": _image_loader((28, 28), 10, (), seed),
        "cifar10": _image_loader((32, 32, 3), 10, (1,), seed),
        "cifar100": _cifar100_loader(seed),
        "imdb": _sequence_loader(2, 10000, seed),
        "reuters": _sequence_loader(46, 10000, seed),
        "boston_housing": _boston_loader(seed),
    }


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
    return patched

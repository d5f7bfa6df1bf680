"""Offline stand-ins for the downloads scripts make themselves (`kerlint probe --synthetic`, child process only).

Scripts that do not use `keras.datasets` fetch their data with `urllib.request.urlretrieve`/`urlopen`
(also what pandas and numpy do with a URL), `requests.get`, or TF1's
`tensorflow.examples.tutorials.mnist.input_data.read_data_sets` (gone from TensorFlow 2). With
`--synthetic` a known dataset file, recognised by the last part of its URL, is synthesised in its real
format, sample count and value range, so the script's own parsing code runs:

- MNIST / Fashion-MNIST IDX files (`train-images-idx3-ubyte[.gz]`, `t10k-labels-idx1-ubyte[.gz]`, ...) and
  Keras's `mnist.npz`, from synthetic.py's class-structured images (60,000 + 10,000);
- the UCI / Brownlee CSV files: iris (150 rows, 4 measurements and the species name), Pima Indians diabetes
  (768 rows, 8 features and 0/1), sonar (208 rows, 60 readings in [0, 1] and R/M), Boston housing (506 rows
  of 14 whitespace-separated numbers);
- `read_data_sets(...)`: train 55,000 / validation 5,000 / test 10,000 flattened float32 images in [0, 1],
  integer or one-hot labels, `next_batch()`.

Any other URL goes to the real function (on a machine without network it fails as it would have).
"""

from __future__ import annotations

import gzip
import importlib
import io
import os
import struct
import sys
import types

import numpy as np

from kerlint.probe import synthetic
from kerlint.probe.runner import SYNTHETIC_FOLDER_PREFIX  # the parent removes these folders with the files

IDX_FILES = {  # file name -> (split, what)
    "train-images-idx3-ubyte": ("train", "images"), "train-labels-idx1-ubyte": ("train", "labels"),
    "t10k-images-idx3-ubyte": ("test", "images"), "t10k-labels-idx1-ubyte": ("test", "labels"),
}
CSV_ROWS = {"iris": 150, "pima": 768, "sonar": 208, "housing": 506}


def _file_name(url) -> str:
    text = str(getattr(url, "full_url", url))  # a urllib.request.Request, or the URL itself
    return text.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def dataset_bytes(name: str, seed: int = 0, labels: np.ndarray | None = None):
    """The synthetic contents of a known dataset file, or None. `labels`: the classes an IDX images file
    must show (those of a real labels file beside it)."""
    lower = name.lower()
    base = lower[:-3] if lower.endswith(".gz") else lower
    if base in IDX_FILES:
        split, what = IDX_FILES[base]
        images, own_labels = _mnist(seed)[split]
        if labels is not None and what == "images":
            images, own_labels = _images_of(labels, seed), labels
        raw = _idx(images, own_labels, what)
        return gzip.compress(raw, compresslevel=1) if lower.endswith(".gz") else raw
    if lower == "mnist.npz":
        data = _mnist(seed)
        out = io.BytesIO()
        np.savez(out, x_train=data["train"][0], y_train=data["train"][1], x_test=data["test"][0],
                 y_test=data["test"][1])
        return out.getvalue()
    kind = _csv_kind(lower)
    return None if kind is None else _csv(kind, lower, seed).encode()


def _known(name: str) -> bool:
    lower = name.lower()
    return lower.removesuffix(".gz") in IDX_FILES or lower == "mnist.npz" or _csv_kind(lower) is not None


def _csv_kind(name: str):
    if name in ("iris.data", "iris.csv", "bezdekiris.data"):
        return "iris"
    if "pima" in name and "diabetes" in name:
        return "pima"
    if name in ("sonar.csv", "sonar.all-data", "sonar.all-data.csv"):
        return "sonar"
    if name in ("housing.data", "housing.csv", "boston_housing.csv"):
        return "housing"
    return None


_MNIST_CACHE: dict = {}


def _mnist(seed: int) -> dict:
    if seed not in _MNIST_CACHE:
        train, test = synthetic.loaders(seed)["mnist"]()
        _MNIST_CACHE[seed] = {"train": train, "test": test}
    return _MNIST_CACHE[seed]


def _idx(images: np.ndarray, labels: np.ndarray, what: str) -> bytes:
    """The IDX format of LeCun's MNIST files: a big-endian magic (0x0803 images, 0x0801 labels), the sizes."""
    if what == "images":
        return struct.pack(">IIII", 2051, *images.shape) + images.astype(np.uint8).tobytes()
    return struct.pack(">II", 2049, len(labels)) + labels.astype(np.uint8).tobytes()


def _labels_beside(filename: str):
    """The labels of an IDX labels file next to the IDX images file `filename` (a partial copy of the
    dataset), or None."""
    folder, name = os.path.split(filename)
    lower = name.lower()
    if "images-idx3-ubyte" not in lower:
        return None
    for candidate in os.listdir(folder or "."):
        if candidate.lower() == lower.replace("images-idx3", "labels-idx1"):
            try:
                with open(os.path.join(folder, candidate), "rb") as fh:
                    raw = fh.read()
                raw = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
                magic, count = struct.unpack(">II", raw[:8])
                labels = np.frombuffer(raw, np.uint8, count=count, offset=8)
            except (OSError, ValueError, struct.error, EOFError):
                return None
            return labels if magic == 2049 and labels.max(initial=0) < 10 else None
    return None


def _images_of(labels: np.ndarray, seed: int) -> np.ndarray:
    """28x28 uint8 images of the given classes, drawn as synthetic.py draws MNIST's."""
    rng = np.random.default_rng(seed)
    prototypes = synthetic.class_prototypes(rng, 10, (28, 28), synthetic.LOOKS["mnist"])
    images = np.empty((len(labels), 28, 28), dtype=np.uint8)
    for start in range(0, len(labels), synthetic.POOL_SAMPLES):  # the noise of one pool at a time
        part = labels[start:start + synthetic.POOL_SAMPLES]
        images[start:start + len(part)] = synthetic.images_of(rng, part, prototypes, (28, 28))
    return images


def _csv(kind: str, name: str, seed: int) -> str:
    """Class-structured rows on each file's real scales (a model can learn them, an unscaled one may not)."""
    rng = np.random.default_rng(seed)
    n = CSV_ROWS[kind]
    if kind == "iris":
        species = np.repeat(np.arange(3), 50)
        centres = np.array([[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]])
        x = np.round(centres[species] + rng.normal(0, [0.35, 0.3, 0.3, 0.15], size=(n, 4)).clip(-0.9, 0.9), 1)
        x = np.abs(x).clip(0.1, None)
        names = np.array(["Iris-setosa", "Iris-versicolor", "Iris-virginica"])
        header = "sepal_length,sepal_width,petal_length,petal_width,species\n" if name.endswith(".csv") else ""
        if header:
            names = np.array(["setosa", "versicolor", "virginica"])
        return header + "".join(f"{a:g},{b:g},{c:g},{d:g},{names[s]}\n" for (a, b, c, d), s in zip(x, species))
    if kind == "pima":
        label = (rng.random(n) < 0.35).astype(int)
        means = np.array([3.8, 120, 69, 20, 80, 32, 0.47, 33])
        spread = np.array([3.4, 32, 19, 16, 115, 7.9, 0.33, 11.8])
        x = means + spread * (rng.normal(size=(n, 8)) + 0.6 * label[:, None])
        x = np.abs(x)
        x[:, [0, 1, 2, 3, 4, 7]] = np.round(x[:, [0, 1, 2, 3, 4, 7]])
        return "".join(",".join(f"{v:g}" for v in np.round(row, 3)) + f",{lab}\n" for row, lab in zip(x, label))
    if kind == "sonar":
        label = (rng.random(n) < 0.53).astype(int)
        bands = np.sin(np.linspace(0, 3, 60))[None] * (0.3 + 0.2 * label[:, None])
        x = np.clip(bands + rng.normal(0, 0.1, size=(n, 60)), 0.0, 1.0)
        return "".join(",".join(f"{v:.4f}" for v in row) + ("," + "RM"[lab] + "\n") for row, lab in zip(x, label))
    # housing: 13 features on their real scales and the price (5-50), whitespace-separated like UCI's file
    (x, y), (x_test, y_test) = synthetic.loaders(seed)["boston_housing"]()
    rows = np.column_stack([np.concatenate([x, x_test])[:n], np.concatenate([y, y_test])[:n]])
    return "".join(" ".join(f"{v:8.4f}" for v in row) + "\n" for row in rows)


class _Response(io.BytesIO):
    """What urlopen returns, enough for read(), iteration, `with`, getcode() and headers."""

    def __init__(self, url, body: bytes):
        super().__init__(body)
        self.url, self.status, self.headers = str(getattr(url, "full_url", url)), 200, {}

    def getcode(self):
        return self.status

    def geturl(self):
        return self.url

    def info(self):
        return self.headers


class _RequestsResponse:
    """What requests.get returns, enough for .content, .text, .raise_for_status() and iter_content()."""

    def __init__(self, url, body: bytes):
        self.url, self.content, self.status_code, self.ok, self.headers = str(url), body, 200, True, {}

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def raise_for_status(self):
        return None

    def iter_content(self, chunk_size=1 << 16, decode_unicode=False):
        size = chunk_size or len(self.content) or 1  # chunk_size=None: the whole body at once
        for i in range(0, len(self.content), size):
            yield self.content[i:i + size]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def install(seed: int = 0, announce=lambda path: None) -> list[str]:
    """Patch the download functions and provide TF1's input_data. Returns what was patched.

    `announce(path)` is called before a synthetic file is written where the script downloads to: the
    parent deletes it when the probe ends, on every exit path. An existing file is never overwritten
    (the script then reads what is there, as after a real download of the same file)."""
    patched = []
    import urllib.request

    real_retrieve, real_open = urllib.request.urlretrieve, urllib.request.urlopen

    def urlretrieve(url, filename=None, reporthook=None, data=None):
        name = _file_name(url)
        if filename is not None and os.path.exists(filename) and _known(name):
            return os.fspath(filename), {}
        # the real labels beside it: images of those classes, or the pair would not match
        body = dataset_bytes(name, seed, _labels_beside(os.fspath(filename)) if filename is not None else None)
        if body is None:
            return real_retrieve(url, filename, reporthook, data)
        if filename is None:
            import tempfile

            filename = os.path.join(tempfile.mkdtemp(prefix=SYNTHETIC_FOLDER_PREFIX), name)
        filename = os.fspath(filename)
        announce(os.path.abspath(filename))
        with open(filename, "wb") as fh:
            fh.write(body)
        return filename, {}

    def urlopen(url, *args, **kwargs):
        body = dataset_bytes(_file_name(url), seed)
        return real_open(url, *args, **kwargs) if body is None else _Response(url, body)

    urllib.request.urlretrieve, urllib.request.urlopen = urlretrieve, urlopen
    patched += ["urllib.request.urlretrieve", "urllib.request.urlopen"]
    try:
        requests = importlib.import_module("requests")
    except Exception:  # noqa: BLE001 - not installed: nothing to patch
        requests = None
    if requests is not None:
        real_get = requests.get

        def get(url, *args, **kwargs):
            body = dataset_bytes(_file_name(url), seed)
            return real_get(url, *args, **kwargs) if body is None else _RequestsResponse(url, body)

        requests.get = get
        patched.append("requests.get")
    if _install_input_data(seed):
        patched.append("tensorflow.examples.tutorials.mnist.input_data")
    return patched


# -- TF1's MNIST tutorial loader ------------------------------------------------------------------------------

class DataSet:
    """tensorflow.examples.tutorials.mnist's DataSet: images, labels, num_examples, next_batch()."""

    def __init__(self, images: np.ndarray, labels: np.ndarray, seed: int):
        self.images, self.labels = images, labels
        self.num_examples = len(images)
        self.epochs_completed, self._index = 0, 0
        self._rng = np.random.default_rng(seed)
        self._order = np.arange(self.num_examples)

    def next_batch(self, batch_size, fake_data=False, shuffle=True):
        if self._index == 0 and shuffle:
            self._order = self._rng.permutation(self.num_examples)
        if self._index + batch_size > self.num_examples:
            self.epochs_completed += 1
            self._index = 0
            if shuffle:
                self._order = self._rng.permutation(self.num_examples)
        index = self._order[self._index:self._index + batch_size]
        self._index += batch_size
        return self.images[index], self.labels[index]


def read_data_sets_for(seed: int):
    def read_data_sets(train_dir="MNIST_data", fake_data=False, one_hot=False, dtype=np.float32, reshape=True,
                       validation_size=5000, seed_=None, source_url=None, **kwargs):
        data = _mnist(seed)

        def prepare(images, labels):
            images = images.astype(np.float32) / 255.0
            images = images.reshape(len(images), -1) if reshape else images[..., None]
            labels = np.eye(10, dtype=np.float64)[labels] if one_hot else labels.astype(np.uint8)
            return images, labels

        x, y = prepare(*data["train"])
        x_test, y_test = prepare(*data["test"])
        splits = types.SimpleNamespace(
            train=DataSet(x[validation_size:], y[validation_size:], seed),
            validation=DataSet(x[:validation_size], y[:validation_size], seed + 1),
            test=DataSet(x_test, y_test, seed + 2))
        return splits

    return read_data_sets


def _install_input_data(seed: int) -> bool:
    """Provide `tensorflow.examples.tutorials.mnist.input_data` when TensorFlow has none (TF 2)."""
    name = "tensorflow.examples.tutorials.mnist.input_data"
    try:
        importlib.import_module(name)
        return False  # a real one: leave it
    except Exception:  # noqa: BLE001 - TensorFlow 2, or no TensorFlow
        pass
    parts = name.split(".")
    parent = None
    for depth in range(2, len(parts) + 1):
        module_name = ".".join(parts[:depth])
        module = sys.modules.get(module_name)
        if module is None:
            module = types.ModuleType(module_name, "kerlint --synthetic stand-in")
            module.__path__ = []  # a package, so the next level imports from sys.modules
            sys.modules[module_name] = module
        if parent is not None:
            setattr(parent, parts[depth - 1], module)
        parent = module
    parent.read_data_sets = read_data_sets_for(seed)
    parent.DataSet = DataSet
    tensorflow = sys.modules.get("tensorflow")
    if tensorflow is not None and not hasattr(tensorflow, "examples"):
        tensorflow.examples = sys.modules["tensorflow.examples"]
    return True

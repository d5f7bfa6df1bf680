"""--synthetic covers the downloads scripts make themselves (issue 15, item 4): urllib.request.urlretrieve /
urlopen and requests.get of known dataset files, in each file's real format and size, and TF1's
tensorflow.examples.tutorials.mnist.input_data; unknown URLs still go to the network."""

import gzip
import io
import os
import struct
import urllib.request

import numpy as np
import pytest

from kerlint.probe import downloads
from tests.probe.conftest import run_probe_cli, symptoms, write_script


@pytest.fixture
def patched(monkeypatch):
    """downloads.install() on this process, undone afterwards."""
    import sys

    import requests

    for owner, name in ((urllib.request, "urlretrieve"), (urllib.request, "urlopen"), (requests, "get")):
        monkeypatch.setattr(owner, name, getattr(owner, name))
    yield downloads.install(0)
    for module in [m for m in sys.modules if m.startswith("tensorflow.examples")]:
        del sys.modules[module]  # the stand-in package, so no other test imports it


def test_mnist_idx_files_have_lecuns_format_and_real_sizes(patched, tmp_path):
    assert "urllib.request.urlretrieve" in patched and "requests.get" in patched
    path, _ = urllib.request.urlretrieve("http://yann.lecun.com/exdb/mnist/train-images-idx3-ubyte.gz",
                                         tmp_path / "train-images.gz")
    raw = gzip.open(path).read()
    assert struct.unpack(">IIII", raw[:16]) == (2051, 60000, 28, 28) and len(raw) == 16 + 60000 * 784
    labels = gzip.decompress(urllib.request.urlopen(
        "https://storage.googleapis.com/cvdf-datasets/mnist/t10k-labels-idx1-ubyte.gz").read())
    assert struct.unpack(">II", labels[:8]) == (2049, 10000) and max(labels[8:]) == 9
    with urllib.request.urlopen("https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz") as r:
        npz = np.load(io.BytesIO(r.read()))
    assert npz["x_train"].shape == (60000, 28, 28) and npz["x_train"].dtype == np.uint8


def test_csv_datasets_parse_as_the_real_files_do(patched):
    import requests

    iris = np.genfromtxt(urllib.request.urlopen(
        "https://archive.ics.uci.edu/ml/machine-learning-databases/iris/iris.data"), delimiter=",", dtype=None,
        encoding=None)
    assert len(iris) == 150 and {row[4] for row in iris} == {"Iris-setosa", "Iris-versicolor", "Iris-virginica"}
    pima = np.loadtxt(io.StringIO(requests.get(
        "https://raw.githubusercontent.com/jbrownlee/Datasets/master/pima-indians-diabetes.data.csv").text),
        delimiter=",")
    assert pima.shape == (768, 9) and set(np.unique(pima[:, 8])) == {0.0, 1.0} and pima[:, 1].max() > 100
    housing = np.loadtxt(io.BytesIO(urllib.request.urlopen(
        "https://raw.githubusercontent.com/jbrownlee/Datasets/master/housing.csv").read()))
    assert housing.shape == (506, 14) and 5 <= housing[:, 13].min() and housing[:, 13].max() <= 50
    sonar = requests.get("https://x.invalid/sonar.all-data").text.splitlines()
    assert len(sonar) == 208 and {line.rsplit(",", 1)[1] for line in sonar} == {"R", "M"}


def test_unknown_urls_still_go_to_the_network(patched):
    with pytest.raises(OSError):  # no such host: the real urlopen ran
        urllib.request.urlopen("http://kerlint-no-such-host.invalid/model-weights.bin", timeout=5)


def test_tf1_input_data_is_provided_with_its_real_splits(patched):
    from tensorflow.examples.tutorials.mnist import input_data

    mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
    assert (mnist.train.num_examples, mnist.validation.num_examples, mnist.test.num_examples) == (55000, 5000, 10000)
    assert mnist.train.images.shape == (55000, 784) and mnist.train.images.dtype == np.float32
    assert 0.0 <= mnist.train.images.min() and mnist.train.images.max() <= 1.0
    x, y = mnist.train.next_batch(100)
    assert x.shape == (100, 784) and y.shape == (100, 10) and np.all(y.sum(axis=1) == 1)


DOWNLOADER = '''\
import gzip, os, struct, urllib.request
import numpy as np
import keras
from keras import layers

def load(name):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache-" + name)
    if not os.path.exists(path):
        urllib.request.urlretrieve("https://storage.googleapis.com/cvdf-datasets/mnist/" + name, path)
    raw = gzip.open(path).read()
    if struct.unpack(">I", raw[:4])[0] == 2051:
        return np.frombuffer(raw, np.uint8, offset=16).reshape(-1, 784)
    return np.frombuffer(raw, np.uint8, offset=8)

x_train = load("train-images-idx3-ubyte.gz").astype("float32") / 255
y_train = load("train-labels-idx1-ubyte.gz")
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(64, activation="relu"),
                          layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=1)
'''

TF1 = '''\
from tensorflow.examples.tutorials.mnist import input_data
import keras
from keras import layers

mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(64, activation="relu"),
                          layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(mnist.train.images, mnist.train.labels, batch_size=128, epochs=1)
'''


@pytest.mark.probe
@pytest.mark.parametrize("name, text", [("downloader", DOWNLOADER), ("tf1", TF1)])
def test_scripts_that_download_their_own_data_reach_fit_with_synthetic(tmp_path, name, text):
    script = write_script(tmp_path, f"{name}.py", text)
    code, report, _, stderr = run_probe_cli(script, "--synthetic", "--max-steps", "40", "--output-format", "json", "-q")
    assert report is not None and report["status"] == "ok", stderr[-3000:]
    assert report["model"]["samples_available"] in (60000, 55000)
    assert not any(s["observed"] for s in symptoms(report).values())  # a healthy model on learnable data
    assert code == 0
    # the synthetic files the script downloaded into its folder are gone: fake data never outlives the probe
    assert os.listdir(tmp_path) == [f"{name}.py"]


@pytest.mark.probe
def test_a_synthetic_download_never_overwrites_a_file_and_is_removed_when_the_probe_is_killed(tmp_path):
    labels = tmp_path / "cache-train-labels-idx1-ubyte.gz"
    labels.write_bytes(b"the user's own file")
    script = write_script(tmp_path, "stuck.py", """\
import time, urllib.request
BASE = "https://storage.googleapis.com/cvdf-datasets/mnist/"
urllib.request.urlretrieve(BASE + "train-labels-idx1-ubyte.gz", "cache-train-labels-idx1-ubyte.gz")  # exists
urllib.request.urlretrieve(BASE + "train-images-idx3-ubyte.gz", "cache-train-images-idx3-ubyte.gz")  # new
assert open("cache-train-images-idx3-ubyte.gz", "rb").read(2) == b"\\x1f\\x8b"  # written (gzip)
time.sleep(600)
""")
    code, report, _, _ = run_probe_cli(script, "--synthetic", "--timeout", "12", "--output-format", "json", "-q")
    assert report["status"] == "timeout"
    assert labels.read_bytes() == b"the user's own file"
    assert sorted(os.listdir(tmp_path)) == ["cache-train-labels-idx1-ubyte.gz", "stuck.py"]


def test_synthetic_images_beside_real_labels_are_drawn_for_those_labels(patched, tmp_path):
    """A partial copy of MNIST (the labels file without its images): the images downloaded for it show the
    classes of those labels, or a healthy model could not learn the pair."""
    truth = np.random.default_rng(5).integers(0, 10, 3000).astype(np.uint8)
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(struct.pack(">II", 2049, len(truth)) + truth.tobytes()))
    path, _ = urllib.request.urlretrieve("https://x.invalid/mnist/train-images-idx3-ubyte.gz",
                                         str(tmp_path / "train-images-idx3-ubyte.gz"))
    raw = gzip.open(path).read()
    assert struct.unpack(">IIII", raw[:16]) == (2049 + 2, 3000, 28, 28)
    images = np.frombuffer(raw, np.uint8, offset=16).reshape(3000, -1).astype(float)
    centroids = np.stack([images[truth == c].mean(axis=0) for c in range(10)])
    nearest = np.argmin(((images[:, None, :] - centroids[None]) ** 2).sum(-1), axis=1)
    assert (nearest == truth).mean() > 0.9

"""--synthetic stand-ins: same shapes, dtypes and value ranges as the real loaders, and learnable."""

import numpy as np
import pytest

from kerlint.probe import synthetic


@pytest.mark.parametrize("name, image_shape, label_shape, classes", [
    ("mnist", (28, 28), (), 10),
    ("fashion_mnist", (28, 28), (), 10),
    ("cifar10", (32, 32, 3), (1,), 10),
    ("cifar100", (32, 32, 3), (1,), 100),
])
def test_image_loaders_match_the_real_shapes_and_uint8_range(name, image_shape, label_shape, classes):
    (x, y), (x_test, y_test) = synthetic.loaders()[name]()
    assert x.dtype == np.uint8 and x.shape[1:] == image_shape and y.shape[1:] == label_shape
    assert x.min() >= 0 and x.max() <= 255 and x.max() > 200  # the full 0-255 range, not 0-1
    assert y.dtype == np.uint8 and y.min() == 0 and y.max() == classes - 1
    assert x_test.shape[1:] == image_shape and len(y_test) == len(x_test)


def test_images_are_class_structured_so_a_healthy_model_can_learn_them():
    (x, y), (x_test, y_test) = synthetic.loaders()["mnist"]()
    x, x_test = x.reshape(len(x), -1).astype(float), x_test.reshape(len(x_test), -1).astype(float)
    centroids = np.stack([x[y == c].mean(axis=0) for c in range(10)])
    predicted = np.argmin(((x_test[:, None, :] - centroids[None]) ** 2).sum(-1), axis=1)
    assert (predicted == y_test).mean() > 0.9  # nearest-centroid already separates the classes


@pytest.mark.parametrize("name", ["mnist", "fashion_mnist", "cifar10", "cifar100"])
def test_images_have_the_real_datasets_pixel_statistics(name):
    """Saturation, dead units and the loss at initialisation depend on the pixel scale, so the stand-ins
    keep the real datasets' per-channel mean and standard deviation and their black background."""
    (x, _), _ = synthetic.loaders()[name]()
    x = x[:synthetic.POOL_SAMPLES].astype(np.float64) / 255
    x = x.reshape(len(x), -1, 1 if x.ndim == 3 else x.shape[-1])
    look = synthetic.LOOKS[name]
    assert np.allclose(x.mean(axis=(0, 1)), look.mean, atol=0.03)
    assert np.allclose(x.std(axis=(0, 1)), look.std, atol=0.03)
    assert abs((x == 0).mean() - look.background) < 0.05


def test_digits_are_black_background_with_bright_strokes_not_uniform_noise():
    (x, y), _ = synthetic.loaders()["mnist"]()
    x = x[:synthetic.POOL_SAMPLES]
    ink = x[x > 0]
    assert (x == 0).mean() > 0.75 and np.median(ink) > 128  # most pixels black, the strokes bright
    # a class keeps its background in every sample: the same pixels are 0 in all its images
    digits = x[y[:len(x)] == 3]
    assert (digits == 0).all(axis=0).mean() > 0.75


def test_cifar100_coarse_labels_have_20_classes():
    (_, y), _ = synthetic.loaders()["cifar100"](label_mode="coarse")
    assert y.max() == 19


def test_imdb_returns_word_id_sequences_within_num_words():
    (x, y), _ = synthetic.loaders()["imdb"](num_words=5000, maxlen=100)
    assert x.dtype == object and isinstance(x[0], list) and x[0][0] == 1
    assert max(max(s) for s in x) < 5000 and max(len(s) for s in x) <= 100
    assert set(np.unique(y)) == {0, 1}


def test_boston_housing_is_float_regression_data_on_real_scales():
    (x, y), (x_test, y_test) = synthetic.loaders()["boston_housing"]()
    assert x.shape[1] == 13 and x.dtype == np.float64 and x.max() > 100
    assert 5 <= y.min() and y.max() <= 50 and len(x_test) == len(y_test)


def test_same_seed_same_data():
    a = synthetic.loaders(seed=3)["mnist"]()[0][0]
    b = synthetic.loaders(seed=3)["mnist"]()[0][0]
    assert np.array_equal(a, b)


def test_get_file_stand_in_never_downloads_and_points_outside_the_project():
    path = synthetic._get_file("flower_photos.tgz", origin="https://example.invalid/flower_photos.tgz", extract=True)
    assert path.endswith("flower_photos.tgz") and "kerlint-synthetic-downloads" in path
    assert synthetic._get_file(origin="https://example.invalid/data.zip").endswith("data.zip")


@pytest.mark.parametrize("name", sorted(synthetic.REAL_SIZES))
def test_every_loader_has_the_real_datasets_sample_counts(name):
    (x, y), (x_test, y_test) = synthetic.loaders()[name]()
    assert (len(x), len(x_test)) == synthetic.REAL_SIZES[name]
    assert len(y) == len(x) and len(y_test) == len(x_test)


def test_hard_coded_real_sizes_keep_working():
    """`reshape(60000, 784)` and `x_train[:50000]` as scripts written for the real MNIST do."""
    (x, y), (x_test, _) = synthetic.loaders()["mnist"]()
    flat = x.reshape(60000, 784)
    assert flat.shape == (60000, 784) and x_test.reshape(10000, 784).shape == (10000, 784)
    assert len(x[50000:]) == 10000 and len(np.unique(y[50000:])) == 10  # a tail slice still has every class
    # the first POOL_SAMPLES are distinct, later ones repeat them in order (same label with the same image)
    pool = synthetic.POOL_SAMPLES
    assert np.array_equal(x[pool:2 * pool], x[:pool]) and np.array_equal(y[pool:2 * pool], y[:pool])

"""What the probe samples from fit()'s arguments (numpy only: no TensorFlow needed)."""

import numpy as np
import pytest

from kerlint.probe import fitdata


def test_python_lists_are_one_input_and_the_default_batch_size_is_keras_32():
    data = fitdata.from_fit_arguments({"x": [[0.1, 0.2]] * 100, "y": [0, 1] * 50}, max_steps=10)
    assert data.x.shape == (100, 2) and data.y.shape == (100,)
    assert data.source == "arrays" and data.batch_size == 32 and data.available == 100


def test_a_list_of_arrays_is_a_multi_input_model_and_dicts_keep_their_names():
    data = fitdata.from_fit_arguments({"x": [np.zeros((100, 3)), np.ones((100, 2))], "y": np.arange(100)}, 1)
    assert [a.shape for a in data.x] == [(100, 3), (100, 2)]
    data = fitdata.from_fit_arguments({"x": {"img": np.zeros((50, 4)), "meta": np.ones((50, 1))}}, 1)
    assert set(data.x) == {"img", "meta"} and data.y is None


def test_validation_split_is_held_out_and_the_sample_is_random_like_fits_shuffling():
    x = np.arange(10000).reshape(-1, 1)
    data = fitdata.from_fit_arguments({"x": x, "y": x[:, 0], "validation_split": 0.5}, max_steps=2, seed=0)
    assert data.x.shape == (512, 1) and data.x.max() < 5000  # never the held-out half
    assert data.shuffle and data.x[:, 0].tolist() != list(range(512))
    assert np.array_equal(data.x[:, 0], data.y)  # inputs and labels stay paired


def test_shuffle_false_keeps_the_file_order():
    x = np.arange(10000).reshape(-1, 1)
    data = fitdata.from_fit_arguments({"x": x, "y": x[:, 0], "shuffle": False}, max_steps=20, seed=0)
    assert not data.shuffle and data.x[:, 0].tolist() == list(range(640))


def test_generators_and_pydatasets_are_read_batch_by_batch_up_to_max_steps():
    def batches():
        while True:  # an endless generator must not hang the probe
            yield np.zeros((8, 2)), np.zeros(8), np.ones(8)  # (x, y, sample_weight)

    data = fitdata.from_fit_arguments({"x": batches()}, max_steps=5)
    assert data.x.shape == (40, 2) and data.y.shape == (40,) and data.batch_size == 8
    assert data.source == "generator"

    class PyDataset:  # stands in for keras.utils.PyDataset (matched by class name in the MRO)
        def __len__(self):
            return 3

        def __getitem__(self, i):
            return np.full((4, 2), i), np.full(4, i)

    data = fitdata.from_fit_arguments({"x": PyDataset()}, max_steps=10)
    assert data.source == "PyDataset" and data.x.shape == (12, 2) and data.y.tolist()[-1] == 2


def test_fit_without_data_is_an_error():
    with pytest.raises(ValueError, match="without training data"):
        fitdata.from_fit_arguments({"x": None}, max_steps=1)

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


def test_the_planned_training_length_is_epochs_times_steps_per_epoch():
    x = np.zeros((400, 2))
    data = fitdata.from_fit_arguments({"x": x, "y": x[:, 0], "epochs": 50, "batch_size": 32}, max_steps=10)
    assert data.planned_steps == 50 * 13
    # validation_split leaves 320 samples to train on; initial_epoch counts off the epochs already done
    data = fitdata.from_fit_arguments({"x": x, "y": x[:, 0], "epochs": 10, "initial_epoch": 4, "batch_size": 32,
                                       "validation_split": 0.2}, max_steps=10)
    assert data.planned_steps == 6 * 10
    assert fitdata.planned_steps({"epochs": 3, "steps_per_epoch": 61}, None, 16) == 183
    assert fitdata.planned_steps({"epochs": 3}, None, 16) is None  # a generator of unknown length


def test_batches_are_pulled_until_the_time_share_is_used_but_never_fewer_than_a_few():
    import time

    def slow():
        while True:
            time.sleep(0.01)
            yield np.zeros((4, 3)), np.zeros(4)

    started = time.monotonic()
    data = fitdata.from_fit_arguments({"x": slow()}, max_steps=1000, deadline=time.monotonic() + 0.2)
    assert fitdata.MIN_TIMED_BATCHES * 4 <= fitdata.num_samples(data.x) < 1000 * 4
    assert time.monotonic() - started < 2  # 0.25 of the 0.2 s left, plus the minimum batches
    data = fitdata.from_fit_arguments({"x": iter([(np.zeros((4, 3)), np.zeros(4))] * 30)}, max_steps=1000)
    assert fitdata.num_samples(data.x) == 120  # no deadline: every batch

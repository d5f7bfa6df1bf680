"""Turn whatever the script passed to `fit()` into a bounded sample of numpy arrays.

`fit` accepts arrays, tf.data.Dataset, Python generators, keras PyDataset (and Sequence in tf_keras).
The measurements all work on one in-memory sample, so they never care which of these it was. Runs in
the child process only (TensorFlow is importable there).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

DEFAULT_BATCH_SIZE = 32  # Keras' own default when fit() gets arrays and no batch_size
MAX_SAMPLE_BYTES = 256 * 1024 * 1024
MAX_BATCHES = 1000  # from datasets/generators; more steps than this reuse the same batches


@dataclass
class FitData:
    x: Any  # a numpy array, or a list/dict of them for multi-input models
    y: Any  # numpy array (or nest) or None when the model computes its own loss targets
    batch_size: int
    source: str  # "arrays", "tf.data.Dataset", "PyDataset", "generator"
    available: int | None  # how many training samples the script had, when known
    validation: tuple[Any, Any] | None = None
    shuffle: bool = True  # False when fit(shuffle=False) on arrays: batches then come in order
    planned_steps: int | None = None  # the training steps the script's fit() asks for, when known


def planned_steps(args: dict, trained_samples: int | None, batch_size: int) -> int | None:
    """Steps the script's own fit() would train: (epochs - initial_epoch) x steps per epoch, where an epoch
    is steps_per_epoch or ceil(samples / batch_size) for arrays; None when fit() does not say (a dataset or
    generator without steps_per_epoch)."""
    epochs, initial = args.get("epochs", 1), args.get("initial_epoch", 0) or 0
    if not isinstance(epochs, (int, float)) or not isinstance(initial, (int, float)) or epochs <= initial:
        return None
    per_epoch = args.get("steps_per_epoch")
    if not isinstance(per_epoch, int) or per_epoch <= 0:
        if trained_samples is None or batch_size <= 0:
            return None
        per_epoch = -(-trained_samples // batch_size)
    return int((epochs - initial) * per_epoch)


def _map(fn, nest):
    if isinstance(nest, dict):
        return {k: _map(fn, v) for k, v in nest.items()}
    if isinstance(nest, (list, tuple)):
        return type(nest)(_map(fn, v) for v in nest)
    return fn(nest)


def leaves(nest) -> list:
    if nest is None:
        return []
    if isinstance(nest, dict):
        return [leaf for v in nest.values() for leaf in leaves(v)]
    if isinstance(nest, (list, tuple)):
        return [leaf for v in nest for leaf in leaves(v)]
    return [nest]


def num_samples(nest) -> int:
    first = leaves(nest)
    return len(first[0]) if first else 0


def take(nest, index):
    """Rows `index` (a slice or an index array) of every array in the nest."""
    return _map(lambda a: a[index], nest)


def _as_arrays(value):
    """Arrays, a list/dict of arrays (multi-input), or array-like Python lists (one input)."""
    if isinstance(value, dict):
        return {k: np.asarray(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and value and all(hasattr(v, "shape") for v in value):
        return type(value)(np.asarray(v) for v in value)
    return np.asarray(value)


def _to_numpy(value):
    if value is None:
        return None
    if hasattr(value, "numpy"):
        return value.numpy()
    return np.asarray(value)


def _split_element(element):
    """A dataset/generator element is x, (x,), (x, y) or (x, y, sample_weight)."""
    if isinstance(element, tuple):
        if len(element) == 1:
            return element[0], None
        return element[0], element[1]
    return element, None


def _concat(batches):
    xs = [b[0] for b in batches]
    ys = [b[1] for b in batches]
    x = _map_many(xs)
    y = None if ys[0] is None else _map_many(ys)
    return x, y


def _map_many(items):
    first = items[0]
    if isinstance(first, dict):
        return {k: _map_many([it[k] for it in items]) for k in first}
    if isinstance(first, (list, tuple)):
        return type(first)(_map_many([it[i] for it in items]) for i in range(len(first)))
    return np.concatenate([np.asarray(it) for it in items], axis=0)


MIN_TIMED_BATCHES = 8  # collected whatever the time; more only while stop_at has not passed


def _collect(next_batch, max_batches: int, limit: int = 1 << 62, stop_at: float = math.inf):
    """Pull batches from `next_batch()` (None when exhausted): at most `max_batches` batches, `limit`
    samples or MAX_SAMPLE_BYTES, and after MIN_TIMED_BATCHES none once time.monotonic() passes `stop_at`
    (a generator that reads images from disk); the training run cycles through what was collected."""
    batches, count, batch_size, size_bytes = [], 0, None, 0
    max_batches = min(max_batches, MAX_BATCHES)
    while count < limit and len(batches) < max_batches and size_bytes < MAX_SAMPLE_BYTES and not (
            len(batches) >= MIN_TIMED_BATCHES and time.monotonic() > stop_at):
        element = next_batch()
        if element is None:
            break
        x, y = _split_element(element)
        x, y = _map(_to_numpy, x), _map(_to_numpy, y) if y is not None else None
        size = num_samples(x)
        if size == 0:
            break
        batch_size = batch_size or size
        batches.append((x, y))
        count += size
        size_bytes += sum(int(getattr(a, "nbytes", 0)) for a in leaves(x) + leaves(y))
    if not batches:  # an empty dataset: KP113 (unusable training data) reports it as a data finding
        return np.empty((0,), dtype=np.float32), None, batch_size or 0
    x, y = _concat(batches)
    return x, y, batch_size


def _is_pydataset(obj) -> bool:
    names = {cls.__name__ for cls in type(obj).__mro__}
    return bool(names & {"PyDataset", "Sequence"}) and hasattr(obj, "__getitem__") and hasattr(obj, "__len__")


def sample_limit(x, max_steps: int, batch_size: int) -> int:
    """Enough samples for max_steps distinct batches, capped by memory."""
    limit = max(max_steps * batch_size, 512)
    leaf_list = leaves(x) if not hasattr(x, "element_spec") else []
    if leaf_list and hasattr(leaf_list[0], "nbytes") and len(leaf_list[0]):
        per_sample = sum(int(a.nbytes) // max(len(a), 1) for a in leaf_list if hasattr(a, "nbytes"))
        limit = min(limit, max(64, MAX_SAMPLE_BYTES // max(per_sample, 1)))
    return limit


COLLECT_SHARE = 0.25  # of the time to the deadline, for pulling batches from a dataset or generator


def from_fit_arguments(args: dict, max_steps: int, seed: int = 0, deadline: float | None = None) -> FitData:
    """`args` are fit()'s bound arguments (x, y, batch_size, validation_data, ...). With a `deadline`
    (time.monotonic()), batches of a dataset or generator are pulled for COLLECT_SHARE of the time left."""
    now = time.monotonic()
    stop_at = math.inf if deadline is None else now + COLLECT_SHARE * max(deadline - now, 0.0)
    x, y = args.get("x"), args.get("y")
    batch_size = args.get("batch_size") or DEFAULT_BATCH_SIZE
    if x is None:
        raise ValueError("fit() was called without training data (x is None)")

    if type(x).__name__.endswith("Dataset") and hasattr(x, "element_spec"):  # tf.data.Dataset
        iterator = iter(x)
        xs, ys, batch_size = _collect(lambda: next(iterator, None), max_steps, stop_at=stop_at)
        source, available = "tf.data.Dataset", None
    elif _is_pydataset(x):
        index = iter(range(len(x)))
        xs, ys, batch_size = _collect(lambda: (lambda i: None if i is None else x[i])(next(index, None)),
                                      max_steps, stop_at=stop_at)
        source, available = "PyDataset", None
    elif hasattr(x, "__next__"):  # a Python generator / iterator
        xs, ys, batch_size = _collect(lambda: next(x, None), max_steps, stop_at=stop_at)
        source, available = "generator", None
    else:
        xs = _as_arrays(x)
        ys = _as_arrays(y) if y is not None else None
        available = num_samples(xs)
        source = "arrays"
        split = float(args.get("validation_split") or 0.0)
        if 0 < split < 1:  # Keras holds out the last fraction; it never trains on it
            keep = int(available * (1 - split))
            xs, ys = take(xs, slice(0, keep)), (take(ys, slice(0, keep)) if ys is not None else None)

    trained = num_samples(xs) if source == "arrays" else None
    planned = planned_steps(args, trained, int(batch_size))
    # Keras shuffles arrays every epoch unless shuffle=False: sample them the way fit would see them
    shuffle = bool(args.get("shuffle", True)) if source == "arrays" else True
    limit = sample_limit(xs, max_steps, batch_size)
    if num_samples(xs) > limit:
        rows = np.sort(np.random.default_rng(seed).choice(num_samples(xs), limit, replace=False)) if shuffle \
            else slice(0, limit)
        xs = take(xs, rows)
        ys = take(ys, rows) if ys is not None else None
    return FitData(x=xs, y=ys, batch_size=max(int(batch_size), 1), source=source, available=available,
                   validation=_validation(args.get("validation_data"), limit), shuffle=shuffle,
                   planned_steps=planned)


def _validation(value, limit: int):
    """validation_data: (x, y[, w]) arrays or a dataset; a small sample is enough for range checks."""
    if value is None:
        return None
    try:
        if isinstance(value, (tuple, list)) and len(value) >= 2:
            x, y = _map(np.asarray, value[0]), _map(np.asarray, value[1])
            n = min(num_samples(x), limit)
            return take(x, slice(0, n)), take(y, slice(0, n))
        if hasattr(value, "element_spec"):
            iterator = iter(value)
            x, y, _ = _collect(lambda: next(iterator, None), max_batches=64, limit=1024)
            return x, y
    except Exception:  # noqa: BLE001 - validation data is only used for optional range checks
        return None
    return None

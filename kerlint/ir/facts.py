"""Small facts the extractor records beside the model graph (kept out of extractor.py to keep it short)."""

from __future__ import annotations


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def swept_numbers(items) -> set:
    """The numbers of a loop's items when the loop tries several values of a real-valued setting
    (`for lr in (1e-1, 1e-2, 1e-3)`, `for lr, bs in [(1e-2, 32), (1e-3, 64)]`): a hyper-parameter sweep.
    A loop over one value, or over integers only (`range(5)`), is no sweep."""
    numbers = {value for item in items for value in (item if isinstance(item, (tuple, list)) else (item,))
               if _number(value)}
    if len(numbers) < 2 or all(float(value).is_integer() for value in numbers):
        return set()
    return numbers


def is_swept(value, numbers: set) -> bool:
    """A number that some loop of the file tried among others: chosen by a sweep, not written as a mistake."""
    return _number(value) and value in numbers

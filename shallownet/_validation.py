"""Input checks shared by every public function.

Each check costs O(1) (it reads shapes and dtypes, never values), except the ones
whose name says they scan values: `check_labels` and `check_finite`.
Messages use the page's notation: ``b1 must have shape (n_h, 1) = (4, 1), got (4,)``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[Any]

PARAMETER_KEYS = ("W1", "b1", "W2", "b2")
GRADIENT_KEYS = ("dW1", "db1", "dW2", "db2")
CACHE_KEYS = ("Z1", "A1", "Z2", "A2")
SYMBOLS = {"W1": ("n_h", "n_x"), "b1": ("n_h", "1"), "W2": ("n_y", "n_h"), "b2": ("n_y", "1")}


class ShapeError(ValueError):
    """An array does not have the shape its equation needs.

    A subclass of `ValueError`, so ``except ValueError`` catches it too.
    """

    __module__ = "shallownet"  # tracebacks name it as users import it


class TrainingWarning(RuntimeWarning):
    """Training ran, but something went wrong that no error stops: the cost diverged, every
    hidden unit saturated, or the labels hold one class.

    Turn it off with ``warnings.filterwarnings("ignore", category=sn.TrainingWarning)``.
    """

    __module__ = "shallownet"


def as_array(name: str, value: object) -> NDArray[Any]:
    """Return ``value`` as a real numeric ndarray, or raise `TypeError`."""
    array = value if isinstance(value, np.ndarray) else np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be an array of real numbers, got dtype {array.dtype}")
    return array


def _fmt(dims: tuple[int | None, ...], symbols: tuple[str, ...]) -> str:
    shown = [sym if d is None else str(d) for d, sym in zip(dims, symbols, strict=True)]
    return "(" + ", ".join(shown) + ("," if len(shown) == 1 else "") + ")"


def check_shape(
    name: str,
    value: object,
    symbols: tuple[str, ...],
    expected: tuple[int | None, ...],
) -> NDArray[Any]:
    """Return ``value`` as an array of shape ``expected``, or raise `ShapeError`.

    ``symbols`` names each dimension in the page's notation, for example
    ``("n_h", "1")``; a ``None`` in ``expected`` accepts any size.
    """
    array = as_array(name, value)
    shape = array.shape
    if len(shape) != len(expected) or any(
        e is not None and s != e for s, e in zip(shape, expected, strict=False)
    ):
        wanted = "(" + ", ".join(symbols) + ")"
        if all(e is None for e in expected):
            raise ShapeError(
                f"{name} must have shape {wanted}, a {len(expected)}-D array, got {shape}"
            )
        raise ShapeError(
            f"{name} must have shape {wanted} = {_fmt(expected, symbols)}, got {shape}"
        )
    return array


def check_labels(name: str, Y: NDArray[Any]) -> None:
    """Raise `ValueError` unless every entry of ``Y`` is 0 or 1 (scans the values)."""
    if Y.dtype.kind == "b":
        return
    if not ((Y == 0) | (Y == 1)).all():
        bad = Y[(Y != 0) & (Y != 1)].ravel()[:3]
        raise ValueError(f"{name} must hold binary labels 0 or 1, found {bad.tolist()}")


FINITE_BLOCK = 1 << 16  # numbers per block of check_finite: its mask stays in cache


def _finite_blocks(array: NDArray[Any]) -> bool:
    """Whether every entry is finite, scanned block by block into one small mask."""
    if array.flags.c_contiguous or array.flags.f_contiguous:
        flat = array.ravel(order="K")  # a view: memory order, either way
        mask = np.empty(min(flat.size, FINITE_BLOCK), np.bool_)
        for start in range(0, flat.size, FINITE_BLOCK):
            block = flat[start : start + FINITE_BLOCK]
            if not np.isfinite(block, out=mask[: block.size]).all():
                return False
        return True
    if array.ndim == 2 and array.shape[1] <= FINITE_BLOCK:
        rows = FINITE_BLOCK // max(array.shape[1], 1)
        mask2 = np.empty((min(rows, array.shape[0]), array.shape[1]), np.bool_)
        for start in range(0, array.shape[0], rows):
            block = array[start : start + rows]
            if not np.isfinite(block, out=mask2[: block.shape[0]]).all():
                return False
        return True
    return bool(np.isfinite(array).all())


def check_finite(name: str, array: NDArray[Any]) -> None:
    """Raise `ValueError` if ``array`` holds NaN or infinity (scans the values).

    One pass over the values, in blocks, so that a large ``array`` costs no mask of its size.
    """
    if array.dtype.kind == "f" and not _finite_blocks(array):
        raise ValueError(f"{name} must be finite, found NaN or inf")


def examples_mismatch(
    other: str,
    other_shape: tuple[int, ...],
    name: str,
    shape: tuple[int, ...],
    n_y: int | None = None,
) -> ShapeError:
    """The error for labels whose number of columns is not ``other``'s m, blaming the array
    that is most likely transposed: one example per column is the course's convention, and
    examples in rows is the commonest mistake of a learner coming from scikit-learn."""
    both = f"{other} is {other_shape} and {name} is {shape}: one example per column"
    rows, m = other_shape
    columns = shape[-1]
    labels_in_rows = len(shape) == 2 and shape[0] == m and shape[0] != 1
    if rows == columns and not labels_in_rows:  # `other` holds the examples in its rows
        return ShapeError(f"{both}, so {other} should be {(m, rows)}; did you mean {other}.T?")
    if labels_in_rows:
        return ShapeError(f"{both}, so {name} should be {(shape[1], m)}; did you mean {name}.T?")
    if len(shape) == 2 and shape[0] == rows > 1:  # both hold the examples in their rows
        return ShapeError(
            f"{both}, so {other} should be {(m, rows)} and {name} {(shape[1], rows)}; "
            f"did you mean {other}.T and {name}.T?"
        )
    expected = _fmt((n_y, m), ("n_y", "m"))
    return ShapeError(
        f"{name} must have shape (n_y, m) = {expected}, got {shape}: "
        f"{other} is {other_shape}, with m = {m} examples"
    )


def labels_row(
    name: str,
    value: object,
    m: int | None = None,
    n_y: int | None = None,
    *,
    examples_of: tuple[str, tuple[int, ...]] | None = None,
) -> NDArray[Any]:
    """Return labels of shape ``(n_y, m)``; a flat ``(m,)`` array is read as ``(1, m)``.

    ``examples_of`` names the array that ``m`` comes from, with its shape, such as
    ``("X", X.shape)``: labels with another number of columns are then reported against
    both, with the transpose that would fix them.
    """
    Y = as_array(name, value)
    given = Y.shape
    if Y.ndim == 1:
        Y = Y.reshape(1, -1)
    if examples_of is not None and m is not None and Y.ndim == 2 and Y.shape[1] != m:
        raise examples_mismatch(*examples_of, name, given, n_y)
    return check_shape(name, Y, ("n_y", "m"), (n_y, m))


def binary_labels(
    name: str,
    value: object,
    m: int | None = None,
    n_y: int | None = None,
    *,
    examples_of: tuple[str, tuple[int, ...]] | None = None,
) -> NDArray[Any]:
    """`labels_row`, then `check_labels`: labels of shape ``(n_y, m)`` holding 0s and 1s."""
    Y = labels_row(name, value, m, n_y, examples_of=examples_of)
    check_labels(name, Y)
    return Y


def get_keys(name: str, mapping: object, keys: tuple[str, ...]) -> tuple[Any, ...]:
    """Return ``mapping[k]`` for each key, or raise a clear `TypeError`/`ValueError`."""
    if not isinstance(mapping, Mapping):
        raise TypeError(
            f"{name} must be a dict with keys {', '.join(keys)}, got {type(mapping).__name__}"
        )
    missing = [k for k in keys if k not in mapping]
    if missing:
        raise ValueError(
            f"{name} is missing key {', '.join(repr(k) for k in missing)}; "
            f"expected keys {', '.join(keys)}"
        )
    return tuple(mapping[k] for k in keys)


def check_parameters(parameters: object) -> tuple[Array, Array, Array, Array]:
    """Return ``W1, b1, W2, b2`` checked against each other's shapes."""
    W1, b1, W2, b2 = get_keys("parameters", parameters, PARAMETER_KEYS)
    W1 = check_shape("W1", W1, ("n_h", "n_x"), (None, None))
    n_h, _ = W1.shape
    b1_rows, W2_columns = np.shape(b1)[:1], np.shape(W2)[1:2]
    if b1_rows == W2_columns and len(b1_rows) == 1 and b1_rows[0] != n_h:
        # b1 and W2 agree on n_h; W1 is the odd one out, often transposed.
        hint = "; did you mean W1.T?" if W1.shape[1] == b1_rows[0] else ""
        raise ShapeError(
            f"W1 must have shape (n_h, n_x) = ({b1_rows[0]}, n_x), got {W1.shape}: "
            f"b1 and W2 both have n_h = {b1_rows[0]}{hint}"
        )
    b1 = check_shape("b1", b1, ("n_h", "1"), (n_h, 1))
    W2 = check_shape("W2", W2, ("n_y", "n_h"), (None, n_h))
    n_y = W2.shape[0]
    b2 = check_shape("b2", b2, ("n_y", "1"), (n_y, 1))
    return W1, b1, W2, b2


def training_inputs(X: object) -> NDArray[Any]:
    """Return ``X`` as an ``(n_x, m)`` array with at least one example, or raise."""
    X = check_shape("X", X, ("n_x", "m"), (None, None))
    if X.shape[1] == 0:
        raise ValueError("X must hold at least one example (m >= 1), got m = 0")
    return X


def iteration_count(value: object) -> int:
    """Return ``num_iterations`` as an int if it is an integer of at least 0, else raise."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"num_iterations must be an integer, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"num_iterations must be at least 0, got {value}")
    return int(value)


def positive_number(name: str, value: object) -> float:
    """Return ``value`` as a float if it is a finite, positive number (not a bool), else raise."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be finite and positive, got {value}")
    return number


def positive_int(name: str, value: object) -> int:
    """Return ``value`` if it is an integer of at least 1, else raise."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)

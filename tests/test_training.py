"""The fused `Trainer` step equals the page's functions, step by step.

The reference is the course's loop written with the public functions:
`forward_propagation`, `compute_cost`, `backward_propagation`, `update_parameters`.
No timing here: speed is measured by `benchmarks/bench_training.py`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray
from problems import ACTIVATIONS

import shallownet as sn
from shallownet._training import Trainer

# (n_x, n_h, n_y, m): the flower set's sizes, n_h = 1, m = 1, both, n_y > 1, and an
# (n_h, m) over 100 000 entries, where W2ᵀ dZ2 is a broadcast multiply instead of np.dot.
SHAPES = [
    (2, 4, 1, 400),
    (3, 1, 1, 17),
    (5, 6, 1, 1),
    (1, 1, 1, 1),
    (7, 5, 3, 23),
    (30, 9, 1, 64),
    (2, 11, 1, 10_000),
]
RTOL = {np.float64: 1e-10, np.float32: 1e-4}
STEPS = 30
KEYS = ("W1", "b1", "W2", "b2")


def make_problem(
    n_x: int, n_h: int, n_y: int, m: int, dtype: type, seed: int = 0
) -> tuple[NDArray[Any], NDArray[Any], dict[str, NDArray[Any]]]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m)).astype(dtype)
    Y = (rng.random((n_y, m)) > 0.5).astype(np.int64)
    # Larger weights than the course's 0.01, so the hidden units leave their linear range.
    parameters = sn.initialize_parameters(n_x, n_h, n_y, seed=seed, dtype=dtype)
    parameters["W1"] = parameters["W1"] * 50
    # Nonzero biases: a bias that stays near 0 is a float32 cancellation (a mean of
    # dZ of both signs), and a relative tolerance on it would test the rounding.
    parameters["b1"] = rng.standard_normal((n_h, 1)).astype(dtype) * 0.1
    parameters["b2"] = rng.standard_normal((n_y, 1)).astype(dtype) * 0.1
    return X, Y, parameters


def page_step(
    X: NDArray[Any], Y: NDArray[Any], parameters: dict[str, NDArray[Any]], activation: str
) -> tuple[float, dict[str, NDArray[Any]]]:
    """One iteration of the course's loop, one page function per line."""
    A2, cache = sn.forward_propagation(X, parameters, activation)
    cost = sn.compute_cost(A2, Y)
    grads = sn.backward_propagation(parameters, cache, X, Y, activation)
    return cost, sn.update_parameters(parameters, grads, learning_rate=1.2)


def assert_parameters_close(
    got: dict[str, NDArray[Any]], expected: dict[str, NDArray[Any]], rtol: float, what: str
) -> None:
    """Each entry within rtol of its layer's scale, the largest entry of its [W b].

    A bias is the mean of a dZ whose entries have both signs, so it can sit near 0
    while its rounding error (float32) is on the scale of the layer's weights.
    """
    for layer in ("1", "2"):
        W, b = expected["W" + layer], expected["b" + layer]
        scale = max(float(np.max(np.abs(W))), float(np.max(np.abs(b))))
        for key in ("W" + layer, "b" + layer):
            assert got[key].shape == expected[key].shape, key
            np.testing.assert_allclose(
                got[key], expected[key], rtol=rtol, atol=rtol * scale, err_msg=f"{key} {what}"
            )


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_step_equals_page_functions(
    shape: tuple[int, int, int, int], activation: str, dtype: type
) -> None:
    X, Y, parameters = make_problem(*shape, dtype=dtype)
    trainer = Trainer(X, Y, parameters, activation, 1.2)
    rtol = RTOL[dtype]
    # compute_cost takes log(A2) where A2 rounds near 1: its error there is absolute, a few
    # ulps, which matters once J itself is tiny (m = 1 and a confident network).
    atol = 10 * float(np.finfo(dtype).eps)
    for i in range(STEPS):
        expected_cost, parameters = page_step(X, Y, parameters, activation)
        cost = trainer.step()
        assert type(cost) is float
        np.testing.assert_allclose(
            cost, expected_cost, rtol=rtol, atol=atol, err_msg=f"J, step {i}"
        )
        got = trainer.parameters()
        assert all(got[key].dtype == dtype for key in KEYS)
        assert_parameters_close(got, parameters, rtol, f"after step {i}")


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("b2", [-1e5, -100.0, 100.0, 1e5])
def test_saturated_outputs_cost_what_compute_cost_says(dtype: type, b2: float) -> None:
    """Z2 far from 0: A2 rounds to 1 (Z2 > 37) or is below tiny (Z2 < -708).

    compute_cost then reads p = 1 - A2 = 0 or p = A2 < tiny as tiny, so each such wrong
    example costs -log(tiny), about 708 in float64 and 87 in float32; where A2 is small
    but representable (Z2 = -100) its log is exact. The step agrees on each branch.
    (For 20 < Z2 < 37 and y = 0, 1 - A2 is a few ulps of 1: there the cost depends on
    the last bit of Z2, which no rearranged product reproduces, so it is not tested.)
    """
    X, Y, parameters = make_problem(3, 4, 1, 50, dtype=dtype, seed=1)
    parameters["b2"] = np.full_like(parameters["b2"], b2)
    parameters["W2"] = parameters["W2"] * 0.01  # Z2 = b2 + a little
    trainer = Trainer(X, Y, parameters, "tanh", 1.2)
    expected_cost, expected = page_step(X, Y, parameters, "tanh")
    cost = trainer.step()
    assert np.isfinite(cost)
    np.testing.assert_allclose(cost, expected_cost, rtol=RTOL[dtype])
    assert_parameters_close(trainer.parameters(), expected, RTOL[dtype], "after one step")


def test_parameters_returns_copies() -> None:
    X, Y, parameters = make_problem(2, 4, 1, 10, dtype=np.float64)
    originals = {k: v.copy() for k, v in parameters.items()}
    trainer = Trainer(X, Y, parameters, "tanh", 1.2)
    first = trainer.parameters()
    for value in first.values():
        value[...] = 123.0
    second = trainer.parameters()
    for key in KEYS:
        np.testing.assert_array_equal(second[key], originals[key])
        assert second[key] is not first[key]
        assert second[key].flags.owndata and second[key].flags.writeable
    trainer.step()
    # Training never writes into the caller's arrays, nor into copies handed out earlier.
    for key in KEYS:
        np.testing.assert_array_equal(parameters[key], originals[key])
        np.testing.assert_array_equal(second[key], originals[key])
    assert not np.array_equal(trainer.parameters()["W1"], originals["W1"])


@pytest.mark.parametrize("Y_dtype", [np.bool_, np.int64, np.float64])
def test_labels_of_any_dtype(Y_dtype: type) -> None:
    X, Y, parameters = make_problem(2, 3, 1, 20, dtype=np.float32)
    trainer = Trainer(X, Y.astype(Y_dtype), parameters, "tanh", 1.2)
    expected_cost, _ = page_step(X, Y, parameters, "tanh")
    np.testing.assert_allclose(trainer.step(), expected_cost, rtol=1e-4)
    assert all(v.dtype == np.float32 for v in trainer.parameters().values())

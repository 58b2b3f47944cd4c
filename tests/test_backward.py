"""Equations (1) to (6) against centred finite differences of the cost J.

J is always recomputed with the page's own forward functions and `compute_cost`, so
each analytic gradient is checked against an independent numerical derivative of
the scalar the page defines: ``J = compute_cost(forward_propagation(X, θ)[0], Y)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from problems import ACTIVATIONS, random_problem

import shallownet as sn

KINKED = {"relu", "leaky_relu"}
EPS = 1e-5
# Centred differences in float64 with EPS = 1e-5: truncation ~EPS²·J'''/6 ≲ 1e-9, round-off
# ~1e-16·J/EPS per entry, up to ~5e-9 where A2 nears 1 (see `forward`).
RTOL, ATOL = 1e-6, 2e-8


@dataclass
class Problem:
    X: np.ndarray
    Y: np.ndarray
    parameters: dict[str, np.ndarray]
    activation: str

    @property
    def m(self) -> int:
        return self.X.shape[1]


@st.composite
def problems(draw: st.DrawFn, max_m: int = 8) -> Problem:
    n_x = draw(st.integers(1, 4))
    n_h = draw(st.integers(1, 5))
    m = draw(st.integers(1, max_m))
    activation = draw(st.sampled_from(ACTIVATIONS))
    X, Y, parameters = random_problem(draw(st.integers(0, 2**32 - 1)), n_x, n_h, m)
    return Problem(X, Y, parameters, activation)


def forward(p: Problem) -> dict[str, np.ndarray]:
    _, cache = sn.forward_propagation(p.X, p.parameters, p.activation)
    if p.activation in KINKED:
        # Stay away from the kink at 0, where g' jumps and differences are meaningless.
        assume(np.all(np.abs(cache["Z1"]) > 1e-3))
    # compute_cost reads J from A2 through log(1 - A2), which loses digits as A2 -> 1
    # (1 - A2 ~ 1e-7 at Z2 = 16): the finite-difference reference, not the gradient,
    # would be wrong there. |Z2| < 6 keeps its round-off below 1e-7.
    assume(np.all(np.abs(cache["Z2"]) < 6))
    return cache


def centred_differences(J: Callable[[np.ndarray], float], theta: np.ndarray) -> np.ndarray:
    """dJ/dθ by (J(θ + ε e_i) - J(θ - ε e_i)) / 2ε, on a copy of θ."""
    theta = np.array(theta, dtype=np.float64)
    grad = np.empty_like(theta)
    for index in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[index] += EPS
        minus[index] -= EPS
        grad[index] = (J(plus) - J(minus)) / (2 * EPS)
    return grad


def cost_with(p: Problem, key: str) -> Callable[[np.ndarray], float]:
    """J as a function of one parameter, all others fixed, through forward_propagation."""

    def J(value: np.ndarray) -> float:
        parameters = {**p.parameters, key: value}
        A2, _ = sn.forward_propagation(p.X, parameters, p.activation)
        return sn.compute_cost(A2, p.Y)

    return J


FD = settings(max_examples=40, deadline=None)


@FD
@given(problems())
def test_dZ2_matches_finite_differences(p: Problem) -> None:
    cache = forward(p)

    def J(Z2: np.ndarray) -> float:
        return sn.compute_cost(sn.compute_A2(Z2), p.Y)

    numeric = p.m * centred_differences(J, cache["Z2"])
    dZ2 = sn.compute_dZ2(cache["A2"], p.Y)
    np.testing.assert_allclose(dZ2, numeric, rtol=RTOL, atol=ATOL)


@FD
@given(problems())
def test_dW2_matches_finite_differences(p: Problem) -> None:
    cache = forward(p)
    dZ2 = sn.compute_dZ2(cache["A2"], p.Y)
    dW2 = sn.compute_dW2(dZ2, cache["A1"])
    numeric = centred_differences(cost_with(p, "W2"), p.parameters["W2"])
    np.testing.assert_allclose(dW2, numeric, rtol=RTOL, atol=ATOL)


@FD
@given(problems())
def test_db2_matches_finite_differences(p: Problem) -> None:
    cache = forward(p)
    db2 = sn.compute_db2(sn.compute_dZ2(cache["A2"], p.Y))
    numeric = centred_differences(cost_with(p, "b2"), p.parameters["b2"])
    assert db2.shape == (1, 1)
    np.testing.assert_allclose(db2, numeric, rtol=RTOL, atol=ATOL)


@FD
@given(problems())
def test_dZ1_matches_finite_differences(p: Problem) -> None:
    cache = forward(p)
    W2, b2 = p.parameters["W2"], p.parameters["b2"]

    def J(Z1: np.ndarray) -> float:
        A1 = sn.compute_A1(Z1, p.activation)
        return sn.compute_cost(sn.compute_A2(sn.compute_Z2(W2, A1, b2)), p.Y)

    numeric = p.m * centred_differences(J, cache["Z1"])
    dZ2 = sn.compute_dZ2(cache["A2"], p.Y)
    dZ1 = sn.compute_dZ1(W2, dZ2, cache["Z1"], p.activation)
    np.testing.assert_allclose(dZ1, numeric, rtol=RTOL, atol=ATOL)
    # The cheaper form that reuses A1 = g(Z1) gives the same numbers.
    dZ1_from_A1 = sn.compute_dZ1(W2, dZ2, cache["Z1"], p.activation, cache["A1"])
    np.testing.assert_allclose(dZ1_from_A1, numeric, rtol=RTOL, atol=ATOL)
    # Every built-in activation reads A1 alone: Z1 may be left out, as the page passes it.
    dZ1_without_Z1 = sn.compute_dZ1(W2, dZ2, activation=p.activation, A1=cache["A1"])
    np.testing.assert_array_equal(dZ1_without_Z1, dZ1_from_A1)


def dZ1_of(p: Problem, cache: dict[str, np.ndarray]) -> np.ndarray:
    """Equations (1) and (4), as the page chains them."""
    dZ2 = sn.compute_dZ2(cache["A2"], p.Y)
    return sn.compute_dZ1(p.parameters["W2"], dZ2, cache["Z1"], p.activation, cache["A1"])


@FD
@given(problems())
def test_dW1_matches_finite_differences(p: Problem) -> None:
    dZ1 = dZ1_of(p, forward(p))
    dW1 = sn.compute_dW1(dZ1, p.X)
    numeric = centred_differences(cost_with(p, "W1"), p.parameters["W1"])
    np.testing.assert_allclose(dW1, numeric, rtol=RTOL, atol=ATOL)


@FD
@given(problems())
def test_db1_matches_finite_differences(p: Problem) -> None:
    dZ1 = dZ1_of(p, forward(p))
    db1 = sn.compute_db1(dZ1)
    numeric = centred_differences(cost_with(p, "b1"), p.parameters["b1"])
    np.testing.assert_allclose(db1, numeric, rtol=RTOL, atol=ATOL)


@settings(max_examples=30, deadline=None)
@given(problems(max_m=12))
def test_backward_propagation_equals_the_six_equations_chained(p: Problem) -> None:
    _, cache = sn.forward_propagation(p.X, p.parameters, p.activation)
    grads = sn.backward_propagation(p.parameters, cache, p.X, p.Y, p.activation)

    dZ2 = sn.compute_dZ2(cache["A2"], p.Y)
    dZ1 = sn.compute_dZ1(p.parameters["W2"], dZ2, cache["Z1"], p.activation, cache["A1"])
    expected = {
        "dW1": sn.compute_dW1(dZ1, p.X),
        "db1": sn.compute_db1(dZ1),
        "dW2": sn.compute_dW2(dZ2, cache["A1"]),
        "db2": sn.compute_db2(dZ2),
    }
    assert grads.keys() == expected.keys()
    for key, value in expected.items():
        np.testing.assert_array_equal(grads[key], value, err_msg=key)


@settings(max_examples=30, deadline=None)
@given(problems(max_m=12))
def test_grads_have_the_keys_and_shapes_of_the_parameters(p: Problem) -> None:
    _, cache = sn.forward_propagation(p.X, p.parameters, p.activation)
    grads = sn.backward_propagation(p.parameters, cache, p.X, p.Y, p.activation)
    assert set(grads) == {"dW1", "db1", "dW2", "db2"}
    for key, theta in p.parameters.items():
        assert grads["d" + key].shape == theta.shape, key
        assert grads["d" + key].dtype == np.float64, key


@settings(max_examples=30, deadline=None)
@given(n_h=st.integers(1, 6), m=st.integers(1, 9), seed=st.integers(0, 2**32 - 1))
def test_db1_keeps_the_column_shape(n_h: int, m: int, seed: int) -> None:
    """The keepdims trap: db1 is (n_h, 1), so b1 - α db1 stays (n_h, 1)."""
    dZ1 = np.random.default_rng(seed).normal(size=(n_h, m))
    db1 = sn.compute_db1(dZ1)
    assert db1.shape == (n_h, 1)
    np.testing.assert_allclose(db1[:, 0], dZ1.mean(axis=1), rtol=1e-12, atol=1e-15)
    b1 = np.zeros((n_h, 1))
    assert (b1 - 0.5 * db1).shape == (n_h, 1)
    # What a flat (n_h,) gradient would do: broadcast into an (n_h, n_h) matrix.
    assert (b1 - 0.5 * dZ1.sum(axis=1) / m).shape == (n_h, n_h)


def test_db2_keeps_the_column_shape() -> None:
    dZ2 = np.array([[0.5, -1.5, 2.0, 0.25]])
    db2 = sn.compute_db2(dZ2)
    assert db2.shape == (1, 1)
    assert db2[0, 0] == pytest.approx(np.mean(dZ2[0]))


def test_dZ2_accepts_flat_labels() -> None:
    A2 = np.array([[0.9, 0.2, 0.6]])
    np.testing.assert_array_equal(
        sn.compute_dZ2(A2, np.array([1, 0, 1])), sn.compute_dZ2(A2, np.array([[1, 0, 1]]))
    )

"""Logistic regression, the warm-up: loss (7), da (8), dz, dw, db and propagate."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shallownet as sn

EPS = 1e-6
probabilities = st.floats(0.02, 0.98)
labels = st.sampled_from([0, 1])
logits = st.floats(-6.0, 6.0)


@settings(max_examples=40, deadline=None)
@given(a=probabilities, y=labels)
def test_loss_is_cross_entropy(a: float, y: int) -> None:
    loss = sn.logistic_loss(a, y)
    # The label picks one term: -log a when y = 1, -log(1 - a) when y = 0.
    expected = -math.log(a) if y == 1 else -math.log(1 - a)
    assert loss == pytest.approx(expected, rel=1e-14)
    # And it is the cost J of a single example.
    assert loss == pytest.approx(sn.compute_cost(np.array([[a]]), np.array([[y]])), rel=1e-14)


def test_loss_works_elementwise() -> None:
    a = np.array([0.8, 0.3, 0.6])
    y = np.array([1, 0, 0])
    np.testing.assert_allclose(
        sn.logistic_loss(a, y), [-math.log(0.8), -math.log(0.7), -math.log(0.4)], rtol=1e-14
    )


def test_loss_is_smallest_at_the_right_label() -> None:
    a = np.linspace(0.05, 0.95, 19)
    loss_1 = sn.logistic_loss(a, 1)
    loss_0 = sn.logistic_loss(a, 0)
    assert (np.diff(loss_1) < 0).all()  # y = 1: the larger a, the smaller the loss
    assert (np.diff(loss_0) > 0).all()
    assert sn.logistic_loss(0.5, 1) == sn.logistic_loss(0.5, 0) == pytest.approx(math.log(2))


@settings(max_examples=40, deadline=None)
@given(a=probabilities, y=labels)
def test_da_matches_finite_differences(a: float, y: int) -> None:
    numeric = (sn.logistic_loss(a + EPS, y) - sn.logistic_loss(a - EPS, y)) / (2 * EPS)
    assert sn.logistic_da(a, y) == pytest.approx(numeric, rel=1e-6, abs=1e-8)


@settings(max_examples=40, deadline=None)
@given(z=logits, y=labels)
def test_dz_matches_finite_differences(z: float, y: int) -> None:
    def L(z_: float) -> float:
        return float(sn.logistic_loss(sn.sigmoid(z_), y))

    numeric = (L(z + EPS) - L(z - EPS)) / (2 * EPS)
    dz = sn.logistic_dz(sn.sigmoid(z), y)
    assert dz == pytest.approx(numeric, rel=1e-6, abs=1e-8)


@settings(max_examples=40, deadline=None)
@given(z=logits, y=labels)
def test_chain_rule_equals_simplified_dz(z: float, y: int) -> None:
    a = sn.sigmoid(z)
    chained = sn.logistic_dz_chain(sn.logistic_da(a, y), z)
    assert chained == pytest.approx(sn.logistic_dz(a, y), rel=1e-12, abs=1e-15)
    assert sn.logistic_dz(a, y) == a - y


def loss_of(w: np.ndarray, b: float, x: np.ndarray, y: int) -> float:
    """The loss (7) of sigma(z), written as log(1 + e^z) - y z.

    The same function as logistic_loss(sigmoid(z), y), but it never forms 1 - a, which
    loses digits once a is close to 1, so the finite differences stay accurate to
    rtol 1e-6 for every z that hypothesis draws.
    """
    z = sn.logistic_z(w, x, b)
    return float(np.logaddexp(0.0, z) - y * z)


@settings(max_examples=40, deadline=None)
@given(n_x=st.integers(1, 6), y=labels, seed=st.integers(0, 2**32 - 1))
def test_dw_db_match_finite_differences(n_x: int, y: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n_x, 1))
    x = rng.normal(size=(n_x, 1))
    b = float(rng.normal())
    dz = sn.logistic_dz(sn.sigmoid(sn.logistic_z(w, x, b)), y)

    numeric_dw = np.empty_like(w)
    for j in range(n_x):
        step = np.zeros_like(w)
        step[j, 0] = EPS
        numeric_dw[j, 0] = (loss_of(w + step, b, x, y) - loss_of(w - step, b, x, y)) / (2 * EPS)
    numeric_db = (loss_of(w, b + EPS, x, y) - loss_of(w, b - EPS, x, y)) / (2 * EPS)

    dw = sn.logistic_dw(x, dz)
    assert dw.shape == (n_x, 1)
    np.testing.assert_allclose(dw, numeric_dw, rtol=1e-6, atol=1e-8)
    assert sn.logistic_db(dz) == pytest.approx(numeric_db, rel=1e-6, abs=1e-8)


def test_z_is_the_dot_product_plus_bias() -> None:
    w = np.array([[1.0], [2.0], [-0.5]])
    x = np.array([[3.0], [-1.0], [4.0]])
    assert sn.logistic_z(w, x, 0.5) == 1.0 * 3.0 + 2.0 * -1.0 + -0.5 * 4.0 + 0.5


@settings(max_examples=30, deadline=None)
@given(n_x=st.integers(1, 5), m=st.integers(1, 12), seed=st.integers(0, 2**32 - 1))
def test_propagate_equals_per_example_loop(n_x: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n_x, 1))
    b = float(rng.normal())
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(1, m))

    cost, dw, db = 0.0, np.zeros((n_x, 1)), 0.0
    for i in range(m):
        x, y = X[:, i : i + 1], int(Y[0, i])
        a = sn.sigmoid(sn.logistic_z(w, x, b))
        cost += float(sn.logistic_loss(a, y)) / m
        dz = sn.logistic_dz(a, y)
        dw += sn.logistic_dw(x, dz) / m
        db += sn.logistic_db(dz) / m

    grads, J = sn.propagate(w, b, X, Y)
    assert set(grads) == {"dw", "db"}
    assert grads["dw"].shape == (n_x, 1)
    assert isinstance(grads["db"], float) and isinstance(J, float)
    np.testing.assert_allclose(grads["dw"], dw, rtol=1e-10, atol=1e-14)
    assert grads["db"] == pytest.approx(db, rel=1e-10, abs=1e-14)
    assert J == pytest.approx(cost, rel=1e-10)


def test_propagate_accepts_flat_labels() -> None:
    w, b = np.array([[1.0], [2.0]]), 2.0
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    flat = sn.propagate(w, b, X, np.array([1, 0, 1]))
    row = sn.propagate(w, b, X, np.array([[1, 0, 1]]))
    np.testing.assert_array_equal(flat[0]["dw"], row[0]["dw"])
    assert flat[0]["db"] == row[0]["db"] and flat[1] == row[1]


def test_propagate_refuses_bad_labels_and_shapes() -> None:
    w = np.zeros((2, 1))
    X = np.zeros((2, 3))
    with pytest.raises(ValueError, match=r"Y must hold binary labels 0 or 1, found \[2\]"):
        sn.propagate(w, 0.0, X, np.array([[0, 1, 2]]))
    with pytest.raises(
        sn.ShapeError, match=r"X must have shape \(n_x, m\) = \(2, m\), got \(3, 3\)"
    ):
        sn.propagate(w, 0.0, np.zeros((3, 3)), np.array([[0, 1, 1]]))

"""L2 regularization: the penalty, its gradient, and λ = 0.

The regularized gradient is checked against centred finite differences of
``compute_cost_with_regularization``, computed through the page's forward functions,
so the L2 term and its derivative are held to each other by an independent route.
"""

from __future__ import annotations

import numpy as np
import pytest
from problems import ACTIVATIONS, random_problem

import shallownet as sn

KEYS = ("W1", "b1", "W2", "b2")
EPS = 1e-5


def regularized_cost(X, Y, parameters, activation, lambd) -> float:
    A2, _ = sn.forward_propagation(X, parameters, activation)
    return sn.compute_cost_with_regularization(A2, Y, parameters, lambd)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
@pytest.mark.parametrize("lambd", [0.0, 0.7, 5.0])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_regularized_gradient_matches_finite_differences(seed, lambd, activation) -> None:
    """Every entry of every gradient is the derivative of J_reg, by centred differences."""
    X, Y, parameters = random_problem(seed, n_x=3, n_h=4, m=6)
    parameters = {k: v * 0.5 for k, v in parameters.items()}  # |Z2| small: log(1 - A2) exact
    _, cache = sn.forward_propagation(X, parameters, activation)
    grads = sn.backward_propagation_with_regularization(parameters, cache, X, Y, lambd, activation)
    for key in KEYS:
        numeric = np.zeros_like(parameters[key])
        for index in np.ndindex(parameters[key].shape):
            costs = []
            for step in (EPS, -EPS):
                shifted = {k: v.copy() for k, v in parameters.items()}
                shifted[key][index] += step
                costs.append(regularized_cost(X, Y, shifted, activation, lambd))
            numeric[index] = (costs[0] - costs[1]) / (2 * EPS)
        np.testing.assert_allclose(grads["d" + key], numeric, rtol=1e-6, atol=1e-8, err_msg=key)


def test_penalty_is_the_squared_frobenius_norm_by_hand() -> None:
    """Known values: (λ/2m)(1² + 2² + 3² + ...), the biases left out."""
    parameters = {
        "W1": np.array([[1.0, 2.0], [0.0, -2.0]]),
        "b1": np.array([[100.0], [100.0]]),
        "W2": np.array([[3.0, -1.0]]),
        "b2": np.array([[100.0]]),
    }
    # ‖W1‖² = 1 + 4 + 0 + 4 = 9, ‖W2‖² = 9 + 1 = 10; λ/2m = 0.5 / 4
    assert sn.l2_regularization_cost(parameters, lambd=0.5, m=2) == pytest.approx(19 / 8)


def test_dW_term_is_lambda_over_m_times_W() -> None:
    dW = np.array([[0.5, -0.5, 1.0]])
    W = np.array([[2.0, 4.0, -8.0]])
    np.testing.assert_allclose(
        sn.compute_dW_with_regularization(dW, W, lambd=1.0, m=4), [[1.0, 0.5, -1.0]]
    )


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_lambd_zero_gives_the_plain_functions(activation) -> None:
    X, Y, parameters = random_problem(3, n_x=2, n_h=5, m=9)
    A2, cache = sn.forward_propagation(X, parameters, activation)
    assert sn.compute_cost_with_regularization(A2, Y, parameters, 0) == sn.compute_cost(A2, Y)
    plain = sn.backward_propagation(parameters, cache, X, Y, activation)
    regularized = sn.backward_propagation_with_regularization(
        parameters, cache, X, Y, 0.0, activation
    )
    for key in plain:
        np.testing.assert_array_equal(regularized[key], plain[key], err_msg=key)


def test_biases_gradients_are_unchanged() -> None:
    X, Y, parameters = random_problem(4, n_x=2, n_h=3, m=7)
    _, cache = sn.forward_propagation(X, parameters)
    plain = sn.backward_propagation(parameters, cache, X, Y)
    regularized = sn.backward_propagation_with_regularization(parameters, cache, X, Y, 2.0)
    for key in ("db1", "db2"):
        np.testing.assert_array_equal(regularized[key], plain[key])


BAD_LAMBD = [
    (-0.1, ValueError, "at least 0"),
    (float("nan"), ValueError, "finite"),
    (float("inf"), ValueError, "finite"),
    ("0.7", TypeError, "must be a number"),
    (None, TypeError, "must be a number"),
    (True, TypeError, "must be a number"),
    (np.array([0.7]), TypeError, "must be a number"),
]


@pytest.mark.parametrize(("lambd", "error", "message"), BAD_LAMBD)
def test_bad_lambd_is_refused_by_name(lambd, error, message) -> None:
    X, Y, parameters = random_problem(5, n_x=2, n_h=3, m=4)
    A2, cache = sn.forward_propagation(X, parameters)
    calls = [
        lambda: sn.check_lambd(lambd),
        lambda: sn.l2_regularization_cost(parameters, lambd, 4),
        lambda: sn.compute_cost_with_regularization(A2, Y, parameters, lambd),
        lambda: sn.compute_dW_with_regularization(parameters["W1"], parameters["W1"], lambd, 4),
        lambda: sn.backward_propagation_with_regularization(parameters, cache, X, Y, lambd),
        lambda: sn.nn_model(X, Y, 3, 2, lambd=lambd),
        lambda: sn.gradient_descent(X, Y, 3, 2, lambd=lambd),
    ]
    for call in calls:
        with pytest.raises(error, match=rf"^lambd \(λ\) .*{message}"):
            call()


def test_numpy_scalars_and_ints_are_numbers() -> None:
    assert sn.check_lambd(np.float32(0.5)) == 0.5
    assert sn.check_lambd(2) == 2.0
    assert type(sn.check_lambd(np.int64(0))) is float


def test_dW_of_another_shape_is_a_shape_error() -> None:
    with pytest.raises(sn.ShapeError, match=r"^dW must have shape"):
        sn.compute_dW_with_regularization(np.zeros((2, 3)), np.zeros((3, 2)), 0.5, 4)


@pytest.mark.parametrize("m", [0, -1])
def test_m_must_be_positive(m) -> None:
    parameters = random_problem(6, n_x=2, n_h=3, m=4)[2]
    with pytest.raises(ValueError, match=r"^m must be at least 1"):
        sn.l2_regularization_cost(parameters, 0.5, m)


def test_a_large_lambda_shrinks_the_weights_toward_zero() -> None:
    """Each step multiplies W by 1 - αλ/m before the data's gradient: large λ, small W."""
    X, Y = sn.load_planar_dataset()
    norms = []
    for lambd in (0.0, 1.0, 10.0, 100.0):
        parameters = sn.nn_model(X, Y, n_h=4, num_iterations=2000, lambd=lambd)
        norms.append(float(np.sum(parameters["W1"] ** 2) + np.sum(parameters["W2"] ** 2)))
    assert norms == sorted(norms, reverse=True)

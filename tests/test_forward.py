"""Forward propagation: the dimension table and each equation against explicit sums."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from problems import ACTIVATIONS, random_parameters

import shallownet as sn


@settings(max_examples=40, deadline=None)
@given(
    n_x=st.integers(1, 6),
    n_h=st.integers(1, 6),
    n_y=st.integers(1, 3),
    m=st.integers(1, 10),
    activation=st.sampled_from(ACTIVATIONS),
    seed=st.integers(0, 2**32 - 1),
)
def test_shapes_match_dimension_table(
    n_x: int, n_h: int, n_y: int, m: int, activation: str, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(n_y, m))
    parameters = random_parameters(rng, n_x, n_h, n_y)

    A2, cache = sn.forward_propagation(X, parameters, activation)
    dZ2 = sn.compute_dZ2(cache["A2"], Y)
    dZ1 = sn.compute_dZ1(parameters["W2"], dZ2, cache["Z1"], activation, cache["A1"])
    grads = sn.backward_propagation(parameters, cache, X, Y, activation)

    table = {
        "W1": (parameters["W1"], (n_h, n_x)),
        "b1": (parameters["b1"], (n_h, 1)),
        "W2": (parameters["W2"], (n_y, n_h)),
        "b2": (parameters["b2"], (n_y, 1)),
        "Z1": (cache["Z1"], (n_h, m)),
        "A1": (cache["A1"], (n_h, m)),
        "Z2": (cache["Z2"], (n_y, m)),
        "A2": (cache["A2"], (n_y, m)),
        "dZ2": (dZ2, (n_y, m)),
        "dW2": (grads["dW2"], (n_y, n_h)),
        "db2": (grads["db2"], (n_y, 1)),
        "dZ1": (dZ1, (n_h, m)),
        "dW1": (grads["dW1"], (n_h, n_x)),
        "db1": (grads["db1"], (n_h, 1)),
    }
    for name, (array, shape) in table.items():
        assert array.shape == shape, name
    assert A2 is cache["A2"]
    # Each gradient has the shape of its parameter, as the table says.
    for key in ("W1", "b1", "W2", "b2"):
        assert grads["d" + key].shape == parameters[key].shape


def assert_equals_explicit_sums(Z: np.ndarray, W: np.ndarray, A: np.ndarray, b: np.ndarray) -> None:
    """Z = W A + b, entry by entry: z_ji = sum_k w_jk a_ki + b_j, by loops and by einsum."""
    loops = np.empty((W.shape[0], A.shape[1]))
    for j in range(W.shape[0]):
        for i in range(A.shape[1]):
            loops[j, i] = sum(W[j, k] * A[k, i] for k in range(W.shape[1])) + b[j, 0]
    np.testing.assert_allclose(Z, loops, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(
        Z, np.einsum("jk,ki->ji", W, A) + b[:, 0][:, None], rtol=1e-12, atol=1e-13
    )


@settings(max_examples=30, deadline=None)
@given(
    n_x=st.integers(1, 5),
    n_h=st.integers(1, 5),
    m=st.integers(1, 7),
    seed=st.integers(0, 2**32 - 1),
)
def test_Z1_equals_explicit_sums(n_x: int, n_h: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    W1, X, b1 = rng.normal(size=(n_h, n_x)), rng.normal(size=(n_x, m)), rng.normal(size=(n_h, 1))
    assert_equals_explicit_sums(sn.compute_Z1(W1, X, b1), W1, X, b1)


@settings(max_examples=30, deadline=None)
@given(
    n_h=st.integers(1, 5),
    n_y=st.integers(1, 3),
    m=st.integers(1, 7),
    seed=st.integers(0, 2**32 - 1),
)
def test_Z2_equals_explicit_sums(n_h: int, n_y: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    W2, A1, b2 = rng.normal(size=(n_y, n_h)), rng.normal(size=(n_h, m)), rng.normal(size=(n_y, 1))
    assert_equals_explicit_sums(sn.compute_Z2(W2, A1, b2), W2, A1, b2)


def test_b1_is_added_to_every_column() -> None:
    W1 = np.zeros((3, 2))
    X = np.arange(8.0).reshape(2, 4)
    b1 = np.array([[1.0], [-2.0], [0.5]])
    np.testing.assert_array_equal(sn.compute_Z1(W1, X, b1), np.repeat(b1, 4, axis=1))


# Each activation written out from its definition, elementwise.
DEFINITIONS = {
    "tanh": lambda z: (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)),
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "relu": lambda z: np.array([[max(0.0, v) for v in row] for row in z]),
    "leaky_relu": lambda z: np.array([[max(0.01 * v, v) for v in row] for row in z]),
}


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_A1_applies_the_activation(activation: str) -> None:
    Z1 = np.random.default_rng(1).normal(scale=3.0, size=(4, 9))
    A1 = sn.compute_A1(Z1, activation)
    assert A1.shape == Z1.shape
    np.testing.assert_allclose(A1, DEFINITIONS[activation](Z1), rtol=1e-13, atol=1e-15)


def test_A1_default_is_tanh() -> None:
    Z1 = np.linspace(-3, 3, 12).reshape(3, 4)
    np.testing.assert_array_equal(sn.compute_A1(Z1), sn.compute_A1(Z1, "tanh"))
    np.testing.assert_allclose(sn.compute_A1(Z1), DEFINITIONS["tanh"](Z1), rtol=1e-13)


def test_A2_is_the_logistic_function_on_moderate_inputs() -> None:
    Z2 = np.linspace(-30, 30, 61).reshape(1, -1)
    A2 = sn.compute_A2(Z2)
    np.testing.assert_allclose(A2, 1 / (1 + np.exp(-Z2)), rtol=1e-14, atol=0)
    assert A2[0, 30] == 0.5


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_forward_propagation_chains_the_four_equations(activation: str) -> None:
    rng = np.random.default_rng(7)
    X = rng.normal(size=(3, 5))
    parameters = random_parameters(rng, 3, 4, 1)
    A2, cache = sn.forward_propagation(X, parameters, activation)
    Z1 = sn.compute_Z1(parameters["W1"], X, parameters["b1"])
    A1 = sn.compute_A1(Z1, activation)
    Z2 = sn.compute_Z2(parameters["W2"], A1, parameters["b2"])
    expected = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": sn.compute_A2(Z2)}
    assert set(cache) == set(expected)
    for key, value in expected.items():
        np.testing.assert_array_equal(cache[key], value, err_msg=key)
    np.testing.assert_array_equal(A2, expected["A2"])


def test_forward_propagation_keeps_float32() -> None:
    parameters = sn.initialize_parameters(2, 4, 1, dtype=np.float32)
    X = np.ones((2, 3), dtype=np.float32)
    A2, cache = sn.forward_propagation(X, parameters)
    assert A2.dtype == np.float32
    assert all(value.dtype == np.float32 for value in cache.values())


def test_several_outputs_are_independent_sigmoids_not_classes() -> None:
    # n_y > 1 is n_y binary problems: row k of A2 is the one-output network with row k of
    # W2 and b2, and a column does not sum to 1 (softmax's would).
    X, _ = sn.load_planar_dataset()
    parameters = sn.initialize_parameters(2, 4, 3)
    parameters["b2"] = np.array([[1.0], [-0.5], [2.0]])
    A2, _ = sn.forward_propagation(X, parameters)
    for k in range(3):
        row = dict(parameters, W2=parameters["W2"][[k]], b2=parameters["b2"][[k]])
        np.testing.assert_array_equal(sn.forward_propagation(X, row)[0], A2[[k]])
    assert np.all(np.abs(A2.sum(axis=0) - 1) > 0.5)

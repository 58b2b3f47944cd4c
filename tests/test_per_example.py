"""The notes' left column (one example x) against the right column (all m at once)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from problems import ACTIVATIONS, random_problem

import shallownet as sn

shapes = {
    "n_x": st.integers(1, 5),
    "n_h": st.integers(1, 5),
    "m": st.integers(1, 10),
    "activation": st.sampled_from(ACTIVATIONS),
    "seed": st.integers(0, 2**32 - 1),
}


@settings(max_examples=30, deadline=None)
@given(**shapes)
def test_forward_loop_equals_vectorized(
    n_x: int, n_h: int, m: int, activation: str, seed: int
) -> None:
    X, _, parameters = random_problem(seed, n_x, n_h, m)
    _, cache = sn.forward_propagation(X, parameters, activation)
    for i in range(m):
        one = sn.example_forward(X[:, i : i + 1], parameters, activation)
        for lower, upper in (("z1", "Z1"), ("a1", "A1"), ("z2", "Z2"), ("a2", "A2")):
            assert one[lower].shape == (cache[upper].shape[0], 1)
            np.testing.assert_allclose(
                one[lower], cache[upper][:, i : i + 1], rtol=1e-12, atol=1e-14, err_msg=lower
            )


@settings(max_examples=30, deadline=None)
@given(**shapes)
def test_backward_loop_equals_vectorized(
    n_x: int, n_h: int, m: int, activation: str, seed: int
) -> None:
    X, Y, parameters = random_problem(seed, n_x, n_h, m)
    _, cache = sn.forward_propagation(X, parameters, activation)
    vectorized = sn.backward_propagation(parameters, cache, X, Y, activation)
    loop = sn.backward_propagation_loop(parameters, X, Y, activation)
    assert loop.keys() == vectorized.keys()
    for key in vectorized:
        assert loop[key].shape == vectorized[key].shape, key
        # Summation order differs, hence the tiny atol for entries that cancel to ~0.
        np.testing.assert_allclose(loop[key], vectorized[key], rtol=1e-10, atol=1e-13, err_msg=key)


def test_backward_loop_accepts_flat_labels() -> None:
    X, Y, parameters = random_problem(3, 2, 3, 6)
    flat = sn.backward_propagation_loop(parameters, X, Y.ravel())
    column = sn.backward_propagation_loop(parameters, X, Y)
    for key in column:
        np.testing.assert_array_equal(flat[key], column[key])


# Tiny m = 1 case shared by the example_* checks below.
@pytest.fixture(params=ACTIVATIONS)
def tiny(request: pytest.FixtureRequest):
    activation = request.param
    X, Y, parameters = random_problem(11, 3, 2, 1)
    _, cache = sn.forward_propagation(X, parameters, activation)
    one = sn.example_forward(X, parameters, activation)
    return activation, X, Y, parameters, cache, one


def test_example_dz2_equals_vectorized_with_m_1(tiny) -> None:
    _, _, Y, _, cache, one = tiny
    np.testing.assert_array_equal(sn.example_dz2(one["a2"], Y), sn.compute_dZ2(cache["A2"], Y))
    np.testing.assert_array_equal(sn.example_dz2(one["a2"], Y), one["a2"] - Y)


def test_example_dW2_equals_vectorized_with_m_1(tiny) -> None:
    _, _, Y, _, cache, one = tiny
    dz2 = sn.example_dz2(one["a2"], Y)
    dW2 = sn.example_dW2(dz2, one["a1"])
    assert dW2.shape == (1, 2)
    np.testing.assert_allclose(dW2, sn.compute_dW2(dz2, cache["A1"]), rtol=1e-14)
    np.testing.assert_allclose(dW2, dz2 * one["a1"].T, rtol=1e-14)


def test_example_db2_equals_vectorized_with_m_1(tiny) -> None:
    _, _, Y, _, _, one = tiny
    dz2 = sn.example_dz2(one["a2"], Y)
    db2 = sn.example_db2(dz2)
    np.testing.assert_array_equal(db2, sn.compute_db2(dz2))
    assert db2 is not dz2 and not np.shares_memory(db2, dz2)


def test_example_dz1_equals_vectorized_with_m_1(tiny) -> None:
    activation, _, Y, parameters, cache, one = tiny
    dz2 = sn.example_dz2(one["a2"], Y)
    W2 = parameters["W2"]
    expected = sn.compute_dZ1(W2, dz2, cache["Z1"], activation)
    np.testing.assert_allclose(sn.example_dz1(W2, dz2, one["z1"], activation), expected, rtol=1e-13)
    np.testing.assert_allclose(
        sn.example_dz1(W2, dz2, one["z1"], activation, one["a1"]), expected, rtol=1e-13
    )


def test_example_dW1_equals_vectorized_with_m_1(tiny) -> None:
    activation, X, Y, parameters, _, one = tiny
    dz2 = sn.example_dz2(one["a2"], Y)
    dz1 = sn.example_dz1(parameters["W2"], dz2, one["z1"], activation, one["a1"])
    dW1 = sn.example_dW1(dz1, X)
    assert dW1.shape == (2, 3)
    np.testing.assert_allclose(dW1, sn.compute_dW1(dz1, X), rtol=1e-14)


def test_example_db1_equals_vectorized_with_m_1(tiny) -> None:
    activation, _, Y, parameters, _, one = tiny
    dz2 = sn.example_dz2(one["a2"], Y)
    dz1 = sn.example_dz1(parameters["W2"], dz2, one["z1"], activation, one["a1"])
    db1 = sn.example_db1(dz1)
    np.testing.assert_array_equal(db1, sn.compute_db1(dz1))
    assert not np.shares_memory(db1, dz1)


def test_example_backward_equals_vectorized_with_m_1(tiny) -> None:
    activation, X, Y, parameters, cache, one = tiny
    grads = sn.example_backward(parameters, one, X, Y, activation)
    expected = sn.backward_propagation(parameters, cache, X, Y, activation)
    assert grads.keys() == expected.keys()
    for key in expected:
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-13, atol=1e-16, err_msg=key)


def test_loop_is_the_average_of_example_backward() -> None:
    X, Y, parameters = random_problem(5, 2, 3, 4)
    per_example = []
    for i in range(4):
        x, y = X[:, i : i + 1], Y[:, i : i + 1]
        per_example.append(sn.example_backward(parameters, sn.example_forward(x, parameters), x, y))
    loop = sn.backward_propagation_loop(parameters, X, Y)
    for key in loop:
        mean = sum(g[key] for g in per_example) / 4
        np.testing.assert_allclose(loop[key], mean, rtol=1e-14, atol=1e-16, err_msg=key)

"""gradient_check: passes on the real backpropagation, fails on a broken one."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from problems import ACTIVATIONS, random_problem

import shallownet as sn
import shallownet.gradcheck


@settings(max_examples=40, deadline=None)
@given(
    n_x=st.integers(1, 4),
    n_h=st.integers(1, 5),
    m=st.integers(2, 12),
    activation=st.sampled_from(ACTIVATIONS),
    seed=st.integers(0, 2**32 - 1),
)
def test_gradient_check_passes(n_x: int, n_h: int, m: int, activation: str, seed: int) -> None:
    X, Y, parameters = random_problem(seed, n_x, n_h, m)
    _, cache = sn.forward_propagation(X, parameters, activation)
    grads = sn.backward_propagation(parameters, cache, X, Y, activation)
    if activation in ("relu", "leaky_relu"):
        assume(np.all(np.abs(cache["Z1"]) > 1e-3))  # ε = 1e-7 steps must not cross the kink
    # Where the relative difference means something at ε = 1e-7 in float64: a gradient
    # not tiny (round-off in J, ~1e-16 / ε per entry, is divided by ||dθ||). J is computed
    # from Z2, so saturated outputs lose no digits and need no assumption.
    assume(np.sqrt(sum(float((g**2).sum()) for g in grads.values())) > 0.05)

    before = {key: value.copy() for key, value in parameters.items()}
    difference = sn.gradient_check(parameters, X, Y, activation=activation)
    assert 0 <= difference < 1e-7
    for key in before:  # the parameters are restored after every nudge
        np.testing.assert_array_equal(parameters[key], before[key])


def test_gradient_check_on_the_flower_with_course_initialization() -> None:
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=4, num_iterations=200)
    assert sn.gradient_check(parameters, X, Y) < 1e-7


def test_gradient_check_of_float32_parameters_runs_in_float64() -> None:
    X, Y = sn.make_xor(m=40)
    _, _, parameters = random_problem(1, 2, 3, 1)
    as32 = {key: value.astype(np.float32) for key, value in parameters.items()}
    assert sn.gradient_check(as32, X.astype(np.float32), Y) < 1e-7


def drop_one_over_m_in_dW2(grads, m):
    return {**grads, "dW2": grads["dW2"] * m}


def drop_one_over_m_in_db1(grads, m):
    return {**grads, "db1": grads["db1"] * m}


def corrupt_one_entry_of_dW1(grads, m):
    dW1 = grads["dW1"].copy()
    dW1[0, 0] += 1.0
    return {**grads, "dW1": dW1}


def negate_db2(grads, m):
    return {**grads, "db2": -grads["db2"]}


CORRUPTIONS = [drop_one_over_m_in_dW2, drop_one_over_m_in_db1, corrupt_one_entry_of_dW1, negate_db2]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__)
def test_gradient_check_detects_a_wrong_gradient(monkeypatch, corrupt) -> None:
    X, Y = sn.make_xor(m=40)
    _, _, parameters = random_problem(3, 2, 3, 1)
    real = sn.backward_propagation
    calls = []

    def broken(parameters, cache, X, Y, activation="tanh"):
        calls.append(1)
        return corrupt(real(parameters, cache, X, Y, activation), X.shape[1])

    assert sn.gradient_check(parameters, X, Y) < 1e-7  # the real one passes here
    monkeypatch.setattr(shallownet.gradcheck, "backward_propagation", broken)
    difference = sn.gradient_check(parameters, X, Y)
    assert calls, "gradient_check did not call the patched backward_propagation"
    assert difference > 1e-3


def test_gradient_check_detects_the_derivative_of_the_wrong_variable(monkeypatch) -> None:
    """The classic slip in (4): tanh'(Z1) written 1 - Z1² instead of 1 - A1²."""
    X, Y = sn.make_xor(m=40)
    _, _, parameters = random_problem(5, 2, 3, 1)

    def broken(parameters, cache, X, Y, activation="tanh"):
        m = X.shape[1]
        dZ2 = cache["A2"] - Y
        dZ1 = (parameters["W2"].T @ dZ2) * (1 - cache["Z1"] ** 2)
        return {
            "dW1": dZ1 @ X.T / m,
            "db1": dZ1.sum(axis=1, keepdims=True) / m,
            "dW2": dZ2 @ cache["A1"].T / m,
            "db2": dZ2.sum(axis=1, keepdims=True) / m,
        }

    monkeypatch.setattr(shallownet.gradcheck, "backward_propagation", broken)
    assert sn.gradient_check(parameters, X, Y) > 1e-3


def test_gradient_check_takes_your_own_backward() -> None:
    X, Y = sn.make_xor(m=40)
    _, _, parameters = random_problem(3, 2, 3, 1)

    def mine(parameters, cache, X, Y):
        return sn.backward_propagation(parameters, cache, X, Y)

    def mine_without_one_over_m(parameters, cache, X, Y):
        return drop_one_over_m_in_dW2(sn.backward_propagation(parameters, cache, X, Y), X.shape[1])

    assert sn.gradient_check(parameters, X, Y, backward=mine) < 1e-7
    assert sn.gradient_check(parameters, X, Y, backward=mine_without_one_over_m) > 1e-3


def forgot_db1(parameters, cache, X, Y):
    grads = sn.backward_propagation(parameters, cache, X, Y)
    grads["db1"] = np.zeros_like(grads["db1"])
    return grads


def test_per_parameter_finds_a_mistake_in_a_small_gradient() -> None:
    """At the flower's start ||db1|| is about 1e-6 against 5e-3 for dW1 and dW2: a db1 never
    computed moves the whole-vector difference only into "look again" (1e-5 to 1e-3), while
    b1's own difference is 1.0 and the others stay at rounding level."""
    X, Y = sn.load_planar_dataset()
    start = sn.initialize_parameters(2, 4, 1)
    whole = sn.gradient_check(start, X, Y, backward=forgot_db1)
    assert 1e-5 < whole < 1e-3
    each = sn.gradient_check(start, X, Y, backward=forgot_db1, epsilon=1e-5, per_parameter=True)
    assert list(each) == ["W1", "b1", "W2", "b2"]
    assert all(type(value) is float for value in each.values())
    assert each["b1"] == 1.0
    assert max(each["W1"], each["W2"], each["b2"]) < 1e-5
    correct = sn.gradient_check(start, X, Y, epsilon=1e-5, per_parameter=True)
    assert max(correct.values()) < 1e-4


def test_per_parameter_of_a_flipped_sign_is_one() -> None:
    X, Y = sn.load_planar_dataset()
    start = sn.initialize_parameters(2, 4, 1)

    def flipped_db2(parameters, cache, X, Y):
        grads = sn.backward_propagation(parameters, cache, X, Y)
        return {**grads, "db2": -grads["db2"]}

    each = sn.gradient_check(start, X, Y, backward=flipped_db2, epsilon=1e-5, per_parameter=True)
    assert each["b2"] == pytest.approx(1.0, abs=1e-3)


def test_per_parameter_must_be_a_bool() -> None:
    X, Y = sn.make_xor(m=10)
    _, _, parameters = random_problem(1, 2, 3, 1)
    with pytest.raises(TypeError, match=r"^per_parameter must be True or False, got 'yes'"):
        sn.gradient_check(parameters, X, Y, per_parameter="yes")  # type: ignore[call-overload]


def test_gradient_check_is_exact_where_outputs_round_to_0_or_1() -> None:
    """The scale-10 weights of the parameters page: sigma(Z2) rounds to 0 or 1 for some
    examples. The cost from Z2 keeps its slope there, so correct code passes; a cost
    clamped at -log(tiny) is flat there and scored these gradients about 0.39."""
    X, Y = sn.load_planar_dataset()
    scaled = sn.initialize_parameters(2, 4, 1)
    scaled["W1"] *= 1000
    scaled["W2"] *= 1000
    A2, _ = sn.forward_propagation(X, scaled)
    assert np.any((A2 == 0) | (A2 == 1))
    assert sn.gradient_check(scaled, X, Y) < 1e-7
    assert max(sn.gradient_check(scaled, X, Y, per_parameter=True).values()) < 1e-5

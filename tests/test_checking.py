"""``sn.check``: every correct function passes, and each typical mistake is named.

The learner's functions below are written as a learner of the course writes them, in
its notebook's style (``np.dot``, ``parameters["W1"]``), with both versions'
signatures. Each mistake of the catalogue is one small change to a correct function;
the test states the sentence ``check`` must print for it, naming the array and the
likely cause.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import shallownet as sn
from shallownet.checking import CHECKED, EQUATIONS, SITE

ROOT = Path(__file__).resolve().parents[1]

# --- Correct functions, as a learner writes them --------------------------------------


def layer_sizes(X, Y):
    return (X.shape[0], 4, Y.shape[0])


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(2)  # v6c seeds inside; W3A1 seeds before the call  # noqa: NPY002
    W1 = np.random.randn(n_h, n_x) * 0.01  # noqa: NPY002
    W2 = np.random.randn(n_y, n_h) * 0.01  # noqa: NPY002
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[key] for key in ("W1", "b1", "W2", "b2"))
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):  # W3A1's signature
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    return float(np.squeeze(-np.sum(logprobs) / m))


def compute_cost_v6c(A2, Y, parameters):  # v6c's signature
    return compute_cost(A2, Y)


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2, A1, A2 = parameters["W2"], cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    parameters = copy.deepcopy(parameters)
    for key in ("W1", "b1", "W2", "b2"):
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters


def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return A2 > 0.5


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)  # noqa: NPY002
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for _ in range(num_iterations):
        _, cache = forward_propagation(X, parameters)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
    return parameters


def compute_dW1(dZ1, X):
    return np.dot(dZ1, X.T) / X.shape[1]


def compute_db1(dZ1):
    return np.sum(dZ1, axis=1, keepdims=True) / dZ1.shape[1]


def compute_dZ1(W2, dZ2, A1):
    return np.dot(W2.T, dZ2) * (1 - A1**2)


def propagate(w, b, X, Y):
    """Week 2's graded function, as the course writes it: db and the cost squeezed floats."""
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    cost = np.squeeze(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = A - Y
    return {"dw": np.dot(X, dZ.T) / m, "db": np.sum(dZ) / m}, cost


def propagate_db_as_array(w, b, X, Y):
    grads, cost = propagate(w, b, X, Y)
    return dict(grads, db=np.array([[grads["db"]]])), cost  # (1, 1): squeezed by the check


def propagate_without_one_over_m(w, b, X, Y):
    grads, cost = propagate(w, b, X, Y)
    return dict(grads, dw=grads["dw"] * X.shape[1]), cost


def propagate_transposed(w, b, X, Y):
    grads, cost = propagate(w, b, X, Y)
    return dict(grads, dw=grads["dw"].T), cost


CORRECT: list[tuple[Callable[..., Any], str | None]] = [
    (layer_sizes, None),
    (initialize_parameters, None),
    (forward_propagation, None),
    (compute_cost, None),
    (compute_cost_v6c, "compute_cost"),
    (backward_propagation, None),
    (update_parameters, None),
    (predict, None),
    (nn_model, None),
    (compute_dW1, None),
    (compute_db1, None),
    (compute_dZ1, None),
    (propagate, None),
    (propagate_db_as_array, "propagate"),
]


@pytest.mark.parametrize(("function", "name"), CORRECT, ids=lambda f: getattr(f, "__name__", f))
def test_a_correct_function_passes(function: Callable[..., Any], name: str | None) -> None:
    report = sn.check(function, name)
    assert report, str(report)
    assert str(report).startswith(f"{name or function.__name__} agrees with shallownet on ")


@pytest.mark.parametrize("name", CHECKED)
def test_the_package_s_own_function_passes(name: str) -> None:
    report = sn.check(getattr(sn, name))
    assert report, str(report)


def test_check_says_which_signature_it_assumed() -> None:
    assert "W3A1's (A2, Y)" in str(sn.check(compute_cost))
    assert "v6c's (A2, Y, parameters)" in str(sn.check(compute_cost_v6c, "compute_cost"))
    assert "v6c (its initialize_parameters seeds 2)" in str(sn.check(nn_model))

    def nn_model_w3a1(X, Y, n_h, num_iterations=10000, print_cost=False):
        # W3A1: initialize_parameters draws from the state its test cell seeded with 3
        n_x, _, n_y = layer_sizes(X, Y)
        W1 = np.random.randn(n_h, n_x) * 0.01  # noqa: NPY002
        W2 = np.random.randn(n_y, n_h) * 0.01  # noqa: NPY002
        parameters = {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
        for _ in range(num_iterations):
            _, cache = forward_propagation(X, parameters)
            parameters = update_parameters(
                parameters, backward_propagation(parameters, cache, X, Y)
            )
        return parameters

    report = sn.check(nn_model_w3a1, "nn_model")
    assert report, str(report)
    assert "W3A1 (np.random.seed(3) before the call)" in str(report)


# --- The catalogue of mistakes ----------------------------------------------------------


def transpose_missing(dZ1, X):
    return np.dot(X, dZ1.T) / X.shape[1]


def one_over_m_missing(dZ1, X):
    return np.dot(dZ1, X.T)


def keepdims_forgotten(dZ1):
    return np.sum(dZ1, axis=1) / dZ1.shape[1]


def sum_over_the_wrong_axis(dZ1):
    return np.sum(dZ1, axis=0, keepdims=True) / dZ1.shape[1]


def sigmoid_derivative_for_tanh(W2, dZ2, A1):
    return np.dot(W2.T, dZ2) * A1 * (1 - A1)


def no_derivative(W2, dZ2, A1):
    return np.dot(W2.T, dZ2)


def backward_with_sigmoid_derivative(parameters, cache, X, Y):
    grads = backward_propagation(parameters, cache, X, Y)
    m = X.shape[1]
    A1 = cache["A1"]
    dZ1 = np.dot(parameters["W2"].T, cache["A2"] - Y) * A1 * (1 - A1)
    return {**grads, "dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, 1, keepdims=True) / m}


def W_minus_alpha_W(parameters, grads, learning_rate=1.2):
    return {key: parameters[key] - learning_rate * parameters[key] for key in parameters}


def in_place_update(parameters, grads, learning_rate=1.2):
    for key in ("W1", "b1", "W2", "b2"):
        parameters[key] -= learning_rate * grads["d" + key]  # aliases the caller's arrays
    return parameters


def uphill(parameters, grads, learning_rate=1.2):
    return {key: parameters[key] + learning_rate * grads["d" + key] for key in parameters}


def cost_without_one_over_m(A2, Y):
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


def cost_as_an_array(A2, Y):
    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=1, keepdims=True) / Y.shape[1]


def predict_probabilities(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return A2


def dZ2_reversed(A2, Y):
    return Y - A2


def weights_too_large(n_x, n_h, n_y):
    parameters = initialize_parameters(n_x, n_h, n_y)
    return {**parameters, "W1": parameters["W1"] * 100, "W2": parameters["W2"] * 100}


BACKPROPAGATION = SITE + "explanation/backpropagation/"
MISTAKES = [
    (
        transpose_missing,
        "compute_dW1",
        "dW1 has shape (2, 4), expected (4, 2) = (n_h, n_x): "
        "did you forget a transpose in equation (5)?",
        BACKPROPAGATION + "#eq-dW1",
    ),
    (
        one_over_m_missing,
        "compute_dW1",
        "dW1 is m = 3 times too large: did you forget the 1/m of equation (5)?",
        BACKPROPAGATION + "#eq-dW1",
    ),
    (
        keepdims_forgotten,
        "compute_db1",
        "db1 has shape (4,), expected (4, 1) = (n_h, 1): "
        "did you forget keepdims=True in the sum of equation (6)?",
        BACKPROPAGATION + "#eq-db1",
    ),
    (
        sum_over_the_wrong_axis,
        "compute_db1",
        "db1 has shape (1, 3), expected (4, 1) = (n_h, 1): "
        "the sum of equation (6) runs over the examples, axis=1, not axis=0",
        BACKPROPAGATION + "#eq-db1",
    ),
    (
        sigmoid_derivative_for_tanh,
        "compute_dZ1",
        "dZ1 uses A1 * (1 - A1), the derivative of sigmoid; "
        "for tanh equation (4) needs g'(Z1) = 1 - A1**2",
        BACKPROPAGATION + "#eq-dZ1",
    ),
    (
        backward_with_sigmoid_derivative,
        "backward_propagation",
        "dZ1 uses A1 * (1 - A1), the derivative of sigmoid; "
        "for tanh equation (4) needs g'(Z1) = 1 - A1**2",
        BACKPROPAGATION + "#eq-dZ1",
    ),
    (
        no_derivative,
        "compute_dZ1",
        "dZ1 is missing the factor g'(Z1) of equation (4): it equals W2.T @ dZ2 alone",
        BACKPROPAGATION + "#eq-dZ1",
    ),
    (
        W_minus_alpha_W,
        "update_parameters",
        "W1 equals W1 - learning_rate * W1: the update subtracts the gradient, "
        "W1 - learning_rate * dW1",
        SITE + "explanation/gradient-descent/#eq-update",
    ),
    (
        in_place_update,
        "update_parameters",
        "update_parameters changed the caller's parameters['W1'] in place",
        SITE + "explanation/gradient-descent/#eq-update",
    ),
    (
        uphill,
        "update_parameters",
        "W1 moved uphill, W1 + learning_rate * dW1: gradient descent subtracts",
        SITE + "explanation/gradient-descent/#eq-update",
    ),
    (
        cost_without_one_over_m,
        "compute_cost",
        "cost is m = 3 times too large: did you forget the 1/m of the cost?",
        SITE + "explanation/cost/#eq-cost",
    ),
    (
        cost_as_an_array,
        "compute_cost",
        "the cost is an array of shape (1, 1); the course's cost is a float",
        SITE + "explanation/cost/#eq-cost",
    ),
    (
        predict_probabilities,
        "predict",
        "predictions holds probabilities, not classes: predict returns A2 > 0.5",
        SITE + "tutorial/flower/#eq-predict",
    ),
    (
        dZ2_reversed,
        "compute_dZ2",
        "dZ2 has the opposite sign: check the order of the subtraction in equation (1)",
        BACKPROPAGATION + "#eq-dZ2",
    ),
    (
        weights_too_large,
        "initialize_parameters",
        "W1 is 100 times too large: the course scales randn by 0.01",
        SITE + "explanation/parameters/#eq-shapes",
    ),
]


@pytest.mark.parametrize(
    ("function", "name", "message", "url"), MISTAKES, ids=[m[0].__name__ for m in MISTAKES]
)
def test_each_mistake_is_named(
    function: Callable[..., Any], name: str, message: str, url: str
) -> None:
    report = sn.check(function, name)
    assert not report
    assert str(report).startswith(f"{name} does not agree with shallownet yet.\n")
    assert message in str(report), str(report)
    assert report.url == url
    assert str(report).endswith(f"See {url}")


LOGISTIC = SITE + "explanation/intuition-logistic/#eq-lr-vectorized"


@pytest.mark.parametrize(
    ("function", "message"),
    [
        (
            propagate_without_one_over_m,
            "dw is m = 3 times too large: did you forget the 1/m of logistic regression's gradients?",
        ),
        (
            propagate_transposed,
            "dw has shape (1, 2), expected (2, 1): did you forget a transpose in logistic "
            "regression's gradients?",
        ),
    ],
)
def test_propagate_names_the_mistake(function: Callable[..., Any], message: str) -> None:
    report = sn.check(function, "propagate")
    assert not report
    assert message in str(report), str(report)
    assert report.url == LOGISTIC


def test_relu_dZ1_is_checked_against_relu() -> None:
    def compute_dZ1(W2, dZ2, Z1):
        return np.dot(W2.T, dZ2) * (Z1 > 0)

    assert sn.check(compute_dZ1, activation="relu")
    assert not sn.check(compute_dZ1)  # tanh's g' is not a 0/1 mask


def test_weights_drawn_in_another_order_name_the_shape_table_not_the_update() -> None:
    def initialize_parameters(n_x, n_h, n_y):
        np.random.seed(2)  # the course's legacy generator  # noqa: NPY002
        W2 = np.random.randn(n_y, n_h) * 0.01  # drawn before W1: other weights  # noqa: NPY002
        W1 = np.random.randn(n_h, n_x) * 0.01  # noqa: NPY002
        return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}

    report = sn.check(initialize_parameters)
    assert not report
    assert "expected -0.012452881 (the shape table), for (n_x, n_h, n_y) = (2, 4, 1)" in str(report)
    assert "the update" not in str(report)
    assert report.url == SITE + "explanation/parameters/#eq-shapes"


def test_a_difference_without_a_known_cause_names_the_entry() -> None:
    def off_by_a_little(dZ1, X):
        dW1 = np.dot(dZ1, X.T) / X.shape[1]
        dW1[1, 0] += 0.5
        return dW1

    report = str(sn.check(off_by_a_little, "compute_dW1"))
    assert re.search(r"dW1\[1, 0\] is \S+, expected \S+ \(equation \(5\)\)", report), report


# --- Unfinished and failing functions ---------------------------------------------------


def test_not_implemented_yet() -> None:
    def raises(X, parameters):
        raise NotImplementedError

    def returns_none(A2, Y):
        pass  # YOUR CODE HERE

    assert str(sn.check(raises, "forward_propagation")) == (
        "forward_propagation is not implemented yet."
    )
    assert str(sn.check(returns_none, "compute_dZ2")) == (
        "compute_dZ2 is not implemented yet: it returned None."
    )


def test_an_error_is_reported_with_the_learner_s_traceback() -> None:
    def transposed_X(X, parameters):
        Z1 = np.dot(parameters["W1"], X.T)  # the line the report shows
        return Z1, {}

    report = sn.check(transposed_X, "forward_propagation")
    text = str(report)
    assert not report
    assert text.startswith("forward_propagation raised an error.\n")
    assert 'Z1 = np.dot(parameters["W1"], X.T)  # the line the report shows' in text
    assert "ValueError: shapes (4,2) and (3,2) not aligned" in text
    assert "shallownet/checking.py" not in text  # the checker's own frames are not shown


def test_a_function_that_scribbles_on_its_inputs_cannot_corrupt_the_check() -> None:
    def scribbles(parameters, cache, X, Y):
        grads = backward_with_sigmoid_derivative(parameters, cache, X, Y)
        X[...] = 0  # on the checker's copies, not on the arrays it diagnoses with
        cache["A1"][...] = 0
        parameters["W2"][...] = 0
        return grads

    report = str(sn.check(scribbles, "backward_propagation"))
    assert "dZ1 uses A1 * (1 - A1), the derivative of sigmoid" in report, report


def test_numpy_s_global_random_state_is_restored() -> None:
    np.random.seed(123)  # noqa: NPY002
    state = np.random.get_state()  # noqa: NPY002
    sn.check(initialize_parameters)  # seeds 2 inside, as v6c's does
    sn.check(backward_propagation)  # the course's inputs are drawn after np.random.seed(1)
    after = np.random.get_state()  # noqa: NPY002
    assert after[0] == state[0]
    np.testing.assert_array_equal(after[1], state[1])
    assert after[2:] == state[2:]


def test_an_unknown_name_is_refused() -> None:
    with pytest.raises(ValueError, match=r"check\(\) does not know 'my_forward': pass name="):
        sn.check(lambda X, parameters: None, "my_forward")

    def my_forward(X, parameters):
        return forward_propagation(X, parameters)

    with pytest.raises(ValueError, match="pass name= one of layer_sizes, initialize_parameters"):
        sn.check(my_forward)
    assert sn.check(my_forward, "forward_propagation")


def test_float32_inputs_are_checked_too() -> None:
    def float64_only(dZ1, X):
        if dZ1.dtype != np.float64:
            raise TypeError(f"got {dZ1.dtype}")
        return compute_dW1(dZ1, X)

    report = str(sn.check(float64_only, "compute_dW1"))
    assert report.startswith("compute_dW1 raised an error.\n  On random arrays, "), report
    assert "float32, it raised:" in report
    assert "TypeError: got float32" in report


# --- Its links --------------------------------------------------------------------------


def test_every_link_names_an_equation_on_its_page() -> None:
    for key, (_, page, anchor) in EQUATIONS.items():
        source = ROOT / "docs" / (page.rstrip("/") + ".md")
        text = source.read_text(encoding="utf-8")
        assert f"<!-- eq: {anchor.removeprefix('eq-')} |" in text, (key, source)


def test_the_site_is_mkdocs_site_url() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: {SITE}\n" in config

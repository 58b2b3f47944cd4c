"""Layer sizes, initialization and the update rule."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from problems import random_problem

import shallownet as sn

KEYS = ("W1", "b1", "W2", "b2")


def test_initialize_parameters_course_values() -> None:
    parameters = sn.initialize_parameters(2, 4, 1)
    rng = np.random.RandomState(2)
    W1 = rng.randn(4, 2) * 0.01
    W2 = rng.randn(1, 4) * 0.01
    assert set(parameters) == set(KEYS)
    np.testing.assert_array_equal(parameters["W1"], W1)
    np.testing.assert_array_equal(parameters["W2"], W2)
    np.testing.assert_array_equal(parameters["b1"], np.zeros((4, 1)))
    np.testing.assert_array_equal(parameters["b2"], np.zeros((1, 1)))
    assert parameters["W1"].shape == (4, 2)
    assert parameters["b1"].shape == (4, 1)
    assert parameters["W2"].shape == (1, 4)
    assert parameters["b2"].shape == (1, 1)
    assert all(value.dtype == np.float64 for value in parameters.values())


@settings(max_examples=25, deadline=None)
@given(
    n_x=st.integers(1, 6), n_h=st.integers(1, 6), n_y=st.integers(1, 3), seed=st.integers(0, 1000)
)
def test_initialize_parameters_shapes_and_seed(n_x: int, n_h: int, n_y: int, seed: int) -> None:
    parameters = sn.initialize_parameters(n_x, n_h, n_y, seed=seed)
    assert parameters["W1"].shape == (n_h, n_x)
    assert parameters["b1"].shape == (n_h, 1)
    assert parameters["W2"].shape == (n_y, n_h)
    assert parameters["b2"].shape == (n_y, 1)
    again = sn.initialize_parameters(n_x, n_h, n_y, seed=seed)
    for key in KEYS:
        np.testing.assert_array_equal(parameters[key], again[key])
    rng = np.random.RandomState(seed)
    np.testing.assert_array_equal(parameters["W1"], rng.randn(n_h, n_x) * 0.01)
    np.testing.assert_array_equal(parameters["W2"], rng.randn(n_y, n_h) * 0.01)


def test_initialize_parameters_float32() -> None:
    parameters = sn.initialize_parameters(2, 4, 1, dtype=np.float32)
    assert all(value.dtype == np.float32 for value in parameters.values())
    reference = sn.initialize_parameters(2, 4, 1)
    np.testing.assert_array_equal(parameters["W1"], reference["W1"].astype(np.float32))


def test_initialize_parameters_seed_none_draws_from_numpy_s_global_state() -> None:
    # As the 2021 notebook does: np.random.seed(2), then initialize_parameters.
    np.random.seed(2)  # noqa: NPY002 (the course's global state)
    a = sn.initialize_parameters(3, 5, 1, seed=None)
    after_a = np.random.randn()  # noqa: NPY002 (the course's global state)
    np.random.seed(2)  # noqa: NPY002 (the course's global state)
    expected_W1, expected_W2 = np.random.randn(5, 3) * 0.01, np.random.randn(1, 5) * 0.01  # noqa: NPY002 (the course's global state)
    np.testing.assert_array_equal(a["W1"], expected_W1)
    np.testing.assert_array_equal(a["W2"], expected_W2)
    assert np.random.randn() == after_a  # the global state moved on by exactly 20 draws  # noqa: NPY002 (the course's global state)
    b = sn.initialize_parameters(3, 5, 1, seed=None)
    assert not np.array_equal(a["W1"], b["W1"])


def test_initialize_parameters_seed_none_after_seed_2_equals_the_default() -> None:
    np.random.seed(2)  # noqa: NPY002 (the course's global state)
    from_global = sn.initialize_parameters(2, 4, 1, seed=None)
    default = sn.initialize_parameters(2, 4, 1)
    for key in KEYS:
        np.testing.assert_array_equal(from_global[key], default[key])


def test_initialize_parameters_draws_from_a_random_state_and_advances_it() -> None:
    rng = np.random.RandomState(7)
    first = sn.initialize_parameters(2, 3, 1, seed=rng)
    second = sn.initialize_parameters(2, 3, 1, seed=rng)
    np.testing.assert_array_equal(first["W1"], sn.initialize_parameters(2, 3, 1, seed=7)["W1"])
    assert not np.array_equal(first["W1"], second["W1"])


def test_initialize_parameters_draws_from_a_generator() -> None:
    parameters = sn.initialize_parameters(2, 3, 1, seed=np.random.default_rng(5))
    rng = np.random.default_rng(5)
    np.testing.assert_array_equal(parameters["W1"], rng.standard_normal((3, 2)) * 0.01)
    np.testing.assert_array_equal(parameters["W2"], rng.standard_normal((1, 3)) * 0.01)


@pytest.mark.parametrize(
    ("seed", "error", "message"),
    [
        (
            "2",
            TypeError,
            "seed must be an int, None (numpy's global random state), a "
            "np.random.RandomState or a np.random.Generator, got str",
        ),
        (
            True,
            TypeError,
            "seed must be an int, None (numpy's global random state), a "
            "np.random.RandomState or a np.random.Generator, got bool",
        ),
        (-1, ValueError, "seed must be between 0 and 2**32 - 1, got -1"),
        (2**32, ValueError, "seed must be between 0 and 2**32 - 1, got 4294967296"),
    ],
)
def test_initialize_parameters_refuses_bad_seeds(seed: object, error: type, message: str) -> None:
    with pytest.raises(error, match="^" + re.escape(message) + "$"):
        sn.initialize_parameters(2, 4, 1, seed=seed)  # type: ignore[arg-type]
    with pytest.raises(error, match="^" + re.escape(message) + "$"):
        sn.nn_model(np.zeros((2, 3)), np.array([[0, 1, 0]]), 2, 1, seed=seed)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_x": 0}, ValueError, "n_x must be at least 1, got 0"),
        ({"n_h": -1}, ValueError, "n_h must be at least 1, got -1"),
        ({"n_y": 0}, ValueError, "n_y must be at least 1, got 0"),
        ({"n_h": 2.0}, TypeError, "n_h must be an integer, got float"),
        ({"n_h": True}, TypeError, "n_h must be an integer, got bool"),
        ({"dtype": np.int64}, TypeError, "dtype must be a floating dtype, got int64"),
    ],
)
def test_initialize_parameters_refuses_bad_sizes(kwargs: dict, error: type, message: str) -> None:
    args = {"n_x": 2, "n_h": 4, "n_y": 1, **kwargs}
    with pytest.raises(error, match=message):
        sn.initialize_parameters(**args)


def train_steps(X, Y, parameters, steps: int, learning_rate: float = 1.2):
    for _ in range(steps):
        _, cache = sn.forward_propagation(X, parameters)
        grads = sn.backward_propagation(parameters, cache, X, Y)
        parameters = sn.update_parameters(parameters, grads, learning_rate)
    return parameters


def rows_identical(W: np.ndarray) -> bool:
    return np.allclose(W, W[:1], rtol=1e-12, atol=0)


def test_zero_init_keeps_hidden_units_symmetric() -> None:
    X, Y = sn.load_planar_dataset()
    n_h = 4

    # All equal (and non-zero, so the weights do move): every hidden unit computes the
    # same function, gets the same gradient, and the rows stay equal for ever.
    equal = {
        "W1": np.full((n_h, 2), 0.3),
        "b1": np.zeros((n_h, 1)),
        "W2": np.full((1, n_h), 0.5),
        "b2": np.zeros((1, 1)),
    }
    trained = train_steps(X, Y, equal, 10)
    assert not np.allclose(trained["W1"], equal["W1"])  # training did change W1
    assert rows_identical(trained["W1"])
    assert rows_identical(trained["b1"])
    assert np.allclose(trained["W2"], trained["W2"][0, 0], rtol=1e-12, atol=0)

    # All zero: dW1 = 0 because W2 = 0, and dW2 = 0 because A1 = tanh(0) = 0.
    zero = {key: np.zeros_like(value) for key, value in equal.items()}
    trained = train_steps(X, Y, zero, 10)
    assert rows_identical(trained["W1"])
    np.testing.assert_array_equal(trained["W1"], 0.0)
    np.testing.assert_array_equal(trained["W2"], 0.0)

    # Random init breaks the symmetry: the rows differ and keep differing.
    trained = train_steps(X, Y, sn.initialize_parameters(2, n_h, 1), 10)
    W1 = trained["W1"]
    assert min(np.abs(W1[i] - W1[j]).max() for i in range(n_h) for j in range(i)) > 1e-3


def random_parameters_and_grads(seed: int, n_x: int = 3, n_h: int = 4):
    rng = np.random.default_rng(seed)
    shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (1, n_h), "b2": (1, 1)}
    parameters = {key: rng.normal(size=shape) for key, shape in shapes.items()}
    grads = {"d" + key: rng.normal(size=shape) for key, shape in shapes.items()}
    return parameters, grads


def assert_one_step(parameters, grads, alpha) -> dict:
    """update_parameters is θ - α dθ for every key, in new arrays, inputs untouched."""
    before = {key: value.copy() for key, value in parameters.items()}
    grads_before = {key: value.copy() for key, value in grads.items()}

    new = sn.update_parameters(parameters, grads, alpha)

    assert set(new) == set(KEYS)
    for key in KEYS:
        np.testing.assert_array_equal(new[key], before[key] - alpha * grads_before["d" + key])
        assert new[key].shape == before[key].shape
        assert new[key] is not parameters[key]
        assert not np.shares_memory(new[key], parameters[key])
        np.testing.assert_array_equal(parameters[key], before[key])
        np.testing.assert_array_equal(grads["d" + key], grads_before["d" + key])
    return new


@settings(max_examples=25, deadline=None)
@given(
    n_x=st.integers(1, 4),
    n_h=st.integers(1, 5),
    m=st.integers(5, 40),
    alpha=st.floats(1e-4, 1e-2),
    seed=st.integers(0, 2**32 - 1),
)
def test_update_is_one_gradient_step(n_x: int, n_h: int, m: int, alpha: float, seed: int) -> None:
    X, Y, parameters = random_problem(seed, n_x, n_h, m)
    A2, cache = sn.forward_propagation(X, parameters)
    J0 = sn.compute_cost(A2, Y)
    grads = sn.backward_propagation(parameters, cache, X, Y)

    new = assert_one_step(parameters, grads, alpha)

    # A small step along -dθ lowers J, by about α ||dθ||² (first order).
    J1 = sn.compute_cost(sn.forward_propagation(X, new)[0], Y)
    drop = alpha * sum(float((g**2).sum()) for g in grads.values())
    assert J1 < J0
    assert J0 - J1 == pytest.approx(drop, rel=0.1)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), alpha=st.floats(1e-3, 5.0))
def test_update_equals_theta_minus_alpha_dtheta_for_any_arrays(seed: int, alpha: float) -> None:
    assert_one_step(*random_parameters_and_grads(seed), alpha)


def test_update_default_learning_rate_is_the_course_s_1_2() -> None:
    parameters, grads = random_parameters_and_grads(4)
    default = sn.update_parameters(parameters, grads)
    explicit = sn.update_parameters(parameters, grads, 1.2)
    for key in KEYS:
        np.testing.assert_array_equal(default[key], explicit[key])


def test_update_parameter_single() -> None:
    theta = np.array([[1.0, 2.0]])
    new = sn.update_parameter(theta, np.array([[0.5, -0.5]]), 0.1)
    np.testing.assert_array_equal(new, theta - 0.1 * np.array([[0.5, -0.5]]))
    np.testing.assert_array_equal(theta, [[1.0, 2.0]])


def test_update_keeps_float32() -> None:
    parameters = sn.initialize_parameters(2, 4, 1, dtype=np.float32)
    grads = {"d" + key: np.ones_like(value) for key, value in parameters.items()}
    new = sn.update_parameters(parameters, grads, 0.5)
    assert all(value.dtype == np.float32 for value in new.values())


def test_layer_sizes_of_the_flower() -> None:
    X, Y = sn.load_planar_dataset()
    assert sn.layer_sizes(X, Y) == (2, 4, 1)
    assert sn.layer_sizes(X, Y, n_h=7) == (2, 7, 1)


@settings(max_examples=25, deadline=None)
@given(n_x=st.integers(1, 8), n_y=st.integers(1, 3), m=st.integers(1, 10), n_h=st.integers(1, 50))
def test_layer_sizes_read_the_shapes(n_x: int, n_y: int, m: int, n_h: int) -> None:
    X = np.zeros((n_x, m))
    Y = np.zeros((n_y, m), dtype=np.uint8)
    assert sn.layer_sizes(X, Y, n_h) == (n_x, n_h, n_y)
    assert sn.layer_sizes(X, Y[0], n_h) == (n_x, n_h, 1)  # flat (m,) is (1, m)


def test_layer_sizes_refuses_mismatched_m_and_bad_n_h() -> None:
    X = np.zeros((2, 5))
    with pytest.raises(
        sn.ShapeError, match=r"Y must have shape \(n_y, m\) = \(n_y, 5\), got \(1, 4\)"
    ):
        sn.layer_sizes(X, np.zeros((1, 4)))
    with pytest.raises(ValueError, match="n_h must be at least 1, got 0"):
        sn.layer_sizes(X, np.zeros((1, 5)), n_h=0)
    with pytest.raises(TypeError, match="n_h must be an integer, got float"):
        sn.layer_sizes(X, np.zeros((1, 5)), n_h=4.0)


SCALED = [
    (sn.initialize_parameters_xavier, 1.0),  # Var(W) = 1 / n^[l-1]
    (sn.initialize_parameters_he, 2.0),  # Var(W) = 2 / n^[l-1]
]


def assert_variance(initialize, gain: float) -> None:
    """Var(W^[l]) = gain / n^[l-1] for both layers, over many independent draws, and zero
    biases. The sample variance of N normal draws has a relative spread of sqrt(2 / N):
    0.4% for W1 (120,000 draws) and 0.2% summed over the W2 of 300 seeds."""
    parameters = initialize(300, 400, 1, seed=0)
    W1 = parameters["W1"]
    assert W1.shape == (400, 300)
    assert abs(W1.mean()) < 4 * np.sqrt(gain / 300 / W1.size)
    assert W1.var() * 300 == pytest.approx(gain, rel=0.02)
    W2 = np.concatenate([initialize(3, 400, 1, seed=seed)["W2"] for seed in range(300)])
    assert W2.var() * 400 == pytest.approx(gain, rel=0.02)
    np.testing.assert_array_equal(parameters["b1"], np.zeros((400, 1)))
    np.testing.assert_array_equal(parameters["b2"], np.zeros((1, 1)))


def test_initialize_parameters_xavier_variance() -> None:
    assert_variance(sn.initialize_parameters_xavier, 1.0)


def test_initialize_parameters_he_variance() -> None:
    assert_variance(sn.initialize_parameters_he, 2.0)


@pytest.mark.parametrize(("initialize", "gain"), SCALED)
@settings(max_examples=25, deadline=None)
@given(
    n_x=st.integers(1, 6), n_h=st.integers(1, 6), n_y=st.integers(1, 3), seed=st.integers(0, 1000)
)
def test_scaled_initializations_are_the_course_s_draw_rescaled(
    initialize, gain: float, n_x: int, n_h: int, n_y: int, seed: int
) -> None:
    # the same seed draws the same normal numbers as initialize_parameters, W1 then W2,
    # each times sqrt(gain / n^[l-1]) instead of 0.01; the same seed gives the same weights
    parameters = initialize(n_x, n_h, n_y, seed=seed)
    rng = np.random.RandomState(seed)
    np.testing.assert_array_equal(parameters["W1"], rng.randn(n_h, n_x) * np.sqrt(gain / n_x))
    np.testing.assert_array_equal(parameters["W2"], rng.randn(n_y, n_h) * np.sqrt(gain / n_h))
    np.testing.assert_array_equal(parameters["b1"], np.zeros((n_h, 1)))
    np.testing.assert_array_equal(parameters["b2"], np.zeros((n_y, 1)))
    course = sn.initialize_parameters(n_x, n_h, n_y, seed=seed)
    np.testing.assert_allclose(
        parameters["W1"], course["W1"] * np.sqrt(gain / n_x) / 0.01, rtol=1e-12
    )
    again = initialize(n_x, n_h, n_y, seed=seed)
    for key in KEYS:
        np.testing.assert_array_equal(parameters[key], again[key])


@pytest.mark.parametrize(("initialize", "gain"), SCALED)
def test_scaled_initializations_take_every_seed_and_dtype(initialize, gain: float) -> None:
    np.random.seed(2)  # noqa: NPY002 (the course's global state)
    from_global = initialize(2, 4, 1, seed=None)
    np.testing.assert_array_equal(from_global["W1"], initialize(2, 4, 1)["W1"])
    rng = np.random.default_rng(5)
    from_generator = initialize(2, 3, 1, seed=np.random.default_rng(5))
    np.testing.assert_array_equal(
        from_generator["W1"], rng.standard_normal((3, 2)) * np.sqrt(gain / 2)
    )
    single = initialize(2, 4, 1, dtype=np.float32)
    assert all(value.dtype == np.float32 for value in single.values())


@pytest.mark.parametrize(("initialize", "gain"), SCALED)
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_x": 0}, ValueError, "n_x must be at least 1, got 0"),
        ({"n_h": -1}, ValueError, "n_h must be at least 1, got -1"),
        ({"n_y": 0}, ValueError, "n_y must be at least 1, got 0"),
        ({"n_h": 2.0}, TypeError, "n_h must be an integer, got float"),
        ({"dtype": np.int64}, TypeError, "dtype must be a floating dtype, got int64"),
        ({"seed": -1}, ValueError, "seed must be between 0 and 2**32 - 1, got -1"),
        ({"seed": "2"}, TypeError, "seed must be an int, None"),
    ],
)
def test_scaled_initializations_refuse_bad_inputs(
    initialize, gain: float, kwargs: dict, error: type, message: str
) -> None:
    args = {"n_x": 2, "n_h": 4, "n_y": 1, **kwargs}
    with pytest.raises(error, match="^" + re.escape(message)):
        initialize(**args)


@pytest.mark.parametrize(
    ("initialization", "initialize"),
    [
        ("random", sn.initialize_parameters),
        ("xavier", sn.initialize_parameters_xavier),
        ("he", sn.initialize_parameters_he),
    ],
)
def test_nn_model_starts_from_the_initialization_it_names(initialization: str, initialize) -> None:
    X, Y = sn.load_planar_dataset()
    for train in (sn.nn_model, sn.gradient_descent):
        untrained = train(X, Y, 4, 0, initialization=initialization, seed=7)
        expected = initialize(2, 4, 1, seed=7)
        for key in KEYS:
            np.testing.assert_array_equal(untrained[key], expected[key])
        one = train(X, Y, 4, 1, initialization=initialization, seed=7)
        _, cache = sn.forward_propagation(X, expected)
        assert one.costs[0] == pytest.approx(sn.compute_cost_from_logits(cache["Z2"], Y))


def test_nn_model_default_initialization_is_the_course_s() -> None:
    X, Y = sn.load_planar_dataset()
    default = sn.nn_model(X, Y, 4, 3)
    named = sn.nn_model(X, Y, 4, 3, initialization="random")
    np.testing.assert_array_equal(default.costs, named.costs)


@pytest.mark.parametrize("initialization", ["zeros", "He", 2])
def test_nn_model_refuses_an_unknown_initialization(initialization: object) -> None:
    message = "initialization must be one of 'random', 'xavier', 'he', got " + repr(initialization)
    for train in (sn.nn_model, sn.gradient_descent):
        with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
            train(np.zeros((2, 3)), np.array([[0, 1, 0]]), 2, 1, initialization=initialization)  # type: ignore[arg-type]

"""Bad input: each one raises a clear exception naming the array and the page's shape."""

from __future__ import annotations

import re
import tracemalloc

import numpy as np
import pytest

import shallownet as sn
import shallownet.model
from shallownet._validation import check_finite


@pytest.fixture
def parameters() -> dict[str, np.ndarray]:
    return sn.initialize_parameters(2, 4, 1)  # n_x = 2, n_h = 4, n_y = 1


@pytest.fixture
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.normal(size=(2, 5)), np.array([[0, 1, 1, 0, 1]])  # m = 5


def grads_of(parameters, X, Y) -> dict[str, np.ndarray]:
    _, cache = sn.forward_propagation(X, parameters)
    return sn.backward_propagation(parameters, cache, X, Y)


def exact(message: str) -> str:
    """A regex matching the whole message exactly."""
    return "^" + re.escape(message) + "$"


# X with the wrong number of rows for W1


def test_forward_propagation_refuses_X_with_wrong_rows(parameters) -> None:
    with pytest.raises(
        sn.ShapeError, match=exact("X must have shape (n_x, m) = (2, m), got (3, 5)")
    ):
        sn.forward_propagation(np.zeros((3, 5)), parameters)


def test_compute_Z1_refuses_X_with_wrong_rows() -> None:
    with pytest.raises(
        sn.ShapeError, match=exact("X must have shape (n_x, m) = (2, m), got (3, 5)")
    ):
        sn.compute_Z1(np.zeros((4, 2)), np.zeros((3, 5)), np.zeros((4, 1)))


def test_backward_propagation_refuses_X_with_wrong_rows(parameters, data) -> None:
    X, Y = data
    _, cache = sn.forward_propagation(X, parameters)
    with pytest.raises(
        sn.ShapeError, match=exact("X must have shape (n_x, m) = (2, m), got (3, 5)")
    ):
        sn.backward_propagation(parameters, cache, np.zeros((3, 5)), Y)


def test_X_must_be_two_dimensional(parameters) -> None:
    with pytest.raises(sn.ShapeError, match=re.escape("X must have shape (n_x, m)")):
        sn.forward_propagation(np.zeros(2), parameters)


# b1 of shape (n_h,) instead of (n_h, 1)

B1_MESSAGE = "b1 must have shape (n_h, 1) = (4, 1), got (4,)"


def test_forward_propagation_refuses_flat_b1(parameters, data) -> None:
    parameters["b1"] = np.zeros(4)
    with pytest.raises(sn.ShapeError, match=exact(B1_MESSAGE)):
        sn.forward_propagation(data[0], parameters)


def test_compute_Z1_refuses_flat_b1() -> None:
    # m = n_h = 4: numpy would broadcast (4, 4) + (4,) silently, row-wise, and be wrong.
    with pytest.raises(sn.ShapeError, match=exact(B1_MESSAGE)):
        sn.compute_Z1(np.ones((4, 2)), np.ones((2, 4)), np.zeros(4))


def test_update_parameters_refuses_flat_db1(parameters, data) -> None:
    grads = grads_of(parameters, *data)
    grads["db1"] = grads["db1"].ravel()
    with pytest.raises(sn.ShapeError, match=exact("d" + B1_MESSAGE)):
        sn.update_parameters(parameters, grads)


def test_update_parameters_refuses_flat_b1(parameters, data) -> None:
    grads = grads_of(parameters, *data)
    parameters["b1"] = parameters["b1"].ravel()
    with pytest.raises(sn.ShapeError, match=exact(B1_MESSAGE)):
        sn.update_parameters(parameters, grads)


def test_mismatched_parameter_shapes(parameters, data) -> None:
    parameters["W2"] = np.zeros((1, 3))
    with pytest.raises(
        sn.ShapeError, match=exact("W2 must have shape (n_y, n_h) = (n_y, 4), got (1, 3)")
    ):
        sn.forward_propagation(data[0], parameters)


# A missing key in parameters, grads, cache


def test_missing_key_in_parameters(parameters, data) -> None:
    del parameters["b2"]
    with pytest.raises(
        ValueError, match=exact("parameters is missing key 'b2'; expected keys W1, b1, W2, b2")
    ):
        sn.forward_propagation(data[0], parameters)


def test_missing_key_in_grads(parameters, data) -> None:
    grads = grads_of(parameters, *data)
    del grads["db1"]
    with pytest.raises(
        ValueError, match=exact("grads is missing key 'db1'; expected keys dW1, db1, dW2, db2")
    ):
        sn.update_parameters(parameters, grads)


def test_missing_key_in_cache(parameters, data) -> None:
    X, Y = data
    _, cache = sn.forward_propagation(X, parameters)
    del cache["A1"]
    with pytest.raises(ValueError, match=exact("cache is missing key 'A1'; expected keys A1, A2")):
        sn.backward_propagation(parameters, cache, X, Y)


def test_cache_needs_only_what_backward_propagation_reads(parameters, data) -> None:
    # With tanh, dZ1 reads A1 alone: Z1 and Z2 may be missing or of any shape.
    X, Y = data
    _, cache = sn.forward_propagation(X, parameters)
    expected = sn.backward_propagation(parameters, cache, X, Y)
    for cache_without in (
        {"A1": cache["A1"], "A2": cache["A2"]},
        {**cache, "Z1": cache["Z1"].T, "Z2": "never read"},
    ):
        grads = sn.backward_propagation(parameters, cache_without, X, Y)
        for key, value in expected.items():
            np.testing.assert_array_equal(grads[key], value)
    with pytest.raises(
        sn.ShapeError, match=exact("A1 must have shape (n_h, m) = (n_h, 5), got (5, 4)")
    ):
        sn.backward_propagation(parameters, {**cache, "A1": cache["A1"].T}, X, Y)


def test_cache_needs_Z1_for_an_activation_that_reads_it(parameters, data, monkeypatch) -> None:
    # An activation whose g'(Z, A) reads Z: Z1 is required and checked, as before.
    g = sn.get_activation("tanh")
    monkeypatch.setitem(
        sn.ACTIVATIONS, "tanh_of_z", sn.Activation("tanh_of_z", g.g, lambda z, a=None: g.g_prime(z))
    )
    X, Y = data
    _, cache = sn.forward_propagation(X, parameters)
    grads = sn.backward_propagation(parameters, cache, X, Y, "tanh_of_z")
    expected = sn.backward_propagation(parameters, cache, X, Y)
    for key, value in expected.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-12)
    with pytest.raises(
        sn.ShapeError, match=exact("Z1 must have shape (n_h, m) = (4, 5), got (5, 4)")
    ):
        sn.backward_propagation(parameters, {**cache, "Z1": cache["Z1"].T}, X, Y, "tanh_of_z")
    del cache["Z1"]
    with pytest.raises(
        ValueError, match=exact("cache is missing key 'Z1'; expected keys Z1, A1, A2")
    ):
        sn.backward_propagation(parameters, cache, X, Y, "tanh_of_z")
    with pytest.raises(
        ValueError, match=exact("compute_dZ1 needs Z1 or A1 to compute g'(Z1) for 'tanh'")
    ):
        sn.compute_dZ1(parameters["W2"], np.ones((1, 5)))
    with pytest.raises(
        ValueError,
        match=exact(
            "compute_dZ1 needs Z1 to compute g'(Z1) for 'tanh_of_z', which reads Z1 and not A1"
        ),
    ):
        sn.compute_dZ1(parameters["W2"], np.ones((1, 5)), None, "tanh_of_z", np.ones((4, 5)))


def test_parameters_must_be_a_dict(data) -> None:
    with pytest.raises(
        TypeError, match=exact("parameters must be a dict with keys W1, b1, W2, b2, got list")
    ):
        sn.forward_propagation(data[0], [1, 2, 3, 4])  # type: ignore[arg-type]


# Y of another m

Y_OF_ANOTHER_M = (
    "Y must have shape (n_y, m) = (1, 5), got (1, 4): A2 is (1, 5), with m = 5 examples"
)


def test_compute_cost_refuses_Y_of_another_m() -> None:
    with pytest.raises(sn.ShapeError, match=exact(Y_OF_ANOTHER_M)):
        sn.compute_cost(np.full((1, 5), 0.5), np.array([[0, 1, 1, 0]]))


def test_backward_propagation_refuses_Y_of_another_m(parameters, data) -> None:
    X, _ = data
    _, cache = sn.forward_propagation(X, parameters)
    with pytest.raises(sn.ShapeError, match=exact(Y_OF_ANOTHER_M)):
        sn.backward_propagation(parameters, cache, X, np.array([[0, 1, 1, 0]]))


def test_nn_model_refuses_Y_of_another_m(data) -> None:
    with pytest.raises(
        sn.ShapeError,
        match=exact(
            "Y must have shape (n_y, m) = (n_y, 5), got (1, 4): X is (2, 5), with m = 5 examples"
        ),
    ):
        sn.nn_model(data[0], np.array([[0, 1, 1, 0]]), n_h=2, num_iterations=1)


# Transposed arrays: the error blames the array that is transposed, and says how to fix it

FLOWER = sn.load_planar_dataset()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda X, Y, A2: sn.nn_model(X.T, Y, 4),
            "X is (400, 2) and Y is (1, 400): one example per column, so X should be"
            " (2, 400); did you mean X.T?",
        ),
        (
            lambda X, Y, A2: sn.nn_model(X, Y.T, 4),
            "X is (2, 400) and Y is (400, 1): one example per column, so Y should be"
            " (1, 400); did you mean Y.T?",
        ),
        (
            lambda X, Y, A2: sn.nn_model(X.T, Y.T, 4),
            "X is (400, 2) and Y is (400, 1): one example per column, so X should be"
            " (2, 400) and Y (1, 400); did you mean X.T and Y.T?",
        ),
        (
            lambda X, Y, A2: sn.compute_cost(A2.T, Y),
            "A2 is (400, 1) and Y is (1, 400): one example per column, so A2 should be"
            " (1, 400); did you mean A2.T?",
        ),
        (
            lambda X, Y, A2: sn.compute_cost(A2, Y.T),
            "A2 is (1, 400) and Y is (400, 1): one example per column, so Y should be"
            " (1, 400); did you mean Y.T?",
        ),
        (
            lambda X, Y, A2: sn.layer_sizes(X.T, Y),
            "X is (400, 2) and Y is (1, 400): one example per column, so X should be"
            " (2, 400); did you mean X.T?",
        ),
    ],
    ids=["nn_model X.T", "nn_model Y.T", "nn_model both", "cost A2.T", "cost Y.T", "layer_sizes"],
)
def test_a_transposed_array_is_named_with_its_fix(call, message) -> None:
    X, Y = FLOWER
    A2, _ = sn.forward_propagation(X, sn.initialize_parameters(2, 4, 1))
    with pytest.raises(sn.ShapeError, match=exact(message)):
        call(X, Y, A2)


def test_a_transposed_W1_is_blamed_not_b1() -> None:
    """b1 and W2 agree on n_h = 4; W1 (2, 4) is the odd one out."""
    X, _ = FLOWER
    parameters = sn.initialize_parameters(2, 4, 1)
    parameters["W1"] = parameters["W1"].T
    with pytest.raises(
        sn.ShapeError,
        match=exact(
            "W1 must have shape (n_h, n_x) = (4, n_x), got (2, 4): b1 and W2 both have"
            " n_h = 4; did you mean W1.T?"
        ),
    ):
        sn.forward_propagation(X, parameters)


def test_b1_is_still_blamed_when_W1_and_W2_agree() -> None:
    X, _ = FLOWER
    parameters = sn.initialize_parameters(2, 4, 1)
    parameters["b1"] = np.zeros(4)
    with pytest.raises(
        sn.ShapeError, match=exact("b1 must have shape (n_h, 1) = (4, 1), got (4,)")
    ):
        sn.forward_propagation(X, parameters)


# Labels other than 0 and 1


def test_compute_cost_refuses_other_labels() -> None:
    with pytest.raises(ValueError, match=exact("Y must hold binary labels 0 or 1, found [2, -1]")):
        sn.compute_cost(np.full((1, 4), 0.5), np.array([[0, 2, 1, -1]]))


def test_compute_dZ2_refuses_other_labels() -> None:
    with pytest.raises(ValueError, match=exact("Y must hold binary labels 0 or 1, found [0.5]")):
        sn.compute_dZ2(np.full((1, 3), 0.5), np.array([[0.0, 0.5, 1.0]]))


def test_nn_model_refuses_other_labels(data) -> None:
    with pytest.raises(ValueError, match=exact("Y must hold binary labels 0 or 1, found [3]")):
        sn.nn_model(data[0], np.array([[0, 1, 3, 0, 1]]), n_h=2, num_iterations=1)


def test_nan_labels_are_refused() -> None:
    with pytest.raises(
        ValueError, match=re.escape("Y must hold binary labels 0 or 1, found [nan]")
    ):
        sn.compute_cost(np.full((1, 2), 0.5), np.array([[np.nan, 1.0]]))


# Flat Y (m,) is read as (1, m) wherever Y is taken


def test_flat_Y_is_accepted_everywhere(parameters, data) -> None:
    X, Y = data
    flat = Y.ravel()
    A2, cache = sn.forward_propagation(X, parameters)

    assert sn.compute_cost(A2, flat) == sn.compute_cost(A2, Y)
    np.testing.assert_array_equal(sn.compute_dZ2(A2, flat), sn.compute_dZ2(A2, Y))
    for name, fn in {
        "backward_propagation": lambda y: sn.backward_propagation(parameters, cache, X, y),
        "backward_propagation_loop": lambda y: sn.backward_propagation_loop(parameters, X, y),
        "nn_model": lambda y: sn.nn_model(X, y, n_h=4, num_iterations=3),
    }.items():
        got, expected = fn(flat), fn(Y)
        for key in expected:
            np.testing.assert_array_equal(got[key], expected[key], err_msg=f"{name} {key}")
    assert sn.layer_sizes(X, flat) == sn.layer_sizes(X, Y) == (2, 4, 1)
    assert sn.gradient_check(parameters, X, flat) == sn.gradient_check(parameters, X, Y)
    w = np.array([[0.5], [-1.0]])
    assert sn.propagate(w, 0.1, X, flat)[1] == sn.propagate(w, 0.1, X, Y)[1]


# nn_model's arguments


def test_nn_model_refuses_nan_in_X(data) -> None:
    X, Y = data
    X[1, 2] = np.nan
    with pytest.raises(ValueError, match=exact("X must be finite, found NaN or inf")):
        sn.nn_model(X, Y, n_h=2, num_iterations=1)


def test_nn_model_refuses_inf_in_X(data) -> None:
    X, Y = data
    X[0, 0] = -np.inf
    with pytest.raises(ValueError, match=exact("X must be finite, found NaN or inf")):
        sn.nn_model(X, Y, n_h=2, num_iterations=1)


def test_nn_model_refuses_m_0() -> None:
    with pytest.raises(
        ValueError, match=exact("X must hold at least one example (m >= 1), got m = 0")
    ):
        sn.nn_model(np.zeros((2, 0)), np.zeros((1, 0)), n_h=2, num_iterations=1)


@pytest.mark.parametrize("n_h", [0, -1])
def test_nn_model_refuses_n_h_below_1(data, n_h: int) -> None:
    with pytest.raises(ValueError, match=exact(f"n_h must be at least 1, got {n_h}")):
        sn.nn_model(*data, n_h=n_h, num_iterations=1)


def test_nn_model_refuses_negative_iterations(data) -> None:
    with pytest.raises(ValueError, match=exact("num_iterations must be at least 0, got -1")):
        sn.nn_model(*data, n_h=2, num_iterations=-1)


@pytest.mark.parametrize(
    ("learning_rate", "shown"),
    [(0, "0"), (0.0, "0.0"), (-0.5, "-0.5"), (float("nan"), "nan"), (float("inf"), "inf")],
)
def test_nn_model_refuses_bad_learning_rates(data, learning_rate: float, shown: str) -> None:
    with pytest.raises(
        ValueError, match=exact(f"learning_rate must be finite and positive, got {shown}")
    ):
        sn.nn_model(*data, n_h=2, num_iterations=1, learning_rate=learning_rate)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_h": 2.5}, "n_h must be an integer, got float"),
        ({"n_h": True}, "n_h must be an integer, got bool"),
        ({"n_h": "4"}, "n_h must be an integer, got str"),
        ({"n_h": 2, "num_iterations": 10.0}, "num_iterations must be an integer, got float"),
        ({"n_h": 2, "num_iterations": False}, "num_iterations must be an integer, got bool"),
        ({"n_h": 2, "learning_rate": True}, "learning_rate must be a number, got bool"),
        ({"n_h": 2, "learning_rate": "1.2"}, "learning_rate must be a number, got str"),
    ],
)
def test_nn_model_refuses_wrong_types(data, kwargs: dict, message: str) -> None:
    with pytest.raises(TypeError, match=exact(message)):
        sn.nn_model(*data, **kwargs)


def test_update_parameters_refuses_bad_learning_rates(parameters, data) -> None:
    grads = grads_of(parameters, *data)
    with pytest.raises(ValueError, match=exact("learning_rate must be finite and positive, got 0")):
        sn.update_parameters(parameters, grads, 0)
    with pytest.raises(
        ValueError, match=exact("learning_rate must be finite and positive, got nan")
    ):
        sn.update_parameters(parameters, grads, float("nan"))


# Non-numeric arrays


@pytest.mark.parametrize(
    "bad", [np.array([["a", "b"], ["c", "d"]]), np.array([[1, None]], dtype=object)]
)
def test_non_numeric_arrays_raise_type_error(parameters, data, bad: np.ndarray) -> None:
    X, Y = data
    message = f"must be an array of real numbers, got dtype {bad.dtype}"
    with pytest.raises(TypeError, match=exact("X " + message)):
        sn.forward_propagation(bad, parameters)
    with pytest.raises(TypeError, match=exact("X " + message)):
        sn.nn_model(bad, Y[:, :2], n_h=2, num_iterations=1)
    with pytest.raises(TypeError, match=exact("A2 " + message)):
        sn.compute_cost(bad, Y[:, :2])
    with pytest.raises(TypeError, match=exact("Y " + message)):
        sn.compute_dZ2(np.full((1, 2), 0.5), bad[:1])
    parameters["W1"] = np.array([["x"] * 2] * 4)
    with pytest.raises(
        TypeError, match=exact("W1 must be an array of real numbers, got dtype <U1")
    ):
        sn.forward_propagation(X, parameters)


def test_complex_arrays_raise_type_error(parameters) -> None:
    with pytest.raises(
        TypeError, match=exact("X must be an array of real numbers, got dtype complex128")
    ):
        sn.forward_propagation(np.zeros((2, 3), dtype=complex), parameters)


# ShapeError, never a raw numpy error


def test_shape_error_is_a_value_error() -> None:
    assert issubclass(sn.ShapeError, ValueError)
    with pytest.raises(ValueError):  # caught as ValueError too
        sn.compute_Z1(np.ones((4, 2)), np.ones((2, 4)), np.zeros(4))


MISMATCHES = {
    "compute_Z1 X rows": lambda: sn.compute_Z1(np.ones((4, 2)), np.ones((3, 5)), np.zeros((4, 1))),
    "compute_Z1 b1 rows": lambda: sn.compute_Z1(np.ones((4, 2)), np.ones((2, 5)), np.zeros((3, 1))),
    "compute_Z2 A1 rows": lambda: sn.compute_Z2(np.ones((1, 4)), np.ones((3, 5)), np.zeros((1, 1))),
    "compute_Z2 b2 shape": lambda: sn.compute_Z2(
        np.ones((1, 4)), np.ones((4, 5)), np.zeros((2, 1))
    ),
    "compute_dW2 A1 m": lambda: sn.compute_dW2(np.ones((1, 5)), np.ones((4, 6))),
    "compute_dZ1 Z1 shape": lambda: sn.compute_dZ1(
        np.ones((1, 4)), np.ones((1, 5)), np.ones((4, 6))
    ),
    "compute_dZ1 dZ2 rows": lambda: sn.compute_dZ1(
        np.ones((1, 4)), np.ones((2, 5)), np.ones((4, 5))
    ),
    "compute_dZ1 A1 shape": lambda: sn.compute_dZ1(
        np.ones((1, 4)), np.ones((1, 5)), np.ones((4, 5)), "tanh", np.ones((4, 1))
    ),
    "compute_dW1 X m": lambda: sn.compute_dW1(np.ones((4, 5)), np.ones((2, 6))),
    "compute_cost Y m": lambda: sn.compute_cost(np.full((1, 4), 0.5), np.zeros((1, 5))),
    "compute_dZ2 Y rows": lambda: sn.compute_dZ2(np.full((1, 4), 0.5), np.zeros((2, 4))),
    "update_parameter": lambda: sn.update_parameter(np.ones((3, 2)), np.ones((2, 3)), 0.1, "W1"),
    "example_dz1 z1": lambda: sn.example_dz1(np.ones((1, 4)), np.ones((1, 1)), np.ones((3, 1))),
    "propagate X rows": lambda: sn.propagate(
        np.ones((2, 1)), 0.0, np.ones((3, 4)), np.zeros((1, 4))
    ),
}


@pytest.mark.parametrize("call", MISMATCHES.values(), ids=MISMATCHES.keys())
def test_mismatched_shapes_raise_shape_error_not_numpy_errors(call) -> None:
    with pytest.raises(sn.ShapeError) as info:
        call()
    message = str(info.value)
    assert "must have shape (" in message
    assert "operands could not be broadcast" not in message
    assert "matmul" not in message and "mismatch in its core dimension" not in message


# Value scans run once per nn_model call


def test_value_scans_run_once_per_nn_model_call(monkeypatch, data) -> None:
    counts = {"check_labels": 0, "check_finite": 0}
    real = {name: getattr(shallownet.model, name) for name in counts}

    def counting(name):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return real[name](*args, **kwargs)

        return wrapper

    for name in counts:
        monkeypatch.setattr(shallownet.model, name, counting(name))
    parameters = sn.nn_model(*data, n_h=3, num_iterations=20)
    assert parameters.costs.shape == (20,)
    assert counts == {"check_labels": 1, "check_finite": 1}


# check_finite scans block by block


def finite_layouts(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Arrays larger than one block, in every layout check_finite walks differently."""
    wide = rng.standard_normal((30, 2 * 5000))
    return {
        "C": np.ascontiguousarray(wide[:, :5000]),
        "F": np.asfortranarray(wide[:, :5000]),
        "columns of a wider array": wide[:, :5000],
        "every other column": wide[:, ::2],
        "3-D, strided": rng.standard_normal((4, 30, 2000))[:, ::2],
        "float32": wide.astype(np.float32),
        "smaller than a block": wide[:3, :7].copy(),
    }


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("layout", list(finite_layouts(np.random.default_rng(0))))
def test_check_finite_finds_one_bad_entry_anywhere(layout: str, bad: float) -> None:
    rng = np.random.default_rng(1)
    array = finite_layouts(rng)[layout]
    check_finite("X", array)  # finite: no error
    # The first entry, the last, and entries in the first, a middle and the last block.
    picks = [0, array.size - 1, *rng.integers(0, array.size, 5).tolist()]
    for flat_index in picks:
        where = np.unravel_index(flat_index, array.shape)
        saved = array[where]
        array[where] = bad
        with pytest.raises(ValueError, match=exact("X must be finite, found NaN or inf")):
            check_finite("X", array)
        array[where] = saved


def test_check_finite_needs_no_mask_of_the_array_size() -> None:
    X = np.random.default_rng(2).standard_normal((300, 4000))  # 9.6 MB, a 1.2 MB mask
    for array in (X, np.asfortranarray(X), X[:, :3000]):
        tracemalloc.start()
        check_finite("X", array)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak < 200_000, peak

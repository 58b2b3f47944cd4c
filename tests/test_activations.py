"""The hidden activations g and their derivatives g'."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shallownet as sn

NAMES = ["tanh", "sigmoid", "relu", "leaky_relu"]
EPS = 1e-6


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 2**32 - 1), n=st.integers(1, 20))
def test_derivatives_match_finite_differences(name: str, seed: int, n: int) -> None:
    activation = sn.get_activation(name)
    z = np.random.default_rng(seed).normal(scale=3.0, size=(2, n))
    # Away from the kink of relu / leaky_relu: the step ±EPS must not cross 0.
    z = np.where(np.abs(z) < 1e-3, np.copysign(1e-3, z), z)
    numeric = (activation.g(z + EPS) - activation.g(z - EPS)) / (2 * EPS)
    without_a = activation.g_prime(z)
    with_a = activation.g_prime(z, a=activation.g(z))
    assert without_a.shape == with_a.shape == z.shape
    np.testing.assert_allclose(without_a, numeric, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(with_a, numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(
    ("name", "z", "expected"),
    [
        ("relu", [-2.0, -1e-9, 1e-9, 3.0], [0.0, 0.0, 1.0, 1.0]),
        ("leaky_relu", [-2.0, -1e-9, 1e-9, 3.0], [0.01, 0.01, 1.0, 1.0]),
    ],
)
def test_piecewise_derivatives_on_each_side_of_zero(name: str, z: list, expected: list) -> None:
    activation = sn.get_activation(name)
    z_arr = np.array(z)
    np.testing.assert_array_equal(activation.g_prime(z_arr), expected)
    np.testing.assert_array_equal(activation.g_prime(z_arr, a=activation.g(z_arr)), expected)


def test_relu_derivative_at_zero_is_zero() -> None:
    """The docstring's convention for the kink."""
    assert sn.relu_derivative(0.0) == 0.0
    assert sn.relu_derivative(0.0, a=sn.relu(0.0)) == 0.0


def test_sigmoid_extreme_inputs() -> None:
    z = np.array([-1e300, -1000.0, -40.0, 0.0, 40.0, 1000.0, 1e300])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sn.sigmoid(z)
        s_neg = sn.sigmoid(-z)
        d = sn.sigmoid_derivative(z)
    assert not np.isnan(s).any() and not np.isnan(d).any()
    assert s[0] == 0.0 and s[1] == 0.0
    assert s[3] == 0.5
    assert s[5] == 1.0 and s[6] == 1.0
    assert ((s >= 0) & (s <= 1)).all()
    # sigmoid(-40) = e^-40 / (1 + e^-40) is not rounded to 0.
    assert s[2] == pytest.approx(np.exp(-40.0), rel=1e-12)
    # Symmetry sigmoid(-z) = 1 - sigmoid(z).
    np.testing.assert_allclose(s_neg, 1 - s, rtol=0, atol=1e-16)
    assert d[0] == 0.0 and d[-1] == 0.0 and d[3] == 0.25


@settings(max_examples=40, deadline=None)
@given(st.floats(-700, 700, allow_nan=False))
def test_sigmoid_is_symmetric(z: float) -> None:
    assert sn.sigmoid(-z) == pytest.approx(1 - sn.sigmoid(z), abs=2e-16)


def test_sigmoid_matches_its_definition_on_moderate_inputs() -> None:
    z = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(sn.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)


def test_sigmoid_extreme_float32_inputs() -> None:
    z = np.array([-1e30, -1000.0, 0.0, 1000.0, 1e30], dtype=np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sn.sigmoid(z)
    assert s.dtype == np.float32
    np.testing.assert_array_equal(s, np.array([0.0, 0.0, 0.5, 1.0, 1.0], dtype=np.float32))


@pytest.mark.parametrize("name", NAMES)
def test_float32_in_float32_out(name: str) -> None:
    activation = sn.get_activation(name)
    z = np.array([[-2.0, -0.5, 0.5, 3.0]], dtype=np.float32)
    assert activation.g(z).dtype == np.float32
    assert activation.g_prime(z).dtype == np.float32
    assert activation.g_prime(z, a=activation.g(z)).dtype == np.float32


@pytest.mark.parametrize("name", NAMES)
def test_float64_in_float64_out(name: str) -> None:
    activation = sn.get_activation(name)
    z = np.array([[-2.0, 0.5]])
    assert activation.g(z).dtype == np.float64
    assert activation.g_prime(z).dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
def test_scalar_in_scalar_out(name: str) -> None:
    activation = sn.get_activation(name)
    assert np.ndim(activation.g(0.5)) == 0
    assert np.ndim(activation.g_prime(0.5)) == 0
    assert float(activation.g(0.5)) == pytest.approx(float(activation.g(np.array([0.5]))[0]))


def test_activation_values() -> None:
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(sn.relu(z), [0.0, 0.0, 3.0])
    np.testing.assert_allclose(sn.leaky_relu(z), [-0.02, 0.0, 3.0], rtol=1e-15)
    np.testing.assert_allclose(sn.tanh(z), np.tanh(z), rtol=0)
    np.testing.assert_allclose(sn.tanh_derivative(z), 1 / np.cosh(z) ** 2, rtol=1e-14)
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(sn.sigmoid_derivative(z), s * (1 - s), rtol=1e-14)


def test_registry_pairs_each_function_with_its_derivative() -> None:
    assert list(sn.ACTIVATIONS) == NAMES
    assert sn.get_activation("tanh") == (
        sn.Activation("tanh", sn.tanh, sn.tanh_derivative, needs_Z=False)
    )
    assert sn.get_activation("sigmoid").g is sn.sigmoid
    assert sn.get_activation("sigmoid").g_prime is sn.sigmoid_derivative
    assert sn.get_activation("relu").g is sn.relu
    assert sn.get_activation("relu").g_prime is sn.relu_derivative
    assert sn.get_activation("leaky_relu").g is sn.leaky_relu
    assert sn.get_activation("leaky_relu").g_prime is sn.leaky_relu_derivative


@pytest.mark.parametrize("bad", ["softmax", "Tanh", "", None, ["tanh"]])
def test_unknown_activation_raises_value_error_naming_the_choices(bad: object) -> None:
    with pytest.raises(
        ValueError,
        match=r"activation must be one of 'tanh', 'sigmoid', 'relu', 'leaky_relu', got ",
    ):
        sn.get_activation(bad)  # type: ignore[arg-type]


def test_unknown_activation_is_refused_by_the_equations() -> None:
    Z = np.zeros((2, 3))
    with pytest.raises(ValueError, match="activation must be one of"):
        sn.compute_A1(Z, "softplus")
    with pytest.raises(ValueError, match="activation must be one of"):
        sn.compute_dZ1(np.ones((1, 2)), np.ones((1, 3)), Z, "softplus")


def test_non_numeric_input_raises_type_error() -> None:
    with pytest.raises(TypeError, match="z must be an array of real numbers, got dtype <U"):
        sn.sigmoid(np.array(["1.0"]))
    with pytest.raises(TypeError, match="z must be an array of real numbers, got dtype object"):
        sn.relu(np.array([1.0, None], dtype=object))


def test_tanh_derivative_reaches_exactly_0_in_floating_point() -> None:
    """tanh' lies in [0, 1] in float64, not (0, 1]: tanh rounds to 1 for large z."""
    assert float(sn.tanh_derivative(20.0)) == 0.0
    assert float(sn.tanh_derivative(0.0)) == 1.0
    assert 0.0 < float(sn.tanh_derivative(18.0)) < 1e-15


@pytest.mark.parametrize("name", NAMES)
def test_derivative_from_A_alone_when_needs_Z_is_false(name: str) -> None:
    # needs_Z=False promises that g'(Z, A) does not read Z once A is given: so
    # backward_propagation may skip the cache's Z1, as the course's code does.
    g = sn.get_activation(name)
    assert g.needs_Z is False
    Z = np.linspace(-3, 3, 13).reshape(1, -1)
    A = g.g(Z)
    not_Z = np.full_like(Z, np.nan)
    np.testing.assert_array_equal(g.g_prime(not_Z, A), g.g_prime(Z))


@settings(max_examples=60, deadline=None)
@given(z=st.floats(-50, 50))
def test_sigmoid_derivative_is_at_most_a_quarter_and_tanh_derivative_at_most_1(z: float) -> None:
    # The bound behind vanishing gradients (docs/explanation/next-steps.md): 4^-L for L layers.
    assert 0 <= sn.sigmoid_derivative(z) <= 0.25
    assert 0 <= sn.tanh_derivative(z) <= 1
    assert sn.sigmoid_derivative(0.0) == 0.25 and sn.tanh_derivative(0.0) == 1

"""The cost J: the mean of the per-example cross-entropy losses."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import shallownet as sn


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 30), seed=st.integers(0, 2**32 - 1))
def test_cost_equals_mean_of_losses(m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    A2 = rng.uniform(0.01, 0.99, size=(1, m))
    Y = rng.integers(0, 2, size=(1, m))
    losses = [sn.logistic_loss(A2[0, i], Y[0, i]) for i in range(m)]
    J = sn.compute_cost(A2, Y)
    assert isinstance(J, float)
    assert math.isclose(J, sum(losses) / m, rel_tol=1e-12)
    # And the formula of the notes, written out with both terms.
    by_formula = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    assert math.isclose(J, by_formula, rel_tol=1e-12)


def test_cost_course_example() -> None:
    """-(log 0.9 + log 0.8 + log 0.6) / 3, each term the probability of the true label."""
    J = sn.compute_cost(np.array([[0.9, 0.2, 0.6]]), np.array([[1, 0, 1]]))
    assert math.isclose(J, -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3, rel_tol=1e-14)


def test_cost_finite_when_A2_is_exactly_0_or_1() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        right = sn.compute_cost(np.array([[0.0, 1.0, 1.0, 0.0]]), np.array([[0, 1, 1, 0]]))
        wrong = sn.compute_cost(np.array([[0.0, 1.0, 1.0, 0.0]]), np.array([[0, 1, 0, 1]]))
    assert right == 0.0
    assert math.isfinite(wrong)
    # Two of four examples certain and wrong: each costs -log of the smallest positive float.
    tiny = np.finfo(np.float64).tiny
    assert math.isclose(wrong, 2 * -math.log(tiny) / 4, rel_tol=1e-14)
    # Still larger than any cost with probabilities strictly inside (0, 1).
    inside = np.array([[0.0, 1.0, 1 - 2.0**-53, 1e-300]])
    assert 0 < sn.compute_cost(inside, np.array([[0, 1, 0, 1]])) < wrong


def test_cost_finite_for_float32_A2_exactly_0_or_1() -> None:
    A2 = np.array([[0.0, 1.0]], dtype=np.float32)
    J = sn.compute_cost(A2, np.array([[1, 0]]))
    assert math.isfinite(J)
    assert math.isclose(J, -math.log(np.finfo(np.float32).tiny), rel_tol=1e-6)


def test_flat_Y_is_read_as_one_row() -> None:
    A2 = np.array([[0.9, 0.2, 0.6, 0.35]])
    flat = sn.compute_cost(A2, np.array([1, 0, 1, 0]))
    row = sn.compute_cost(A2, np.array([[1, 0, 1, 0]]))
    assert flat == row


def test_boolean_and_float_labels_give_the_same_cost() -> None:
    A2 = np.array([[0.9, 0.2, 0.6, 0.35]])
    Y = np.array([[1, 0, 1, 0]])
    J = sn.compute_cost(A2, Y)
    assert sn.compute_cost(A2, Y.astype(bool)) == J
    assert sn.compute_cost(A2, Y.astype(np.float64)) == J
    assert sn.compute_cost(A2, Y.astype(np.uint8)) == J


def test_float32_A2_is_fine() -> None:
    A2 = np.array([[0.9, 0.2, 0.6, 0.35]])
    Y = np.array([[1, 0, 1, 0]])
    J32 = sn.compute_cost(A2.astype(np.float32), Y)
    assert isinstance(J32, float)
    assert math.isclose(J32, sn.compute_cost(A2, Y), rel_tol=1e-6)


def test_cost_with_several_outputs_sums_over_rows_and_averages_over_m() -> None:
    A2 = np.array([[0.9, 0.2], [0.3, 0.6]])
    Y = np.array([[1, 0], [0, 1]])
    expected = -(math.log(0.9) + math.log(0.8) + math.log(0.7) + math.log(0.6)) / 2
    assert math.isclose(sn.compute_cost(A2, Y), expected, rel_tol=1e-14)


def test_cost_of_the_initial_flower_model_is_log_2() -> None:
    """Weights of 0.01 give A2 ≈ 0.5 everywhere, so J ≈ log 2 = 0.693147."""
    X, Y = sn.load_planar_dataset()
    A2, _ = sn.forward_propagation(X, sn.initialize_parameters(2, 4, 1))
    assert abs(sn.compute_cost(A2, Y) - math.log(2)) < 1e-3


def test_subnormal_probabilities_count_as_the_smallest_normal_float() -> None:
    """Below np.finfo(dtype).tiny, the smallest positive normal float, every probability
    (0 and the subnormals alike) costs -log(tiny), in float64 and float32."""
    for dtype in (np.float64, np.float32):
        tiny = np.finfo(dtype).tiny
        subnormal = np.nextafter(dtype(0), dtype(1))
        assert 0 < subnormal < tiny
        A2 = np.array([[0.0, subnormal, tiny]], dtype=dtype)
        expected = -float(np.log(tiny))
        assert sn.compute_cost(A2, np.array([[1, 1, 1]])) == pytest.approx(expected, rel=1e-6)


def test_cost_takes_the_course_s_unused_parameters() -> None:
    # The 2018-2020 notebook calls compute_cost(A2, Y, parameters); the third
    # argument is not read, so neither a dict nor anything else changes the cost.
    A2 = np.array([[0.9, 0.2, 0.6]])
    Y = np.array([[1, 0, 1]])
    two = sn.compute_cost(A2, Y)
    assert sn.compute_cost(A2, Y, sn.initialize_parameters(2, 4, 1)) == two
    assert sn.compute_cost(A2, Y, parameters=None) == two
    assert sn.compute_cost(A2, Y, "not read") == two  # type: ignore[arg-type]


# The cost from the logits Z2 ----------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 30), seed=st.integers(0, 2**32 - 1))
@example(m=1, seed=126)  # a right answer, z = -9.9 and y = 0: a loss of 5e-5, off by 1e-12 relative
def test_cost_from_logits_equals_cost_where_nothing_rounds(m: int, seed: int) -> None:
    """Where sigma(Z2) is well inside (0, 1), the two costs are the same cross-entropy.

    Up to compute_cost's own rounding: for a right answer at |z| near 10, the probability
    of the label is about 0.99995, and its log carries that number's absolute rounding,
    about 1e-16, on a loss of about 5e-5; so the two agree to 1e-12 relative or 1e-15
    absolute, whichever is looser.
    """
    rng = np.random.default_rng(seed)
    Z2 = rng.uniform(-10, 10, size=(1, m))
    Y = rng.integers(0, 2, size=(1, m))
    J = sn.compute_cost_from_logits(Z2, Y)
    assert isinstance(J, float)
    assert math.isclose(J, sn.compute_cost(sn.sigmoid(Z2), Y), rel_tol=1e-12, abs_tol=1e-15)


def test_cost_from_logits_is_exact_where_sigma_rounds_to_0_or_1() -> None:
    """sigma(40) is exactly 1.0 in float64: compute_cost's clamp charges 708.4, the exact
    loss is 40 + log(1 + e^-40); a right answer at 40 costs log(1 + e^-40), about 4e-18."""
    assert sn.sigmoid(np.array([[40.0]]))[0, 0] == 1.0
    wrong = sn.compute_cost_from_logits(np.array([[40.0]]), np.array([[0]]))
    right = sn.compute_cost_from_logits(np.array([[40.0]]), np.array([[1]]))
    assert wrong == 40 + math.log1p(math.exp(-40))
    assert math.isclose(right, math.log1p(math.exp(-40)), rel_tol=1e-15)
    assert sn.compute_cost(sn.sigmoid(np.array([[40.0]])), np.array([[0]])) == pytest.approx(
        -math.log(np.finfo(np.float64).tiny)
    )
    # Symmetric in the sign of z and the label, and finite far beyond exp's overflow.
    assert sn.compute_cost_from_logits(np.array([[-40.0]]), np.array([[1]])) == wrong
    huge = sn.compute_cost_from_logits(np.array([[1e308]]), np.array([[0]]))
    assert huge == 1e308


def test_cost_from_logits_gradient_is_dZ2_over_m() -> None:
    """dJ/dZ2 = (sigma(Z2) - Y) / m = dZ2 / m, equation (1) of backpropagation, checked by
    central differences on each entry."""
    rng = np.random.default_rng(7)
    Z2 = rng.normal(scale=3, size=(1, 6))
    Y = np.array([[1, 0, 1, 1, 0, 0]])
    m, eps = Z2.shape[1], 1e-6
    expected = sn.compute_dZ2(sn.sigmoid(Z2), Y) / m
    for j in range(m):
        plus, minus = Z2.copy(), Z2.copy()
        plus[0, j] += eps
        minus[0, j] -= eps
        slope = (sn.compute_cost_from_logits(plus, Y) - sn.compute_cost_from_logits(minus, Y)) / (
            2 * eps
        )
        assert slope == pytest.approx(expected[0, j], rel=1e-6, abs=1e-10)


def test_cost_from_logits_float32_and_flat_labels() -> None:
    Z2 = np.array([[2.0, -1.0, 40.0, -0.5]])
    Y = np.array([[1, 0, 0, 1]])
    J = sn.compute_cost_from_logits(Z2, Y)
    assert sn.compute_cost_from_logits(Z2, Y.ravel()) == J
    assert sn.compute_cost_from_logits(Z2, Y.astype(bool)) == J
    J32 = sn.compute_cost_from_logits(Z2.astype(np.float32), Y)
    assert isinstance(J32, float)
    assert math.isclose(J32, J, rel_tol=1e-6)


def test_cost_from_logits_refuses_bad_inputs_by_name() -> None:
    Z2 = np.array([[2.0, -1.0, 0.5]])
    with pytest.raises(sn.ShapeError, match=r"^Y must have"):
        sn.compute_cost_from_logits(Z2, np.array([[1, 0]]))
    with pytest.raises(ValueError, match=r"^Z2 must be finite"):
        sn.compute_cost_from_logits(np.array([[np.nan, 1.0]]), np.array([[1, 0]]))
    with pytest.raises(ValueError, match=r"^Z2 must hold at least one example"):
        sn.compute_cost_from_logits(np.empty((1, 0)), np.empty((1, 0)))
    with pytest.raises(ValueError, match=r"^Y must"):
        sn.compute_cost_from_logits(Z2, np.array([[1, 0, 2]]))
    with pytest.raises(sn.ShapeError, match=r"^Z2 must have"):
        sn.compute_cost_from_logits(np.array([1.0, 2.0]), np.array([1, 0]))


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 50), n_y=st.integers(1, 3), seed=st.integers(0, 2**32 - 1))
def test_cost_is_minus_log_likelihood_of_independent_bernoulli_labels_over_m(
    m: int, n_y: int, seed: int
) -> None:
    # Cross-entropy is a likelihood (docs/explanation/cost.md#likelihood): each label has the
    # Bernoulli probability y-hat^y (1 - y-hat)^(1 - y); m independent labels (n_y per
    # example, independent too) multiply; J is -(1/m) log of the product.
    rng = np.random.default_rng(seed)
    A2 = rng.uniform(0.05, 0.95, size=(n_y, m))
    Y = rng.integers(0, 2, size=(n_y, m))
    likelihood = math.prod(
        float(A2[k, i]) if Y[k, i] == 1 else 1 - float(A2[k, i])
        for k in range(n_y)
        for i in range(m)
    )
    assert likelihood > 0  # at most 150 factors of at least 0.05: no underflow
    assert math.isclose(sn.compute_cost(A2, Y), -math.log(likelihood) / m, rel_tol=1e-10)

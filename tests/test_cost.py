"""The cost J: the mean of the per-example cross-entropy losses."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
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

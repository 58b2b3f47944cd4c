"""The Hessian of J, its top eigenvalue, and the stability limit alpha < 2 / lambda_max."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from problems import ACTIVATIONS, random_problem

import shallownet as sn

KEYS = ("W1", "b1", "W2", "b2")


def quadratic(seed: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """H = Q diag(eigenvalues) Qᵀ with known eigenvalues in [0.1, 5], and a minimum θ*."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    eigenvalues = np.sort(rng.uniform(0.1, 5.0, size=n))
    H = Q @ np.diag(eigenvalues) @ Q.T
    return (H + H.T) / 2, eigenvalues, rng.normal(size=n)


def flat(parameters: dict[str, np.ndarray]) -> np.ndarray:
    return np.concatenate([np.asarray(parameters[k], float).ravel() for k in KEYS])


def unflat(theta: np.ndarray, like: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out, start = {}, 0
    for k in KEYS:
        size = like[k].size
        out[k] = theta[start : start + size].reshape(like[k].shape)
        start += size
    return out


# --- The finite-difference core ----------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 12))
def test_finite_difference_hessian_is_exact_on_a_quadratic(seed: int, n: int) -> None:
    H, eigenvalues, theta_star = quadratic(seed, n)
    theta = np.random.default_rng(seed + 1).normal(size=n)
    found = sn.finite_difference_hessian(lambda t: H @ (t - theta_star), theta)
    np.testing.assert_allclose(found, H, rtol=0, atol=1e-9)
    assert sn.top_eigenvalue(found) == pytest.approx(eigenvalues[-1], rel=1e-9)


def test_finite_difference_hessian_of_a_cubic_has_error_of_order_epsilon_squared() -> None:
    # J = θ1³ θ2: the gradient (3θ1²θ2, θ1³) is not linear, so the differences are not exact.
    def gradient(t: np.ndarray) -> np.ndarray:
        return np.array([3 * t[0] ** 2 * t[1], t[0] ** 3])

    theta = np.array([1.3, -0.7])
    exact = np.array([[6 * 1.3 * -0.7, 3 * 1.3**2], [3 * 1.3**2, 0.0]])
    errors = [
        np.abs(sn.finite_difference_hessian(gradient, theta, eps) - exact).max()
        for eps in (1e-2, 1e-3)
    ]
    assert errors[0] > 1e-6  # the d³J/dθ1³ = 6 θ2 term: eps² · 6|θ2| / 6 on H[0, 1]
    assert errors[1] == pytest.approx(errors[0] / 100, rel=0.05)  # O(ε²)


def test_a_gradient_that_is_no_gradient_gives_an_asymmetric_hessian() -> None:
    # (θ2, 0) is the gradient of no function: its Jacobian [[0, 1], [0, 0]] is asymmetric.
    found = sn.finite_difference_hessian(lambda t: np.array([t[1], 0.0]), np.zeros(2))
    assert abs(found[0, 1] - found[1, 0]) == pytest.approx(1.0)


# --- The Hessian of the network's cost ---------------------------------------------


def second_differences(
    parameters: dict[str, np.ndarray], X: np.ndarray, Y: np.ndarray, activation: str, h: float
) -> np.ndarray:
    """d²J/dθj dθk from four costs J(θ ± h e_j ± h e_k), with no gradient involved."""
    theta = flat(parameters)
    n = theta.size

    def J(t: np.ndarray) -> float:
        A2, _ = sn.forward_propagation(X, unflat(t, parameters), activation)
        return sn.compute_cost(A2, Y)

    H = np.empty((n, n))
    for j in range(n):
        for k in range(n):
            ej, ek = np.eye(n)[j] * h, np.eye(n)[k] * h
            H[j, k] = (
                J(theta + ej + ek) - J(theta + ej - ek) - J(theta - ej + ek) + J(theta - ej - ek)
            ) / (4 * h * h)
    return H


@settings(max_examples=12, deadline=None)
@given(
    n_x=st.integers(1, 3),
    n_h=st.integers(1, 3),
    m=st.integers(2, 10),
    activation=st.sampled_from([a for a in ACTIVATIONS if a not in ("relu", "leaky_relu")]),
    seed=st.integers(0, 2**32 - 1),
)
def test_hessian_matches_second_finite_differences_of_the_cost(
    n_x: int, n_h: int, m: int, activation: str, seed: int
) -> None:
    X, Y, parameters = random_problem(seed, n_x, n_h, m)
    H = sn.compute_hessian(parameters, X, Y, activation=activation)
    expected = second_differences(parameters, X, Y, activation, h=1e-4)
    assert H.shape == (flat(parameters).size,) * 2
    np.testing.assert_allclose(H, expected, rtol=0, atol=2e-5 * max(1.0, np.abs(H).max()))


def test_hessian_on_the_trained_flower_matches_second_differences() -> None:
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=4, num_iterations=500)
    H = sn.compute_hessian(parameters, X, Y)
    np.testing.assert_allclose(H, second_differences(parameters, X, Y, "tanh", 1e-4), atol=1e-5)


def test_hessian_is_symmetric_to_its_finite_difference_error() -> None:
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=4, num_iterations=2000)
    H = sn.compute_hessian(parameters, X, Y)
    assert H.shape == (17, 17)
    assert np.abs(H - H.T).max() < 1e-8 * np.abs(H).max()
    assert not np.array_equal(H, H.T)  # not symmetrized: the check above could fail


def test_hessian_in_b2_is_the_mean_of_sigmoid_prime() -> None:
    # J's second derivative in b2 alone: (1/m) Σ a2 (1 - a2), known in closed form.
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=4, num_iterations=300)
    A2, _ = sn.forward_propagation(X, parameters)
    H = sn.compute_hessian(parameters, X, Y)
    assert H[-1, -1] == pytest.approx(float(np.mean(A2 * (1 - A2))), rel=1e-8)


def test_parameters_are_flattened_w1_b1_w2_b2() -> None:
    # θ = W1 (0..7), b1 (8..11), W2 (12..15), b2 (16) for n_x = 2, n_h = 4.
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=4, num_iterations=300)
    H = sn.compute_hessian(parameters, X, Y)
    A2, cache = sn.forward_propagation(X, parameters)
    # d²J/db2 dW2_j = (1/m) Σ a2 (1 - a2) a1_j: row 16 (b2), columns 12..15 (W2).
    expected = np.mean(A2 * (1 - A2) * cache["A1"], axis=1)
    np.testing.assert_allclose(H[16, 12:16], expected, rtol=1e-7)


# --- lambda_max and the stability limit --------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_descent_on_a_quadratic_diverges_iff_alpha_exceeds_2_over_lambda(
    seed: int,
) -> None:
    H, eigenvalues, theta_star = quadratic(seed, 6)
    theta0 = theta_star + np.random.default_rng(seed + 10).normal(size=6)
    lambda_max = sn.top_eigenvalue(
        sn.finite_difference_hessian(lambda t: H @ (t - theta_star), theta0)
    )
    assert lambda_max == pytest.approx(eigenvalues[-1], rel=1e-9)
    for factor, diverges in [(0.98, False), (1.02, True), (0.5, False), (1.5, True)]:
        alpha = factor * 2 / lambda_max
        theta = theta0.copy()
        for _ in range(3000):
            theta = sn.update_parameter(theta, H @ (theta - theta_star), alpha)
            if np.linalg.norm(theta - theta_star) > 1e12:  # diverged: stop before overflow
                break
        distance = np.linalg.norm(theta - theta_star)
        if diverges:
            assert distance > 1e6 * np.linalg.norm(theta0 - theta_star), factor
        else:
            assert distance < 1e-6 * np.linalg.norm(theta0 - theta_star), factor


def test_lambda_max_is_the_top_eigenvalue_of_the_hessian() -> None:
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=4, num_iterations=1000)
    H = sn.compute_hessian(parameters, X, Y)
    lambda_max = sn.compute_lambda_max(parameters, X, Y)
    assert lambda_max == sn.top_eigenvalue(H)
    eigenvalues, vectors = np.linalg.eigh((H + H.T) / 2)
    v = vectors[:, -1]
    assert v @ H @ v == pytest.approx(lambda_max, rel=1e-9)
    assert eigenvalues[-1] == pytest.approx(lambda_max, rel=1e-12)


def test_one_step_multiplies_the_top_eigenvector_by_1_minus_alpha_lambda_max() -> None:
    # Near the trained flower's parameters, J is a quadratic: a small move along the top
    # eigenvector v is multiplied by 1 - α λ_max in one step: |1 - α λ_max| > 1 iff α > 2/λ_max.
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=4, num_iterations=7000)
    H = sn.compute_hessian(parameters, X, Y)
    lambda_max = sn.top_eigenvalue(H)
    v = np.linalg.eigh((H + H.T) / 2)[1][:, -1]

    def grad(theta: np.ndarray) -> np.ndarray:
        p = unflat(theta, parameters)
        _, cache = sn.forward_propagation(X, p)
        g = sn.backward_propagation(p, cache, X, Y)
        return flat({k: g["d" + k] for k in KEYS})

    theta, h = flat(parameters), 1e-4
    for alpha in (0.9 * 2 / lambda_max, 1.1 * 2 / lambda_max):
        moved = theta + h * v
        after = moved - alpha * grad(moved) - (theta - alpha * grad(theta))
        factor = v @ after / h
        assert factor == pytest.approx(1 - alpha * lambda_max, abs=1e-3)
        assert (abs(factor) > 1) == (alpha > 2 / lambda_max)


def test_the_start_is_a_saddle_that_every_learning_rate_leaves() -> None:
    # At the initial parameters H has four eigenvalues near -0.20 (J curves down) and its
    # largest is 0.25. Two runs a small h apart along a downward eigenvector separate by
    # 1 - α λ = 1 + 0.2 α > 1 in one step, at a small α as at 1.2: α < 2/λ_max guards
    # only the upward directions.
    X, Y = sn.load_planar_dataset()
    parameters = sn.initialize_parameters(2, 4, 1)
    H = sn.compute_hessian(parameters, X, Y)
    eigenvalues, vectors = np.linalg.eigh((H + H.T) / 2)
    assert (eigenvalues < -0.1).sum() == 4
    assert eigenvalues[:4] == pytest.approx(-0.197, abs=0.003)
    assert eigenvalues[-1] == pytest.approx(0.25, abs=1e-3)
    v, lam = vectors[:, 0], eigenvalues[0]

    def grad(theta: np.ndarray) -> np.ndarray:
        p = unflat(theta, parameters)
        _, cache = sn.forward_propagation(X, p)
        g = sn.backward_propagation(p, cache, X, Y)
        return flat({k: g["d" + k] for k in KEYS})

    theta, h = flat(parameters), 1e-4
    for alpha in (0.1, 1.2, 0.9 * 2 / eigenvalues[-1]):
        moved = theta + h * v
        after = moved - alpha * grad(moved) - (theta - alpha * grad(theta))
        factor = v @ after / h
        assert factor == pytest.approx(1 - alpha * lam, abs=1e-3)
        assert factor > 1
    # Gradient descent leaves that way: after 10 steps the parameters have moved far more
    # along the four downward eigenvectors than along the other 13.
    moved = vectors.T @ (flat(sn.nn_model(X, Y, n_h=4, num_iterations=10)) - theta)
    assert np.linalg.norm(moved[:4]) > 10 * np.linalg.norm(moved[4:])


# --- The history along training ----------------------------------------------------


def test_lambda_max_history_follows_nn_model_bit_for_bit() -> None:
    X, Y = sn.load_planar_dataset()
    history = sn.lambda_max_history(X, Y, n_h=3, iterations=[40, 0, 40, 150], num_iterations=200)
    model = sn.nn_model(X, Y, n_h=3, num_iterations=200)
    np.testing.assert_array_equal(history.costs, model.costs)
    assert history.iterations.tolist() == [0, 40, 150]
    for t, value in zip(history.iterations, history.lambda_max, strict=True):
        at_t = sn.nn_model(X, Y, n_h=3, num_iterations=int(t))  # θ_t, before step t
        assert value == sn.compute_lambda_max(at_t, X, Y)


def test_lambda_max_history_with_another_learning_rate() -> None:
    X, Y = sn.load_planar_dataset()
    history = sn.lambda_max_history(X, Y, 2, [99], num_iterations=100, learning_rate=0.3)
    model = sn.nn_model(X, Y, n_h=2, num_iterations=99, learning_rate=0.3)
    assert history.lambda_max[0] == sn.compute_lambda_max(model, X, Y)


# --- Bad input ---------------------------------------------------------------------


def test_bad_input_is_named_in_the_pages_notation() -> None:
    X, Y = sn.load_planar_dataset()
    parameters = sn.initialize_parameters(2, 4, 1)
    with pytest.raises(
        sn.ShapeError, match=r"b1 must have shape \(n_h, 1\) = \(4, 1\), got \(4,\)"
    ):
        sn.compute_hessian({**parameters, "b1": np.zeros(4)}, X, Y)
    with pytest.raises(
        sn.ShapeError, match=r"X must have shape \(n_x, m\) = \(2, m\), got \(3, 400\)"
    ):
        sn.compute_lambda_max(parameters, np.vstack([X, X[:1]]), Y)
    with pytest.raises(sn.ShapeError, match=r"Y must have shape \(n_y, m\) = \(1, 400\)"):
        sn.compute_hessian(parameters, X, Y[:, :10])
    with pytest.raises(ValueError, match="Y must hold binary labels 0 or 1"):
        sn.compute_hessian(parameters, X, Y * 2)
    with pytest.raises(ValueError, match="epsilon must be finite and positive, got 0"):
        sn.compute_hessian(parameters, X, Y, epsilon=0)
    with pytest.raises(TypeError, match="epsilon must be a number, got str"):
        sn.compute_hessian(parameters, X, Y, epsilon="1e-5")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="activation must be one of"):
        sn.compute_hessian(parameters, X, Y, activation="sin")


def test_bad_gradient_or_hessian_is_named() -> None:
    with pytest.raises(sn.ShapeError, match=r"theta must have shape \(n\), a 1-D array"):
        sn.finite_difference_hessian(lambda t: t, np.zeros((2, 2)))
    with pytest.raises(sn.ShapeError, match=r"gradient\(theta\) must have shape \(n,\) = \(3,\)"):
        sn.finite_difference_hessian(lambda t: t[:2], np.zeros(3))
    with pytest.raises(ValueError, match="theta must be finite"):
        sn.finite_difference_hessian(lambda t: t, np.array([np.nan]))
    with pytest.raises(sn.ShapeError, match=r"H must have shape \(n, n\) = \(2, 2\), got \(2, 3\)"):
        sn.top_eigenvalue(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="H must be finite"):
        sn.top_eigenvalue(np.array([[np.inf]]))


def test_bad_history_request_is_named() -> None:
    X, Y = sn.load_planar_dataset()
    with pytest.raises(ValueError, match=r"0 \.\. num_iterations - 1 = 99, got 100"):
        sn.lambda_max_history(X, Y, 4, [0, 100], num_iterations=100)
    with pytest.raises(ValueError, match="got -1"):
        sn.lambda_max_history(X, Y, 4, [-1], num_iterations=100)
    with pytest.raises(ValueError, match="at least one iteration"):
        sn.lambda_max_history(X, Y, 4, [], num_iterations=100)
    with pytest.raises(TypeError, match="iterations must be integers"):
        sn.lambda_max_history(X, Y, 4, [0.5], num_iterations=100)
    with pytest.raises(ValueError, match="learning_rate must be finite and positive"):
        sn.lambda_max_history(X, Y, 4, [0], num_iterations=100, learning_rate=-1)


# --- One parameter: J(theta) = lambda theta^2 / 2 ----------------------------------


@settings(max_examples=50, deadline=None)
@given(
    theta=st.floats(-10, 10),
    lam=st.floats(-3, 5),
    alpha=st.floats(0.01, 3),
)
def test_quadratic_step_is_the_update_rule_with_the_derivative_of_the_quadratic(
    theta: float, lam: float, alpha: float
) -> None:
    # another route: the update rule theta - alpha dJ/dtheta, with dJ/dtheta by central
    # differences of J (exact on a quadratic up to rounding)
    def J(t: float) -> float:
        return 0.5 * lam * t**2

    eps = 1e-3
    d_theta = (J(theta + eps) - J(theta - eps)) / (2 * eps)
    assert sn.quadratic_step(theta, lam, alpha) == pytest.approx(
        theta - alpha * d_theta, rel=1e-9, abs=1e-9
    )


@settings(max_examples=50, deadline=None)
@given(
    theta=st.floats(-10, 10),
    lam=st.floats(0.1, 5),
    alpha=st.floats(0.01, 1.0),
    num_iterations=st.integers(0, 30),
)
def test_quadratic_iterates_are_repeated_steps(
    theta: float, lam: float, alpha: float, num_iterations: int
) -> None:
    # another route: stepping one by one instead of the power
    expected = [theta]
    for _ in range(num_iterations):
        expected.append(sn.quadratic_step(expected[-1], lam, alpha * 2 / lam))
    found = sn.quadratic_iterates(theta, lam, alpha * 2 / lam, num_iterations)
    assert found.shape == (num_iterations + 1,)
    np.testing.assert_allclose(found, expected, rtol=1e-9, atol=1e-12)


def test_quadratic_iterates_in_the_four_regimes_of_alpha() -> None:
    lam = 2.0  # 1 / lambda = 0.5, 2 / lambda = 1.0
    slow = sn.quadratic_iterates(1.0, lam, 0.3, 20)  # alpha < 1 / lambda
    assert (slow > 0).all() and (np.diff(slow) < 0).all() and slow[-1] < 1e-7
    flip = sn.quadratic_iterates(1.0, lam, 0.8, 20)  # 1 / lambda < alpha < 2 / lambda
    assert (np.sign(flip[1:]) != np.sign(flip[:-1])).all()
    assert (np.diff(np.abs(flip)) < 0).all()
    cycle = sn.quadratic_iterates(1.0, lam, 1.0, 20)  # alpha = 2 / lambda
    np.testing.assert_array_equal(cycle, [(-1.0) ** t for t in range(21)])
    grow = sn.quadratic_iterates(1.0, lam, 1.1, 20)  # alpha > 2 / lambda
    assert (np.diff(np.abs(grow)) > 0).all()
    exact = sn.quadratic_iterates(1.0, lam, 0.5, 5)  # alpha = 1 / lambda: one step to 0
    np.testing.assert_array_equal(exact, [1, 0, 0, 0, 0, 0])


def test_bad_quadratic_input_is_named() -> None:
    with pytest.raises(TypeError, match="theta must be a number, got str"):
        sn.quadratic_step("1", 1.0, 0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lam must be finite, got inf"):
        sn.quadratic_step(1.0, np.inf, 0.5)
    with pytest.raises(TypeError, match="lam must be a number, got bool"):
        sn.quadratic_iterates(1.0, True, 0.5, 3)
    with pytest.raises(ValueError, match="learning_rate must be finite and positive, got 0"):
        sn.quadratic_step(1.0, 1.0, 0)
    with pytest.raises(ValueError, match="theta must be finite, got nan"):
        sn.quadratic_iterates(np.nan, 1.0, 0.5, 3)
    with pytest.raises(ValueError, match="num_iterations must be at least 0, got -1"):
        sn.quadratic_iterates(1.0, 1.0, 0.5, -1)
    with pytest.raises(TypeError, match="num_iterations must be an integer, got float"):
        sn.quadratic_iterates(1.0, 1.0, 0.5, 2.0)  # type: ignore[arg-type]


# --- A straight cut through J -------------------------------------------------------


def test_cost_along_direction_is_the_cost_at_the_moved_parameters() -> None:
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=3, num_iterations=200)
    v = np.random.default_rng(0).normal(size=flat(parameters).size)
    steps = np.array([-0.5, 0.0, 0.25, 1.0])
    found = sn.cost_along_direction(parameters, v, X, Y, steps)
    # another route: build each dict by hand and call the cost
    for s, cost in zip(steps, found, strict=True):
        moved = unflat(flat(parameters) + s * v, parameters)
        A2, _ = sn.forward_propagation(X, moved)
        assert cost == sn.compute_cost(A2, Y)


def test_cost_along_the_top_eigenvector_curves_by_lambda_max() -> None:
    # the second difference of the cut along a unit eigenvector is its eigenvalue
    X, Y = sn.load_planar_dataset()
    parameters = sn.nn_model(X, Y, n_h=4, num_iterations=1000)
    H = sn.compute_hessian(parameters, X, Y)
    eigenvalues, eigenvectors = np.linalg.eigh((H + H.T) / 2)
    h = 1e-3
    for k in (0, -1):
        J = sn.cost_along_direction(parameters, eigenvectors[:, k], X, Y, [-h, 0.0, h])
        assert (J[0] - 2 * J[1] + J[2]) / h**2 == pytest.approx(eigenvalues[k], abs=1e-4)


def test_bad_cut_is_named() -> None:
    X, Y = sn.load_planar_dataset()
    parameters = sn.initialize_parameters(2, 4, 1)
    with pytest.raises(
        sn.ShapeError, match=r"direction must have shape \(n\) = \(17,\), got \(16,\)"
    ):
        sn.cost_along_direction(parameters, np.zeros(16), X, Y, [0.0])
    with pytest.raises(ValueError, match="direction must be finite"):
        sn.cost_along_direction(parameters, np.full(17, np.nan), X, Y, [0.0])
    with pytest.raises(sn.ShapeError, match=r"steps must have shape \(k\), a 1-D array"):
        sn.cost_along_direction(parameters, np.zeros(17), X, Y, 0.0)
    with pytest.raises(ValueError, match="steps must be finite"):
        sn.cost_along_direction(parameters, np.zeros(17), X, Y, [np.inf])
    with pytest.raises(ValueError, match="Y must hold binary labels 0 or 1"):
        sn.cost_along_direction(parameters, np.zeros(17), X, Y * 2, [0.0])

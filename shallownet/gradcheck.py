r"""Gradient checking: backpropagation against centred finite differences."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from ._validation import GRADIENT_KEYS, PARAMETER_KEYS, Array, check_parameters, get_keys
from .backward import backward_propagation
from .cost import compute_cost
from .forward import forward_propagation

__all__ = ["gradient_check"]


def gradient_check(
    parameters: Mapping[str, Array],
    X: Array,
    Y: Array,
    epsilon: float = 1e-7,
    activation: str = "tanh",
    backward: Callable[..., dict[str, Array]] | None = None,
) -> float:
    r"""The relative difference between backpropagation and [finite differences][eq-gradcheck].

    $$
    d\theta_{\text{approx}}[i] = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2 \varepsilon},
    \qquad
    \text{difference} = \frac{\lVert d\theta - d\theta_{\text{approx}} \rVert_2}
    {\lVert d\theta \rVert_2 + \lVert d\theta_{\text{approx}} \rVert_2}
    $$

    $\theta$ is every parameter, `W1`, `b1`, `W2`, `b2` flattened into one vector,
    as in the course's gradient-checking assignment. Computed in float64 whatever
    the parameters' dtype. A difference below about $10^{-7}$ means the
    gradients are right; above $10^{-3}$, something is wrong.

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``.
        X: Input, shape ``(n_x, m)``.
        Y: Labels, shape ``(1, m)``.
        epsilon: The step $\varepsilon$.
        activation: The hidden activation.
        backward: The backpropagation to check, called as
            ``backward(parameters, cache, X, Y)`` and returning
            ``{"dW1", "db1", "dW2", "db2"}``: pass your own to check it.
            By default, [`backward_propagation`][shallownet.backward_propagation].

    Returns:
        The relative difference, a float.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.make_xor(m=40)
        >>> rng = np.random.default_rng(0)
        >>> parameters = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1)),
        ...               "W2": rng.normal(size=(1, 3)), "b2": rng.normal(size=(1, 1))}
        >>> print(sn.gradient_check(parameters, X, Y) < 1e-7)
        True
    """
    checked = check_parameters(parameters)
    params = {
        k: np.asarray(v, dtype=np.float64) for k, v in zip(PARAMETER_KEYS, checked, strict=True)
    }
    X = np.asarray(X, dtype=np.float64)
    _, cache = forward_propagation(X, params, activation)
    if backward is None:
        grads = backward_propagation(params, cache, X, Y, activation)
    else:
        returned = get_keys("grads", backward(params, cache, X, Y), GRADIENT_KEYS)
        grads = dict(zip(GRADIENT_KEYS, returned, strict=True))
    grad = np.concatenate([grads["d" + k].ravel() for k in PARAMETER_KEYS])
    approx = np.empty_like(grad)
    i = 0
    for key in PARAMETER_KEYS:
        theta = params[key]
        for index in np.ndindex(theta.shape):
            original = theta[index]
            theta[index] = original + epsilon
            J_plus = compute_cost(forward_propagation(X, params, activation)[0], Y)
            theta[index] = original - epsilon
            J_minus = compute_cost(forward_propagation(X, params, activation)[0], Y)
            theta[index] = original
            approx[i] = (J_plus - J_minus) / (2 * epsilon)
            i += 1
    numerator = np.linalg.norm(grad - approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(approx)
    return float(numerator / denominator) if denominator > 0 else 0.0

r"""Gradient checking: backpropagation against centred finite differences."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal, overload

import numpy as np

from ._validation import GRADIENT_KEYS, PARAMETER_KEYS, Array, check_parameters, get_keys
from .backward import backward_propagation
from .cost import compute_cost_from_logits
from .forward import forward_propagation

__all__ = ["gradient_check"]


@overload
def gradient_check(
    parameters: Mapping[str, Array],
    X: Array,
    Y: Array,
    epsilon: float = ...,
    activation: str = ...,
    backward: Callable[..., dict[str, Array]] | None = ...,
    *,
    per_parameter: Literal[False] = ...,
) -> float: ...


@overload
def gradient_check(
    parameters: Mapping[str, Array],
    X: Array,
    Y: Array,
    epsilon: float = ...,
    activation: str = ...,
    backward: Callable[..., dict[str, Array]] | None = ...,
    *,
    per_parameter: Literal[True],
) -> dict[str, float]: ...


def gradient_check(
    parameters: Mapping[str, Array],
    X: Array,
    Y: Array,
    epsilon: float = 1e-7,
    activation: str = "tanh",
    backward: Callable[..., dict[str, Array]] | None = None,
    *,
    per_parameter: bool = False,
) -> float | dict[str, float]:
    r"""The relative difference between backpropagation and [finite differences][eq-gradcheck].

    $$
    d\theta_{\text{approx}}[i] = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2 \varepsilon},
    \qquad
    \text{difference} = \frac{\lVert d\theta - d\theta_{\text{approx}} \rVert_2}
    {\lVert d\theta \rVert_2 + \lVert d\theta_{\text{approx}} \rVert_2}
    $$

    $\theta$ is every parameter, `W1`, `b1`, `W2`, `b2` flattened into one vector,
    as in the course's gradient-checking assignment. Computed in float64 whatever
    the parameters' dtype, with $J$ computed from $Z^{[2]}$ by
    [`compute_cost_from_logits`][shallownet.compute_cost_from_logits], exact even where
    $A^{[2]}$ rounds to 0 or 1. With the course's $\varepsilon = 10^{-7}$, a difference
    below about $10^{-7}$ means the gradients are right; above $10^{-3}$, something is
    wrong.

    The one number is dominated by the largest gradients, so a mistake in a small one,
    such as `db1` at the course's start, can hide in it. ``per_parameter=True`` returns
    the [difference of each parameter][eq-gradcheck-each] instead, the same formula on
    its own entries of $d\theta$ and $d\theta_{\text{approx}}$.

    $$
    \text{difference}_{p} = \frac{\lVert dp - dp_{\text{approx}} \rVert_2}
    {\lVert dp \rVert_2 + \lVert dp_{\text{approx}} \rVert_2},
    \qquad p \in \{W^{[1]}, b^{[1]}, W^{[2]}, b^{[2]}\}
    $$

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
        per_parameter: ``True`` returns one difference per parameter; by name only.

    Returns:
        The relative difference, a float; with ``per_parameter=True``, a dict
        ``{"W1": …, "b1": …, "W2": …, "b2": …}`` of floats.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.make_xor(m=40)
        >>> rng = np.random.default_rng(0)
        >>> parameters = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1)),
        ...               "W2": rng.normal(size=(1, 3)), "b2": rng.normal(size=(1, 1))}
        >>> print(sn.gradient_check(parameters, X, Y) < 1e-7)
        True
        >>> each = sn.gradient_check(parameters, X, Y, per_parameter=True)
        >>> print({key: bool(difference < 1e-7) for key, difference in each.items()})
        {'W1': True, 'b1': True, 'W2': True, 'b2': True}
    """
    if not isinstance(per_parameter, bool):
        raise TypeError(f"per_parameter must be True or False, got {per_parameter!r}")
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

    def J() -> float:
        return compute_cost_from_logits(forward_propagation(X, params, activation)[1]["Z2"], Y)

    grad = {key: grads["d" + key].ravel() for key in PARAMETER_KEYS}
    approx = {key: np.empty_like(grad[key]) for key in PARAMETER_KEYS}
    for key in PARAMETER_KEYS:
        theta = params[key]
        for i, index in enumerate(np.ndindex(theta.shape)):
            original = theta[index]
            theta[index] = original + epsilon
            J_plus = J()
            theta[index] = original - epsilon
            J_minus = J()
            theta[index] = original
            approx[key][i] = (J_plus - J_minus) / (2 * epsilon)
    if per_parameter:
        return {key: _difference(grad[key], approx[key]) for key in PARAMETER_KEYS}
    return _difference(np.concatenate(list(grad.values())), np.concatenate(list(approx.values())))


def _difference(grad: Array, approx: Array) -> float:
    r"""$\lVert d\theta - d\theta_{\text{approx}} \rVert_2$ over the sum of the norms; 0 if both are 0."""
    numerator = np.linalg.norm(grad - approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(approx)
    return float(numerator / denominator) if denominator > 0 else 0.0

r"""L2 regularization: the cost and the gradients with the penalty $\frac{\lambda}{2m}\lVert W \rVert_F^2$.

Course 2 (week 1, "Regularization") writes these functions for a three-layer network;
here they take this network's two layers and the page's argument order. The
penalty has one function per equation; `compute_cost_with_regularization` and
`backward_propagation_with_regularization` call them, as the page writes them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from ._validation import Array, as_array, check_parameters, check_shape
from .activations import get_activation
from .backward import backward_propagation
from .cost import compute_cost

__all__ = [
    "backward_propagation_with_regularization",
    "check_lambd",
    "compute_cost_with_regularization",
    "compute_dW_with_regularization",
    "l2_regularization_cost",
]


def check_lambd(lambd: object) -> float:
    r"""Return $\lambda$ as a float if it is a finite number $\ge 0$, else raise.

    The name is the course's: ``lambda`` is a Python keyword, so course 2 spells the
    argument ``lambd``.

    Raises:
        TypeError: If `lambd` is not a number (a bool is not one).
        ValueError: If `lambd` is negative, NaN or infinite.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.check_lambd(0.7))
        0.7
        >>> sn.check_lambd(-1)
        Traceback (most recent call last):
        ...
        ValueError: lambd (λ) must be finite and at least 0, got -1
    """
    if isinstance(lambd, bool) or not isinstance(lambd, int | float | np.number):
        raise TypeError(f"lambd (λ) must be a number, got {type(lambd).__name__}")
    number = float(lambd)
    if not (math.isfinite(number) and number >= 0):
        raise ValueError(f"lambd (λ) must be finite and at least 0, got {lambd}")
    return number


def _examples(m: object) -> int:
    """$m$ as an int of at least 1, for the functions that take it alone."""
    if isinstance(m, bool) or not isinstance(m, int | np.integer):
        raise TypeError(f"m must be an integer, got {type(m).__name__}")
    if m < 1:
        raise ValueError(f"m must be at least 1, got {m}")
    return int(m)


def l2_regularization_cost(parameters: Mapping[str, Array], lambd: float, m: int) -> float:
    r"""The penalty that [equation J with L2][eq-cost-l2] adds to the cost.

    $$
    \frac{\lambda}{2m} \left( \lVert W^{[1]} \rVert_F^2 + \lVert W^{[2]} \rVert_F^2 \right)
    $$

    $\lVert W \rVert_F^2 = \sum_{k} \sum_{j} w_{kj}^2$ is the squared Frobenius norm,
    the sum of the squares of every entry. The biases are not penalized.

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``; only the weights are read.
        lambd: $\lambda \ge 0$, the course's spelling (``lambda`` is a Python keyword).
        m: The number of examples the cost averages over.

    Returns:
        The penalty as a Python float.

    Raises:
        TypeError: If `lambd` or `m` is not a number.
        ValueError: If `lambd` is negative or not finite, or `m` < 1.
        ShapeError: If the parameters' shapes do not fit each other.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> parameters = {
        ...     "W1": np.array([[1.0, 2.0]]), "b1": np.array([[5.0]]),
        ...     "W2": np.array([[3.0]]), "b2": np.array([[5.0]]),
        ... }
        >>> print(sn.l2_regularization_cost(parameters, lambd=0.5, m=2))
        1.75
    """
    lambd = check_lambd(lambd)
    m = _examples(m)
    W1, _, W2, _ = check_parameters(parameters)
    return float(lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2))))


def compute_cost_with_regularization(
    A2: Array, Y: Array, parameters: Mapping[str, Array], lambd: float
) -> float:
    r"""The cost with L2 regularization, [equation J with L2][eq-cost-l2].

    $$
    J_{\text{reg}} = J + \frac{\lambda}{2m} \left( \lVert W^{[1]} \rVert_F^2 + \lVert W^{[2]} \rVert_F^2 \right)
    $$

    $J$ is [`compute_cost`][shallownet.compute_cost]'s cross-entropy, and the penalty
    is [`l2_regularization_cost`][shallownet.l2_regularization_cost]'s.

    Course 2's function of the same name takes ``A3`` and a three-layer network's
    ``W1``, ``W2``, ``W3``; this one takes this network's $A^{[2]}$ and penalizes its
    two weight matrices. The arguments are otherwise in the course's order.

    Args:
        A2: $A^{[2]} = \hat{Y}$, shape ``(1, m)`` (or ``(n_y, m)``), values in $[0, 1]$.
        Y: Labels 0 or 1, shape ``(1, m)``; a flat ``(m,)`` array is read as ``(1, m)``.
        parameters: ``{"W1", "b1", "W2", "b2"}``.
        lambd: $\lambda \ge 0$; ``lambd=0`` gives `compute_cost`'s $J$ exactly.

    Returns:
        $J_{\text{reg}}$ as a Python float.

    Raises:
        TypeError: If `lambd` is not a number.
        ValueError: If `lambd` is negative or not finite, or `Y` holds anything but 0
            and 1.
        ShapeError: If `Y` does not have the shape of `A2`, or the parameters' shapes
            do not fit each other.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.nn_model(X, Y, n_h=4, num_iterations=1000)
        >>> A2, cache = sn.forward_propagation(X, parameters)
        >>> print(f"{sn.compute_cost(A2, Y):.4f}")
        0.2881
        >>> print(f"{sn.compute_cost_with_regularization(A2, Y, parameters, 0.7):.4f}")
        0.4317
    """
    lambd = check_lambd(lambd)
    A2 = check_shape("A2", A2, ("n_y", "m"), (None, None))
    cost = compute_cost(A2, Y)
    return cost + l2_regularization_cost(parameters, lambd, A2.shape[1])


def compute_dW_with_regularization(dW: Array, W: Array, lambd: float, m: int) -> Array:
    r"""A weight gradient with the L2 term, [equation dW with L2][eq-dW-l2].

    $$
    dW^{[l]}_{\text{reg}} = dW^{[l]} + \frac{\lambda}{m} W^{[l]}
    $$

    for $l = 1, 2$: the derivative of the penalty
    $\frac{\lambda}{2m} \lVert W^{[l]} \rVert_F^2$ with respect to each entry
    $w_{kj}$ is $\frac{\lambda}{m} w_{kj}$. The biases' gradients are unchanged.

    Args:
        dW: $dW^{[l]}$ from [`backward_propagation`][shallownet.backward_propagation],
            the shape of `W`.
        W: $W^{[l]}$, shape ``(n^{[l]}, n^{[l-1]})``.
        lambd: $\lambda \ge 0$.
        m: The number of examples.

    Returns:
        A new array, the shape of `W`.

    Raises:
        TypeError: If `lambd` or `m` is not a number.
        ValueError: If `lambd` is negative or not finite, or `m` < 1.
        ShapeError: If `dW` does not have the shape of `W`.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> dW = np.array([[0.1, -0.2]])
        >>> W = np.array([[1.0, -4.0]])
        >>> print(sn.compute_dW_with_regularization(dW, W, lambd=0.5, m=5))
        [[ 0.2 -0.6]]
    """
    lambd = check_lambd(lambd)
    m = _examples(m)
    W = check_shape("W", W, ("n^[l]", "n^[l-1]"), (None, None))
    dW = check_shape("dW", dW, ("n^[l]", "n^[l-1]"), W.shape)
    dW_reg: Array = dW + (lambd / m) * W
    return dW_reg


def backward_propagation_with_regularization(
    parameters: Mapping[str, Array],
    cache: Mapping[str, Array],
    X: Array,
    Y: Array,
    lambd: float,
    activation: str = "tanh",
) -> dict[str, Array]:
    r"""The gradients of $J_{\text{reg}}$: equations (1) to (6), then
    [the L2 term][eq-dW-l2] on $dW^{[1]}$ and $dW^{[2]}$.

    $$
    dW^{[l]}_{\text{reg}} = dW^{[l]} + \frac{\lambda}{m} W^{[l]}
    $$

    It calls [`backward_propagation`][shallownet.backward_propagation], then
    [`compute_dW_with_regularization`][shallownet.compute_dW_with_regularization] for
    each layer; $db^{[1]}$ and $db^{[2]}$ are returned unchanged.

    Course 2's function of the same name is ``(X, Y, cache, lambd)``, with the tuple
    cache of its three-layer network, which holds the weights. Here the order is this
    package's `backward_propagation`'s, ``(parameters, cache, X, Y)``, then `lambd`,
    and the cache is the dict of
    [`forward_propagation`][shallownet.forward_propagation].

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``.
        cache: ``{"Z1", "A1", "Z2", "A2"}`` from `forward_propagation`.
        X: Input, shape ``(n_x, m)``.
        Y: Labels, shape ``(1, m)``.
        lambd: $\lambda \ge 0$; ``lambd=0`` gives `backward_propagation`'s gradients.
        activation: The hidden activation used in the forward pass.

    Returns:
        ``{"dW1", "db1", "dW2", "db2"}``, each of its parameter's shape.

    Raises:
        TypeError: If `lambd` is not a number.
        ValueError: If `lambd` is negative or not finite, a key is missing, or `Y`
            holds anything but 0 and 1.
        ShapeError: If a shape does not fit.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.nn_model(X, Y, n_h=4, num_iterations=1000)
        >>> A2, cache = sn.forward_propagation(X, parameters)
        >>> plain = sn.backward_propagation(parameters, cache, X, Y)
        >>> grads = sn.backward_propagation_with_regularization(
        ...     parameters, cache, X, Y, lambd=0.7
        ... )
        >>> W2 = parameters["W2"]
        >>> print(bool(np.allclose(grads["dW2"] - plain["dW2"], 0.7 / 400 * W2)))
        True
        >>> print(bool((grads["db2"] == plain["db2"]).all()))
        True
    """
    lambd = check_lambd(lambd)
    get_activation(activation)
    grads = backward_propagation(parameters, cache, X, Y, activation)
    m = as_array("X", X).shape[1]
    W1, _, W2, _ = check_parameters(parameters)
    grads["dW1"] = compute_dW_with_regularization(grads["dW1"], W1, lambd, m)
    grads["dW2"] = compute_dW_with_regularization(grads["dW2"], W2, lambd, m)
    return grads

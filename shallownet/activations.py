r"""Activation functions $g$ and their derivatives $g'$.

The hidden layer uses $g^{[1]}$, tanh by default; the output layer uses
$g^{[2]} = \sigma$. Each derivative takes $Z$, as the page writes $g'(Z)$, and
optionally the activation $A = g(Z)$ already computed in the forward pass, which
makes it cheaper: $\tanh'(Z) = 1 - A^2$ and $\sigma'(Z) = A(1 - A)$.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import as_array

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
]

LEAKY_SLOPE = 0.01


def _out(result: NDArray[Any]) -> Any:
    """A 0-d result comes back as a numpy scalar, like numpy's own ufuncs."""
    return result[()] if result.ndim == 0 else result


def sigmoid(z: ArrayLike) -> Any:
    r"""The logistic function, the output activation $g^{[2]}$: [equation sigma][eq-sigmoid].

    $$
    g(z) = \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad g'(z) = \sigma(z)\left(1 - \sigma(z)\right)
    $$

    Computed without overflow for any finite $z$: with $e = e^{-|z|} \le 1$,
    $\sigma(z) = 1/(1+e)$ for $z \ge 0$ and $e/(1+e)$ for $z < 0$.

    Args:
        z: Any shape, for example $Z^{[2]}$ of shape ``(n_y, m)``.

    Returns:
        $\sigma(z)$, same shape, values in $[0, 1]$.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.sigmoid(np.array([-1e300, -1.0, 0.0, 1.0, 1e300])))
        [0.         0.26894142 0.5        0.73105858 1.        ]
    """
    Z = as_array("z", z)
    e = np.exp(-np.abs(Z))
    return _out(np.where(Z >= 0, 1 / (1 + e), e / (1 + e)))


def sigmoid_derivative(z: ArrayLike, a: ArrayLike | None = None) -> Any:
    r"""$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$, the derivative in [equation sigma][eq-sigmoid].

    It is largest at $z = 0$, where it is $\frac{1}{4}$, so a gradient that passes
    back through $L$ sigmoid layers is multiplied by at most $4^{-L}$
    ([vanishing gradients](../../explanation/next-steps.md#vanishing-gradients)).

    Args:
        z: Any shape.
        a: $\sigma(z)$ if already computed, same shape as `z`.

    Returns:
        $\sigma'(z)$, same shape, at most $1/4$.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.sigmoid_derivative(0.0))
        0.25
        >>> print(sn.sigmoid_derivative([-2.0, 2.0]))  # smaller away from 0
        [0.10499359 0.10499359]
    """
    A = sigmoid(z) if a is None else as_array("a", a)
    return A * (1 - A)


def tanh(z: ArrayLike) -> Any:
    r"""The hyperbolic tangent, the default hidden activation $g^{[1]}$: [equation tanh][eq-tanh].

    $$
    g(z) = \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}, \qquad g'(z) = 1 - \tanh^2(z)
    $$

    Args:
        z: Any shape, for example $Z^{[1]}$ of shape ``(n_h, m)``.

    Returns:
        $\tanh(z)$, same shape, values in $[-1, 1]$.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.tanh([-1.0, 0.0, 1.0]))
        [-0.76159416  0.          0.76159416]
    """
    return _out(np.tanh(as_array("z", z)))


def tanh_derivative(z: ArrayLike, a: ArrayLike | None = None) -> Any:
    r"""$\tanh'(z) = 1 - \tanh^2(z)$, the derivative in [equation tanh][eq-tanh].

    Args:
        z: Any shape.
        a: $\tanh(z)$ if already computed, same shape as `z`.

    Returns:
        $1 - \tanh^2(z)$, same shape, values in $[0, 1]$: mathematically above 0,
        but in floating point $\tanh(z)$ rounds to exactly $\pm 1$ for $|z| \gtrsim 19$
        (float64), and there the derivative is exactly 0.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.tanh_derivative([0.0, 1.0]))
        [1.         0.41997434]
    """
    A = np.tanh(as_array("z", z)) if a is None else as_array("a", a)
    return 1 - A * A


def relu(z: ArrayLike) -> Any:
    r"""The rectified linear unit, [equation ReLU][eq-relu].

    $$
    g(z) = \max(0, z), \qquad g'(z) = \begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{if } z \le 0 \end{cases}
    $$

    Args:
        z: Any shape.

    Returns:
        $\max(0, z)$, same shape and dtype.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.relu([-2.0, 0.0, 3.0]))
        [0. 0. 3.]
    """
    Z = as_array("z", z)
    return _out(np.maximum(Z, 0))


def relu_derivative(z: ArrayLike, a: ArrayLike | None = None) -> Any:
    r"""$g'(z) = 1$ if $z > 0$, else $0$, the derivative in [equation ReLU][eq-relu].

    At $z = 0$, where ReLU has no derivative, 0 is used.

    Args:
        z: Any shape.
        a: $\max(0, z)$ if already computed: $a > 0$ exactly where $z > 0$.

    Returns:
        0 or 1 in the dtype of `z`, same shape.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.relu_derivative([-2.0, 0.0, 3.0]))
        [0. 0. 1.]
    """
    Z = as_array("z", z) if a is None else as_array("a", a)
    dtype = Z.dtype if Z.dtype.kind == "f" else np.dtype(np.float64)
    return _out((Z > 0).astype(dtype))


def leaky_relu(z: ArrayLike) -> Any:
    r"""The leaky ReLU, [equation leaky ReLU][eq-leaky-relu].

    $$
    g(z) = \max(0.01 z, z), \qquad g'(z) = \begin{cases} 1 & \text{if } z > 0 \\ 0.01 & \text{if } z \le 0 \end{cases}
    $$

    Args:
        z: Any shape.

    Returns:
        $z$ where $z > 0$, else $0.01 z$; same shape.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.leaky_relu([-2.0, 0.0, 3.0]))
        [-0.02  0.    3.  ]
    """
    Z = as_array("z", z)
    return _out(np.where(Z > 0, Z, LEAKY_SLOPE * Z))


def leaky_relu_derivative(z: ArrayLike, a: ArrayLike | None = None) -> Any:
    r"""$g'(z) = 1$ if $z > 0$, else $0.01$, the derivative in [equation leaky ReLU][eq-leaky-relu].

    Args:
        z: Any shape.
        a: The leaky ReLU of `z` if already computed: $a > 0$ exactly where $z > 0$.

    Returns:
        1 or 0.01, same shape.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.leaky_relu_derivative([-2.0, 3.0]))
        [0.01 1.  ]
    """
    Z = as_array("z", z) if a is None else as_array("a", a)
    dtype = Z.dtype if Z.dtype.kind == "f" else np.dtype(np.float64)
    return _out(np.where(Z > 0, dtype.type(1), dtype.type(LEAKY_SLOPE)))


class Activation(NamedTuple):
    r"""A hidden-layer activation $g$ with its derivative $g'$.

    ``g_prime(Z, A)`` takes $Z$ and, optionally, $A = g(Z)$. `needs_Z` says whether
    it still reads $Z$ when $A$ is given. For the four activations here it does not:
    $\tanh'$ and $\sigma'$ are functions of $A$, and ReLU's $A > 0$ exactly where
    $Z > 0$. [`compute_dZ1`][shallownet.compute_dZ1] then neither needs nor checks
    $Z^{[1]}$, as the course's backpropagation reads only $A^{[1]}$.
    """

    name: str
    g: Callable[..., Any]
    g_prime: Callable[..., Any]
    needs_Z: bool = True


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("tanh", tanh, tanh_derivative, needs_Z=False),
        Activation("sigmoid", sigmoid, sigmoid_derivative, needs_Z=False),
        Activation("relu", relu, relu_derivative, needs_Z=False),
        Activation("leaky_relu", leaky_relu, leaky_relu_derivative, needs_Z=False),
    )
}
"""The hidden activations by name: ``"tanh"`` (the default), ``"sigmoid"``, ``"relu"``,
``"leaky_relu"``."""


def get_activation(name: str) -> Activation:
    """Look up a hidden activation by name.

    Args:
        name: One of ``"tanh"``, ``"sigmoid"``, ``"relu"``, ``"leaky_relu"``.

    Returns:
        The `Activation` with its function `g` and derivative `g_prime`.

    Raises:
        ValueError: For any other name.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.get_activation("relu").name)
        relu
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        names = ", ".join(repr(n) for n in ACTIVATIONS)
        raise ValueError(f"activation must be one of {names}, got {name!r}") from None

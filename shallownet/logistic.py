r"""Logistic regression, the notes' warm-up for backpropagation intuition.

One example: $x$ of shape ``(n_x, 1)``, weights $w$ of shape ``(n_x, 1)``, a scalar bias
$b$ and a label $y \in \{0, 1\}$. The graph is
$x, w, b \to z = w^T x + b \to a = \sigma(z) \to \mathcal{L}(a, y)$, and the
derivatives flow back along it: $da$, then $dz$, then $dw$ and $db$.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validation import Array, as_array, check_shape, labels_row
from .activations import sigmoid
from .cost import compute_cost

__all__ = [
    "logistic_da",
    "logistic_db",
    "logistic_dw",
    "logistic_dz",
    "logistic_dz_chain",
    "logistic_loss",
    "logistic_z",
    "propagate",
]


def _scalar_like(name: str, value: object) -> Any:
    array = as_array(name, value)
    return array[()] if array.ndim == 0 else array


def logistic_z(w: Array, x: Array, b: float) -> float:
    r"""The linear step of logistic regression, [equation z][eq-lr-z].

    $$
    z = w^{T} x + b
    $$

    Args:
        w: Weights, shape ``(n_x, 1)``.
        x: One example, shape ``(n_x, 1)``.
        b: The bias, a scalar.

    Returns:
        $z$, a float.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.logistic_z(np.array([[1.0], [2.0]]), np.array([[3.0], [-1.0]]), 0.5))
        1.5
    """
    w = check_shape("w", w, ("n_x", "1"), (None, 1))
    x = check_shape("x", x, ("n_x", "1"), (w.shape[0], 1))
    return float((w.T @ x)[0, 0] + float(b))


def logistic_loss(a: Any, y: Any) -> Any:
    r"""The cross-entropy loss of one example, [equation (7)][eq-loss].

    $$
    \mathcal{L}(a, y) = -y \log a - (1 - y) \log(1 - a)
    $$

    Args:
        a: The prediction $a = \sigma(z)$ in $(0, 1)$, a scalar or any shape.
        y: The label, 0 or 1, the shape of `a`.

    Returns:
        $\mathcal{L}(a, y)$, the shape of `a`.

    Examples:
        >>> import shallownet as sn
        >>> print(f"{sn.logistic_loss(0.8, 1):.6f}")
        0.223144
    """
    a, y = _scalar_like("a", a), _scalar_like("y", y)
    return -y * np.log(a) - (1 - y) * np.log(1 - a)


def logistic_da(a: Any, y: Any) -> Any:
    r"""The derivative of the loss with respect to $a$, [equation (8)][eq-da].

    $$
    da = \frac{d\mathcal{L}(a, y)}{da} = -\frac{y}{a} + \frac{1 - y}{1 - a}
    $$

    Args:
        a: The prediction, in $(0, 1)$.
        y: The label, 0 or 1.

    Returns:
        $da$, the shape of `a`.

    Examples:
        >>> import shallownet as sn
        >>> print(f"{sn.logistic_da(0.8, 1):.6f}")
        -1.250000
    """
    a, y = _scalar_like("a", a), _scalar_like("y", y)
    return -y / a + (1 - y) / (1 - a)


def logistic_dz_chain(da: Any, z: Any) -> Any:
    r"""The chain rule from $da$ to $dz$, [equation chain][eq-lr-chain].

    $$
    dz = da \cdot g'(z) = da \cdot \sigma(z)\left(1 - \sigma(z)\right)
    $$

    Args:
        da: $d\mathcal{L}/da$ from [`logistic_da`][shallownet.logistic_da].
        z: The linear step $z$.

    Returns:
        $dz$, which simplifies to $a - y$ ([`logistic_dz`][shallownet.logistic_dz]).

    Examples:
        >>> import shallownet as sn
        >>> a = float(sn.sigmoid(1.3862943611198906))  # z = log 4, so a = 0.8
        >>> print(f"{sn.logistic_dz_chain(sn.logistic_da(a, 1), 1.3862943611198906):.6f}")
        -0.200000
    """
    a = sigmoid(z)
    return _scalar_like("da", da) * a * (1 - a)


def logistic_dz(a: Any, y: Any) -> Any:
    r"""The simplified gradient at $z$, [equation dz][eq-lr-dz].

    $$
    dz = da \cdot a(1 - a) = \left(-\frac{y}{a} + \frac{1 - y}{1 - a}\right) a (1 - a)
       = -y(1 - a) + (1 - y)a = a - y
    $$

    Args:
        a: The prediction $\sigma(z)$.
        y: The label, 0 or 1.

    Returns:
        $a - y$.

    Examples:
        >>> import shallownet as sn
        >>> print(f"{sn.logistic_dz(0.8, 1):.6f}")
        -0.200000
    """
    return _scalar_like("a", a) - _scalar_like("y", y)


def logistic_dw(x: Array, dz: float) -> Array:
    r"""The gradient of the weights for one example, [equation dw][eq-lr-dw].

    $$
    dw = x \, dz
    $$

    Args:
        x: The example, shape ``(n_x, 1)``.
        dz: $dz$, a scalar.

    Returns:
        $dw$, shape ``(n_x, 1)``, the shape of $w$.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.logistic_dw(np.array([[3.0], [-1.0]]), -0.2))
        [[-0.6]
         [ 0.2]]
    """
    x = check_shape("x", x, ("n_x", "1"), (None, 1))
    dw: Array = x * float(dz)
    return dw


def logistic_db(dz: float) -> float:
    r"""The gradient of the bias for one example, [equation db][eq-lr-db].

    $$
    db = dz
    $$

    Args:
        dz: $dz$, a scalar.

    Returns:
        $db$, the same number.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.logistic_db(-0.2))
        -0.2
    """
    return float(dz)


def propagate(w: Array, b: float, X: Array, Y: Array) -> tuple[dict[str, Any], float]:
    r"""Vectorized logistic regression over $m$ examples, [equations][eq-lr-vectorized].

    $$
    A = \sigma(w^{T} X + b), \quad dZ = A - Y, \quad
    dw = \frac{1}{m} X \, dZ^{T}, \quad db = \frac{1}{m} \sum_{i=1}^{m} dz^{(i)}
    $$

    The name and return values are those of the course's week 2 assignment.

    Args:
        w: Weights, shape ``(n_x, 1)``.
        b: The bias, a scalar.
        X: Input, shape ``(n_x, m)``.
        Y: Labels 0 or 1, shape ``(1, m)``.

    Returns:
        ``({"dw": (n_x, 1) array, "db": float}, cost)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> w, b = np.array([[1.0], [2.0]]), 2.0
        >>> X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
        >>> Y = np.array([[1, 0, 1]])
        >>> grads, cost = sn.propagate(w, b, X, Y)
        >>> print(grads["dw"])
        [[0.99845601]
         [2.39507239]]
        >>> print(f'{grads["db"]:.8f} {cost:.8f}')
        0.00145558 5.80154532
    """
    w = check_shape("w", w, ("n_x", "1"), (None, 1))
    X = check_shape("X", X, ("n_x", "m"), (w.shape[0], None))
    m = X.shape[1]
    A = sigmoid(w.T @ X + float(b))
    cost = compute_cost(A, Y)  # checks Y's shape and its 0/1 labels too
    dZ = A - labels_row("Y", Y, m, 1)
    dw = (X @ dZ.T) / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost

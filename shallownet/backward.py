r"""Backpropagation: equations (1) to (6), from $A^{[2]}$ back to every gradient."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ._validation import (
    Array,
    as_array,
    binary_labels,
    check_parameters,
    check_shape,
    get_keys,
)
from .activations import get_activation

__all__ = [
    "backward_propagation",
    "compute_dW1",
    "compute_dW2",
    "compute_dZ1",
    "compute_dZ2",
    "compute_db1",
    "compute_db2",
]


def compute_dZ2(A2: Array, Y: Array) -> Array:
    r"""The output error, [equation (1)][eq-dZ2].

    $$
    dZ^{[2]} = A^{[2]} - Y
    $$

    Column $i$ is $\partial \mathcal{L}^{(i)} / \partial z^{[2](i)}$, the derivative of
    example $i$'s own loss, for a sigmoid output with the cross-entropy loss: $\sigma'$
    cancels against the loss's derivative. It is therefore $m$ times
    $\partial J / \partial Z^{[2]}$; the $\frac{1}{m}$ enters in equations (2) and (3).

    Args:
        A2: $A^{[2]}$, shape ``(n_y, m)``.
        Y: Labels 0 or 1, shape ``(n_y, m)``; a flat ``(m,)`` array is read as ``(1, m)``.

    Returns:
        $dZ^{[2]}$, shape ``(n_y, m)``.

    Raises:
        ShapeError: If `Y` has another $m$ than `A2`.
        ValueError: If `Y` holds anything but 0 and 1.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.compute_dZ2(np.array([[0.9, 0.2]]), np.array([[1, 0]])))
        [[-0.1  0.2]]
    """
    A2 = check_shape("A2", A2, ("n_y", "m"), (None, None))
    Y = binary_labels("Y", Y, A2.shape[1], A2.shape[0], examples_of=("A2", A2.shape))
    dZ2: Array = A2 - Y
    return dZ2


def compute_dW2(dZ2: Array, A1: Array) -> Array:
    r"""The gradient of the output weights, [equation (2)][eq-dW2].

    $$
    dW^{[2]} = \frac{1}{m} \, dZ^{[2]} A^{[1]T}
    $$

    Args:
        dZ2: $dZ^{[2]}$, shape ``(n_y, m)``.
        A1: $A^{[1]}$, shape ``(n_h, m)``.

    Returns:
        $dW^{[2]}$, shape ``(n_y, n_h)``, the shape of $W^{[2]}$.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> dZ2 = np.array([[-0.1, 0.2]])
        >>> A1 = np.array([[1.0, 1.0], [0.5, -0.5]])
        >>> print(sn.compute_dW2(dZ2, A1))
        [[ 0.05  -0.075]]
    """
    dZ2 = check_shape("dZ2", dZ2, ("n_y", "m"), (None, None))
    m = dZ2.shape[1]
    A1 = check_shape("A1", A1, ("n_h", "m"), (None, m))
    dW2: Array = (dZ2 @ A1.T) / m
    return dW2


def compute_db2(dZ2: Array) -> Array:
    r"""The gradient of the output bias, [equation (3)][eq-db2].

    $$
    db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dz^{[2](i)}
    $$

    The sum runs along the rows (over the examples) and keeps the column
    shape ``(n_y, 1)``: in numpy, ``np.sum(dZ2, axis=1, keepdims=True) / m``.

    Args:
        dZ2: $dZ^{[2]}$, shape ``(n_y, m)``.

    Returns:
        $db^{[2]}$, shape ``(n_y, 1)``, the shape of $b^{[2]}$.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.compute_db2(np.array([[-0.1, 0.2]])))
        [[0.05]]
    """
    dZ2 = check_shape("dZ2", dZ2, ("n_y", "m"), (None, None))
    db2: Array = np.sum(dZ2, axis=1, keepdims=True) / dZ2.shape[1]
    return db2


def compute_dZ1(
    W2: Array,
    dZ2: Array,
    Z1: Array | None = None,
    activation: str = "tanh",
    A1: Array | None = None,
) -> Array:
    r"""The hidden layer's error, [equation (4)][eq-dZ1].

    $$
    dZ^{[1]} = \underbrace{W^{[2]T} dZ^{[2]}}_{(n^{[1]},\, m)} * \underbrace{g^{[1]\prime}\left(Z^{[1]}\right)}_{(n^{[1]},\, m)}
    $$

    $*$ is the element-wise product of two matrices of the same shape.

    Only the arrays the computation reads are checked. Given `A1`, every built-in
    activation computes $g^{[1]\prime}$ from $A^{[1]}$ alone (for tanh
    $1 - (A^{[1]})^2$), so `Z1` is then neither read nor checked and may be left out;
    an activation whose [`needs_Z`][shallownet.Activation] is true reads and checks it.

    Args:
        W2: $W^{[2]}$, shape ``(n_y, n_h)``.
        dZ2: $dZ^{[2]}$, shape ``(n_y, m)``.
        Z1: $Z^{[1]}$, shape ``(n_h, m)``; not read, and may be ``None``, when `A1`
            is given and the activation computes its derivative from `A1`.
        activation: The name of $g^{[1]}$, ``"tanh"`` by default.
        A1: $A^{[1]} = g^{[1]}(Z^{[1]})$ if known, shape ``(n_h, m)``.

    Returns:
        $dZ^{[1]}$, shape ``(n_h, m)``.

    Raises:
        ShapeError: If an array it reads has the wrong shape.
        ValueError: If neither `Z1` nor `A1` is given, or only `A1` for an activation
            that reads `Z1`.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> W2 = np.array([[2.0, -1.0]])
        >>> dZ2 = np.array([[0.5]])
        >>> Z1 = np.array([[0.0], [1.0]])
        >>> print(sn.compute_dZ1(W2, dZ2, Z1))
        [[ 1.        ]
         [-0.20998717]]

        The same from $A^{[1]} = \tanh(Z^{[1]})$, as backpropagation computes it after a
        forward pass, without `Z1`:

        >>> print(sn.compute_dZ1(W2, dZ2, A1=np.tanh(Z1)))
        [[ 1.        ]
         [-0.20998717]]
    """
    W2 = check_shape("W2", W2, ("n_y", "n_h"), (None, None))
    n_y, n_h = W2.shape
    dZ2 = check_shape("dZ2", dZ2, ("n_y", "m"), (n_y, None))
    m = dZ2.shape[1]
    g = get_activation(activation)
    if A1 is not None:
        A1 = check_shape("A1", A1, ("n_h", "m"), (n_h, m))
    if A1 is None or g.needs_Z:
        if Z1 is None:
            given = "" if A1 is None else ", which reads Z1 and not A1"
            needed = "Z1 or A1" if A1 is None else "Z1"
            raise ValueError(
                f"compute_dZ1 needs {needed} to compute g'(Z1) for {activation!r}{given}"
            )
        Z1 = check_shape("Z1", Z1, ("n_h", "m"), (n_h, m))
    dZ1: Array = (W2.T @ dZ2) * g.g_prime(Z1, A1)
    return dZ1


def compute_dW1(dZ1: Array, X: Array) -> Array:
    r"""The gradient of the hidden weights, [equation (5)][eq-dW1].

    $$
    dW^{[1]} = \frac{1}{m} \, dZ^{[1]} X^{T}
    $$

    Args:
        dZ1: $dZ^{[1]}$, shape ``(n_h, m)``.
        X: $X = A^{[0]}$, shape ``(n_x, m)``.

    Returns:
        $dW^{[1]}$, shape ``(n_h, n_x)``, the shape of $W^{[1]}$.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> dZ1 = np.array([[1.0, -1.0]])
        >>> X = np.array([[2.0, 4.0], [1.0, 1.0]])
        >>> print(sn.compute_dW1(dZ1, X))
        [[-1.  0.]]
    """
    dZ1 = check_shape("dZ1", dZ1, ("n_h", "m"), (None, None))
    m = dZ1.shape[1]
    X = check_shape("X", X, ("n_x", "m"), (None, m))
    dW1: Array = (dZ1 @ X.T) / m
    return dW1


def compute_db1(dZ1: Array) -> Array:
    r"""The gradient of the hidden bias, [equation (6)][eq-db1].

    $$
    db^{[1]} = \frac{1}{m} \sum_{i=1}^{m} dz^{[1](i)}
    $$

    In numpy, ``np.sum(dZ1, axis=1, keepdims=True) / m``. Without ``keepdims`` the
    result has shape ``(n_h,)``, and the update ``b1 - learning_rate * db1`` broadcasts
    it with the ``(n_h, 1)`` of `b1` into an ``(n_h, n_h)`` matrix, without an error. The
    next forward pass adds that to $W^{[1]} X$, shape ``(n_h, m)``: numpy raises a
    broadcasting error there unless $m = n^{[1]}$ or $m = 1$, where it runs on with
    wrong numbers. [`update_parameters`][shallownet.update_parameters] refuses the flat
    gradient.

    Args:
        dZ1: $dZ^{[1]}$, shape ``(n_h, m)``.

    Returns:
        $db^{[1]}$, shape ``(n_h, 1)``, the shape of $b^{[1]}$.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> dZ1 = np.array([[1.0, -1.0], [0.5, 0.5]])  # n_h = 2 units, m = 2 examples
        >>> print(sn.compute_db1(dZ1))
        [[0. ]
         [0.5]]

        Without ``keepdims``, $b^{[1]}$ becomes ``(n_h, n_h)``, and the next forward
        pass fails unless $m$ is $n^{[1]}$ or 1:

        >>> b1 = np.zeros((2, 1)) - 1.2 * np.sum(dZ1, axis=1) / 2
        >>> print(b1.shape)
        (2, 2)
        >>> W1 = np.ones((2, 3))  # n_x = 3 features
        >>> for m in [1, 2, 3]:
        ...     try:
        ...         print(m, (W1 @ np.ones((3, m)) + b1).shape)
        ...     except ValueError:
        ...         print(m, "ValueError")
        ...
        1 (2, 2)
        2 (2, 2)
        3 ValueError
    """
    dZ1 = check_shape("dZ1", dZ1, ("n_h", "m"), (None, None))
    db1: Array = np.sum(dZ1, axis=1, keepdims=True) / dZ1.shape[1]
    return db1


def backward_propagation(
    parameters: Mapping[str, Array],
    cache: Mapping[str, Array],
    X: Array,
    Y: Array,
    activation: str = "tanh",
) -> dict[str, Array]:
    r"""Equations [(1)][eq-dZ2] to [(6)][eq-db1], in order.

    Each gradient has [its parameter's shape][eq-dims-gradients]:

    $$
    dW^{[1]} \in \mathbb{R}^{n^{[1]} \times n^{[0]}}, \quad db^{[1]} \in \mathbb{R}^{n^{[1]} \times 1}, \quad
    dW^{[2]} \in \mathbb{R}^{n^{[2]} \times n^{[1]}}, \quad db^{[2]} \in \mathbb{R}^{n^{[2]} \times 1}
    $$

    Only what the equations read is required and checked: `A1` and `A2` from the
    cache, and `Z1` only for an activation whose derivative needs it (none of the
    built-in ones, which use `A1`). `Z2` is never read.

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``; `W2` is read, the others give the
            shapes the gradients must have.
        cache: ``{"Z1", "A1", "Z2", "A2"}`` from
            [`forward_propagation`][shallownet.forward_propagation].
        X: Input, shape ``(n_x, m)``.
        Y: Labels, shape ``(1, m)``.
        activation: The hidden activation used in the forward pass.

    Returns:
        ``{"dW1", "db1", "dW2", "db2"}``, each of its parameter's shape.

    Raises:
        ShapeError: If a shape does not fit.
        ValueError: If a key is missing or `Y` holds anything but 0 and 1.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> A2, cache = sn.forward_propagation(X, parameters)
        >>> grads = sn.backward_propagation(parameters, cache, X, Y)
        >>> print({k: v.shape for k, v in grads.items()})
        {'dW1': (4, 2), 'db1': (4, 1), 'dW2': (1, 4), 'db2': (1, 1)}
    """
    W1, _, W2, _ = check_parameters(parameters)
    g = get_activation(activation)
    if g.needs_Z:
        Z1, A1, A2 = get_keys("cache", cache, ("Z1", "A1", "A2"))
    else:  # g'(Z1) from A1 alone: Z1 is not read
        Z1, (A1, A2) = None, get_keys("cache", cache, ("A1", "A2"))
    X = check_shape("X", as_array("X", X), ("n_x", "m"), (W1.shape[1], None))
    m = X.shape[1]
    A2 = check_shape("A2", A2, ("n_y", "m"), (W2.shape[0], m))
    dZ2 = compute_dZ2(A2, Y)  # (1)
    dW2 = compute_dW2(dZ2, A1)  # (2)
    db2 = compute_db2(dZ2)  # (3)
    dZ1 = compute_dZ1(W2, dZ2, Z1, activation, A1)  # (4)
    dW1 = compute_dW1(dZ1, X)  # (5)
    db1 = compute_db1(dZ1)  # (6)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

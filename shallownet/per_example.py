r"""The left column of the notes' summary: one training example $x$ at a time.

Lower-case symbols are one example's column vectors: $x$ is ``(n_x, 1)``, $z^{[1]}$ and
$a^{[1]}$ are ``(n_h, 1)``, $z^{[2]}$, $a^{[2]}$ and $y$ are ``(n_y, 1)``. There is no
$\frac{1}{m}$ here: [`backward_propagation_loop`][shallownet.backward_propagation_loop]
averages the per-example gradients, and the tests hold that average equal to the
vectorized right column.
"""

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
from .activations import get_activation, sigmoid

__all__ = [
    "backward_propagation_loop",
    "example_backward",
    "example_dW1",
    "example_dW2",
    "example_db1",
    "example_db2",
    "example_dz1",
    "example_dz2",
    "example_forward",
]


def example_forward(
    x: Array, parameters: Mapping[str, Array], activation: str = "tanh"
) -> dict[str, Array]:
    r"""Forward propagation for one example, [equation forward (one example)][eq-example-forward].

    $$
    z^{[1]} = W^{[1]} x + b^{[1]}, \quad a^{[1]} = g^{[1]}(z^{[1]}), \quad
    z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}, \quad a^{[2]} = \sigma(z^{[2]})
    $$

    The vectors are columns, [of these shapes][eq-dims-example]:

    $$
    x \in \mathbb{R}^{n^{[0]} \times 1}, \quad z^{[1]}, a^{[1]} \in \mathbb{R}^{n^{[1]} \times 1}, \quad
    z^{[2]}, a^{[2]} \in \mathbb{R}^{n^{[2]} \times 1}
    $$

    Args:
        x: One example, shape ``(n_x, 1)``.
        parameters: ``{"W1", "b1", "W2", "b2"}``.
        activation: The hidden activation $g^{[1]}$.

    Returns:
        ``{"z1", "a1", "z2", "a2"}``, column vectors.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> cache = sn.example_forward(np.array([[1.0], [2.0]]), parameters)
        >>> print(cache["a1"].shape, cache["a2"].shape)
        (4, 1) (1, 1)
    """
    W1, b1, W2, b2 = check_parameters(parameters)
    x = check_shape("x", x, ("n_x", "1"), (W1.shape[1], 1))
    z1 = W1 @ x + b1
    a1 = get_activation(activation).g(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2}


def example_dz2(a2: Array, y: Array) -> Array:
    r"""One example's (1), [equation dz2 (one example)][eq-example-dz2].

    $$
    dz^{[2]} = a^{[2]} - y
    $$

    Args:
        a2: $a^{[2]}$, shape ``(n_y, 1)``.
        y: The label, shape ``(n_y, 1)``.

    Returns:
        $dz^{[2]}$, shape ``(n_y, 1)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.example_dz2(np.array([[0.75]]), np.array([[1]])))
        [[-0.25]]
    """
    a2 = check_shape("a2", a2, ("n_y", "1"), (None, 1))
    y = check_shape("y", y, ("n_y", "1"), a2.shape)
    dz2: Array = a2 - y
    return dz2


def example_dW2(dz2: Array, a1: Array) -> Array:
    r"""One example's (2), [equation dW2 (one example)][eq-example-dW2]: no $\frac{1}{m}$.

    $$
    dW^{[2]} = dz^{[2]} a^{[1]T}
    $$

    Args:
        dz2: $dz^{[2]}$, shape ``(n_y, 1)``.
        a1: $a^{[1]}$, shape ``(n_h, 1)``.

    Returns:
        This example's $dW^{[2]}$, shape ``(n_y, n_h)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.example_dW2(np.array([[2.0]]), np.array([[1.0], [-0.5]])))
        [[ 2. -1.]]
    """
    dz2 = check_shape("dz2", dz2, ("n_y", "1"), (None, 1))
    a1 = check_shape("a1", a1, ("n_h", "1"), (None, 1))
    return np.outer(dz2, a1)


def example_db2(dz2: Array) -> Array:
    r"""One example's (3), [equation db2 (one example)][eq-example-db2].

    $$
    db^{[2]} = dz^{[2]}
    $$

    Args:
        dz2: $dz^{[2]}$, shape ``(n_y, 1)``.

    Returns:
        A copy of `dz2`, shape ``(n_y, 1)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.example_db2(np.array([[-0.25]])))
        [[-0.25]]
    """
    return check_shape("dz2", dz2, ("n_y", "1"), (None, 1)).copy()


def example_dz1(
    W2: Array, dz2: Array, z1: Array, activation: str = "tanh", a1: Array | None = None
) -> Array:
    r"""One example's (4), [equation dz1 (one example)][eq-example-dz1]; $*$ is element-wise.

    $$
    dz^{[1]} = W^{[2]T} dz^{[2]} * g^{[1]\prime}\left(z^{[1]}\right)
    $$

    Args:
        W2: $W^{[2]}$, shape ``(n_y, n_h)``.
        dz2: $dz^{[2]}$, shape ``(n_y, 1)``.
        z1: $z^{[1]}$, shape ``(n_h, 1)``.
        activation: The name of $g^{[1]}$.
        a1: $g^{[1]}(z^{[1]})$ if known, shape ``(n_h, 1)``.

    Returns:
        $dz^{[1]}$, shape ``(n_h, 1)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.example_dz1(np.array([[2.0, -1.0]]), np.array([[0.5]]), np.zeros((2, 1))))
        [[ 1. ]
         [-0.5]]
    """
    W2 = check_shape("W2", W2, ("n_y", "n_h"), (None, None))
    n_y, n_h = W2.shape
    dz2 = check_shape("dz2", dz2, ("n_y", "1"), (n_y, 1))
    z1 = check_shape("z1", z1, ("n_h", "1"), (n_h, 1))
    dz1: Array = (W2.T @ dz2) * get_activation(activation).g_prime(z1, a1)
    return dz1


def example_dW1(dz1: Array, x: Array) -> Array:
    r"""One example's (5), [equation dW1 (one example)][eq-example-dW1], with $x = a^{[0]}$.

    $$
    dW^{[1]} = dz^{[1]} x^{T}
    $$

    Args:
        dz1: $dz^{[1]}$, shape ``(n_h, 1)``.
        x: The example, shape ``(n_x, 1)``.

    Returns:
        This example's $dW^{[1]}$, shape ``(n_h, n_x)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.example_dW1(np.array([[1.0], [-0.5]]), np.array([[2.0], [4.0]])))
        [[ 2.  4.]
         [-1. -2.]]
    """
    dz1 = check_shape("dz1", dz1, ("n_h", "1"), (None, 1))
    x = check_shape("x", x, ("n_x", "1"), (None, 1))
    return np.outer(dz1, x)


def example_db1(dz1: Array) -> Array:
    r"""One example's (6), [equation db1 (one example)][eq-example-db1].

    $$
    db^{[1]} = dz^{[1]}
    $$

    Args:
        dz1: $dz^{[1]}$, shape ``(n_h, 1)``.

    Returns:
        A copy of `dz1`, shape ``(n_h, 1)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.example_db1(np.array([[1.0], [-0.5]])))
        [[ 1. ]
         [-0.5]]
    """
    return check_shape("dz1", dz1, ("n_h", "1"), (None, 1)).copy()


def example_backward(
    parameters: Mapping[str, Array],
    cache: Mapping[str, Array],
    x: Array,
    y: Array,
    activation: str = "tanh",
) -> dict[str, Array]:
    r"""The left column of (1) to (6) for one example: the gradient of its loss $\mathcal{L}$.

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``.
        cache: ``{"z1", "a1", "z2", "a2"}`` from [`example_forward`][shallownet.example_forward].
        x: The example, shape ``(n_x, 1)``.
        y: Its label, shape ``(n_y, 1)``.
        activation: The hidden activation.

    Returns:
        ``{"dW1", "db1", "dW2", "db2"}`` for this one example.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> x, y = np.array([[1.0], [2.0]]), np.array([[1]])
        >>> cache = sn.example_forward(x, parameters)
        >>> grads = sn.example_backward(parameters, cache, x, y)
        >>> print(grads["dW1"].shape, grads["db2"].shape)
        (4, 2) (1, 1)
    """
    _, _, W2, _ = check_parameters(parameters)
    z1, a1, _, a2 = get_keys("cache", cache, ("z1", "a1", "z2", "a2"))
    dz2 = example_dz2(a2, y)
    dW2 = example_dW2(dz2, a1)
    db2 = example_db2(dz2)
    dz1 = example_dz1(W2, dz2, z1, activation, a1)
    dW1 = example_dW1(dz1, x)
    db1 = example_db1(dz1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def backward_propagation_loop(
    parameters: Mapping[str, Array], X: Array, Y: Array, activation: str = "tanh"
) -> dict[str, Array]:
    r"""The gradient of $J$ as [the average of the per-example gradients][eq-average].

    $$
    dW^{[1]} = \frac{1}{m} \sum_{i=1}^{m} dW^{[1](i)}, \quad
    db^{[1]} = \frac{1}{m} \sum_{i=1}^{m} db^{[1](i)}, \quad
    dW^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dW^{[2](i)}, \quad
    db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} db^{[2](i)}
    $$

    Loops over the $m$ columns of `X`, runs the left column on each, and averages:
    slow, and equal to [`backward_propagation`][shallownet.backward_propagation].

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``.
        X: Input, shape ``(n_x, m)``.
        Y: Labels, shape ``(1, m)``.
        activation: The hidden activation.

    Returns:
        ``{"dW1", "db1", "dW2", "db2"}``, averaged over the examples.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> loop = sn.backward_propagation_loop(parameters, X, Y)
        >>> _, cache = sn.forward_propagation(X, parameters)
        >>> vectorized = sn.backward_propagation(parameters, cache, X, Y)
        >>> print(all(np.allclose(loop[k], vectorized[k]) for k in loop))
        True
    """
    W1, b1, W2, b2 = check_parameters(parameters)
    X = check_shape("X", as_array("X", X), ("n_x", "m"), (W1.shape[1], None))
    m = X.shape[1]
    Y = binary_labels("Y", Y, m, W2.shape[0], examples_of=("X", X.shape))
    named = {"dW1": W1, "db1": b1, "dW2": W2, "db2": b2}
    total = {k: np.zeros_like(v, dtype=np.result_type(v, X)) for k, v in named.items()}
    for i in range(m):
        x, y = X[:, i : i + 1], Y[:, i : i + 1]
        cache = example_forward(x, parameters, activation)
        for key, value in example_backward(parameters, cache, x, y, activation).items():
            total[key] += value
    return {key: value / m for key, value in total.items()}

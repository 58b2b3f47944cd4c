r"""Forward propagation: the four equations from $X$ to $A^{[2]}$."""

from __future__ import annotations

from collections.abc import Mapping

from ._validation import Array, as_array, check_parameters, check_shape
from .activations import get_activation, sigmoid

__all__ = ["compute_A1", "compute_A2", "compute_Z1", "compute_Z2", "forward_propagation"]


def compute_Z1(W1: Array, X: Array, b1: Array) -> Array:
    r"""The hidden layer's linear step, [equation Z1][eq-Z1].

    $$
    Z^{[1]} = W^{[1]} X + b^{[1]}
    $$

    Column $i$ of $Z^{[1]}$ is example $i$'s $z^{[1](i)} = W^{[1]} x^{(i)} + b^{[1]}$,
    [stacked side by side][eq-stack]:

    $$
    Z^{[1]} = \begin{bmatrix} | & | & & | \\ z^{[1](1)} & z^{[1](2)} & \cdots & z^{[1](m)} \\ | & | & & | \end{bmatrix}
    $$

    Args:
        W1: $W^{[1]}$, shape ``(n_h, n_x)``.
        X: $X$, one example per column, shape ``(n_x, m)``.
        b1: $b^{[1]}$, shape ``(n_h, 1)``, added to every column.

    Returns:
        $Z^{[1]}$, shape ``(n_h, m)``.

    Raises:
        ShapeError: If a shape does not fit, for instance `b1` of shape ``(n_h,)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> W1 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
        >>> b1 = np.array([[0.5], [0.0], [-0.5]])
        >>> print(sn.compute_Z1(W1, X, b1))
        [[1.5 2.5]
         [3.  4. ]
         [4.5 5.5]]
    """
    W1 = check_shape("W1", W1, ("n_h", "n_x"), (None, None))
    n_h, n_x = W1.shape
    X = check_shape("X", X, ("n_x", "m"), (n_x, None))
    b1 = check_shape("b1", b1, ("n_h", "1"), (n_h, 1))
    Z1: Array = W1 @ X + b1
    return Z1


def compute_A1(Z1: Array, activation: str = "tanh") -> Array:
    r"""The hidden layer's activation, [equation A1][eq-A1].

    $$
    A^{[1]} = g^{[1]}(Z^{[1]})
    $$

    Args:
        Z1: $Z^{[1]}$, shape ``(n_h, m)``.
        activation: The name of $g^{[1]}$: ``"tanh"`` (the course's choice),
            ``"sigmoid"``, ``"relu"`` or ``"leaky_relu"``.

    Returns:
        $A^{[1]}$, shape ``(n_h, m)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.compute_A1(np.array([[0.0, 1.0]])))
        [[0.         0.76159416]]
    """
    Z1 = check_shape("Z1", Z1, ("n_h", "m"), (None, None))
    A1: Array = get_activation(activation).g(Z1)
    return A1


def compute_Z2(W2: Array, A1: Array, b2: Array) -> Array:
    r"""The output layer's linear step, [equation Z2][eq-Z2].

    $$
    Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}
    $$

    Args:
        W2: $W^{[2]}$, shape ``(n_y, n_h)``.
        A1: $A^{[1]}$, shape ``(n_h, m)``.
        b2: $b^{[2]}$, shape ``(n_y, 1)``.

    Returns:
        $Z^{[2]}$, shape ``(n_y, m)``.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> W2 = np.array([[1.0, -1.0]])
        >>> A1 = np.array([[0.5, 0.25], [0.5, 0.75]])
        >>> print(sn.compute_Z2(W2, A1, np.array([[0.1]])))
        [[ 0.1 -0.4]]
    """
    W2 = check_shape("W2", W2, ("n_y", "n_h"), (None, None))
    n_y, n_h = W2.shape
    A1 = check_shape("A1", A1, ("n_h", "m"), (n_h, None))
    b2 = check_shape("b2", b2, ("n_y", "1"), (n_y, 1))
    Z2: Array = W2 @ A1 + b2
    return Z2


def compute_A2(Z2: Array) -> Array:
    r"""The output activation, [equation A2][eq-A2]: the predictions $\hat{Y}$.

    $$
    A^{[2]} = g^{[2]}(Z^{[2]}) = \sigma(Z^{[2]})
    $$

    Args:
        Z2: $Z^{[2]}$, shape ``(n_y, m)``.

    Returns:
        $A^{[2]} = \hat{Y}$, shape ``(n_y, m)``, each entry the probability that $y = 1$
        for its row's binary problem: $\sigma$ acts on each entry alone, so with
        $n_y > 1$ a column need not sum to 1.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.compute_A2(np.array([[0.0, 2.0]])))
        [[0.5        0.88079708]]
    """
    Z2 = check_shape("Z2", Z2, ("n_y", "m"), (None, None))
    A2: Array = sigmoid(Z2)
    return A2


def forward_propagation(
    X: Array, parameters: Mapping[str, Array], activation: str = "tanh"
) -> tuple[Array, dict[str, Array]]:
    r"""All four forward equations, [Z1][eq-Z1] to [A2][eq-A2], in order.

    Every intermediate has [the shape of the dimension table][eq-dims-vectorized]:

    $$
    Z^{[1]}, A^{[1]} \in \mathbb{R}^{n^{[1]} \times m}, \qquad
    Z^{[2]}, A^{[2]} \in \mathbb{R}^{n^{[2]} \times m}
    $$

    Args:
        X: Input, shape ``(n_x, m)``.
        parameters: ``{"W1", "b1", "W2", "b2"}`` of shapes ``(n_h, n_x)``, ``(n_h, 1)``,
            ``(n_y, n_h)`` and ``(n_y, 1)``, as made by
            [`initialize_parameters`][shallownet.initialize_parameters].
        activation: The hidden activation $g^{[1]}$, ``"tanh"`` by default.

    With $n^{[2]} > 1$ (a `W2` of several rows), each row of `A2` is its own sigmoid:
    $n^{[2]}$ independent probabilities that $y = 1$, one binary problem per row, not a
    distribution over $n^{[2]}$ classes, and a column need not sum to 1 (see
    [After this network](../../explanation/next-steps.md#n-y)).

    Returns:
        `A2` of shape ``(n_y, m)``, and the cache ``{"Z1", "A1", "Z2", "A2"}`` that
        [`backward_propagation`][shallownet.backward_propagation] needs.

    Raises:
        ShapeError: If `X` has the wrong number of rows for `W1`, or a parameter
            has the wrong shape.
        ValueError: If a key is missing from `parameters`.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> A2, cache = sn.forward_propagation(X, parameters)
        >>> print(A2.shape, sorted(cache))
        (1, 400) ['A1', 'A2', 'Z1', 'Z2']
        >>> print(f"{A2.mean():.8f}")
        0.49998911

        Two outputs are two independent sigmoids, whose sum is not 1:

        >>> two = sn.initialize_parameters(2, 4, 2)
        >>> two["b2"] = np.array([[1.0], [2.0]])  # sigma(1) + sigma(2) is about 1.6
        >>> A2, cache = sn.forward_propagation(X, two)
        >>> print(A2.shape, np.round(A2[:, 0], 2), round(float(A2[:, 0].sum()), 2))
        (2, 400) [0.73 0.88] 1.61
    """
    W1, b1, W2, b2 = check_parameters(parameters)
    X = as_array("X", X)
    Z1 = compute_Z1(W1, X, b1)
    A1 = compute_A1(Z1, activation)
    Z2 = compute_Z2(W2, A1, b2)
    A2 = compute_A2(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}

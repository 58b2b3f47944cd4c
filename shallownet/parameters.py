r"""The parameters $W^{[1]}, b^{[1]}, W^{[2]}, b^{[2]}$: their sizes, initialization and update."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from numpy.typing import DTypeLike, NDArray

from ._validation import (
    GRADIENT_KEYS,
    PARAMETER_KEYS,
    SYMBOLS,
    Array,
    as_array,
    check_parameters,
    check_shape,
    get_keys,
    labels_row,
    positive_int,
    positive_number,
)

__all__ = [
    "initialize_parameters",
    "initialize_parameters_he",
    "initialize_parameters_xavier",
    "layer_sizes",
    "update_parameter",
    "update_parameters",
]


def layer_sizes(X: Array, Y: Array, n_h: int = 4) -> tuple[int, int, int]:
    r"""The three layer sizes, [equation layer sizes][eq-layer-sizes].

    $$
    n_x = n^{[0]}, \qquad n_h = n^{[1]}, \qquad n_y = n^{[2]} = 1
    $$

    Args:
        X: Input, shape ``(n_x, m)``.
        Y: Labels, shape ``(n_y, m)``; a flat ``(m,)`` array is read as ``(1, m)``.
        n_h: The number of hidden units, 4 in the course.

    Returns:
        ``(n_x, n_h, n_y)``.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> print(sn.layer_sizes(X, Y))
        (2, 4, 1)
    """
    X = check_shape("X", X, ("n_x", "m"), (None, None))
    labels_row("Y", Y, X.shape[1], examples_of=("X", X.shape))
    n_y = 1 if as_array("Y", Y).ndim == 1 else as_array("Y", Y).shape[0]
    return X.shape[0], positive_int("n_h", n_h), n_y


Seed = int | np.random.RandomState | np.random.Generator | None
"""What ``seed`` accepts: an int, ``None`` (numpy's global state), a ``RandomState`` or a ``Generator``."""


def random_normal(seed: object) -> Callable[[int, int], NDArray[np.float64]]:
    """``randn(rows, columns)`` drawing from the source that ``seed`` names.

    - an int: a fresh ``np.random.RandomState(seed)``, the course's legacy generator;
    - ``None``: numpy's global state, the functions ``np.random.randn`` and friends, so
      that ``np.random.seed(3)`` before the call decides, as in the 2021 notebooks;
    - a ``np.random.RandomState``: drawn from it with ``randn``, advancing it;
    - a ``np.random.Generator``: drawn from it with ``standard_normal``, advancing it.
      A ``Generator`` uses another algorithm, so its numbers are not the course's.
    """
    if seed is None:
        return lambda rows, columns: np.random.randn(rows, columns)  # noqa: NPY002 (the course's global state)
    if isinstance(seed, np.random.RandomState):
        return lambda rows, columns: seed.randn(rows, columns)
    if isinstance(seed, np.random.Generator):
        return lambda rows, columns: seed.standard_normal((rows, columns))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(
            "seed must be an int, None (numpy's global random state), a "
            f"np.random.RandomState or a np.random.Generator, got {type(seed).__name__}"
        )
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be between 0 and 2**32 - 1, got {seed}")
    rng = np.random.RandomState(int(seed))
    return lambda rows, columns: rng.randn(rows, columns)


def initialize_parameters(
    n_x: int, n_h: int, n_y: int, seed: Seed = 2, dtype: DTypeLike = np.float64
) -> dict[str, Array]:
    r"""Small random weights and zero biases, the shapes of the [shape table][eq-shapes].

    $$
    W^{[1]} \in \mathbb{R}^{n^{[1]} \times n^{[0]}}, \quad
    b^{[1]} \in \mathbb{R}^{n^{[1]} \times 1}, \quad
    W^{[2]} \in \mathbb{R}^{n^{[2]} \times n^{[1]}}, \quad
    b^{[2]} \in \mathbb{R}^{n^{[2]} \times 1}
    $$

    The weights are drawn as ``randn * 0.01``, `W1` first and then `W2`, from the
    source that `seed` names. The default, a legacy ``np.random.RandomState(2)``,
    gives the course's own numbers: the 2018–2020 notebook (v6c) seeds 2 inside its
    ``initialize_parameters``, and the 2021 one (W3A1) calls ``np.random.seed(2)``
    before its test, which ``seed=None`` reproduces. The weights must not all be equal (zero, say):
    every hidden unit would then compute the same function and receive the same
    gradient, for ever. Zero biases are fine once the weights differ.

    Args:
        n_x: Input size $n^{[0]}$.
        n_h: Hidden units $n^{[1]}$.
        n_y: Output size $n^{[2]}$, 1 for binary classification.
        seed: Where the weights come from. An int seeds a fresh
            ``np.random.RandomState``, as the course does (2 gives its numbers).
            ``None`` draws from numpy's global state (``np.random.seed`` decides).
            A ``np.random.RandomState`` or ``np.random.Generator`` is drawn from, and
            advanced; a ``Generator`` gives other numbers than the course's.
        dtype: Floating dtype of the arrays, float64 by default.

    Returns:
        ``{"W1", "b1", "W2", "b2"}`` of shapes ``(n_h, n_x)``, ``(n_h, 1)``, ``(n_y, n_h)``,
        ``(n_y, 1)``.

    Raises:
        ValueError: If a size is smaller than 1, or an int `seed` is outside
            $[0, 2^{32})$.
        TypeError: If a size is not an integer, `dtype` is not floating, or `seed`
            is none of the above.

    Examples:
        >>> import shallownet as sn
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> print(parameters["W1"])
        [[-0.00416758 -0.00056267]
         [-0.02136196  0.01640271]
         [-0.01793436 -0.00841747]
         [ 0.00502881 -0.01245288]]
        >>> print(parameters["W2"])
        [[-0.01057952 -0.00909008  0.00551454  0.02292208]]
        >>> print(parameters["b1"].shape, parameters["b2"].shape)
        (4, 1) (1, 1)

        With ``seed=None`` numpy's global state decides, as in the 2021 notebook:

        >>> import numpy as np
        >>> np.random.seed(2)
        >>> print(sn.initialize_parameters(2, 4, 1, seed=None)["W2"])
        [[-0.01057952 -0.00909008  0.00551454  0.02292208]]
    """
    return draw_parameters(n_x, n_h, n_y, seed, dtype, lambda n_prev: 0.01)


def draw_parameters(
    n_x: int,
    n_h: int,
    n_y: int,
    seed: Seed,
    dtype: DTypeLike,
    scale: Callable[[int], float],
) -> dict[str, Array]:
    """``randn * scale(n^{[l-1]})`` weights, `W1` drawn first and then `W2`, and zero biases.

    Shared by the three initializations, so that one seed gives one draw, rescaled: the
    He weights of seed 2 are the course's weights of seed 2 times ``sqrt(2 / n) / 0.01``.
    """
    n_x = positive_int("n_x", n_x)
    n_h = positive_int("n_h", n_h)
    n_y = positive_int("n_y", n_y)
    dt = np.dtype(dtype)
    if dt.kind != "f":
        raise TypeError(f"dtype must be a floating dtype, got {dt}")
    randn = random_normal(seed)
    W1 = (randn(n_h, n_x) * scale(n_x)).astype(dt)
    W2 = (randn(n_y, n_h) * scale(n_h)).astype(dt)
    b1 = np.zeros((n_h, 1), dtype=dt)
    b2 = np.zeros((n_y, 1), dtype=dt)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_xavier(
    n_x: int, n_h: int, n_y: int, seed: Seed = 2, dtype: DTypeLike = np.float64
) -> dict[str, Array]:
    r"""Weights of variance one over the layer's number of inputs, [equation Xavier][eq-xavier].

    $$
    W^{[l]} \sim \mathcal{N}\!\left(0, \frac{1}{n^{[l-1]}}\right), \quad b^{[l]} = 0,
    \qquad l = 1, 2
    $$

    For tanh: a sum of $n^{[l-1]}$ independent terms $w_k a_k$ then has about the
    variance of one input, so $Z^{[1]}$ starts neither near 0 nor in tanh's flat tails.
    Course 2's lecture (week 1) calls this scale, $\sqrt{1/n^{[l-1]}}$, Xavier initialization;
    [Glorot and Bengio](https://proceedings.mlr.press/v9/glorot10a.html) average the
    layer's inputs and outputs instead, $2 / (n^{[l-1]} + n^{[l]})$. The course's
    assignments have no function for it: the name is ours, by analogy with
    [`initialize_parameters_he`][shallownet.initialize_parameters_he].

    The draw is [`initialize_parameters`][shallownet.initialize_parameters]'s, `W1` and
    then `W2` from the source that `seed` names, scaled by $\sqrt{1/n^{[l-1]}}$ instead of
    0.01: with the same seed, the weights are the course's weights times
    $\sqrt{1/n^{[l-1]}} / 0.01$.

    Args:
        n_x: Input size $n^{[0]}$.
        n_h: Hidden units $n^{[1]}$.
        n_y: Output size $n^{[2]}$, 1 for binary classification.
        seed: Where the weights come from, as in `initialize_parameters` (2 by default).
        dtype: Floating dtype of the arrays, float64 by default.

    Returns:
        ``{"W1", "b1", "W2", "b2"}`` of shapes ``(n_h, n_x)``, ``(n_h, 1)``, ``(n_y, n_h)``,
        ``(n_y, 1)``.

    Raises:
        ValueError: If a size is smaller than 1, or an int `seed` is outside
            $[0, 2^{32})$.
        TypeError: If a size is not an integer, `dtype` is not floating, or `seed`
            is of another type.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> parameters = sn.initialize_parameters_xavier(2, 4, 1)
        >>> print(parameters["W2"])  # the course's draw times sqrt(1/4) / 0.01
        [[-0.52897611 -0.45450381  0.27572702  1.14610401]]
        >>> wide = sn.initialize_parameters_xavier(1000, 1000, 1)
        >>> print(f"{wide['W1'].var() * 1000:.2f}")  # n^[0] Var(W1)
        1.00
    """
    return draw_parameters(n_x, n_h, n_y, seed, dtype, lambda n_prev: float(np.sqrt(1 / n_prev)))


def initialize_parameters_he(
    n_x: int, n_h: int, n_y: int, seed: Seed = 2, dtype: DTypeLike = np.float64
) -> dict[str, Array]:
    r"""Weights of variance two over the layer's number of inputs, [equation He][eq-he].

    $$
    W^{[l]} \sim \mathcal{N}\!\left(0, \frac{2}{n^{[l-1]}}\right), \quad b^{[l]} = 0,
    \qquad l = 1, 2
    $$

    For ReLU, which sets about half of its inputs to 0 and so halves the mean square
    that reaches the next layer: the 2 makes up for it
    ([He et al.](https://arxiv.org/abs/1502.01852)).

    Course 2's assignment has a function of this name for a network of any depth,
    ``initialize_parameters_he(layers_dims)``, which takes the list of layer sizes,
    returns ``W1, b1, ..., WL, bL`` and seeds ``np.random.seed(3)`` inside. This one is
    for this network, with the signature of
    [`initialize_parameters`][shallownet.initialize_parameters]: the three sizes, and
    `seed` (2 by default) naming where `W1` and then `W2` are drawn from. With the same
    seed, the weights are the course's weights times $\sqrt{2/n^{[l-1]}} / 0.01$.

    Args:
        n_x: Input size $n^{[0]}$.
        n_h: Hidden units $n^{[1]}$.
        n_y: Output size $n^{[2]}$, 1 for binary classification.
        seed: Where the weights come from, as in `initialize_parameters` (2 by default).
        dtype: Floating dtype of the arrays, float64 by default.

    Returns:
        ``{"W1", "b1", "W2", "b2"}`` of shapes ``(n_h, n_x)``, ``(n_h, 1)``, ``(n_y, n_h)``,
        ``(n_y, 1)``.

    Raises:
        ValueError: If a size is smaller than 1, or an int `seed` is outside
            $[0, 2^{32})$.
        TypeError: If a size is not an integer, `dtype` is not floating, or `seed`
            is of another type.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> parameters = sn.initialize_parameters_he(2, 4, 1)
        >>> print(parameters["W1"])  # the course's draw times sqrt(2/2) / 0.01
        [[-0.41675785 -0.05626683]
         [-2.1361961   1.64027081]
         [-1.79343559 -0.84174737]
         [ 0.50288142 -1.24528809]]
        >>> wide = sn.initialize_parameters_he(1000, 1000, 1)
        >>> print(f"{wide['W1'].var() * 1000:.2f}")  # n^[0] Var(W1)
        2.00
    """
    return draw_parameters(n_x, n_h, n_y, seed, dtype, lambda n_prev: float(np.sqrt(2 / n_prev)))


def check_learning_rate(learning_rate: object) -> float:
    """Return the learning rate as a float if it is finite and positive."""
    return positive_number("learning_rate", learning_rate)


def update_parameter(
    theta: Array, dtheta: Array, learning_rate: float, name: str = "theta"
) -> Array:
    r"""One gradient-descent step on one parameter, [the update rule][eq-update].

    $$
    \theta := \theta - \alpha \, d\theta
    $$

    for each $\theta$ of $W^{[1]}, b^{[1]}, W^{[2]}, b^{[2]}$, with learning rate $\alpha$.

    Args:
        theta: The parameter, any shape.
        dtheta: Its gradient $d\theta = \partial J / \partial \theta$, the same shape.
        learning_rate: $\alpha > 0$.
        name: The parameter's name, used in error messages.

    Returns:
        A new array; `theta` itself is not changed.

    Raises:
        ShapeError: If `dtheta` does not have the shape of `theta`.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.update_parameter(np.array([[1.0, 2.0]]), np.array([[0.5, -0.5]]), 0.1))
        [[0.95 2.05]]
    """
    theta = as_array(name, theta)
    symbols = SYMBOLS.get(name, tuple(f"d{i}" for i in range(theta.ndim)))
    dtheta = check_shape("d" + name, dtheta, symbols, theta.shape)
    alpha = check_learning_rate(learning_rate)
    updated: Array = theta - alpha * dtheta
    return updated


def update_parameters(
    parameters: Mapping[str, Array], grads: Mapping[str, Array], learning_rate: float = 1.2
) -> dict[str, Array]:
    r"""The [update rule][eq-update] for all four parameters.

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``.
        grads: ``{"dW1", "db1", "dW2", "db2"}``, each of its parameter's shape.
        learning_rate: $\alpha$, 1.2 in the course.

    Returns:
        A new dict of new arrays. The caller's arrays are never changed.

    Raises:
        ValueError: If a key is missing or the learning rate is not finite and positive.
        ShapeError: If a gradient does not have its parameter's shape.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> A2, cache = sn.forward_propagation(X, parameters)
        >>> grads = sn.backward_propagation(parameters, cache, X, Y)
        >>> new = sn.update_parameters(parameters, grads)
        >>> print(new["b2"])
        [[1.30707768e-05]]
    """
    check_parameters(parameters)
    values = get_keys("parameters", parameters, PARAMETER_KEYS)
    gradients = get_keys("grads", grads, GRADIENT_KEYS)
    check_learning_rate(learning_rate)
    return {
        key: update_parameter(theta, dtheta, learning_rate, name=key)
        for key, theta, dtheta in zip(PARAMETER_KEYS, values, gradients, strict=True)
    }

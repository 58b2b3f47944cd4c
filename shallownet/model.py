r"""Training and prediction: the gradient-descent loop of the notes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._training import Trainer
from ._validation import (
    Array,
    as_array,
    check_finite,
    check_labels,
    check_parameters,
    iteration_count,
    labels_row,
    positive_int,
    training_inputs,
)
from .activations import get_activation
from .forward import forward_propagation
from .parameters import Seed, check_learning_rate, initialize_parameters

__all__ = ["TrainedParameters", "nn_model", "predict"]


class TrainedParameters(dict[str, Array]):
    """The parameters ``{"W1", "b1", "W2", "b2"}`` returned by `nn_model`, plus its history.

    A plain `dict` in every other way, so course code such as
    ``parameters["W1"]`` works unchanged.

    Attributes:
        costs: The cost $J$ at every iteration, before that iteration's update,
            shape ``(num_iterations,)``. Plot it without training again.
        activation: The hidden activation $g^{[1]}$ the parameters were trained
            with; [`predict`][shallownet.predict] uses it unless told otherwise.
    """

    costs: NDArray[np.floating[Any]]
    activation: str


def nn_model(
    X: Array,
    Y: Array,
    n_h: int,
    num_iterations: int = 10000,
    print_cost: bool = False,
    *,
    learning_rate: float = 1.2,
    activation: str = "tanh",
    seed: Seed = 2,
) -> TrainedParameters:
    r"""Train the network by [gradient descent][eq-loop]: forward, cost, backward, update.

    $$
    \begin{aligned}
    &\text{repeat } \mathtt{num\_iterations} \text{ times:} \\
    &\quad \text{compute the predictions } \hat{y}^{(i)} = a^{[2](i)}, \ i = 1, \ldots, m \\
    &\quad \text{compute } dW^{[1]} = \frac{\partial J}{\partial W^{[1]}}, \
           db^{[1]} = \frac{\partial J}{\partial b^{[1]}}, \
           dW^{[2]} = \frac{\partial J}{\partial W^{[2]}}, \
           db^{[2]} = \frac{\partial J}{\partial b^{[2]}} \\
    &\quad W^{[1]} := W^{[1]} - \alpha \, dW^{[1]}, \quad b^{[1]} := b^{[1]} - \alpha \, db^{[1]} \\
    &\quad W^{[2]} := W^{[2]} - \alpha \, dW^{[2]}, \quad b^{[2]} := b^{[2]} - \alpha \, db^{[2]}
    \end{aligned}
    $$

    Inputs are checked once, before the first iteration: shapes, labels 0/1, and
    finite values. The loop itself then runs a fused step that computes the same
    equations with preallocated arrays (see [Performance](../../explanation/performance.md)).
    float32 input trains in float32; anything else in float64.

    The positional order is the course's, ``nn_model(X, Y, n_h, num_iterations,
    print_cost)``, so course code runs unchanged; `learning_rate`, `activation` and
    `seed` are passed by name. The default ``seed=2`` gives the numbers of the
    2018–2020 notebook (v6c) and of this site; ``seed=3``, or ``seed=None`` after
    ``np.random.seed(3)``, gives those of the 2021 notebook (W3A1), see
    [Coming from the assignment](../../how-to/coming-from-the-assignment.md).

    Args:
        X: Input, shape ``(n_x, m)``, finite.
        Y: Labels 0 or 1, shape ``(1, m)``; a flat ``(m,)`` array is read as ``(1, m)``.
        n_h: Hidden units $n^{[1]} \ge 1$.
        num_iterations: Gradient-descent steps, at least 0.
        print_cost: ``True`` prints the cost every 1000 iterations, as the course does.
        learning_rate: $\alpha$, finite and positive; by name only.
        activation: The hidden activation $g^{[1]}$, ``"tanh"`` by default; by name only.
        seed: Where the initial weights come from, as in
            [`initialize_parameters`][shallownet.initialize_parameters]: an int (2, the
            course's), ``None`` for numpy's global state, a ``np.random.RandomState``
            or a ``np.random.Generator``; by name only.

    Returns:
        The trained parameters, with the cost of every iteration in ``.costs`` and
        the activation in ``.activation``.

    Raises:
        ValueError: For NaN or inf in `X`, $m = 0$, `n_h` < 1, negative
            iterations, a learning rate that is not finite and positive, labels
            other than 0 and 1, or an int `seed` outside $[0, 2^{32})$.
        ShapeError: If `Y` does not have `X`'s $m$.
        TypeError: If `print_cost` is not a bool (a learning rate passed in its
            place, say), or another argument has the wrong type.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.nn_model(X, Y, n_h=4, num_iterations=3000, print_cost=True)
        Cost after iteration 0: 0.693048
        Cost after iteration 1000: 0.288083
        Cost after iteration 2000: 0.254385
        >>> print(parameters.costs.shape)
        (3000,)
    """
    X = training_inputs(X)
    n_x, m = X.shape
    Y = labels_row("Y", Y, m)
    n_h = positive_int("n_h", n_h)
    num_iterations = iteration_count(num_iterations)
    check_print_cost(print_cost)
    alpha = check_learning_rate(learning_rate)
    get_activation(activation)
    check_finite("X", X)
    check_labels("Y", Y)

    dtype = X.dtype if X.dtype == np.float32 else np.dtype(np.float64)
    parameters = initialize_parameters(n_x, n_h, Y.shape[0], seed=seed, dtype=dtype)
    trainer = Trainer(X.astype(dtype, copy=False), Y, parameters, activation, alpha)
    costs = np.empty(int(num_iterations), dtype=dtype)
    for i in range(int(num_iterations)):
        costs[i] = trainer.step()
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {costs[i]:f}")
    result = TrainedParameters(trainer.parameters())
    result.costs = costs
    result.activation = activation
    return result


def check_print_cost(print_cost: object) -> None:
    """Raise `TypeError` unless `print_cost` is a bool.

    In the course's order the fifth argument is `print_cost`, so an older call such as
    ``nn_model(X, Y, 4, 10000, 1.2)`` would otherwise read its learning rate as "print".
    """
    if isinstance(print_cost, bool | np.bool_):
        return
    hint = ""
    if isinstance(print_cost, int | float | np.number):
        hint = (
            "; the fifth argument is print_cost, as in the course: "
            f"pass the learning rate by name, learning_rate={print_cost!r}"
        )
    raise TypeError(f"print_cost must be True or False, got {type(print_cost).__name__}{hint}")


def predict(
    parameters: Mapping[str, Array], X: Array, activation: str | None = None
) -> NDArray[np.int64]:
    r"""Class predictions, [equation predict][eq-predict]: 1 where $A^{[2]} > 0.5$, else 0.

    $$
    \hat{y}^{(i)} = \begin{cases} 1 & \text{if } a^{[2](i)} > 0.5 \\ 0 & \text{otherwise} \end{cases}
    $$

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``, as returned by [`nn_model`][shallownet.nn_model].
        X: Input, shape ``(n_x, m)``.
        activation: The hidden activation the parameters were trained with. ``None``
            (the default) takes the ``.activation`` that `nn_model` stored on its
            result, and ``"tanh"`` for a plain dict.

    Returns:
        An integer array of 0s and 1s, shape ``(1, m)``. It compares equal with `Y`
        element by element, as the course's rounded floats and booleans do.

    Examples:
        One hidden unit that passes $x_1$ on, and an output unit that says 1 where it
        is positive:

        >>> import numpy as np
        >>> import shallownet as sn
        >>> parameters = {
        ...     "W1": np.array([[1.0, 0.0]]), "b1": np.array([[0.0]]),
        ...     "W2": np.array([[10.0]]), "b2": np.array([[0.0]]),
        ... }
        >>> X = np.array([[-2.0, -0.1, 0.1, 2.0], [5.0, 5.0, -5.0, -5.0]])
        >>> print(sn.predict(parameters, X))
        [[0 0 1 1]]
    """
    check_parameters(parameters)
    if activation is None:
        activation = getattr(parameters, "activation", "tanh")
    A2, _ = forward_propagation(as_array("X", X), parameters, activation)
    return (A2 > 0.5).astype(np.int64)

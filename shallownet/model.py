r"""Training and prediction: the gradient-descent loop of the notes."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._training import Trainer
from ._validation import (
    Array,
    TrainingWarning,
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
from .backward import backward_propagation
from .cost import compute_cost_from_logits
from .forward import forward_propagation
from .parameters import (
    Seed,
    check_learning_rate,
    initialize_parameters,
    initialize_parameters_he,
    initialize_parameters_xavier,
    update_parameters,
)
from .regularization import (
    backward_propagation_with_regularization,
    check_lambd,
    l2_regularization_cost,
)

__all__ = ["TrainedParameters", "TrainingWarning", "gradient_descent", "nn_model", "predict"]


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


class Start(NamedTuple):
    """Where every training loop starts: the checked inputs and the initial parameters."""

    X: NDArray[Any]  # (n_x, m), float32 or float64: the dtype training runs in
    Y: NDArray[Any]  # (n_y, m), labels 0 or 1
    parameters: dict[str, Array]
    learning_rate: float
    num_iterations: int


def start_training(
    X: object,
    Y: object,
    n_h: object,
    num_iterations: object,
    learning_rate: object,
    activation: str,
    seed: Seed,
    initialization: str = "random",
) -> Start:
    """Check the inputs once, before the first iteration, and initialize the parameters.

    Shared by `nn_model`, `gradient_descent` and `lambda_max_history`, so that the three
    accept the same inputs, refuse the same mistakes with the same messages, and start
    from the same weights. float32 input trains in float32; anything else in float64.
    """
    initialize = initializer(initialization)
    X = training_inputs(X)
    n_x, m = X.shape
    Y = labels_row("Y", Y, m, examples_of=("X", X.shape))
    n_h = positive_int("n_h", n_h)
    num_iterations = iteration_count(num_iterations)
    alpha = check_learning_rate(learning_rate)
    get_activation(activation)
    check_finite("X", X)
    check_labels("Y", Y)
    if Y.min() == Y.max():
        warnings.warn(
            f"Y holds only the label {Y.flat[0]}: predicting {Y.flat[0]} everywhere is right "
            "for every example, so an accuracy of 1.0 says nothing about the network",
            TrainingWarning,
            stacklevel=3,
        )
    dtype = X.dtype if X.dtype == np.float32 else np.dtype(np.float64)
    parameters = initialize(n_x, n_h, Y.shape[0], seed=seed, dtype=dtype)
    return Start(X.astype(dtype, copy=False), Y, parameters, alpha, num_iterations)


#: The ``initialization`` argument of `nn_model`: the name of each initial draw.
INITIALIZATIONS = {
    "random": initialize_parameters,
    "xavier": initialize_parameters_xavier,
    "he": initialize_parameters_he,
}


def initializer(initialization: object) -> Callable[..., dict[str, Array]]:
    """The function that `initialization` names, or a `ValueError` listing the names."""
    if not isinstance(initialization, str) or initialization not in INITIALIZATIONS:
        names = ", ".join(repr(name) for name in INITIALIZATIONS)
        raise ValueError(f"initialization must be one of {names}, got {initialization!r}")
    return INITIALIZATIONS[initialization]


def gradient_descent(
    X: Array,
    Y: Array,
    n_h: int,
    num_iterations: int = 10000,
    print_cost: bool = False,
    *,
    learning_rate: float = 1.2,
    activation: str = "tanh",
    seed: Seed = 2,
    initialization: str = "random",
    lambd: float = 0.0,
) -> TrainedParameters:
    r"""The [loop of the notes][eq-loop], one page function per step: forward, cost,
    backward, update.

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

    Each iteration calls [`forward_propagation`][shallownet.forward_propagation],
    [`compute_cost_from_logits`][shallownet.compute_cost_from_logits] (the cost of
    [`compute_cost`][shallownet.compute_cost], exact even where $A^{[2]}$ rounds to 0 or 1),
    [`backward_propagation`][shallownet.backward_propagation] and
    [`update_parameters`][shallownet.update_parameters], as the page writes them. It is
    the loop to read, to step through, or to change;
    [`nn_model`][shallownet.nn_model] computes the same loop with a fused step that
    reuses its arrays, and the tests hold the two equal. Arguments, checks and initial weights
    are `nn_model`'s.

    With ``lambd`` $= \lambda > 0$ it descends the [regularized cost][eq-cost-l2]
    instead: the cost adds
    [`l2_regularization_cost`][shallownet.l2_regularization_cost], and the gradients
    are [`backward_propagation_with_regularization`][shallownet.backward_propagation_with_regularization]'s.
    With the default ``lambd=0`` these are the cost and the gradients above, exactly.

    Args:
        X: Input, shape ``(n_x, m)``, finite.
        Y: Labels 0 or 1, shape ``(1, m)``; a flat ``(m,)`` array is read as ``(1, m)``.
            ``(n_y, m)`` trains too: $n_y$ independent sigmoid outputs, one binary
            problem per row with their cross-entropies summed, not $n_y$ classes (see
            [After this network](../../explanation/next-steps.md#n-y)).
        n_h: Hidden units $n^{[1]} \ge 1$.
        num_iterations: Gradient-descent steps, at least 0.
        print_cost: ``True`` prints the cost every 1000 iterations, as the course does.
        learning_rate: $\alpha$, finite and positive; by name only.
        activation: The hidden activation $g^{[1]}$, ``"tanh"`` by default; by name only.
        seed: Where the initial weights come from, as in `nn_model`; by name only.
        initialization: The initial weights' scale, as in `nn_model`; by name only.
        lambd: $\lambda \ge 0$, the strength of L2 regularization, as in `nn_model`;
            by name only.

    Returns:
        The trained parameters, with the cost of every iteration in ``.costs`` and
        the activation in ``.activation``.

    Raises:
        ValueError: For the inputs `nn_model` refuses.
        ShapeError: If `Y` does not have `X`'s $m$.
        TypeError: If `print_cost` is not a bool, or another argument has the wrong type.

    Warns:
        TrainingWarning: As `nn_model` warns.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.gradient_descent(X, Y, n_h=4, num_iterations=1001, print_cost=True)
        Cost after iteration 0: 0.693048
        Cost after iteration 1000: 0.288083
        >>> fused = sn.nn_model(X, Y, n_h=4, num_iterations=1001)
        >>> print(np.allclose(parameters.costs, fused.costs, rtol=1e-9))
        True
    """
    check_print_cost(print_cost)
    lambd = check_lambd(lambd)
    start = start_training(
        X, Y, n_h, num_iterations, learning_rate, activation, seed, initialization
    )
    X, Y, parameters = start.X, start.Y, start.parameters
    m = X.shape[1]
    costs = np.empty(start.num_iterations, dtype=X.dtype)
    for i in range(start.num_iterations):
        _, cache = forward_propagation(X, parameters, activation)
        costs[i] = compute_cost_from_logits(cache["Z2"], Y)
        if lambd:  # J_reg = J + (λ/2m)(‖W1‖² + ‖W2‖²), and dW += (λ/m) W
            costs[i] += l2_regularization_cost(parameters, lambd, m)
            grads = backward_propagation_with_regularization(
                parameters, cache, X, Y, lambd, activation
            )
        else:
            grads = backward_propagation(parameters, cache, X, Y, activation)
        parameters = update_parameters(parameters, grads, start.learning_rate)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {costs[i]:f}")
    return trained(parameters, costs, activation, X)


def trained(
    parameters: Mapping[str, Array], costs: NDArray[Any], activation: str, X: Array
) -> TrainedParameters:
    """The parameters with their history, as `nn_model` and `gradient_descent` return them,
    after a warning for a run that went wrong without an error (see `TrainingWarning`)."""
    result = TrainedParameters(parameters)
    result.costs = costs
    result.activation = activation
    warn_if_training_failed(result, X)
    return result


#: A hidden unit is saturated on an example when its derivative g'(z) is below this share
#: of the derivative's peak (1 for tanh and ReLU, 1/4 for sigmoid): it then passes on
#: almost none of the error (equation (4)); a dead ReLU unit passes on none.
SATURATED = 1e-3


def warn_if_training_failed(result: TrainedParameters, X: Array) -> None:
    """Warn when the cost diverged or when every hidden unit is saturated on every example.

    A cost that swings but ends below where it started is not a divergence: the course's
    own run at α = 1.2 rises at about every other step after iteration 7800, as
    [Gradient descent](../../explanation/gradient-descent.md) shows, and ends far below.
    """
    costs = result.costs
    if costs.size and not np.all(np.isfinite(costs)):
        first = int(np.argmin(np.isfinite(costs)))
        warnings.warn(
            f"training diverged: the cost is not finite from iteration {first} on; "
            "try a smaller learning_rate",
            TrainingWarning,
            stacklevel=3,
        )
    elif costs.size > 1 and costs[-1] > costs[0]:
        warnings.warn(
            f"training diverged: the cost ended at {costs[-1]:.6g}, above where it started, "
            f"J0 = {costs[0]:.6g}; try a smaller learning_rate",
            TrainingWarning,
            stacklevel=3,
        )
    if costs.size and all_units_saturated(result, X):
        warnings.warn(
            "every hidden unit is saturated on every example: g'(Z1) is below "
            f"{SATURATED:g} of its peak, so almost no error reaches W1 and b1; scale X "
            "down, for instance to mean 0 and variance 1 per feature",
            TrainingWarning,
            stacklevel=3,
        )


#: Examples per block when `all_units_saturated` computes Z1: the check then costs no
#: array of X's size, and stops at the first block with a unit that is not saturated.
SATURATION_BLOCK = 4096


def all_units_saturated(parameters: Mapping[str, Array], X: Array) -> bool:
    """Whether every hidden unit's g'(Z1) is below `SATURATED` of its peak on every example.

    Z1 is computed block by block of examples, n_h × 4096 numbers at a time rather than
    n_h × m, and the first block with one unit still active ends the check: a network
    that trained normally pays for one block.
    """
    activation = get_activation(getattr(parameters, "activation", "tanh"))
    threshold = SATURATED * float(np.max(activation.g_prime(np.array([-1.0, 0.0, 1.0]))))
    W1, b1 = parameters["W1"], parameters["b1"]
    for start in range(0, X.shape[1], SATURATION_BLOCK):
        Z1 = W1 @ X[:, start : start + SATURATION_BLOCK] + b1
        if np.any(activation.g_prime(Z1) >= threshold):
            return False
    return True


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
    initialization: str = "random",
    lambd: float = 0.0,
) -> TrainedParameters:
    r"""Train the network: the course assignment's function for the [loop of the notes][eq-loop].

    It computes [`gradient_descent`][shallownet.gradient_descent], the loop of forward,
    cost, backward and update that the page writes, with a fused step: the same
    equations, with preallocated arrays (see
    [Performance](../../project/performance.md)); the tests hold the two equal,
    cost for cost. Inputs are checked once, before the first iteration: shapes, labels
    0/1, and finite values. float32 input trains in float32; anything else in float64.

    The positional order is the course's, ``nn_model(X, Y, n_h, num_iterations,
    print_cost)``, so course code runs unchanged; `learning_rate`, `activation`,
    `seed` and `lambd` are passed by name. The default ``seed=2`` gives the numbers of the
    2018–2020 notebook (v6c) and of this site; ``seed=3``, or ``seed=None`` after
    ``np.random.seed(3)``, gives those of the 2021 notebook (W3A1), see
    [Coming from the assignment](../../how-to/coming-from-the-assignment.md).

    Args:
        X: Input, shape ``(n_x, m)``, finite.
        Y: Labels 0 or 1, shape ``(1, m)``; a flat ``(m,)`` array is read as ``(1, m)``.
            ``(n_y, m)`` trains too: $n_y$ independent sigmoid outputs, one binary
            problem per row with their cross-entropies summed, not $n_y$ classes (see
            [After this network](../../explanation/next-steps.md#n-y)).
        n_h: Hidden units $n^{[1]} \ge 1$.
        num_iterations: Gradient-descent steps, at least 0.
        print_cost: ``True`` prints the cost every 1000 iterations, as the course does.
        learning_rate: $\alpha$, finite and positive; by name only.
        activation: The hidden activation $g^{[1]}$, ``"tanh"`` by default; by name only.
        seed: Where the initial weights come from, as in
            [`initialize_parameters`][shallownet.initialize_parameters]: an int (2, the
            course's), ``None`` for numpy's global state, a ``np.random.RandomState``
            or a ``np.random.Generator``; by name only.
        initialization: The initial weights' scale, by name only: ``"random"`` (the
            default, the course's 0.01, [`initialize_parameters`][shallownet.initialize_parameters]),
            ``"xavier"`` ([`initialize_parameters_xavier`][shallownet.initialize_parameters_xavier])
            or ``"he"`` ([`initialize_parameters_he`][shallownet.initialize_parameters_he]).
            Course 2's ``model`` takes the same argument, where ``"random"`` means weights
            scaled by 10, not 0.01; see [Initialization](../../explanation/initialization.md).
        lambd: $\lambda \ge 0$, the strength of L2 regularization: with $\lambda > 0$
            the loop descends the [regularized cost][eq-cost-l2], records it in
            ``.costs``, and adds $\frac{\lambda}{m} W^{[l]}$ to each $dW^{[l]}$, as
            `gradient_descent` does with
            [`backward_propagation_with_regularization`][shallownet.backward_propagation_with_regularization].
            ``0`` (the default) is the course's loop; course 2's spelling; by name only.

    Returns:
        The trained parameters, with the cost of every iteration in ``.costs`` and
        the activation in ``.activation``.

    Raises:
        ValueError: For NaN or inf in `X`, $m = 0$, `n_h` < 1, negative
            iterations, a learning rate that is not finite and positive, a `lambd`
            that is negative or not finite, labels other than 0 and 1, an int `seed`
            outside $[0, 2^{32})$, or an unknown `initialization`.
        ShapeError: If `Y` does not have `X`'s $m$.
        TypeError: If `print_cost` is not a bool (a learning rate passed in its
            place, say), or another argument has the wrong type.

    Warns:
        TrainingWarning: When `Y` holds one class only; when the cost becomes NaN or
            inf, or ends above its starting value $J_0$ (a cost that swings, as at the
            course's $\alpha = 1.2$ after about 7800 iterations, and ends below $J_0$
            does not warn); or when every hidden unit ends saturated on every example.
            ``warnings.filterwarnings("ignore", category=sn.TrainingWarning)`` turns
            them off.

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
    check_print_cost(print_cost)
    lambd = check_lambd(lambd)
    start = start_training(
        X, Y, n_h, num_iterations, learning_rate, activation, seed, initialization
    )
    trainer = Trainer(
        start.X, start.Y, start.parameters, activation, start.learning_rate, lambd=lambd
    )
    costs = np.empty(start.num_iterations, dtype=start.X.dtype)
    for i in range(start.num_iterations):
        costs[i] = trainer.step()
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {costs[i]:f}")
    return trained(trainer.parameters(), costs, activation, start.X)


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

    The prediction is a class, 0 or 1, and not $\hat{y} = a^{[2]}$, the probability
    that [`forward_propagation`][shallownet.forward_propagation] returns.

    $$
    y_{\text{prediction}}^{(i)} = \begin{cases} 1 & \text{if } a^{[2](i)} > 0.5 \\ 0 & \text{otherwise} \end{cases}
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

    Raises:
        ValueError: For NaN or inf in `X`, as `nn_model` refuses them.
        ShapeError: If `X` has the wrong number of rows for `W1`, or a parameter
            the wrong shape.

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
    X = as_array("X", X)
    check_finite("X", X)  # a NaN would compare as "not > 0.5" and predict 0, silently
    A2, _ = forward_propagation(X, parameters, activation)
    return (A2 > 0.5).astype(np.int64)

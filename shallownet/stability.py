r"""The Hessian of the cost and its top eigenvalue: when a gradient step is stable.

$\theta$ is every parameter flattened into one vector in the order `W1`, `b1`,
`W2`, `b2`, each in numpy's row-major order, as in
[`gradient_check`][shallownet.gradient_check]: for the flower's 4 hidden units that
is $8 + 4 + 4 + 1 = 17$ numbers. The Hessian $H$ of $J$ holds its second
derivatives, and its largest eigenvalue $\lambda_{\max}$ (the *sharpness*) decides
the largest learning rate at which gradient descent does not overshoot along the
directions where $J$ curves up. Along an eigenvector with a negative eigenvalue, where
$J$ curves down, every step moves further away, whatever the learning rate.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._training import Trainer
from ._validation import (
    PARAMETER_KEYS,
    Array,
    ShapeError,
    as_array,
    binary_labels,
    check_finite,
    check_parameters,
    check_shape,
    iteration_count,
    positive_number,
)
from .activations import get_activation
from .backward import backward_propagation
from .cost import compute_cost
from .forward import forward_propagation
from .model import start_training

__all__ = [
    "LambdaMaxHistory",
    "compute_hessian",
    "compute_lambda_max",
    "cost_along_direction",
    "finite_difference_hessian",
    "lambda_max_history",
    "quadratic_iterates",
    "quadratic_step",
    "top_eigenvalue",
]

Float = NDArray[np.float64]


def _check_epsilon(epsilon: object) -> float:
    return positive_number("epsilon", epsilon)


def _finite_number(name: str, value: object) -> float:
    """``value`` as a float if it is a finite real number (not a bool), else raise."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value}")
    return number


def quadratic_step(theta: float, lam: float, learning_rate: float) -> float:
    r"""One gradient step on one parameter with the cost $J(\theta) = \frac{1}{2}\lambda\theta^2$: [the step][eq-quadratic-step].

    $$
    \theta := \theta - \alpha \frac{dJ}{d\theta} = \theta - \alpha \lambda \theta
    = (1 - \alpha \lambda) \, \theta
    $$

    The derivative is $dJ/d\theta = \lambda\theta$, so the
    [update rule][eq-update] multiplies $\theta$ by $1 - \alpha\lambda$, whatever
    $\theta$ is. The curvature $\lambda = d^2J/d\theta^2$ may be negative, where $J$
    curves down; the factor then exceeds 1.

    Args:
        theta: The parameter $\theta$, a number.
        lam: The curvature $\lambda$, a finite number.
        learning_rate: $\alpha$, finite and positive.

    Returns:
        The new $\theta$, a float.

    Raises:
        TypeError: If an argument is not a number.
        ValueError: If `theta` or `lam` is not finite, or `learning_rate` not finite
            and positive.

    Examples:
        With $\lambda = 1$: $\alpha = 0.5$ halves $\theta$, $\alpha = 1.5$ halves it and
        flips its sign, $\alpha = 2.5$ multiplies it by $-1.5$:

        >>> import shallownet as sn
        >>> print([sn.quadratic_step(1.0, 1.0, alpha) for alpha in (0.5, 1.5, 2.5)])
        [0.5, -0.5, -1.5]
    """
    theta = _finite_number("theta", theta)
    lam = _finite_number("lam", lam)
    learning_rate = positive_number("learning_rate", learning_rate)
    return (1 - learning_rate * lam) * theta


def quadratic_iterates(
    theta: float, lam: float, learning_rate: float, num_iterations: int
) -> Float:
    r"""$\theta_0, \theta_1, \ldots$ of gradient descent on $J(\theta) = \frac{1}{2}\lambda\theta^2$: [the iterates][eq-quadratic-iterates].

    $$
    \theta_t = (1 - \alpha \lambda)^t \, \theta_0
    $$

    Each [step][eq-quadratic-step] multiplies $\theta$ by the same factor
    $1 - \alpha\lambda$, so after $t$ steps by its $t$-th power: $\theta$ goes to 0
    without changing sign for $\alpha < 1/\lambda$, changing sign at every step for
    $1/\lambda < \alpha < 2/\lambda$; it hops between $\theta_0$ and $-\theta_0$
    for $\alpha = 2/\lambda$, and grows for $\alpha > 2/\lambda$ (for $\lambda > 0$).
    Computed from the power, not by stepping.

    Args:
        theta: The start $\theta_0$, a number.
        lam: The curvature $\lambda$, a finite number.
        learning_rate: $\alpha$, finite and positive.
        num_iterations: The number of steps $T \ge 0$.

    Returns:
        $\theta_0, \ldots, \theta_T$, float64, shape ``(num_iterations + 1,)``.

    Raises:
        TypeError: If an argument is not a number, or `num_iterations` not an integer.
        ValueError: If `theta` or `lam` is not finite, `learning_rate` not finite and
            positive, or `num_iterations` negative.

    Examples:
        >>> import shallownet as sn
        >>> for alpha in (0.5, 1.5, 2.0, 2.5):
        ...     print(alpha, sn.quadratic_iterates(1.0, 1.0, alpha, 4))
        ...
        0.5 [1.     0.5    0.25   0.125  0.0625]
        1.5 [ 1.     -0.5     0.25   -0.125   0.0625]
        2.0 [ 1. -1.  1. -1.  1.]
        2.5 [ 1.     -1.5     2.25   -3.375   5.0625]
    """
    theta = _finite_number("theta", theta)
    lam = _finite_number("lam", lam)
    learning_rate = positive_number("learning_rate", learning_rate)
    num_iterations = iteration_count(num_iterations)
    t = np.arange(num_iterations + 1)
    factor = 1 - learning_rate * lam
    return np.asarray(factor**t * theta, dtype=np.float64)


def finite_difference_hessian(
    gradient: Callable[[Float], Any], theta: Array, epsilon: float = 1e-5
) -> Float:
    r"""The Hessian of a function from its gradient, by [central differences][eq-hessian].

    $$
    H_{jk} = \frac{\partial^2 J}{\partial \theta_j \, \partial \theta_k}
    \approx \frac{d\theta_j(\theta + \varepsilon e_k) - d\theta_j(\theta - \varepsilon e_k)}{2 \varepsilon}
    $$

    Column $k$ is the change of the whole gradient $d\theta$ when $\theta_k$ moves by
    $\pm\varepsilon$: $2n$ gradient evaluations for $n$ parameters. Its error is
    $O(\varepsilon^2)$ plus the gradient's round-off divided by $\varepsilon$. The
    result is not symmetrized, so $H - H^T$ shows that error.

    Args:
        gradient: The gradient $d\theta$, called with a float64 vector of shape
            ``(n,)`` and returning an array of shape ``(n,)``.
        theta: The point $\theta$, shape ``(n,)``.
        epsilon: The step $\varepsilon$.

    Returns:
        $H$, float64, shape ``(n, n)``.

    Raises:
        ShapeError: If `theta` is not a vector, or `gradient` returns another shape.
        ValueError: If `epsilon` is not finite and positive, or `theta` is not finite.

    Examples:
        On $J(\theta) = \theta_1^2 + 3\theta_1\theta_2$, whose gradient is
        $(2\theta_1 + 3\theta_2, 3\theta_1)$, the Hessian is exact:

        >>> import numpy as np
        >>> import shallownet as sn
        >>> def gradient(theta):
        ...     return np.array([2 * theta[0] + 3 * theta[1], 3 * theta[0]])
        ...
        >>> print(sn.finite_difference_hessian(gradient, np.array([0.5, -1.0])).round(6))
        [[2. 3.]
         [3. 0.]]
    """
    theta = check_shape("theta", theta, ("n",), (None,)).astype(np.float64)
    check_finite("theta", theta)
    epsilon = _check_epsilon(epsilon)
    (n,) = theta.shape
    H = np.empty((n, n))
    step = np.zeros(n)
    for k in range(n):
        step[k] = epsilon
        plus = np.asarray(gradient(theta + step), dtype=np.float64)
        minus = np.asarray(gradient(theta - step), dtype=np.float64)
        step[k] = 0.0
        for value in (plus, minus):
            if value.shape != (n,):
                raise ShapeError(
                    f"gradient(theta) must have shape (n,) = ({n},), got {value.shape}"
                )
        H[:, k] = (plus - minus) / (2 * epsilon)
    return H


def _flatten(parameters: Mapping[str, Array]) -> Float:
    """θ: W1, b1, W2, b2, each flattened in row-major order, joined into one vector."""
    return np.concatenate([np.asarray(parameters[k], np.float64).ravel() for k in PARAMETER_KEYS])


def _unflatten(theta: Float, shapes: dict[str, tuple[int, ...]]) -> dict[str, Float]:
    """The inverse of `_flatten`: views of θ in the shapes of W1, b1, W2, b2."""
    out: dict[str, Float] = {}
    start = 0
    for key in PARAMETER_KEYS:
        size = math.prod(shapes[key])
        out[key] = theta[start : start + size].reshape(shapes[key])
        start += size
    return out


def compute_hessian(
    parameters: Mapping[str, Array],
    X: Array,
    Y: Array,
    epsilon: float = 1e-5,
    activation: str = "tanh",
) -> Float:
    r"""The Hessian of the cost $J$ in every parameter, by [central differences][eq-hessian].

    $$
    H_{jk} = \frac{\partial^2 J}{\partial \theta_j \, \partial \theta_k}
    \approx \frac{d\theta_j(\theta + \varepsilon e_k) - d\theta_j(\theta - \varepsilon e_k)}{2 \varepsilon}
    $$

    $\theta$ is `W1`, `b1`, `W2`, `b2`, flattened in that order (each row-major), and
    $d\theta$ is [`backward_propagation`][shallownet.backward_propagation]'s gradients
    flattened the same way: $2n$ forward and backward passes for
    $n = n^{[1]} n_x + n^{[1]} + n^{[2]} n^{[1]} + n^{[2]}$ parameters, 34 for the
    flower's 17. Computed in float64 whatever the parameters' dtype, with
    [`finite_difference_hessian`][shallownet.finite_difference_hessian].

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``, shapes ``(n_h, n_x)``, ``(n_h, 1)``,
            ``(n_y, n_h)``, ``(n_y, 1)``.
        X: Input, shape ``(n_x, m)``.
        Y: Labels 0 or 1, shape ``(n_y, m)``.
        epsilon: The step $\varepsilon$.
        activation: The hidden activation $g^{[1]}$.

    Returns:
        $H$, float64, shape ``(n, n)``, not symmetrized.

    Raises:
        ShapeError: If a parameter, `X` or `Y` has the wrong shape.
        ValueError: For labels other than 0 and 1, or an `epsilon` that is not finite
            and positive.

    Examples:
        At the initial parameters the start is a saddle point: four eigenvalues of
        about $-0.20$, where $J$ curves down, and the largest $0.25$:

        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> H = sn.compute_hessian(parameters, X, Y)
        >>> print(H.shape)
        (17, 17)
        >>> print(f"{H[-1, -1]:.4f}")  # d²J/d(b2)² = mean of a2 (1 - a2)
        0.2500
        >>> eigenvalues = np.linalg.eigvalsh((H + H.T) / 2)
        >>> print(np.round(eigenvalues[:4], 2), int((eigenvalues < -0.1).sum()))
        [-0.2 -0.2 -0.2 -0.2] 4
    """
    W1, b1, W2, b2 = check_parameters(parameters)
    n_x = W1.shape[1]
    X = check_shape("X", X, ("n_x", "m"), (n_x, None)).astype(np.float64)
    Y = binary_labels("Y", Y, X.shape[1], W2.shape[0], examples_of=("X", X.shape))
    epsilon = _check_epsilon(epsilon)
    get_activation(activation)
    checked = dict(zip(PARAMETER_KEYS, (W1, b1, W2, b2), strict=True))
    shapes = {key: value.shape for key, value in checked.items()}

    def gradient(theta: Float) -> Float:
        params = _unflatten(theta, shapes)
        _, cache = forward_propagation(X, params, activation)
        grads = backward_propagation(params, cache, X, Y, activation)
        return _flatten({key: grads["d" + key] for key in PARAMETER_KEYS})

    return finite_difference_hessian(gradient, _flatten(checked), epsilon)


def top_eigenvalue(H: Array) -> float:
    r"""$\lambda_{\max}$, the largest eigenvalue of $\frac{1}{2}(H + H^T)$: [the stability limit][eq-stability].

    $$
    \theta_{t+1} - \theta^* = (I - \alpha H)(\theta_t - \theta^*), \qquad
    \lvert 1 - \alpha \lambda_i \rvert < 1 \text{ for every } \lambda_i > 0
    \iff \alpha < \frac{2}{\lambda_{\max}}
    $$

    A finite-difference Hessian is symmetric only up to its error; the symmetric part
    is the nearest symmetric matrix, and `numpy.linalg.eigvalsh` gives its real
    eigenvalues.

    Args:
        H: A Hessian, shape ``(n, n)``.

    Returns:
        $\lambda_{\max}$, a float.

    Raises:
        ShapeError: If `H` is not square.
        ValueError: If `H` holds NaN or infinity.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> print(sn.top_eigenvalue(np.array([[2.0, 1.0], [1.0, 2.0]])))
        3.0
    """
    H = check_shape("H", H, ("n", "n"), (None, None)).astype(np.float64)
    if H.shape[0] != H.shape[1]:
        n = H.shape[0]
        raise ShapeError(f"H must have shape (n, n) = ({n}, {n}), got {H.shape}")
    if H.size == 0:
        raise ShapeError("H must have shape (n, n) with n >= 1, got (0, 0)")
    check_finite("H", H)
    return float(np.linalg.eigvalsh((H + H.T) / 2)[-1])


def compute_lambda_max(
    parameters: Mapping[str, Array],
    X: Array,
    Y: Array,
    epsilon: float = 1e-5,
    activation: str = "tanh",
) -> float:
    r"""The sharpness $\lambda_{\max}$ of $J$ at `parameters`, for [the stability limit][eq-stability].

    $$
    \theta_{t+1} - \theta^* = (I - \alpha H)(\theta_t - \theta^*), \qquad
    \lvert 1 - \alpha \lambda_i \rvert < 1 \text{ for every } \lambda_i > 0
    \iff \alpha < \frac{2}{\lambda_{\max}}
    $$

    On a quadratic $J$ with Hessian $H$ and minimum $\theta^*$, one step
    $\theta := \theta - \alpha\, d\theta$ multiplies the distance to $\theta^*$ along
    the eigenvector of $\lambda_i$ by $1 - \alpha\lambda_i$. At any $\theta_t$, minimum
    or not, one step multiplies the difference between two nearby runs by
    $I - \alpha H(\theta_t)$ in the same way. The limit $2/\lambda_{\max}$ concerns the
    positive eigenvalues only: for a negative one the factor $1 - \alpha\lambda_i$
    exceeds 1 at every $\alpha$. This is
    [`top_eigenvalue`][shallownet.top_eigenvalue] of
    [`compute_hessian`][shallownet.compute_hessian].

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``.
        X: Input, shape ``(n_x, m)``.
        Y: Labels 0 or 1, shape ``(n_y, m)``.
        epsilon: The step $\varepsilon$ of the central differences.
        activation: The hidden activation $g^{[1]}$.

    Returns:
        $\lambda_{\max}$, a float.

    Raises:
        ShapeError: If a parameter, `X` or `Y` has the wrong shape.
        ValueError: For labels other than 0 and 1, or a bad `epsilon`.

    Examples:
        At the initial parameters a step of any $\alpha$ below $2 / \lambda_{\max}$ does not
        overshoot along the directions where $J$ curves up; the start is a saddle,
        though (see [`compute_hessian`][shallownet.compute_hessian]), and along the
        directions where $J$ curves down every step moves away:

        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> lambda_max = sn.compute_lambda_max(parameters, X, Y)
        >>> print(f"lambda_max = {lambda_max:.3f}, 2 / lambda_max = {2 / lambda_max:.2f}")
        lambda_max = 0.250, 2 / lambda_max = 7.99
    """
    return top_eigenvalue(compute_hessian(parameters, X, Y, epsilon, activation))


def cost_along_direction(
    parameters: Mapping[str, Array],
    direction: Array,
    X: Array,
    Y: Array,
    steps: Array,
    activation: str = "tanh",
) -> Float:
    r"""The cost $J(\theta + s v)$ along a straight line through `parameters`, for each $s$.

    $\theta$ is `W1`, `b1`, `W2`, `b2` flattened in that order (each row-major), as
    in [`compute_hessian`][shallownet.compute_hessian], and $v$ is a vector of the same
    length, such as an eigenvector of the Hessian: the cost is a one-dimensional cut
    through $J$. $v$ is used as given, not normalized, so $s$ is in units of its length.

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}``, shapes ``(n_h, n_x)``, ``(n_h, 1)``,
            ``(n_y, n_h)``, ``(n_y, 1)``.
        direction: $v$, shape ``(n,)``, with $n$ the number of parameters.
        X: Input, shape ``(n_x, m)``.
        Y: Labels 0 or 1, shape ``(n_y, m)``.
        steps: The values of $s$, shape ``(k,)``.
        activation: The hidden activation $g^{[1]}$.

    Returns:
        $J(\theta + s v)$ for each $s$, float64, shape ``(k,)``.

    Raises:
        ShapeError: If a parameter, `direction`, `X`, `Y` or `steps` has the wrong shape.
        ValueError: For labels other than 0 and 1, or a `direction` or `steps` that is
            not finite.

    Examples:
        At $s = 0$ the cut gives the cost at `parameters`. Along $v = -d\theta$, at
        $s = \alpha = 1.2$, it gives the cost after one gradient step:

        >>> import numpy as np
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.initialize_parameters(2, 4, 1)
        >>> A2, cache = sn.forward_propagation(X, parameters)
        >>> grads = sn.backward_propagation(parameters, cache, X, Y)
        >>> d_theta = np.concatenate([grads[k].ravel() for k in ("dW1", "db1", "dW2", "db2")])
        >>> print(sn.cost_along_direction(parameters, -d_theta, X, Y, [0.0, 1.2]).round(6))
        [0.693048 0.692981]
    """
    W1, b1, W2, b2 = check_parameters(parameters)
    n_x = W1.shape[1]
    X = check_shape("X", X, ("n_x", "m"), (n_x, None)).astype(np.float64)
    Y = binary_labels("Y", Y, X.shape[1], W2.shape[0], examples_of=("X", X.shape))
    get_activation(activation)
    checked = dict(zip(PARAMETER_KEYS, (W1, b1, W2, b2), strict=True))
    shapes = {key: value.shape for key, value in checked.items()}
    theta = _flatten(checked)
    v = check_shape("direction", direction, ("n",), theta.shape).astype(np.float64)
    check_finite("direction", v)
    s = check_shape("steps", steps, ("k",), (None,)).astype(np.float64)
    check_finite("steps", s)
    costs = np.empty(s.size)
    for i, step in enumerate(s):
        A2, _ = forward_propagation(X, _unflatten(theta + step * v, shapes), activation)
        costs[i] = compute_cost(A2, Y)
    return costs


class LambdaMaxHistory(NamedTuple):
    """What [`lambda_max_history`][shallownet.lambda_max_history] returns.

    Attributes:
        iterations: The iterations at which $\\lambda_{\\max}$ was computed, shape ``(k,)``.
        lambda_max: $\\lambda_{\\max}$ at the parameters of each of those iterations,
            before its update, shape ``(k,)``.
        costs: The cost $J$ at every iteration, as `nn_model`'s ``.costs``, shape
            ``(num_iterations,)``.
    """

    iterations: NDArray[np.int64]
    lambda_max: Float
    costs: NDArray[np.floating[Any]]


def lambda_max_history(
    X: Array,
    Y: Array,
    n_h: int,
    iterations: Any,
    num_iterations: int = 10000,
    learning_rate: float = 1.2,
    *,
    activation: str = "tanh",
    seed: int | None = 2,
    epsilon: float = 1e-5,
) -> LambdaMaxHistory:
    r"""Train as [`nn_model`][shallownet.nn_model] does, and record $\lambda_{\max}$ on the way.

    The run is `nn_model`'s, step for step and bit for bit (the same checks and
    initialization, the same fused step): its ``costs`` equal `nn_model`'s ``.costs``. At each iteration
    $t$ listed in `iterations`, before that iteration's update,
    [`compute_lambda_max`][shallownet.compute_lambda_max] measures the sharpness of
    $J$ at $\theta_t$: $2n$ extra forward and backward passes each.

    Args:
        X: Input, shape ``(n_x, m)``, finite.
        Y: Labels 0 or 1, shape ``(1, m)``.
        n_h: Hidden units $n^{[1]} \ge 1$.
        iterations: Iterations $t \ge 0$ at which to compute $\lambda_{\max}$, such as
            ``range(0, 10000, 100)``, each below `num_iterations`; sorted,
            duplicates dropped.
        num_iterations: Gradient-descent steps whose cost is recorded.
        learning_rate: $\alpha$, finite and positive.
        activation: The hidden activation $g^{[1]}$.
        seed: Seed for [`initialize_parameters`][shallownet.initialize_parameters].
        epsilon: The step $\varepsilon$ of the central differences.

    Returns:
        A [`LambdaMaxHistory`][shallownet.LambdaMaxHistory].

    Raises:
        ValueError: For an empty `iterations`, one outside
            ``0 .. num_iterations - 1``, or a bad `X`, `Y`, `learning_rate` or `epsilon`.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> history = sn.lambda_max_history(X, Y, n_h=4, iterations=[0, 1000], num_iterations=1001)
        >>> print(history.lambda_max.round(2))
        [0.25 1.05]
        >>> print(f"{history.costs[1000]:.6f}")
        0.288083
    """
    start = start_training(X, Y, n_h, num_iterations, learning_rate, activation, seed)
    X, Y, num_iterations = start.X, start.Y, start.num_iterations
    epsilon = _check_epsilon(epsilon)
    at = as_array("iterations", np.asarray(list(np.ravel(iterations))))
    if at.size == 0:
        raise ValueError("iterations must list at least one iteration, got none")
    if at.dtype.kind not in "iu":
        raise TypeError(f"iterations must be integers, got dtype {at.dtype}")
    if at.min() < 0 or at.max() >= num_iterations:
        bad = int(at.min()) if at.min() < 0 else int(at.max())
        raise ValueError(
            f"iterations must lie in 0 .. num_iterations - 1 = {num_iterations - 1}, got {bad}"
        )
    at = np.unique(at).astype(np.int64)

    trainer = Trainer(X, Y, start.parameters, activation, start.learning_rate)
    costs = np.empty(num_iterations, dtype=X.dtype)
    lambda_max = np.empty(at.size)
    next_at = 0
    for t in range(num_iterations):
        if next_at < at.size and t == at[next_at]:
            current = trainer.parameters()
            lambda_max[next_at] = compute_lambda_max(current, X, Y, epsilon, activation)
            next_at += 1
        costs[t] = trainer.step()
    return LambdaMaxHistory(at, lambda_max, costs)

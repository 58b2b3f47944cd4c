r"""The cost $J$: the cross-entropy loss averaged over the $m$ examples."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ._validation import Array, binary_labels, check_finite, check_shape

__all__ = ["compute_cost", "compute_cost_from_logits"]


def compute_cost(A2: Array, Y: Array, parameters: Mapping[str, Array] | None = None) -> float:
    r"""The cost, [equation J][eq-cost]: the mean cross-entropy loss.

    $$
    J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\left(a^{[2](i)}, y^{(i)}\right)
      = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{[2](i)}
        + \left(1 - y^{(i)}\right) \log\left(1 - a^{[2](i)}\right) \right)
    $$

    Only the term that $y^{(i)}$ selects is evaluated, and a probability below
    ``np.finfo(dtype).tiny``, the smallest positive *normal* float, is read as that
    number: exact 0s and subnormal values alike. So the cost stays finite and free of
    warnings when $A^{[2]}$ holds exact 0s or 1s.

    That floor is a clamp, not the cross-entropy. In float64 $\sigma(z)$ rounds to
    exactly 1 for $z \gtrsim 36.7$, so a wrong answer at any such $z$ costs
    $-\log(\text{tiny}) \approx 708.4$ instead of about $z$. From $A^{[2]}$ alone
    nothing better is possible, since the rounding has lost $z$; where an output may
    round to 0 or 1, compute the cost from $Z^{[2]}$ with
    [`compute_cost_from_logits`][shallownet.compute_cost_from_logits], which is exact
    for every $z$ and which `nn_model` records. Wherever no output rounds, the two agree.

    With $n^{[2]} > 1$ output rows, each row is its own sigmoid and its own binary
    problem, and $J$ is the sum of the rows' costs. That is not classification into
    $n^{[2]}$ classes: nothing makes a column of $A^{[2]}$ sum to 1, as softmax would
    (see [After this network](../../explanation/next-steps.md#n-y)).

    The third argument is there for course code: the 2018–2020 notebook (v6c) calls
    ``compute_cost(A2, Y, parameters)`` and says itself that `parameters` is not
    used. It is not used here either, nor checked.

    Args:
        A2: $A^{[2]} = \hat{Y}$, shape ``(1, m)``, values in $[0, 1]$; or
            ``(n_y, m)``, one independent binary output per row, not $n_y$ classes.
        Y: Labels 0 or 1, the shape of `A2`; a flat ``(m,)`` array is read as ``(1, m)``.
        parameters: Ignored; accepted so that the course's three-argument call runs.

    Returns:
        $J$ as a Python float.

    Raises:
        ShapeError: If `Y` does not have the shape of `A2`.
        ValueError: If `Y` holds anything but 0 and 1, or $m = 0$.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> A2 = np.array([[0.9, 0.2, 0.6]])
        >>> Y = np.array([[1, 0, 1]])
        >>> print(f"{sn.compute_cost(A2, Y):.6f}")
        0.279777

        Two output rows are two binary problems, and their costs add up:

        >>> A2_two = np.array([[0.9, 0.2, 0.6], [0.7, 0.7, 0.1]])  # columns need not sum to 1
        >>> Y_two = np.array([[1, 0, 1], [1, 1, 0]])
        >>> rows = [sn.compute_cost(A2_two[[k]], Y_two[[k]]) for k in range(2)]
        >>> print(f"{sn.compute_cost(A2_two, Y_two):.6f} = {rows[0]:.6f} + {rows[1]:.6f}")
        0.552680 = 0.279777 + 0.272903
    """
    A2 = check_shape("A2", A2, ("n_y", "m"), (None, None))
    n_y, m = A2.shape
    if m == 0:
        raise ValueError("A2 must hold at least one example (m >= 1), got m = 0")
    Y = binary_labels("Y", Y, m, n_y, examples_of=("A2", A2.shape))
    # The probability the model gives to the true label, then its log.
    p = np.where(Y == 1, A2, 1 - A2)
    tiny = np.finfo(p.dtype if p.dtype.kind == "f" else np.float64).tiny
    logprobs = np.log(np.maximum(p, tiny))
    return float(-np.sum(logprobs) / m + 0.0)  # + 0.0 turns a perfect -0.0 into 0.0


def compute_cost_from_logits(Z2: Array, Y: Array) -> float:
    r"""The cost from $Z^{[2]}$, [equation J from the logits][eq-cost-logits]: exact for every $z$.

    $$
    J = \frac{1}{m} \sum_{i=1}^{m} \left( \log\left(1 + e^{z^{[2](i)}}\right)
        - y^{(i)} z^{[2](i)} \right)
    $$

    With $a = \sigma(z)$, $-\log a = \log(1 + e^{-z})$ and
    $-\log(1 - a) = \log(1 + e^{z})$, so this is the cross-entropy of
    [`compute_cost`][shallownet.compute_cost] written in $z$: for $y \in \{0, 1\}$ each
    term is $\log\left(1 + e^{(1 - 2y) z}\right)$, which ``np.logaddexp(0, ·)``
    computes without overflow and without rounding $\sigma(z)$ to 0 or 1. A wrong
    answer at $z = 40$ costs 40.0, not the 708.4 of `compute_cost`'s clamp.

    Args:
        Z2: $Z^{[2]}$, the output layer's values before $\sigma$ (the *logits*),
            shape ``(1, m)``, finite; or ``(n_y, m)``, one independent binary output
            per row (not $n_y$ classes), whose costs are summed.
        Y: Labels 0 or 1, the shape of `Z2`; a flat ``(m,)`` array is read as ``(1, m)``.

    Returns:
        $J$ as a Python float.

    Raises:
        ShapeError: If `Y` does not have the shape of `Z2`.
        ValueError: If `Z2` holds NaN or infinity, `Y` holds anything but 0 and 1,
            or $m = 0$.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> Z2 = np.array([[2.0, -1.0, 40.0]])
        >>> Y = np.array([[1, 0, 0]])
        >>> print(f"{sn.compute_cost_from_logits(Z2, Y):.6f}")
        13.480063
        >>> print(f"{sn.compute_cost(sn.sigmoid(Z2), Y):.6f}")
        236.278869
    """
    Z2 = check_shape("Z2", Z2, ("n_y", "m"), (None, None))
    n_y, m = Z2.shape
    if m == 0:
        raise ValueError("Z2 must hold at least one example (m >= 1), got m = 0")
    check_finite("Z2", Z2)
    Y = binary_labels("Y", Y, m, n_y, examples_of=("Z2", Z2.shape))
    # log(1 + e^{(1 - 2y) z}): log(1 + e^{-z}) where y = 1, log(1 + e^{z}) where y = 0.
    losses = np.logaddexp(0, np.where(Y == 1, -Z2, Z2))
    return float(np.sum(losses) / m)

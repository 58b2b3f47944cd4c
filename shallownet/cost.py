r"""The cost $J$: the cross-entropy loss averaged over the $m$ examples."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ._validation import Array, binary_labels, check_shape

__all__ = ["compute_cost"]


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

    The third argument is there for course code: the 2018–2020 notebook (v6c) calls
    ``compute_cost(A2, Y, parameters)`` and says itself that `parameters` is not
    used. It is not used here either, nor checked.

    Args:
        A2: $A^{[2]} = \hat{Y}$, shape ``(1, m)`` (or ``(n_y, m)``), values in $[0, 1]$.
        Y: Labels 0 or 1, shape ``(1, m)``; a flat ``(m,)`` array is read as ``(1, m)``.
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

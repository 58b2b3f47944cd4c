r"""Drawing a classifier's decision regions, as the course's ``planar_utils`` does.

matplotlib is an optional dependency: ``pip install matplotlib`` (or the ``plot`` extra of a
clone, ``pip install -e ".[plot]"``; the package is not on PyPI yet).
It is imported only when something is drawn, so the rest of the package never needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._validation import Array, ShapeError, check_shape, labels_row

__all__ = ["plot_decision_boundary"]


def _pyplot() -> Any:
    """``matplotlib.pyplot``, or an `ImportError` that names the extra to install."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(
            "plot_decision_boundary needs matplotlib, which shallownet does not install "
            "by default: pip install matplotlib"
        ) from None
    return plt


def decision_grid(X: NDArray[Any], h: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The grid of points, `h` apart, that covers `X` with a margin of 1 on every side."""
    x_min, x_max = X[0].min() - 1, X[0].max() + 1
    y_min, y_max = X[1].min() - 1, X[1].max() + 1
    xx, yy = np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))
    return xx, yy


def plot_decision_boundary(
    model: Callable[[NDArray[np.float64]], Any],
    X: Array,
    y: Array,
    *,
    ax: Any = None,
    h: float = 0.01,
    colors: Sequence[str] | None = None,
    line_color: str | None = None,
    show_points: bool = True,
) -> Any:
    r"""Colour the plane by the class `model` predicts, then draw the examples on it.

    The signature and the drawing are those of the course's
    ``planar_utils.plot_decision_boundary(model, X, y)``: a grid of points `h` = 0.01
    apart covers `X` with a margin of 1, `model` labels every grid point, the labels
    fill the plane with ``contourf``, and the examples are scattered on top, coloured
    by `y`. `model` receives the grid points **as rows**, shape ``(k, 2)``, as
    scikit-learn's ``predict`` does; for a network of this package, transpose:
    ``lambda x: sn.predict(parameters, x.T)``.

    Args:
        model: A function of points as rows, shape ``(k, 2)``, returning one label
            per point: shape ``(k,)``, ``(1, k)`` or ``(k, 1)``; 0/1 integers,
            floats or booleans.
        X: The examples, shape ``(2, m)``.
        y: Their labels, shape ``(1, m)`` or ``(m,)``.
        ax: The matplotlib ``Axes`` to draw on; the current one by default.
        h: The grid's step, 0.01 as in the course.
        colors: Two colours for the regions labelled 0 and 1; the course's
            ``Spectral`` colour map by default.
        line_color: If given, the boundary between the regions is drawn in it.
        show_points: Whether to scatter the examples, as the course does.

    Returns:
        The ``Axes`` drawn on.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `X` is not ``(2, m)``, `y` has another $m$, or `model`
            returns other than one label per point.
        ValueError: If `h` is not a positive number.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.nn_model(X, Y, 4, 1000)
        >>> ax = sn.plot_decision_boundary(lambda x: sn.predict(parameters, x.T), X, Y)
        >>> print(ax.get_xlabel(), ax.get_ylabel())
        x1 x2
    """
    plt = _pyplot()
    X = check_shape("X", X, ("n_x", "m"), (2, None))
    y = labels_row("y", y, X.shape[1], 1, examples_of=("X", X.shape))
    if isinstance(h, bool) or not isinstance(h, int | float | np.number) or not h > 0:
        raise ValueError(f"h must be a positive number, got {h!r}")
    xx, yy = decision_grid(X, float(h))
    points = np.c_[xx.ravel(), yy.ravel()]  # one grid point per row, as the course passes
    labels = np.asarray(model(points))
    if labels.size != points.shape[0] or (labels.ndim == 2 and 1 not in labels.shape):
        raise _model_output_error(labels.shape, points.shape[0])
    Z = labels.reshape(xx.shape).astype(np.float64)
    if ax is None:
        ax = plt.gca()
    if colors is None:
        ax.contourf(xx, yy, Z, cmap=plt.cm.Spectral)
    else:
        ax.contourf(xx, yy, Z, levels=[-0.5, 0.5, 1.5], colors=list(colors))
    if line_color is not None:
        ax.contour(xx, yy, Z, levels=[0.5], colors=line_color, linewidths=0.8)
    ax.set_ylabel("x2")
    ax.set_xlabel("x1")
    if show_points:
        ax.scatter(X[0, :], X[1, :], c=y.ravel(), cmap=plt.cm.Spectral)
    return ax


def _model_output_error(shape: tuple[int, ...], k: int) -> ShapeError:
    """The error for a `model` that does not return one label per grid point."""
    return ShapeError(
        f"model must return one label per row of its input, shape (k,), (1, k) or (k, 1) "
        f"with k = {k}, got {shape}; for shallownet.predict, pass x.T: "
        "lambda x: sn.predict(parameters, x.T)"
    )

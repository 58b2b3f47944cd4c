r"""The figures of the site and of its notebooks, drawn with matplotlib.

`plot_decision_boundary` draws a classifier's decision regions, as the course's
``planar_utils`` does. The other helpers draw the site's figures: the data set, the
trained network's boundary, the cost curve, the hidden-layer sizes, the sharpness
beside the cost, and the learning rates. The site's build calls the same helpers, so
a figure in a notebook and on its page come from one drawing.

matplotlib is an optional dependency: ``pip install matplotlib`` (or the ``plot`` extra of a
clone, ``pip install -e ".[plot]"``; the package is not on PyPI yet).
It is imported only when something is drawn, so the rest of the package never needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._validation import (
    Array,
    ShapeError,
    check_parameters,
    check_shape,
    labels_row,
    positive_int,
    positive_number,
)

__all__ = [
    "PlotStyle",
    "plot_cost_curve",
    "plot_dataset",
    "plot_decision_boundary",
    "plot_edge_of_stability",
    "plot_held_out",
    "plot_hidden_sizes",
    "plot_learning_rates",
    "plot_trained_boundary",
]


def _pyplot(name: str = "plot_decision_boundary") -> Any:
    """``matplotlib.pyplot``, or an `ImportError` that names the command to install it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(
            f"{name} needs matplotlib, which shallownet does not install "
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


# --- The site's figures --------------------------------------------------------------

#: Grid points along the longer side of a decision-boundary figure (half in a small panel).
GRID_STEPS = 500
#: Artists below this zorder (the decision regions) become one image in a vector file.
RASTER_BELOW = 2.45
#: Inches of white between the figure's border and its text.
PAD = 0.1
#: The hidden-layer sizes of the course's experiment, 5000 iterations each.
HIDDEN_SIZES = (1, 2, 3, 4, 5, 20, 50)


@dataclass(frozen=True)
class PlotStyle:
    """The colours of the site's figures; the defaults are the light scheme's.

    The classes and learning rates use the Okabe-Ito colours, told apart with every
    common colour-vision deficiency; the two classes also differ by marker. Text and
    axes take matplotlib's own colours (its ``rcParams``), so a dark theme of
    matplotlib needs only the data colours changed.

    Attributes:
        ink: The decision boundary and the dashed limit $2/\\alpha$.
        grid: The grid lines of the cost plots.
        point_edge: The ring around each point, the background's colour.
        classes: The points of class 0 and 1; the cost curve is drawn in the second.
        regions: The regions predicted 0 and 1.
        unstable: The shading where $\\lambda_{\\max} > 2/\\alpha$.
        rates: One colour per learning rate, in order.

    Examples:
        >>> import shallownet as sn
        >>> print(sn.PlotStyle().classes)
        ('#D55E00', '#0072B2')
    """

    ink: str = "#222222"
    grid: str = "#DDDDDD"
    point_edge: str = "white"
    classes: tuple[str, str] = ("#D55E00", "#0072B2")
    regions: tuple[str, str] = ("#F6D3BC", "#BFDCEF")
    unstable: str = "#F3E3D9"
    # Okabe-Ito without its yellow, too pale on white.
    rates: tuple[str, ...] = ("#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#E69F00")


MARKER_STYLES = ("o", "^")


def _figure(name: str, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
    """A new figure whose layout keeps its labels inside, and its axes."""
    plt = _pyplot(name)
    fig, axes = plt.subplots(*args, layout="constrained", **kwargs)
    fig.get_layout_engine().set(w_pad=PAD, h_pad=PAD)
    return fig, axes


def _axes(name: str, ax: Any, figsize: tuple[float, float]) -> Any:
    """``ax``, or the axes of a new figure of ``figsize`` inches."""
    if ax is not None:
        _pyplot(name)
        return ax
    return _figure(name, figsize=figsize)[1]


def _scatter(
    ax: Any, X: NDArray[Any], Y: NDArray[Any], size: float, style: PlotStyle, rasterized: bool
) -> None:
    """The examples, one colour and marker per class, labelled for a legend."""
    y = Y.ravel()
    for label in (0, 1):
        ax.scatter(
            X[0, y == label],
            X[1, y == label],
            s=size,
            c=style.classes[label],
            marker=MARKER_STYLES[label],
            edgecolors=style.point_edge,
            linewidths=0.4,
            label=f"$y = {label}$",
            zorder=RASTER_BELOW - 0.1 if rasterized else 3,
        )


def _limits(X: NDArray[Any]) -> tuple[float, float, float, float]:
    """The plane `plot_decision_boundary` covers: `X` with a margin of 1."""
    return X[0].min() - 1, X[0].max() + 1, X[1].min() - 1, X[1].max() + 1


def _boundary(
    ax: Any,
    parameters: Mapping[str, Array],
    X: NDArray[Any],
    Y: NDArray[Any],
    steps: int,
    style: PlotStyle,
) -> None:
    """The regions that `predict` labels 0 and 1, about `steps` grid points a side."""
    from .model import predict

    x_min, x_max, y_min, y_max = _limits(X)
    h = max(x_max - x_min, y_max - y_min) / steps
    plot_decision_boundary(
        lambda x: predict(parameters, x.T),
        X,
        Y,
        ax=ax,
        h=h,
        colors=style.regions,
        line_color=style.ink,
        show_points=False,
    )
    # As vectors the staircase of a 0/1 grid takes ~100 kB a panel; as one image, a few kB.
    ax.set_rasterization_zorder(RASTER_BELOW)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)


def _axes_labels(ax: Any) -> None:
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")


def _examples(X: Array, Y: Array) -> tuple[NDArray[Any], NDArray[Any]]:
    """`X` of shape ``(2, m)`` and `Y` of shape ``(1, m)``, checked against each other."""
    X = check_shape("X", X, ("n_x", "m"), (2, None))
    return X, labels_row("Y", Y, X.shape[1], 1, examples_of=("X", X.shape))


def plot_dataset(
    X: Array,
    Y: Array,
    *,
    name: str | None = None,
    ax: Any = None,
    style: PlotStyle | None = None,
) -> Any:
    """Scatter a data set of two features, one colour and marker per class.

    The course draws the flower with ``plt.scatter(X[0, :], X[1, :], c=Y, s=40,
    cmap=plt.cm.Spectral)``; this is the same picture in the site's colours, with
    a legend and the count of each class in the title.

    Args:
        X: The examples, shape ``(2, m)``.
        Y: Their labels 0 or 1, shape ``(1, m)`` or ``(m,)``.
        name: The data set's name, at the start of the title.
        ax: The matplotlib ``Axes`` to draw on; a new figure's by default.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The ``Axes`` drawn on.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `X` is not ``(2, m)`` or `Y` has another $m$.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> ax = sn.plot_dataset(X, Y, name="The flower")
        >>> print(ax.get_title())
        The flower: 400 points, 200 with $y = 1$
    """
    X, Y = _examples(X, Y)
    style = style or PlotStyle()
    ax = _axes("plot_dataset", ax, (6, 4.6))
    _scatter(ax, X, Y, 22, style, rasterized=False)
    x_min, x_max, y_min, y_max = _limits(X)
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    _axes_labels(ax)
    title = f"{Y.size} points, {int(Y.sum())} with $y = 1$"
    ax.set_title(f"{name}: {title}" if name else title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)
    return ax


def plot_trained_boundary(
    parameters: Mapping[str, Array],
    X: Array,
    Y: Array,
    *,
    ax: Any = None,
    style: PlotStyle | None = None,
) -> Any:
    r"""The decision boundary of a trained network over its data set.

    The course's ``plot_decision_boundary(lambda x: predict(parameters, x.T), X, Y)``,
    with a grid of about 500 points a side, the boundary drawn as a line and the
    examples marked by class.

    Args:
        parameters: ``{"W1", "b1", "W2", "b2"}`` of shapes ``(n_h, 2)``, ``(n_h, 1)``,
            ``(1, n_h)``, ``(1, 1)``, such as `nn_model` returns.
        X: The examples, shape ``(2, m)``.
        Y: Their labels 0 or 1, shape ``(1, m)`` or ``(m,)``.
        ax: The matplotlib ``Axes`` to draw on; a new figure's by default.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The ``Axes`` drawn on.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `X` is not ``(2, m)``, `Y` has another $m$, or the
            parameters' shapes disagree.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.nn_model(X, Y, n_h=4, num_iterations=100)
        >>> ax = sn.plot_trained_boundary(parameters, X, Y)
        >>> print(ax.get_title())
        Decision boundary, $n^{[1]}$ = 4, 100 iterations
    """
    X, Y = _examples(X, Y)
    W1, _, _, _ = check_parameters(parameters)
    style = style or PlotStyle()
    ax = _axes("plot_trained_boundary", ax, (6, 4.6))
    _boundary(ax, parameters, X, Y, GRID_STEPS, style)
    _scatter(ax, X, Y, 22, style, rasterized=False)
    _axes_labels(ax)
    title = f"Decision boundary, $n^{{[1]}}$ = {W1.shape[0]}"
    costs = getattr(parameters, "costs", None)
    ax.set_title(title if costs is None else f"{title}, {np.size(costs)} iterations")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)
    return ax


def plot_cost_curve(
    costs: Array,
    *,
    n_h: int,
    learning_rate: float = 1.2,
    ax: Any = None,
    style: PlotStyle | None = None,
) -> Any:
    r"""The cost $J$ at every iteration of gradient descent.

    The course plots ``costs`` after training; `nn_model` keeps them on its result,
    ``parameters.costs``.

    Args:
        costs: The cost at each iteration, shape ``(num_iterations,)``.
        n_h: The hidden layer's size $n^{[1]}$, for the title.
        learning_rate: The learning rate $\alpha$ of the run, for the title.
        ax: The matplotlib ``Axes`` to draw on; a new figure's by default.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The ``Axes`` drawn on.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `costs` is not one-dimensional.
        TypeError: If `n_h` is not an integer or `learning_rate` not a number.
        ValueError: If `n_h` is below 1 or `learning_rate` is not positive.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.nn_model(X, Y, n_h=4, num_iterations=100)
        >>> ax = sn.plot_cost_curve(parameters.costs, n_h=4)
        >>> print(ax.get_title())
        Cost during gradient descent ($n^{[1]}$ = 4, $\alpha$ = 1.2)
    """
    costs = check_shape("costs", costs, ("num_iterations",), (None,))
    n_h = positive_int("n_h", n_h)
    learning_rate = positive_number("learning_rate", learning_rate)
    style = style or PlotStyle()
    ax = _axes("plot_cost_curve", ax, (6, 3.6))
    ax.plot(np.arange(costs.size), costs, color=style.classes[1], linewidth=1.6)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost $J$")
    ax.set_xlim(0, costs.size)
    ax.set_ylim(0, max(0.75, float(costs.max()) * 1.05))
    ax.grid(color=style.grid, linewidth=0.6)
    ax.set_title(
        f"Cost during gradient descent ($n^{{[1]}}$ = {n_h}, $\\alpha$ = {learning_rate:g})"
    )
    return ax


def plot_hidden_sizes(
    X: Array,
    Y: Array,
    trained: Mapping[int, Mapping[str, Array]],
    *,
    accuracies: Mapping[int, str] | None = None,
    style: PlotStyle | None = None,
) -> Any:
    r"""One decision boundary per hidden-layer size: the course's "tuning hidden layer size".

    The course trains `nn_model` with 1, 2, 3, 4, 5, 20 and 50 hidden units for 5000
    iterations each and draws each network's boundary in a grid of panels, titled with
    the hidden layer's size and the training accuracy.

    Args:
        X: The examples, shape ``(2, m)``.
        Y: Their labels 0 or 1, shape ``(1, m)`` or ``(m,)``.
        trained: The parameters trained with each hidden size $n^{[1]}$, by size, as
            `nn_model` returns them: ``W1`` of shape ``(n_h, 2)`` and so on.
        accuracies: The accuracy shown for each size; by default the fraction of `Y`
            that `predict` gets right, as a percent with two decimals.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `X` is not ``(2, m)``, `Y` has another $m$, or a model's
            parameters disagree.
        ValueError: If `trained` is empty.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> trained = {n_h: sn.nn_model(X, Y, n_h, num_iterations=50) for n_h in (1, 2)}
        >>> fig = sn.plot_hidden_sizes(X, Y, trained)
        >>> print([ax.get_title() for ax in fig.axes[:2]])
        ['$n^{[1]}$ = 1: 66.75%', '$n^{[1]}$ = 2: 62.25%']
    """
    from .model import predict

    X, Y = _examples(X, Y)
    if not trained:
        raise ValueError("trained must hold the parameters of at least one hidden size")
    for parameters in trained.values():
        check_parameters(parameters)
    style = style or PlotStyle()
    columns = 4
    rows = -(-(len(trained) + 1) // columns)  # one spare cell holds the legend
    fig, axes = _figure(
        "plot_hidden_sizes", rows, columns, figsize=(2.3 * columns, 2.5 * rows), squeeze=False
    )
    cells = list(np.ravel(axes))
    for ax, (n_h, parameters) in zip(cells, trained.items(), strict=False):
        _boundary(ax, parameters, X, Y, GRID_STEPS // 2, style)  # a small panel needs fewer
        _scatter(ax, X, Y, 8, style, rasterized=True)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        if accuracies is not None and n_h in accuracies:
            shown = accuracies[n_h]
        else:
            shown = f"{float(np.mean(predict(parameters, X) == Y)):.2%}"
        ax.set_title(f"$n^{{[1]}}$ = {n_h}: {shown}", fontsize=10)
    for ax in cells[len(trained) :]:
        ax.axis("off")
    handles, labels = cells[0].get_legend_handles_labels()
    cells[len(trained)].legend(handles, labels, loc="center", markerscale=2.5, frameon=False)
    # nn_model's parameters carry their costs, one per iteration
    lengths = {np.size(p.costs) if hasattr(p, "costs") else None for p in trained.values()}
    known = None not in lengths and len(lengths) == 1
    fig.suptitle(
        "Training accuracy by hidden-layer size"
        + (f", {lengths.pop()} iterations each" if known else "")
    )
    return fig


def plot_edge_of_stability(
    history: Any,
    learning_rate: float = 1.2,
    *,
    n_h: int,
    style: PlotStyle | None = None,
) -> Any:
    r"""The cost above, the sharpness $\lambda_{\max}$ and the limit $2/\alpha$ below.

    Both panels share the iteration axis and shade the samples where
    $\lambda_{\max} > 2/\alpha$, where a gradient step of size $\alpha$ is unstable.

    Args:
        history: What `lambda_max_history` returns: ``iterations`` and ``lambda_max``
            of shape ``(k,)``, ``costs`` of shape ``(num_iterations,)``.
        learning_rate: The learning rate $\alpha$ of the run.
        n_h: The hidden layer's size $n^{[1]}$, for the title.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `history`'s arrays are not one-dimensional, or its
            ``iterations`` and ``lambda_max`` differ in length.
        TypeError: If `n_h` is not an integer or `learning_rate` not a number.
        ValueError: If `n_h` is below 1 or `learning_rate` is not positive.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> history = sn.lambda_max_history(X, Y, 4, range(0, 100, 50), num_iterations=100)
        >>> fig = sn.plot_edge_of_stability(history, 1.2, n_h=4)
        >>> print(len(fig.axes), fig.axes[1].get_xlabel())
        2 iteration
    """
    iterations = check_shape("history.iterations", history.iterations, ("k",), (None,))
    lambda_max = check_shape("history.lambda_max", history.lambda_max, ("k",), iterations.shape)
    costs = check_shape("history.costs", history.costs, ("num_iterations",), (None,))
    learning_rate = positive_number("learning_rate", learning_rate)
    n_h = positive_int("n_h", n_h)
    style = style or PlotStyle()
    limit = 2 / learning_rate
    fig, (top, bottom) = _figure("plot_edge_of_stability", 2, 1, figsize=(6, 5.4), sharex=True)
    above = lambda_max > limit
    step = iterations[1] - iterations[0] if iterations.size > 1 else 1
    for ax in (top, bottom):  # shade the samples where the step is unstable
        for t in iterations[above]:
            ax.axvspan(t, t + step, color=style.unstable, linewidth=0, zorder=0)
        ax.grid(color=style.grid, linewidth=0.6)
    top.plot(np.arange(costs.size), costs, color=style.classes[1], linewidth=1.2)
    low = float(costs.min())
    top.set_ylim(low - 0.005, low + 0.04)
    top.set_ylabel("cost $J$")
    top.set_title(
        f"Cost and sharpness ($n_h$ = {n_h}, $\\alpha$ = {learning_rate:g}); "
        "shaded: $\\lambda_{\\max} > 2/\\alpha$"
    )
    bottom.plot(
        iterations,
        lambda_max,
        color=style.classes[0],
        linewidth=1.4,
        marker="o",
        markersize=2.2,
        label="$\\lambda_{\\max}$, the sharpness",
    )
    bottom.axhline(
        limit, color=style.ink, linestyle="--", linewidth=1.0, label=f"$2/\\alpha$ = {limit:.3g}"
    )
    bottom.set_ylim(0, max(float(lambda_max.max()), limit) * 1.15)
    bottom.set_xlim(0, costs.size)
    bottom.set_xlabel("iteration")
    bottom.set_ylabel("$\\lambda_{\\max}$ of the Hessian")
    bottom.legend(loc="lower right")
    return fig


def plot_learning_rates(
    costs_by_rate: Mapping[float, Array],
    *,
    n_h: int,
    ax: Any = None,
    style: PlotStyle | None = None,
) -> Any:
    r"""The cost against the iteration, one curve per learning rate $\alpha$, on a log axis.

    Args:
        costs_by_rate: For each learning rate $\alpha$, the cost at every iteration of
            its run, shape ``(num_iterations,)``, such as `nn_model`'s ``.costs``.
        n_h: The hidden layer's size $n^{[1]}$ of the runs, for the title.
        ax: The matplotlib ``Axes`` to draw on; a new figure's by default.
        style: The colours; `PlotStyle`'s defaults by default, one per rate.

    Returns:
        The ``Axes`` drawn on.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If some costs are not one-dimensional.
        ValueError: If `costs_by_rate` is empty or holds more rates than
            `style` has colours.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> costs_by_rate = {
        ...     alpha: sn.nn_model(X, Y, 4, 100, learning_rate=alpha).costs
        ...     for alpha in (0.5, 1.2)
        ... }
        >>> ax = sn.plot_learning_rates(costs_by_rate, n_h=4)
        >>> print([line.get_label() for line in ax.get_lines()])
        ['$\\alpha$ = 0.5', '$\\alpha$ = 1.2']
    """
    checked = {
        alpha: check_shape(f"costs_by_rate[{alpha:g}]", costs, ("num_iterations",), (None,))
        for alpha, costs in costs_by_rate.items()
    }
    n_h = positive_int("n_h", n_h)
    style = style or PlotStyle()
    if not checked:
        raise ValueError("costs_by_rate must hold the costs of at least one learning rate")
    if len(checked) > len(style.rates):
        raise ValueError(
            f"costs_by_rate holds {len(checked)} learning rates, more than the "
            f"{len(style.rates)} colours of style.rates"
        )
    ax = _axes("plot_learning_rates", ax, (6, 3.8))
    for (alpha, costs), colour in zip(checked.items(), style.rates, strict=False):
        ax.plot(
            np.arange(1, costs.size + 1),
            costs,
            color=colour,
            linewidth=1.1,
            label=f"$\\alpha$ = {alpha:g}",
        )
    size = max(costs.size for costs in checked.values())
    ax.set_xscale("log")
    ax.set_xlim(1, size)
    ax.set_ylim(0.2, 0.72)
    ax.set_xlabel("iteration (log scale)")
    ax.set_ylabel("cost $J$")
    ax.grid(color=style.grid, linewidth=0.6)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)
    ax.set_title(f"Cost by learning rate ($n_h$ = {n_h}, {size} iterations)")
    return ax


def plot_held_out(
    training: Mapping[int, Sequence[float]],
    held_out: Mapping[int, Sequence[float]],
    *,
    ax: Any = None,
    style: PlotStyle | None = None,
) -> Any:
    r"""Accuracy against the hidden layer's size $n^{[1]}$, over several train/held-out splits.

    For each size, the mean held-out accuracy is a filled dot with a bar from the
    lowest to the highest split, and the mean training accuracy an open square beside
    it: the gap between the two is what the network fits of its training points only.

    Args:
        training: For each hidden size $n^{[1]}$, the training accuracy of each split,
            fractions in $[0, 1]$.
        held_out: For the same sizes, the held-out accuracy of each split.
        ax: The matplotlib ``Axes`` to draw on; a new figure's by default.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The ``Axes`` drawn on.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ValueError: If the two mappings are empty, hold other sizes, or a size has
            no split or not the same number of splits in both.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> ax = sn.plot_held_out({1: [0.7, 0.6], 4: [0.9, 0.91]}, {1: [0.6, 0.7], 4: [0.88, 0.9]})
        >>> print([label.get_text() for label in ax.get_xticklabels()])
        ['1', '4']
    """
    if not held_out or list(training) != list(held_out):
        raise ValueError(
            "training and held_out must hold the accuracies of the same hidden sizes, "
            f"got {list(training)} and {list(held_out)}"
        )
    fit = {n_h: np.asarray(training[n_h], dtype=float) for n_h in held_out}
    new = {n_h: np.asarray(held_out[n_h], dtype=float) for n_h in held_out}
    splits = {a.size for a in (*fit.values(), *new.values())}
    if 0 in splits or len(splits) != 1:
        raise ValueError("every hidden size needs the same number (at least 1) of splits")
    style = style or PlotStyle()
    ax = _axes("plot_held_out", ax, (6, 3.8))
    x = np.arange(len(new))
    means = np.array([100 * a.mean() for a in new.values()])
    low = means - np.array([100 * a.min() for a in new.values()])
    high = np.array([100 * a.max() for a in new.values()]) - means
    ax.errorbar(
        x - 0.1,
        means,
        yerr=[low, high],
        fmt="o",
        color=style.classes[1],
        capsize=3,
        label="held out: mean, lowest to highest split",
    )
    ax.plot(
        x + 0.1,
        [100 * a.mean() for a in fit.values()],
        "s",
        markerfacecolor="none",
        color=style.classes[0],
        label="training: mean",
    )
    ax.set_xticks(x, [str(n_h) for n_h in new])
    ax.set_xlabel("hidden units $n^{[1]}$")
    ax.set_ylabel("accuracy (%)")
    ax.grid(axis="y", color=style.grid, linewidth=0.6)
    ax.legend(loc="lower right")
    ax.set_title(f"Accuracy by hidden-layer size over {splits.pop()} random splits")
    return ax

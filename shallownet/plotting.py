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
    "plot_activations",
    "plot_cost_curve",
    "plot_dataset",
    "plot_decision_boundary",
    "plot_edge_of_stability",
    "plot_held_out",
    "plot_hidden_sizes",
    "plot_hidden_units",
    "plot_learning_rates",
    "plot_loss_gradients",
    "plot_quadratic_iterates",
    "plot_trained_boundary",
    "plot_two_cycle_cut",
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


def _grid(name: str, values: Array | None, default: NDArray[np.float64]) -> NDArray[Any]:
    """`values` as a finite 1-D grid of at least two points, or `default`."""
    if values is None:
        return default
    grid = check_shape(name, values, ("k",), (None,))
    if grid.size < 2 or not np.all(np.isfinite(grid)):
        raise ValueError(f"{name} must hold at least two finite values, got {grid.size}")
    return grid


#: The names that `plot_activations` gives the package's hidden activations.
ACTIVATION_TITLES = {
    "tanh": "tanh",
    "sigmoid": "sigmoid $\\sigma$",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
}


def plot_activations(z: Array | None = None, *, style: PlotStyle | None = None) -> Any:
    r"""Each hidden activation $g$ of the package beside its derivative $g'$.

    One panel per activation of [`ACTIVATIONS`][shallownet.ACTIVATIONS] (tanh,
    sigmoid, ReLU, leaky ReLU), each drawing `g(z)` and `g_prime(z)` as the package
    computes them: the very functions `compute_A1` and `compute_dZ1` call.

    Args:
        z: The values of $z$ to draw, shape ``(k,)``; ``np.linspace(-4, 4, 401)`` by
            default.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `z` is not one-dimensional.
        ValueError: If `z` holds fewer than two values or a NaN or infinity.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> fig = sn.plot_activations()
        >>> print([ax.get_title() for ax in fig.axes])
        ['tanh', 'sigmoid $\\sigma$', 'ReLU', 'leaky ReLU']
    """
    from .activations import ACTIVATIONS

    z = _grid("z", z, np.linspace(-4, 4, 401))
    style = style or PlotStyle()
    fig, axes = _figure("plot_activations", 2, 2, figsize=(6, 4.6), sharex=True)
    for ax, activation in zip(np.ravel(axes), ACTIVATIONS.values(), strict=True):
        ax.axhline(0, color=style.grid, linewidth=0.8, zorder=0)
        ax.axvline(0, color=style.grid, linewidth=0.8, zorder=0)
        ax.plot(z, activation.g(z), color=style.classes[1], linewidth=1.8, label="$g(z)$")
        ax.plot(
            z,
            activation.g_prime(z),
            color=style.classes[0],
            linewidth=1.6,
            linestyle="--",
            label="$g'(z)$",
        )
        ax.set_title(ACTIVATION_TITLES.get(activation.name, activation.name))
        ax.set_xlim(float(z.min()), float(z.max()))
        ax.grid(color=style.grid, linewidth=0.5)
    for ax in np.ravel(axes)[2:]:
        ax.set_xlabel("$z$")
    np.ravel(axes)[0].legend(loc="upper left")
    return fig


def plot_loss_gradients(a: Array | None = None, *, style: PlotStyle | None = None) -> Any:
    r"""$dz$ at the output against $a = \sigma(z)$, for cross-entropy and squared error.

    Cross-entropy gives $dz = a - y$
    ([`logistic_dz`][shallownet.logistic_dz]); the squared error
    $\frac{1}{2}(a - y)^2$ has $da = a - y$, and the chain rule
    ([`logistic_dz_chain`][shallownet.logistic_dz_chain]) multiplies it by
    $\sigma'(z) = a(1 - a)$. One panel for $y = 1$, one for $y = 0$.

    Args:
        a: The outputs to draw, shape ``(k,)``, each strictly between 0 and 1;
            ``np.linspace(0.001, 0.999, 999)`` by default.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `a` is not one-dimensional.
        ValueError: If `a` holds fewer than two values, or one outside $(0, 1)$.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> fig = sn.plot_loss_gradients()
        >>> print([ax.get_title() for ax in fig.axes])
        ['label $y = 1$', 'label $y = 0$']
    """
    from .logistic import logistic_dz, logistic_dz_chain

    a = _grid("a", a, np.linspace(0.001, 0.999, 999))
    if not np.all((a > 0) & (a < 1)):
        raise ValueError("a must lie strictly between 0 and 1, as sigma(z) does")
    style = style or PlotStyle()
    z = np.log(a) - np.log1p(-a)  # the z with sigma(z) = a
    fig, axes = _figure("plot_loss_gradients", 1, 2, figsize=(6.4, 3.2), sharey=True)
    for ax, y in zip(axes, (1, 0), strict=True):
        ax.axhline(0, color=style.grid, linewidth=0.8, zorder=0)
        ax.plot(a, logistic_dz(a, y), color=style.classes[1], linewidth=1.8, label="cross-entropy")
        ax.plot(
            a,
            logistic_dz_chain(a - y, z),
            color=style.classes[0],
            linewidth=1.8,
            linestyle="--",
            label="squared error",
        )
        ax.set_title(f"label $y = {y}$")
        ax.set_xlabel("output $a = \\sigma(z)$")
        ax.set_xlim(0, 1)
        ax.grid(color=style.grid, linewidth=0.5)
    axes[0].set_ylabel("$dz$")
    axes[0].legend(loc="lower right")
    return fig


def plot_quadratic_iterates(
    lam: float = 1.0,
    learning_rates: Sequence[float] = (0.5, 1.5, 2.2),
    *,
    theta: float = 1.0,
    num_iterations: int = 5,
    style: PlotStyle | None = None,
) -> Any:
    r"""Gradient descent on $J(\theta) = \frac{1}{2}\lambda\theta^2$, one panel per learning rate.

    Each panel draws the parabola and the iterates
    [`quadratic_iterates`][shallownet.quadratic_iterates] gives, $\theta_0$ to
    $\theta_T$, joined in order: each step multiplies $\theta$ by $1 - \alpha\lambda$.

    Args:
        lam: The curvature $\lambda$, positive.
        learning_rates: One $\alpha$ per panel, each positive; at most
            `style`'s number of rate colours.
        theta: The start $\theta_0$, not 0.
        num_iterations: The steps $T \ge 1$ drawn.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        TypeError: If an argument is not a number, or `num_iterations` not an integer.
        ValueError: If `lam`, a learning rate or `num_iterations` is not positive,
            `theta` is 0 or not finite, or `learning_rates` is empty or too long.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> fig = sn.plot_quadratic_iterates(1.0, (0.5, 1.5, 2.2))
        >>> print([ax.get_title() for ax in fig.axes])
        ['$\\alpha = 0.5/\\lambda$', '$\\alpha = 1.5/\\lambda$', '$\\alpha = 2.2/\\lambda$']
    """
    from .stability import quadratic_iterates

    lam = positive_number("lam", lam)
    rates = [positive_number("learning_rates[i]", alpha) for alpha in learning_rates]
    num_iterations = positive_int("num_iterations", num_iterations)
    style = style or PlotStyle()
    if not rates:
        raise ValueError("learning_rates must hold at least one learning rate")
    if len(rates) > len(style.rates):
        raise ValueError(
            f"learning_rates holds {len(rates)} learning rates, more than the "
            f"{len(style.rates)} colours of style.rates"
        )
    paths = [quadratic_iterates(theta, lam, alpha, num_iterations) for alpha in rates]
    if not paths[0][0]:
        raise ValueError("theta must not be 0: gradient descent would not move")
    fig, axes = _figure(
        "plot_quadratic_iterates",
        1,
        len(rates),
        figsize=(2.4 * len(rates) + 0.4, 2.9),
        squeeze=False,
    )
    for ax, alpha, path, colour in zip(axes[0], rates, paths, style.rates, strict=False):
        reach = 1.15 * float(np.abs(path).max())
        grid = np.linspace(-reach, reach, 201)
        ax.plot(grid, 0.5 * lam * grid**2, color=style.ink, linewidth=1.0)
        ax.plot(
            path,
            0.5 * lam * path**2,
            color=colour,
            linewidth=1.2,
            marker="o",
            markersize=4,
            markeredgecolor=style.point_edge,
            markeredgewidth=0.5,
        )
        ax.plot(path[:1], 0.5 * lam * path[:1] ** 2, "s", color=colour, markersize=6)
        ax.set_title(f"$\\alpha = {alpha * lam:g}/\\lambda$")
        ax.set_xlabel(f"$\\theta$; each step $\\times$ {1 - alpha * lam:g}")
        ax.set_xlim(-reach, reach)
        ax.grid(color=style.grid, linewidth=0.6)
    axes[0, 0].set_ylabel(f"$J(\\theta)$, $\\lambda$ = {lam:g}")
    return fig


def plot_two_cycle_cut(
    even: Mapping[str, Array],
    odd: Mapping[str, Array],
    X: Array,
    Y: Array,
    learning_rate: float = 1.2,
    *,
    activation: str = "tanh",
    style: PlotStyle | None = None,
) -> Any:
    r"""The cost along the top eigenvector of the Hessian through two iterates of a 2-cycle.

    $v$ is the unit eigenvector of the largest eigenvalue $\lambda_{\max}$ of the
    Hessian at the midpoint $\bar\theta$ of `even` and `odd`, and the curve is
    [`cost_along_direction`][shallownet.cost_along_direction] from $\bar\theta$ along
    $v$. Each iterate is drawn at its offset $s = (\theta - \bar\theta) \cdot v$ and its
    own cost, the midpoint at $s = 0$; the dashed parabola
    $J(\bar\theta) + \frac{1}{2}\lambda_{\max} s^2$ has the floor's curvature.

    Args:
        even: Parameters at one iteration of the cycle, ``{"W1", "b1", "W2", "b2"}``.
        odd: Parameters one step later, the same shapes.
        X: Input, shape ``(n_x, m)``.
        Y: Labels 0 or 1, shape ``(n_y, m)``.
        learning_rate: The learning rate $\alpha$ of the run, for the title.
        activation: The hidden activation $g^{[1]}$.
        style: The colours; `PlotStyle`'s defaults by default.

    Returns:
        The ``Axes`` drawn on.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If a parameter, `X` or `Y` has the wrong shape, or `odd`'s shapes
            differ from `even`'s.
        ValueError: If `learning_rate` is not positive, or `even` equals `odd`.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> even = sn.nn_model(X, Y, n_h=4, num_iterations=100, learning_rate=5)
        >>> odd = sn.nn_model(X, Y, n_h=4, num_iterations=101, learning_rate=5)
        >>> ax = sn.plot_two_cycle_cut(even, odd, X, Y, 5)
        >>> print(ax.get_xlabel())
        offset $s$ along the top eigenvector $v$
    """
    from .stability import _flatten, compute_hessian, cost_along_direction

    first = dict(zip(("W1", "b1", "W2", "b2"), check_parameters(even), strict=True))
    second = dict(zip(("W1", "b1", "W2", "b2"), check_parameters(odd), strict=True))
    for key, value in second.items():
        if value.shape != first[key].shape:
            raise ShapeError(
                f"odd[{key!r}] must have the shape of even[{key!r}], "
                f"{first[key].shape}, got {value.shape}"
            )
    learning_rate = positive_number("learning_rate", learning_rate)
    style = style or PlotStyle()
    middle = {key: (first[key] + second[key]) / 2 for key in first}
    H = compute_hessian(middle, X, Y, activation=activation)
    eigenvalues, eigenvectors = np.linalg.eigh((H + H.T) / 2)
    lambda_max, v = float(eigenvalues[-1]), eigenvectors[:, -1]
    centre = _flatten(middle)
    offsets = [float((_flatten(p) - centre) @ v) for p in (first, second)]
    if offsets[1] < 0:  # the later iterate on the right
        v, offsets = -v, [-s for s in offsets]
    reach = 2.5 * max(abs(s) for s in offsets)
    if reach == 0:
        raise ValueError("even and odd must differ along the top eigenvector")
    steps = np.linspace(-reach, reach, 201)
    cut = cost_along_direction(middle, v, X, Y, steps, activation)
    floor = cost_along_direction(middle, v, X, Y, np.zeros(1), activation)[0]
    ends = [
        cost_along_direction(p, np.zeros_like(v), X, Y, np.zeros(1), activation)[0]
        for p in (first, second)
    ]
    ax = _axes("plot_two_cycle_cut", None, (6, 3.8))
    ax.plot(steps, cut, color=style.classes[1], linewidth=1.6, label="$J$ along $v$")
    ax.plot(
        steps,
        floor + 0.5 * lambda_max * steps**2,
        color=style.ink,
        linestyle="--",
        linewidth=1.0,
        label=f"the floor's curvature, $\\lambda_{{\\max}}$ = {lambda_max:.2f}",
    )
    ax.annotate(
        "",
        xy=(offsets[1], ends[1]),
        xytext=(offsets[0], ends[0]),
        arrowprops={"arrowstyle": "<->", "color": style.classes[0], "linewidth": 1.0},
    )
    ax.plot(
        offsets,
        ends,
        "o",
        color=style.classes[0],
        markeredgecolor=style.point_edge,
        markersize=7,
        label="the two iterates",
    )
    ax.plot(
        [0.0],
        [floor],
        "^",
        color=style.ink,
        markeredgecolor=style.point_edge,
        markersize=7,
        label="their midpoint",
    )
    low, high = float(cut.min()), float(max(cut.max(), *ends))
    ax.set_ylim(low - 0.1 * (high - low), high + 0.1 * (high - low))
    ax.set_xlim(-reach, reach)
    ax.set_xlabel("offset $s$ along the top eigenvector $v$")
    ax.set_ylabel("cost $J$")
    ax.grid(color=style.grid, linewidth=0.6)
    ax.legend(loc="upper center", fontsize=8)
    ax.set_title(
        f"A 2-cycle across a valley ($\\alpha$ = {learning_rate:g}, $2/\\alpha$ = {2 / learning_rate:.3g})"
    )
    return ax


#: The dashes of a unit's line: each unit's colour fills a quarter of the pattern, shifted
#: by its number, so four units on one line show as one line of alternating colours.
UNIT_DASH = 4.0
#: The colours of `PlotStyle.rates` that the units' lines take, in order (then repeated):
#: those that differ most from the classes' colours and regions.
UNIT_COLOURS = (1, 4, 5, 0)


def _unit_line(
    w: NDArray[Any], b: float, limits: tuple[float, float, float, float]
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """Two points of the line ``w[0] x1 + w[1] x2 + b = 0`` across the panel, or None for
    ``w = 0``, where $z$ is the constant $b$ and there is no line."""
    x_min, x_max, y_min, y_max = limits
    if abs(w[1]) >= abs(w[0]) and w[1] != 0:  # closer to horizontal: x2 as a function of x1
        x1 = np.array([x_min, x_max])
        return x1, -(w[0] * x1 + b) / w[1]
    if w[0] != 0:
        x2 = np.array([y_min, y_max])
        return -(w[1] * x2 + b) / w[0], x2
    return None


def plot_hidden_units(
    X: Array,
    Y: Array,
    trained: Mapping[str, Mapping[str, Array]],
    *,
    style: PlotStyle | None = None,
) -> Any:
    r"""The line $z_j = 0$ of each hidden unit over its network's decision regions.

    Hidden unit $j$ computes $z_j = W^{[1]}_{j,1} x_1 + W^{[1]}_{j,2} x_2 + b^{[1]}_j$,
    row $j$ of [equation Z1][eq-Z1], so the points where $z_j = 0$ form a line of the
    plane. One panel per network: its decision regions, as `plot_trained_boundary` draws
    them, the examples, and one dashed line per unit in the unit's colour. The dashes of
    the units are shifted against each other, so units that share a line show as one
    line of alternating colours.

    Args:
        X: The examples, shape ``(2, m)``.
        Y: Their labels 0 or 1, shape ``(1, m)`` or ``(m,)``.
        trained: One network per panel, by the panel's title: ``{"W1", "b1", "W2",
            "b2"}`` of shapes ``(n_h, 2)``, ``(n_h, 1)``, ``(1, n_h)``, ``(1, 1)``, as
            `nn_model` returns them.
        style: The colours; `PlotStyle`'s defaults by default. The units take colours
            of ``style.rates``.

    Returns:
        The matplotlib ``Figure``.

    Raises:
        ImportError: Without matplotlib, with the command that installs it.
        ShapeError: If `X` is not ``(2, m)``, `Y` has another $m$, or a network's
            parameters disagree or have other than two inputs.
        ValueError: If `trained` is empty.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")  # draw without a screen
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> parameters = sn.nn_model(X, Y, n_h=4, num_iterations=100)
        >>> fig = sn.plot_hidden_units(X, Y, {"Trained": parameters})
        >>> print(fig.axes[0].get_title(), len(fig.axes[0].get_lines()))
        Trained 4
    """
    X, Y = _examples(X, Y)
    if not trained:
        raise ValueError("trained must hold the parameters of at least one network")
    checked = {}
    for name, parameters in trained.items():
        W1, b1, _, _ = check_parameters(parameters)
        if W1.shape[1] != 2:
            raise ShapeError(
                f"W1 must have shape (n_h, n_x) = (n_h, 2) to draw lines in the plane, "
                f"got {W1.shape} for {name!r}"
            )
        checked[name] = (parameters, W1, b1)
    style = style or PlotStyle()
    columns = len(checked)
    fig, axes = _figure(
        "plot_hidden_units", 1, columns, figsize=(4.2 * columns + 1.3, 4.4), squeeze=False
    )
    limits = _limits(X)
    colours = [style.rates[i % len(style.rates)] for i in UNIT_COLOURS]
    for ax, (name, (parameters, W1, b1)) in zip(axes[0], checked.items(), strict=True):
        _boundary(ax, parameters, X, Y, GRID_STEPS // 2, style)
        _scatter(ax, X, Y, 10, style, rasterized=True)
        phases = min(W1.shape[0], len(colours))
        for j in range(W1.shape[0]):
            line = _unit_line(W1[j], float(b1[j, 0]), limits)
            if line is None:
                continue
            ax.plot(
                *line,
                color=colours[j % len(colours)],
                linewidth=2.2,
                linestyle=(
                    "-"
                    if phases == 1
                    else (UNIT_DASH * (j % phases), (UNIT_DASH, UNIT_DASH * (phases - 1)))
                ),
                label=f"$z_{{{j + 1}}} = 0$",
                zorder=4,
            )
        ax.set_xlim(limits[0], limits[1])
        ax.set_ylim(limits[2], limits[3])
        _axes_labels(ax)
        ax.set_title(name, fontsize=10)
    # The legend shows each unit's colour as a solid line: a shifted dash may fall outside
    # the legend's short sample.
    from matplotlib.lines import Line2D

    handles, labels = axes[0][0].get_legend_handles_labels()
    handles = [
        Line2D([], [], color=handle.get_color(), linewidth=2.2)
        if isinstance(handle, Line2D)
        else handle
        for handle in handles
    ]
    axes[0][-1].legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)
    return fig


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

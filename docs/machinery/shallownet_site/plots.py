"""The site's plots, drawn from ``shallownet`` while the site builds.

The pages therefore always show what the code does. The plugin adds twelve generated
images to the site (and a dark twin of each, see below), which pages reference as
ordinary files::

    ![The flower data set](../assets/plots/flower.svg)

- ``assets/plots/flower.svg``: the data set of `shallownet.load_planar_dataset`;
- ``assets/plots/decision-boundary.svg``: `shallownet.nn_model` with 4 hidden units
  and 10000 iterations, and its decision boundary (the tutorial's snippet prints its
  accuracy, so the plot does not show a second copy);
- ``assets/plots/cost-curve.svg``: the cost of that same model at every iteration;
- ``assets/plots/hidden-sizes.svg``: decision boundaries for 1, 2, 3, 4, 5, 20 and 50
  hidden units, 5000 iterations each;
- ``assets/plots/edge-of-stability.svg``: the cost of the 4-unit model beside the
  sharpness λ_max of `shallownet.lambda_max_history`, every ``SHARPNESS_EVERY``
  iterations, and the limit 2/α;
- ``assets/plots/learning-rates.svg``: the cost of the 4-unit model at every iteration
  for each learning rate of ``LEARNING_RATES``;
- ``assets/plots/activations.svg``: g and g' of the four hidden activations;
- ``assets/plots/loss-gradients.svg``: dz against a for cross-entropy and squared error.
- ``assets/plots/quadratic-iterates.svg``: gradient descent on the one-parameter cost
  J = λθ²/2, λ = ``QUADRATIC_LAMBDA``, for each rate of ``QUADRATIC_RATES``;
- ``assets/plots/two-cycle-cut.svg``: the cost of the 4-unit model along the top
  eigenvector of the Hessian through its iterates ``TWO_CYCLE`` and their midpoint.
- ``assets/plots/hidden-units.svg``: the hidden units' lines of the 4-unit model (the same
  model, not trained again) over its decision regions, beside those of `symmetric_run`,
  trained as long from a start whose rows of W1 are all equal.
- ``assets/plots/held-out.svg``: training and held-out accuracy against the hidden
  size, over ``HELD_OUT_SPLITS`` random splits of the flower (`held_out_runs`).

Each plot also comes in a dark twin, ``NAME-dark.svg``, drawn with the same numbers in
the colours of `DARK` for Material's slate scheme. A page references only ``NAME.svg``;
`pair_dark_twins` turns every such image into the pair that Material shows one of by
scheme, ``NAME.svg#only-light`` and ``NAME-dark.svg#only-dark``.

Each figure is drawn by one helper of `shallownet.plotting` (`FIGURE_HELPERS`), such as
`shallownet.plot_cost_curve`; this module trains the models, picks the colours of a
scheme and writes the SVG. The page's notebook draws the same figure by calling the same
helper in a code cell (`NOTEBOOK_CELLS`, placed by `shallownet_site.notebooks`), so a
figure is never shown from two drawings.

Because the plugin adds them as generated files, ``mkdocs build --strict`` checks the links
to them like links to any other file.

Numbers go into the text through markers, ``plots`` directives of `shallownet_site.source`'s
one grammar (HTML comments, invisible on GitHub):

- ``<!-- plots: flower-accuracy -->``: the training accuracy of the 4-unit model,
  such as ``90.75%`` (or ``90–91%``, see below); it may stand inside a sentence;
- ``<!-- plots: hidden-sizes-table -->``: on a line of its own, the Markdown table of
  training accuracy by hidden-layer size, from the same run as ``hidden-sizes.svg``;
- ``<!-- plots: held-out-table -->``: on a line of its own, the table of training and
  held-out accuracy by hidden size, from the same runs as ``held-out.svg``.

Every accuracy shown holds on every processor. With the learning rate 1.2 some runs
end up swinging (their cost rises at some steps), and from then on rounding, which
differs between processors and numpy builds, decides the last digits. Such a run is
trained again ``NUDGES`` times from inputs scaled by ``1 + k * NUDGE``, a change in
the 12th digit like a different rounding, and the page shows whole percents at least
one apart that hold all of their accuracies, ``90–91%``, instead of one value.

An unknown marker fails the build. Markers inside code (fenced or inline, as
`shallownet_site.source` reads it) are left as they are, so a page can show the syntax.

Training and drawing take a few seconds, so the results are cached under
``.cache/plots/<key>/``, where the key is the SHA-256 of every ``shallownet/*.py``,
of this file and of the numpy and matplotlib versions: a change to the code redraws
the plots, an unchanged tree reuses them. matplotlib is imported only to draw.

The plots are drawn in the build's own process (`draw`), unless the package's sources
changed since this process imported ``shallownet``: that happens only under ``mkdocs
serve``, which keeps the modules of its first build, and then a fresh interpreter draws
them from the sources on disk, or the new cache key would hold plots of the old code.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

import shallownet as sn
from shallownet_site import SiteError, source

log = logging.getLogger("mkdocs.plugins.shallownet.plots")

#: This module: its source is part of the cache key.
HOOK = Path(__file__).resolve()
#: The sources of the package imported above; in a checkout, the repository's shallownet/.
PACKAGE = Path(sn.__file__).resolve().parent
ROOT = PACKAGE.parent
CACHE = ROOT / ".cache" / "plots"
DEST = "assets/plots"

LIGHT_PLOTS = (
    "flower.svg",
    "decision-boundary.svg",
    "cost-curve.svg",
    "hidden-sizes.svg",
    "edge-of-stability.svg",
    "learning-rates.svg",
    "activations.svg",
    "loss-gradients.svg",
    "quadratic-iterates.svg",
    "two-cycle-cut.svg",
    "hidden-units.svg",
    "held-out.svg",
)


def dark_name(name: str) -> str:
    """``flower.svg`` -> ``flower-dark.svg``: the plot drawn for the slate scheme."""
    return name.removesuffix(".svg") + "-dark.svg"


PLOTS = (*LIGHT_PLOTS, *map(dark_name, LIGHT_PLOTS))
VALUES = "values.json"
MARKERS = ("flower-accuracy", "hidden-sizes-table", "held-out-table")
BLOCK_MARKERS = {"hidden-sizes-table", "held-out-table"}

N_H = 4
NUM_ITERATIONS = 10000
HIDDEN_SIZES = (1, 2, 3, 4, 5, 20, 50)
HIDDEN_SIZES_ITERATIONS = 5000
LEARNING_RATE = 1.2  # nn_model's default, the course's
SHARPNESS_EVERY = 100  # λ_max every 100 iterations: 100 Hessians of 34 gradients each
LEARNING_RATES = (0.1, 0.5, 1.0, 1.2, 2.0, 5.0)
# One parameter, J = lam theta^2 / 2: below 1/lam, between 1/lam and 2/lam, above 2/lam.
QUADRATIC_LAMBDA = 1.0
QUADRATIC_RATES = (0.5, 1.5, 2.2)
# Two consecutive late iterates of the 4-unit model at alpha = 1.2, in its 2-cycle.
TWO_CYCLE = (9998, 9999)
# Held-out accuracy: HELD_OUT_SPLITS random splits of the flower's 400 points into
# HELD_OUT_TRAIN for training and the rest held out, drawn by default_rng(0); every size
# of HIDDEN_SIZES trained on each for NUM_ITERATIONS at α = HELD_OUT_RATE, which lets the
# cost fall at (nearly) every step, so the accuracies hold on every processor.
HELD_OUT_SPLITS = 5
HELD_OUT_TRAIN = 300
HELD_OUT_RATE = 0.5
# Okabe-Ito colours for the learning-rate curves (yellow left out: too pale on white).
#: The panels of hidden-units.svg: the 4-unit model, and `symmetric_run`.
HIDDEN_UNITS_TITLES = ("The tutorial's network", "From a symmetric start")
RATE_COLOURS = ("#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#E69F00")

# Okabe-Ito vermillion and blue: told apart with every common colour-vision deficiency.
# The course draws y = 0 in red and y = 1 in blue; the markers differ too.
CLASS_COLOURS = ("#D55E00", "#0072B2")
REGION_COLOURS = ("#F6D3BC", "#BFDCEF")
INK = "#222222"
BORDER = "#B0B0B0"


@dataclass(frozen=True)
class Theme:
    """The colours a plot is drawn in; the data colours keep their meaning in both."""

    background: str  # figure and axes; "none" lets the page show through
    ink: str  # text, axes, the decision boundary, the dashed limit
    border: str  # the thin frame around the figure
    grid: str
    legend: str  # the legend's box, opaque over the lines
    point_edge: str  # the ring around each point, the background's colour
    classes: tuple[str, str]
    regions: tuple[str, str]
    unstable: str  # shading of the iterations where lambda_max > 2 / alpha
    rates: tuple[str, ...]

    @property
    def style(self) -> sn.PlotStyle:
        """The data colours, for the package's plotting helpers, which draw every figure."""
        return sn.PlotStyle(
            ink=self.ink,
            grid=self.grid,
            point_edge=self.point_edge,
            classes=self.classes,
            regions=self.regions,
            unstable=self.unstable,
            rates=self.rates,
        )


LIGHT = Theme(
    background="white",
    ink=INK,
    border=BORDER,
    grid="#DDDDDD",
    legend="white",
    point_edge="white",
    classes=CLASS_COLOURS,
    regions=REGION_COLOURS,
    unstable="#F3E3D9",
    rates=RATE_COLOURS,
)
#: For Material's slate scheme (background about #1E2129): a transparent figure, light ink,
#: the class hues kept (Okabe-Ito's sky blue for the blue, which is too dark there), dark
#: regions of the same hues, and Okabe-Ito's yellow, too pale on white, for the rate 0.5.
DARK = Theme(
    background="none",
    ink="#E2E4E9",
    border="#4B5060",
    grid="#3A3F4C",
    legend="#1E2129",
    point_edge="#1E2129",
    classes=("#E66A1F", "#56B4E9"),
    regions=("#5B3827", "#24435C"),
    unstable="#4A3429",
    rates=("#56B4E9", "#F0E442", "#2FB58E", "#E66A1F", "#CC79A7", "#E69F00"),
)
#: A swinging run is trained again from inputs scaled by 1 + k * NUDGE, k = 1 .. NUDGES.
NUDGE = 1e-12
NUDGES = 3
RASTER_DPI = 150  # resolution of the decision regions, the only pixels in the SVGs


# --- The numbers -------------------------------------------------------------------


def accuracy(parameters: dict[str, Any], X: np.ndarray, Y: np.ndarray) -> float:
    """The fraction of examples that `shallownet.predict` labels correctly."""
    return float(np.mean(sn.predict(parameters, X) == Y))


def percent(fraction: float) -> str:
    """``0.9075`` as ``90.75%``."""
    return f"{fraction:.2%}"


@dataclass
class Run:
    """One trained model, its training accuracy, and the accuracies of its nudged twins.

    ``spread`` is the lowest and the highest accuracy seen over the run and its
    retrainings from nudged inputs; ``swung`` says whether its cost ever rose.
    """

    n_h: int
    num_iterations: int
    parameters: sn.TrainedParameters
    accuracy: float
    spread: tuple[float, float]
    swung: bool

    @property
    def accuracy_text(self) -> str:
        """The accuracy as every processor gives it: ``90.75%``, or ``90–91%``.

        A run that swung shows whole percents only, at least one apart, even when its
        nudged twins happened to agree: a few twins cannot prove that the digits hold.
        """
        if not self.swung:
            return percent(self.accuracy)
        low, high = self.spread
        # 1e-9 absorbs the binary error of fractions such as 0.57 * 100 = 56.999...
        floor = math.floor(low * 100 + 1e-9)
        return f"{floor}–{max(math.ceil(high * 100 - 1e-9), floor + 1)}%"


def cost_rose(parameters: sn.TrainedParameters) -> bool:
    """Whether the cost rose at some step: from there on, rounding decides the digits."""
    return bool(np.any(np.diff(parameters.costs) > 0))


def train(X: np.ndarray, Y: np.ndarray, n_h: int, num_iterations: int) -> Run:
    """`shallownet.nn_model` with the default learning rate 1.2, then its accuracy.

    If the run swung, it is trained again from nudged inputs (see the module's
    docstring), and the accuracies of those runs on the real inputs give ``spread``.
    """
    parameters = sn.nn_model(X, Y, n_h=n_h, num_iterations=num_iterations)
    fraction = accuracy(parameters, X, Y)
    seen = [fraction]
    swung = cost_rose(parameters)
    if swung:
        for k in range(1, NUDGES + 1):
            nudged = sn.nn_model(X * (1 + k * NUDGE), Y, n_h=n_h, num_iterations=num_iterations)
            seen.append(accuracy(nudged, X, Y))
    return Run(n_h, num_iterations, parameters, fraction, (min(seen), max(seen)), swung)


def hidden_size_runs(
    X: np.ndarray,
    Y: np.ndarray,
    sizes: tuple[int, ...] = HIDDEN_SIZES,
    num_iterations: int = HIDDEN_SIZES_ITERATIONS,
) -> list[Run]:
    """One model per hidden-layer size, as in the course's table."""
    return [train(X, Y, n_h, num_iterations) for n_h in sizes]


def accuracy_table(runs: list[Run]) -> str:
    """The Markdown table of training accuracy by hidden-layer size."""
    lines = ["| hidden units $n^{[1]}$ | training accuracy |", "| ---: | ---: |"]
    lines += [f"| {run.n_h} | {run.accuracy_text} |" for run in runs]
    swinging = [str(run.n_h) for run in runs if run.swung]
    if swinging:
        lines += [
            "",
            f"For {' and '.join(swinging)} units the cost swings late in the run, and there "
            "rounding, which differs between processors, decides the last digits of the "
            "accuracy, so the table gives the whole percents around it, wide enough to "
            f"hold it and {NUDGES} runs from inputs changed in the 12th digit.",
        ]
    return "\n".join(lines)


def sharpness_history(
    X: np.ndarray,
    Y: np.ndarray,
    num_iterations: int = NUM_ITERATIONS,
    every: int = SHARPNESS_EVERY,
) -> sn.LambdaMaxHistory:
    """The 4-unit model at α = 1.2, with λ_max every ``every`` iterations."""
    return sn.lambda_max_history(
        X, Y, N_H, range(0, num_iterations, every), num_iterations, LEARNING_RATE
    )


def learning_rate_costs(
    X: np.ndarray,
    Y: np.ndarray,
    rates: tuple[float, ...] = LEARNING_RATES,
    num_iterations: int = NUM_ITERATIONS,
    known: dict[float, np.ndarray] | None = None,
) -> dict[float, np.ndarray]:
    """The cost at every iteration of `shallownet.nn_model` for each learning rate.

    ``known`` holds runs already trained, such as the `sharpness_history` one, whose
    costs are `nn_model`'s bit for bit; they are not trained again.
    """
    known = known or {}
    return {
        alpha: known[alpha]
        if alpha in known
        else sn.nn_model(X, Y, n_h=N_H, num_iterations=num_iterations, learning_rate=alpha).costs
        for alpha in rates
    }


def symmetric_run(
    X: np.ndarray,
    Y: np.ndarray,
    num_iterations: int = NUM_ITERATIONS,
    learning_rate: float = LEARNING_RATE,
) -> dict[str, np.ndarray]:
    """Gradient descent from the symmetric start of the pages (every entry of W1 and W2
    0.01, the biases 0), as ``explanation/hidden-units.md`` runs it: the rows of W1 stay
    equal, one line drawn four times."""
    parameters: dict[str, np.ndarray] = {
        "W1": np.full((N_H, X.shape[0]), 0.01),
        "b1": np.zeros((N_H, 1)),
        "W2": np.full((1, N_H), 0.01),
        "b2": np.zeros((1, 1)),
    }
    for _ in range(num_iterations):
        _, cache = sn.forward_propagation(X, parameters)
        grads = sn.backward_propagation(parameters, cache, X, Y)
        parameters = sn.update_parameters(parameters, grads, learning_rate=learning_rate)
    return parameters


@dataclass
class HeldOut:
    """Training and held-out accuracy of each hidden size on each split (`held_out_runs`)."""

    training: dict[int, list[float]]
    held_out: dict[int, list[float]]
    swung: dict[int, int]  # runs of each size whose cost rose at some step


def held_out_splits(m: int, splits: int = HELD_OUT_SPLITS, seed: int = 0) -> list[np.ndarray]:
    """The orders of the examples: each split trains on the first ``HELD_OUT_TRAIN``."""
    rng = np.random.default_rng(seed)
    return [rng.permutation(m) for _ in range(splits)]


def held_out_runs(
    X: np.ndarray,
    Y: np.ndarray,
    sizes: tuple[int, ...] = HIDDEN_SIZES,
    splits: int = HELD_OUT_SPLITS,
    num_iterations: int = NUM_ITERATIONS,
) -> HeldOut:
    """Each size trained on each split, and its accuracy on the training and held-out points.

    A run whose cost rose at some step is trained again from inputs nudged in the 12th
    digit (`NUDGES` times); if any twin gives other accuracies, the digits would depend
    on the processor, and the build stops rather than print them.
    """
    result = HeldOut({}, {}, {})
    orders = held_out_splits(X.shape[1], splits)
    for n_h in sizes:
        fit, new, swung = [], [], 0
        for order in orders:
            train, test = order[:HELD_OUT_TRAIN], order[HELD_OUT_TRAIN:]
            seen = set()
            for k in range(NUDGES + 1):
                parameters = sn.nn_model(
                    X[:, train] * (1 + k * NUDGE),
                    Y[:, train],
                    n_h=n_h,
                    num_iterations=num_iterations,
                    learning_rate=HELD_OUT_RATE,
                )
                pair = (
                    accuracy(parameters, X[:, train], Y[:, train]),
                    accuracy(parameters, X[:, test], Y[:, test]),
                )
                seen.add(pair)
                if k == 0:
                    fit.append(pair[0])
                    new.append(pair[1])
                    if not cost_rose(parameters):
                        break
                    swung += 1
            if len(seen) > 1:
                raise SiteError(
                    f"plots: held-out accuracy of {n_h} units depends on rounding: {seen}"
                )
        result.training[n_h], result.held_out[n_h], result.swung[n_h] = fit, new, swung
    return result


def held_out_table(result: HeldOut) -> str:
    """The Markdown table of mean training and held-out accuracy, with the held-out range."""
    lines = [
        "| hidden units $n^{[1]}$ | training, mean | held out, mean | held out, lowest–highest |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for n_h, new in result.held_out.items():
        fit = result.training[n_h]
        lines.append(
            f"| {n_h} | {np.mean(fit):.1%} | {np.mean(new):.1%} | {min(new):.0%}–{max(new):.0%} |"
        )
    return "\n".join(lines)


# --- The drawings ------------------------------------------------------------------


def _pyplot() -> Any:
    """matplotlib, imported only when something has to be drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.fonttype": "path",  # glyphs as paths: the same look with no font installed
            "svg.hashsalt": "shallownet",  # stable ids, so the same code gives the same bytes
            "font.family": "DejaVu Sans",
            "font.size": 10,
            "mathtext.fontset": "dejavusans",
            "figure.dpi": 100,
            "axes.titlesize": 11,
            "legend.frameon": True,
            "legend.framealpha": 0.9,
        }
    )
    _use(plt, LIGHT)
    return plt


def _use(plt: Any, theme: Theme) -> None:
    """Draw the next figures in ``theme``'s colours."""
    plt.rcParams.update(
        {
            "figure.facecolor": theme.background,
            "figure.edgecolor": theme.border,
            "axes.facecolor": theme.background,
            "axes.edgecolor": theme.ink,
            "axes.labelcolor": theme.ink,
            "text.color": theme.ink,
            "xtick.color": theme.ink,
            "ytick.color": theme.ink,
            "legend.facecolor": theme.legend,
            "legend.edgecolor": theme.border,
        }
    )


def _svg(fig: Any) -> bytes:
    """The figure as deterministic SVG bytes, with a thin border."""
    fig.patch.set_linewidth(1.0)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", dpi=RASTER_DPI, metadata={"Date": None})
    fig.clf()
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


# Each figure is drawn by one helper of shallownet.plotting, which the page's notebook
# calls too (NOTEBOOK_CELLS); the build only picks the colours and writes the SVG.


def draw_flower(plt: Any, X: np.ndarray, Y: np.ndarray, theme: Theme = LIGHT) -> bytes:
    return _svg(sn.plot_dataset(X, Y, name="The flower", style=theme.style).figure)


def draw_decision_boundary(
    plt: Any, X: np.ndarray, Y: np.ndarray, run: Run, theme: Theme = LIGHT
) -> bytes:
    return _svg(sn.plot_trained_boundary(run.parameters, X, Y, style=theme.style).figure)


def draw_cost_curve(plt: Any, run: Run, theme: Theme = LIGHT) -> bytes:
    axes = sn.plot_cost_curve(
        run.parameters.costs, n_h=run.n_h, learning_rate=LEARNING_RATE, style=theme.style
    )
    return _svg(axes.figure)


def draw_hidden_sizes(
    plt: Any, X: np.ndarray, Y: np.ndarray, runs: list[Run], theme: Theme = LIGHT
) -> bytes:
    trained = {run.n_h: run.parameters for run in runs}
    accuracies = {run.n_h: run.accuracy_text for run in runs}
    return _svg(sn.plot_hidden_sizes(X, Y, trained, accuracies=accuracies, style=theme.style))


def draw_edge_of_stability(
    plt: Any, history: sn.LambdaMaxHistory, learning_rate: float, theme: Theme = LIGHT
) -> bytes:
    """The cost above, the sharpness λ_max and the limit 2/α below, on one iteration axis."""
    return _svg(sn.plot_edge_of_stability(history, learning_rate, n_h=N_H, style=theme.style))


def draw_learning_rates(
    plt: Any, costs_by_rate: dict[float, np.ndarray], theme: Theme = LIGHT
) -> bytes:
    """The cost against the iteration, one curve per learning rate, on a log iteration axis."""
    return _svg(sn.plot_learning_rates(costs_by_rate, n_h=N_H, style=theme.style).figure)


def draw_activations(plt: Any, theme: Theme = LIGHT) -> bytes:
    """g and g' of each hidden activation, one panel each."""
    return _svg(sn.plot_activations(style=theme.style))


def draw_loss_gradients(plt: Any, theme: Theme = LIGHT) -> bytes:
    """dz against a for cross-entropy and squared error, for y = 1 and y = 0."""
    return _svg(sn.plot_loss_gradients(style=theme.style))


def draw_quadratic_iterates(plt: Any, theme: Theme = LIGHT) -> bytes:
    """The one-parameter quadratic's iterates, one panel per rate of ``QUADRATIC_RATES``."""
    return _svg(sn.plot_quadratic_iterates(QUADRATIC_LAMBDA, QUADRATIC_RATES, style=theme.style))


def two_cycle(X: np.ndarray, Y: np.ndarray) -> tuple[sn.TrainedParameters, ...]:
    """The 4-unit model at α = 1.2 after each number of iterations of ``TWO_CYCLE``."""
    return tuple(sn.nn_model(X, Y, n_h=N_H, num_iterations=t) for t in TWO_CYCLE)


def draw_two_cycle_cut(
    plt: Any,
    X: np.ndarray,
    Y: np.ndarray,
    pair: tuple[sn.TrainedParameters, ...],
    theme: Theme = LIGHT,
) -> bytes:
    """The cost along the top eigenvector through the two iterates and their midpoint."""
    even, odd = pair
    return _svg(sn.plot_two_cycle_cut(even, odd, X, Y, LEARNING_RATE, style=theme.style).figure)


def draw_hidden_units(
    plt: Any,
    X: np.ndarray,
    Y: np.ndarray,
    run: Run,
    symmetric: dict[str, np.ndarray],
    theme: Theme = LIGHT,
) -> bytes:
    """The units' lines of ``run`` and of the symmetric start, side by side."""
    trained = dict(zip(HIDDEN_UNITS_TITLES, (run.parameters, symmetric), strict=True))
    return _svg(sn.plot_hidden_units(X, Y, trained, style=theme.style))


def draw_held_out(plt: Any, result: HeldOut, theme: Theme = LIGHT) -> bytes:
    """Held-out accuracy with its spread, and training accuracy, by hidden size."""
    axes = sn.plot_held_out(result.training, result.held_out, style=theme.style)
    return _svg(axes.figure)


# --- The same figures in the notebooks ---------------------------------------------

#: The helper of ``shallownet`` that draws each figure, for the build and the notebook.
FIGURE_HELPERS = {
    "flower": "plot_dataset",
    "decision-boundary": "plot_trained_boundary",
    "cost-curve": "plot_cost_curve",
    "hidden-sizes": "plot_hidden_sizes",
    "edge-of-stability": "plot_edge_of_stability",
    "learning-rates": "plot_learning_rates",
    "activations": "plot_activations",
    "loss-gradients": "plot_loss_gradients",
    "quadratic-iterates": "plot_quadratic_iterates",
    "two-cycle-cut": "plot_two_cycle_cut",
    "hidden-units": "plot_hidden_units",
    "held-out": "plot_held_out",
}

#: The code cell that stands for each figure (and for the hidden sizes' table) in a page's
#: notebook, where the page shows ``![…](…/assets/plots/NAME.svg)`` or the marker alone on
#: its line. It calls the helper that drew the page's figure, on the page's own variables
#: (`shallownet_site.notebooks` checks that earlier snippets define them), with the
#: numbers the build uses. The hidden sizes' cell runs the course's experiment itself.
NOTEBOOK_CELLS = {
    "flower": 'ax = sn.plot_dataset(X, Y, name="The flower")',
    "decision-boundary": "ax = sn.plot_trained_boundary(parameters, X, Y)",
    "cost-curve": (
        f"ax = sn.plot_cost_curve(parameters.costs, n_h={N_H}, learning_rate={LEARNING_RATE})"
    ),
    "hidden-sizes-table": "\n".join(
        [
            f"hidden_sizes = {HIDDEN_SIZES}",
            "trained = {",
            f"    n_h: sn.nn_model(X, Y, n_h=n_h, num_iterations={HIDDEN_SIZES_ITERATIONS})",
            "    for n_h in hidden_sizes",
            "}",
            "for n_h, trained_parameters in trained.items():",
            "    accuracy = np.mean(sn.predict(trained_parameters, X) == Y)",
            '    print(f"{n_h:>2} hidden units: training accuracy {accuracy:.2%}")',
        ]
    ),
    "hidden-sizes": "fig = sn.plot_hidden_sizes(X, Y, trained)",
    "edge-of-stability": f"fig = sn.plot_edge_of_stability(history, {LEARNING_RATE}, n_h={N_H})",
    "learning-rates": "\n".join(
        [
            "costs_by_rate = {",
            f"    alpha: sn.nn_model(X, Y, n_h={N_H}, num_iterations={NUM_ITERATIONS}, "
            "learning_rate=alpha).costs",
            f"    for alpha in {LEARNING_RATES}",
            "}",
            f"ax = sn.plot_learning_rates(costs_by_rate, n_h={N_H})",
        ]
    ),
    "activations": "fig = sn.plot_activations()",
    "loss-gradients": "fig = sn.plot_loss_gradients()",
    "quadratic-iterates": f"fig = sn.plot_quadratic_iterates({QUADRATIC_LAMBDA}, {QUADRATIC_RATES})",
    "two-cycle-cut": f"ax = sn.plot_two_cycle_cut(even, odd, X, Y, {LEARNING_RATE})",
    # the page trains `symmetric`; its own 4-unit model stops at 5000 iterations
    "hidden-units": "\n".join(
        [
            "networks = {",
            f'    "{HIDDEN_UNITS_TITLES[0]}": '
            f"sn.nn_model(X, Y, n_h={N_H}, num_iterations={NUM_ITERATIONS}),",
            f'    "{HIDDEN_UNITS_TITLES[1]}": symmetric,',
            "}",
            "fig = sn.plot_hidden_units(X, Y, networks)",
        ]
    ),
    "held-out-table": "\n".join(
        [
            f"rng = np.random.default_rng(0)  # {HELD_OUT_SPLITS} splits, "
            f"{HELD_OUT_TRAIN} points to train on",
            f"orders = [rng.permutation(X.shape[1]) for _ in range({HELD_OUT_SPLITS})]",
            "training, held_out = {}, {}",
            f"for n_h in {HIDDEN_SIZES}:",
            "    training[n_h], held_out[n_h] = [], []",
            "    for order in orders:",
            f"        train, test = order[:{HELD_OUT_TRAIN}], order[{HELD_OUT_TRAIN}:]",
            "        trained_parameters = sn.nn_model(",
            "            X[:, train], Y[:, train], n_h=n_h, "
            f"num_iterations={NUM_ITERATIONS}, learning_rate={HELD_OUT_RATE}",
            "        )",
            "        for name, columns in ((training, train), (held_out, test)):",
            "            guess = sn.predict(trained_parameters, X[:, columns])",
            "            name[n_h].append(np.mean(guess == Y[:, columns]))",
            "    print(",
            '        f"{n_h:>2} hidden units: training {np.mean(training[n_h]):.1%}, "',
            '        f"held out {np.mean(held_out[n_h]):.1%} "',
            '        f"({min(held_out[n_h]):.0%} to {max(held_out[n_h]):.0%})"',
            "    )",
        ]
    ),
    "held-out": "ax = sn.plot_held_out(training, held_out)",
}


# --- Cache -------------------------------------------------------------------------


def source_files(package: Path = PACKAGE, hook: Path = HOOK) -> list[Path]:
    """The files whose content decides the plots: ``package/*.py`` and this module."""
    return [*sorted(package.glob("*.py")), hook]


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"


def cache_key(package: Path = PACKAGE, hook: Path = HOOK) -> str:
    """SHA-256 of every source that decides the plots, and of the numpy and matplotlib versions."""
    digest = hashlib.sha256()
    for path in source_files(package, hook):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for distribution in ("numpy", "matplotlib"):
        digest.update(f"{distribution}=={_version(distribution)}\0".encode())
    return digest.hexdigest()


@dataclass
class Plots:
    """What the plots add to the site: image files and marker texts."""

    files: dict[str, bytes]
    markers: dict[str, str]
    numbers: dict[str, Any]


def generate() -> Plots:
    """Train every model and draw every plot, in this process."""
    X, Y = sn.load_planar_dataset()
    model = train(X, Y, N_H, NUM_ITERATIONS)
    runs = hidden_size_runs(X, Y)
    history = sharpness_history(X, Y)
    rates = learning_rate_costs(X, Y, known={LEARNING_RATE: history.costs})
    pair = two_cycle(X, Y)
    symmetric = symmetric_run(X, Y)
    held_out = held_out_runs(X, Y)
    plt = _pyplot()
    files: dict[str, bytes] = {}
    for theme in (LIGHT, DARK):
        _use(plt, theme)
        drawn = {
            "flower.svg": draw_flower(plt, X, Y, theme),
            "decision-boundary.svg": draw_decision_boundary(plt, X, Y, model, theme),
            "cost-curve.svg": draw_cost_curve(plt, model, theme),
            "hidden-sizes.svg": draw_hidden_sizes(plt, X, Y, runs, theme),
            "edge-of-stability.svg": draw_edge_of_stability(plt, history, LEARNING_RATE, theme),
            "learning-rates.svg": draw_learning_rates(plt, rates, theme),
            "activations.svg": draw_activations(plt, theme),
            "loss-gradients.svg": draw_loss_gradients(plt, theme),
            "quadratic-iterates.svg": draw_quadratic_iterates(plt, theme),
            "two-cycle-cut.svg": draw_two_cycle_cut(plt, X, Y, pair, theme),
            "hidden-units.svg": draw_hidden_units(plt, X, Y, model, symmetric, theme),
            "held-out.svg": draw_held_out(plt, held_out, theme),
        }
        files |= {(dark_name(name) if theme is DARK else name): svg for name, svg in drawn.items()}
    _use(plt, LIGHT)
    markers = {
        "flower-accuracy": model.accuracy_text,
        "hidden-sizes-table": accuracy_table(runs),
        "held-out-table": held_out_table(held_out),
    }
    numbers = {
        "model": {
            "n_h": model.n_h,
            "num_iterations": model.num_iterations,
            "accuracy": model.accuracy,
            "spread": list(model.spread),
            "swung": model.swung,
            "first_cost": float(model.parameters.costs[0]),
            "final_cost": float(model.parameters.costs[-1]),
        },
        "hidden_sizes": {str(run.n_h): run.accuracy for run in runs},
        "sharpness": {
            "iterations": history.iterations.tolist(),
            "lambda_max": history.lambda_max.tolist(),
        },
        "learning_rates": {f"{alpha:g}": float(costs[-1]) for alpha, costs in rates.items()},
        "held_out": {
            str(n_h): {
                "training": held_out.training[n_h],
                "held_out": held_out.held_out[n_h],
                "swung": held_out.swung[n_h],
            }
            for n_h in held_out.held_out
        },
    }
    return Plots(files, markers, numbers)


def load(directory: Path) -> Plots | None:
    """The plots cached in ``directory``, or None if any file is missing or unreadable."""
    try:
        values = json.loads((directory / VALUES).read_text(encoding="utf-8"))
        files = {name: (directory / name).read_bytes() for name in PLOTS}
        return Plots(files, values["markers"], values["numbers"])
    except (OSError, ValueError, KeyError):
        return None


def save(plots: Plots, cache: Path, key: str) -> None:
    """Write ``cache/key/`` atomically (through a temporary directory) and drop stale keys."""
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=cache))
    tmp.chmod(0o755)  # mkdtemp makes it private
    try:
        for name, content in plots.files.items():
            (tmp / name).write_bytes(content)
        values = {"markers": plots.markers, "numbers": plots.numbers}
        (tmp / VALUES).write_text(json.dumps(values, indent=2) + "\n", encoding="utf-8")
        target = cache / key
        if target.exists():  # an incomplete entry, since `load` failed on it
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.rename(tmp, target)
        except OSError:  # another build wrote the same key meanwhile: same content
            pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for stale in cache.iterdir():
        if stale.name != key and not stale.name.startswith("."):
            shutil.rmtree(stale, ignore_errors=True)


def package_digest(package: Path = PACKAGE) -> str:
    """SHA-256 of the package's ``*.py`` sources, names and contents."""
    digest = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


#: The package's sources as they were when this process imported ``shallownet``.
IMPORTED = package_digest()

#: Run by `generate_in_fresh_interpreter`: `generate`, saved under ``sys.argv[1]``.
FRESH_DRAWING = (
    "import sys; from pathlib import Path; from shallownet_site import plots; "
    "plots.save(plots.generate(), Path(sys.argv[1]), 'plots')"
)


def generate_in_fresh_interpreter() -> Plots:
    """`generate`, run by a new Python process on the sources as they are on disk now.

    Under ``mkdocs serve`` this process imported ``shallownet`` at the first build and
    keeps that module; after an edit the cache key changes, and plots drawn here would
    show the old code under the new key. A fresh interpreter imports the new code.
    """
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-c", FRESH_DRAWING, tmp], check=True, cwd=ROOT)
        plots = load(Path(tmp) / "plots")
    if plots is None:
        raise SiteError("plots: the drawing process wrote no plots")
    return plots


def draw(package: Path = PACKAGE) -> Plots:
    """`generate` in this process, or in a fresh one if ``package`` changed since its import."""
    if package_digest(package) == IMPORTED:
        return generate()
    return generate_in_fresh_interpreter()


def cached_plots(cache: Path = CACHE, package: Path = PACKAGE, hook: Path = HOOK) -> Plots:
    """The plots for the current code: from the cache, or generated and cached."""
    key = cache_key(package, hook)
    plots = load(cache / key)
    if plots is not None:
        return plots
    start = time.perf_counter()
    plots = draw(package)
    log.info("plots: trained and drew %d plots in %.1f s", len(PLOTS), time.perf_counter() - start)
    try:
        save(plots, cache, key)
    except OSError as error:  # a read-only checkout still builds, just without the cache
        log.info("plots: could not cache under %s: %s", cache, error)
    return plots


# --- Markers -----------------------------------------------------------------------


def replace_markers(markdown: str, markers: dict[str, str], page: str = "<page>") -> str:
    """Replace every ``<!-- plots: NAME -->`` outside code with its text."""
    lines = markdown.split("\n")
    found: dict[int, list[source.Directive]] = {}
    for directive in source.directives(markdown, page):
        if directive.name == "plots":
            found.setdefault(directive.line, []).append(directive)
    for number, on_line in found.items():
        line = lines[number - 1]
        pieces: list[str] = []
        last = 0
        for directive in on_line:
            name = directive.argument
            where = f"{page}:{number}"
            if name not in markers:
                known = ", ".join(sorted(markers))
                raise SiteError(f"{where}: unknown plots marker {name!r} (known: {known})")
            text = markers[name]
            if name in BLOCK_MARKERS:
                if not directive.standalone:
                    raise SiteError(f"{where}: the marker {name!r} must stand on a line of its own")
                text = "\n" + text + "\n"
            pieces += [line[last : directive.start], text]
            last = directive.end
        lines[number - 1] = "".join(pieces) + line[last:]
    return "\n".join(lines)


# --- Dark twins ---------------------------------------------------------------------

#: An image of a light plot, ``![alt](../assets/plots/NAME.svg)``, with no fragment yet.
PLOT_IMAGE = re.compile(r"(!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]*assets/plots/[\w-]+)\.svg\))")


def pair_dark_twins(markdown: str) -> str:
    """Each plot image, as Material's pair: the light plot shown in the default scheme,
    its dark twin (the same alt text) in slate."""
    return PLOT_IMAGE.sub(
        lambda m: (
            f"![{m['alt']}]({m['path']}.svg#only-light)"
            f"![{m['alt']}]({m['path']}-dark.svg#only-dark)"
        ),
        markdown,
    )

"""The plotting helpers: the course's plot_decision_boundary, and the figures of the site and its notebooks."""

from __future__ import annotations

import io
import re
import sys

import matplotlib
import numpy as np
import pytest

import shallownet as sn

matplotlib.use("Agg")
import matplotlib.pyplot as plt


@pytest.fixture(scope="module")
def trained() -> tuple[np.ndarray, np.ndarray, sn.TrainedParameters]:
    X, Y = sn.load_planar_dataset()
    return X, Y, sn.nn_model(X, Y, 4, 300)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40)
    return buffer.getvalue()


def test_model_gets_the_course_s_grid_as_rows(trained) -> None:
    X, Y, parameters = trained
    calls: list[np.ndarray] = []

    def model(x: np.ndarray) -> np.ndarray:
        calls.append(x)
        return sn.predict(parameters, x.T)

    ax = sn.plot_decision_boundary(model, X, Y)
    (points,) = calls
    # planar_utils: np.arange(min - 1, max + 1, 0.01) on each axis, one point per row.
    xs = np.arange(X[0].min() - 1, X[0].max() + 1, 0.01)
    ys = np.arange(X[1].min() - 1, X[1].max() + 1, 0.01)
    assert points.shape == (xs.size * ys.size, 2)
    np.testing.assert_array_equal(np.unique(points[:, 0]), xs)
    np.testing.assert_array_equal(np.unique(points[:, 1]), ys)
    assert ax is plt.gca()
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")


def test_regions_are_the_predictions_and_points_the_labels(trained) -> None:
    X, Y, parameters = trained
    _fig, ax = plt.subplots()
    sn.plot_decision_boundary(lambda x: sn.predict(parameters, x.T), X, Y, ax=ax, h=0.1)
    regions, points = ax.collections
    assert isinstance(regions, matplotlib.contour.ContourSet)
    np.testing.assert_array_equal(points.get_offsets(), X.T)
    np.testing.assert_array_equal(points.get_array(), Y.ravel())


def test_labels_as_ints_floats_or_booleans_draw_the_same_picture(trained) -> None:
    # shallownet's predict gives 0/1 ints, v6c's np.round gives floats, W3A1's > 0.5 booleans.
    X, Y, parameters = trained

    def as_ints(x):
        return sn.predict(parameters, x.T)

    def as_floats(x):
        return np.round(sn.forward_propagation(x.T, parameters)[0])

    def as_booleans(x):
        return sn.forward_propagation(x.T, parameters)[0] > 0.5

    def as_rows(x):  # scikit-learn's predict: shape (k,)
        return sn.predict(parameters, x.T).ravel()

    pictures = []
    for model in (as_ints, as_floats, as_booleans, as_rows):
        fig, ax = plt.subplots()
        sn.plot_decision_boundary(model, X, Y, ax=ax, h=0.05)
        pictures.append(png(fig))
    assert all(picture == pictures[0] for picture in pictures)


def test_site_style_regions_boundary_and_no_points(trained) -> None:
    X, Y, parameters = trained
    _fig, ax = plt.subplots()
    sn.plot_decision_boundary(
        lambda x: sn.predict(parameters, x.T),
        X,
        Y,
        ax=ax,
        h=0.1,
        colors=("#F6D3BC", "#BFDCEF"),
        line_color="#222222",
        show_points=False,
    )
    regions, line = ax.collections
    assert isinstance(line, matplotlib.contour.ContourSet)
    assert list(line.levels) == [0.5]
    np.testing.assert_allclose(
        regions.get_facecolor()[:, :3],
        [[0xF6 / 255, 0xD3 / 255, 0xBC / 255], [0xBF / 255, 0xDC / 255, 0xEF / 255]],
    )


def test_a_model_that_forgets_one_label_per_point_is_refused(trained) -> None:
    X, Y, parameters = trained
    message = (
        "model must return one label per row of its input, shape (k,), (1, k) or (k, 1) with k = "
    )
    with pytest.raises(sn.ShapeError, match="^" + re.escape(message)):
        sn.plot_decision_boundary(lambda x: sn.predict(parameters, x.T)[:, :10], X, Y, h=0.5)
    with pytest.raises(sn.ShapeError, match=re.escape("got (2, ")):
        sn.plot_decision_boundary(lambda x: np.zeros((2, x.shape[0] // 2)), X, Y, h=0.5)


def test_bad_X_y_and_h_are_refused(trained) -> None:
    X, Y, parameters = trained

    def model(x):
        return sn.predict(parameters, x.T)

    with pytest.raises(
        sn.ShapeError, match=re.escape("X must have shape (n_x, m) = (2, m), got (400, 2)")
    ):
        sn.plot_decision_boundary(model, X.T, Y)
    with pytest.raises(
        sn.ShapeError, match=re.escape("y must have shape (n_y, m) = (1, 400), got (1, 3)")
    ):
        sn.plot_decision_boundary(model, X, Y[:, :3])
    for h in (0, -0.1, "0.01", True):
        with pytest.raises(ValueError, match=re.escape(f"h must be a positive number, got {h!r}")):
            sn.plot_decision_boundary(model, X, Y, h=h)


def test_without_matplotlib_the_error_names_a_command_that_installs_it(
    trained, monkeypatch
) -> None:
    X, Y, parameters = trained
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    message = (
        "plot_decision_boundary needs matplotlib, which shallownet does not install by "
        "default: pip install matplotlib"
    )
    with pytest.raises(ImportError, match="^" + re.escape(message) + "$"):
        sn.plot_decision_boundary(lambda x: sn.predict(parameters, x.T), X, Y)


# --- The site's figures: one helper each, called by the build and by the notebooks ---------


def test_plot_dataset_marks_each_class_and_counts_them(trained) -> None:
    X, Y, _ = trained
    ax = sn.plot_dataset(X, Y, name="The flower")
    zeros, ones = ax.collections
    np.testing.assert_array_equal(zeros.get_offsets(), X[:, Y[0] == 0].T)
    np.testing.assert_array_equal(ones.get_offsets(), X[:, Y[0] == 1].T)
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["$y = 0$", "$y = 1$"]
    assert ax.get_title() == "The flower: 400 points, 200 with $y = 1$"
    assert sn.plot_dataset(X[:, :3], Y[:, :3]).get_title() == "3 points, 0 with $y = 1$"


def test_plot_trained_boundary_draws_the_predictions_of_the_network(trained) -> None:
    X, Y, parameters = trained
    calls: list[dict] = []
    real = sn.plotting.plot_decision_boundary

    def spy(model, X_, y, **kwargs):
        calls.append(kwargs)
        return real(model, X_, y, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sn.plotting, "plot_decision_boundary", spy)
        ax = sn.plot_trained_boundary(parameters, X, Y, style=sn.PlotStyle(ink="#123456"))
    (call,) = calls
    assert call["line_color"] == "#123456" and call["show_points"] is False
    assert ax.get_title() == "Decision boundary, $n^{[1]}$ = 4, 300 iterations"
    plain = {key: value for key, value in parameters.items()}  # no costs: no iterations
    assert sn.plot_trained_boundary(plain, X, Y).get_title() == "Decision boundary, $n^{[1]}$ = 4"


def test_plot_cost_curve_draws_every_cost(trained) -> None:
    _, _, parameters = trained
    ax = sn.plot_cost_curve(parameters.costs, n_h=4, learning_rate=0.5)
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_ydata(), parameters.costs)
    np.testing.assert_array_equal(line.get_xdata(), np.arange(300))
    assert ax.get_title() == "Cost during gradient descent ($n^{[1]}$ = 4, $\\alpha$ = 0.5)"


def test_plot_hidden_sizes_titles_each_panel_with_its_accuracy(trained) -> None:
    X, Y, parameters = trained
    small = sn.nn_model(X, Y, 1, 300)
    fig = sn.plot_hidden_sizes(X, Y, {4: parameters, 1: small}, accuracies={1: "60–61%"})
    accuracy = np.mean(sn.predict(parameters, X) == Y)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == [f"$n^{{[1]}}$ = 4: {accuracy:.2%}", "$n^{[1]}$ = 1: 60–61%", "", ""]
    assert fig.axes[2].get_legend() is not None  # the spare cell holds the legend
    assert fig.get_suptitle() == "Training accuracy by hidden-layer size, 300 iterations each"
    eight = sn.plot_hidden_sizes(X, Y, dict.fromkeys(range(1, 8), parameters))
    assert len(eight.axes) == 8  # two rows of four: seven panels and the legend


def test_plot_edge_of_stability_shades_where_the_step_is_unstable() -> None:
    iterations = np.arange(0, 500, 100)
    lambda_max = np.array([0.5, 1.0, 1.8, 2.0, 1.5])  # above 2 / 1.2 at 200 and 300
    history = sn.LambdaMaxHistory(iterations, lambda_max, np.linspace(0.7, 0.3, 500))
    fig = sn.plot_edge_of_stability(history, 1.2, n_h=3)
    top, bottom = fig.axes
    for ax in (top, bottom):
        spans = [patch.get_x() for patch in ax.patches]
        assert spans == [200, 300]
    sharpness, limit = bottom.get_lines()
    np.testing.assert_array_equal(sharpness.get_ydata(), lambda_max)
    assert limit.get_ydata()[0] == pytest.approx(2 / 1.2)
    assert top.get_title().startswith("Cost and sharpness ($n_h$ = 3, $\\alpha$ = 1.2)")


def test_plot_learning_rates_draws_one_curve_per_rate(trained) -> None:
    _, _, parameters = trained
    costs_by_rate = {0.1: parameters.costs, 2.0: parameters.costs[:100]}
    ax = sn.plot_learning_rates(costs_by_rate, n_h=4)
    first, second = ax.get_lines()
    assert (first.get_label(), second.get_label()) == ("$\\alpha$ = 0.1", "$\\alpha$ = 2")
    np.testing.assert_array_equal(second.get_xdata(), np.arange(1, 101))
    assert ax.get_xscale() == "log"
    assert ax.get_title() == "Cost by learning rate ($n_h$ = 4, 300 iterations)"


def test_plot_held_out_draws_mean_and_range_of_each_size() -> None:
    training = {1: [0.7, 0.6], 4: [0.9, 0.92]}
    held_out = {1: [0.6, 0.7], 4: [0.86, 0.9]}
    ax = sn.plot_held_out(training, held_out)
    assert [label.get_text() for label in ax.get_xticklabels()] == ["1", "4"]
    (bars,) = ax.containers
    np.testing.assert_allclose(bars.lines[0].get_ydata(), [65.0, 88.0])
    (training_line,) = [line for line in ax.get_lines() if line.get_label() == "training: mean"]
    np.testing.assert_allclose(training_line.get_ydata(), [65.0, 91.0])
    assert ax.get_title() == "Accuracy by hidden-layer size over 2 random splits"


def test_the_helpers_draw_on_a_given_axes(trained) -> None:
    X, Y, parameters = trained
    _fig, axes = plt.subplots(2, 2)
    drawn = [
        sn.plot_dataset(X, Y, ax=axes[0, 0]),
        sn.plot_trained_boundary(parameters, X, Y, ax=axes[0, 1]),
        sn.plot_cost_curve(parameters.costs, n_h=4, ax=axes[1, 0]),
        sn.plot_learning_rates({1.2: parameters.costs}, n_h=4, ax=axes[1, 1]),
    ]
    assert drawn == list(axes.ravel())
    assert len(plt.get_fignums()) == 1


def test_the_helpers_refuse_bad_input_naming_the_argument(trained) -> None:
    X, Y, parameters = trained
    history = sn.LambdaMaxHistory(np.arange(3), np.ones(4), np.ones(10))
    cases = [
        (
            lambda: sn.plot_dataset(X.T, Y),
            sn.ShapeError,
            "X must have shape (n_x, m) = (2, m), got (400, 2)",
        ),
        (
            lambda: sn.plot_dataset(X, Y.T),
            sn.ShapeError,
            "X is (2, 400) and Y is (400, 1): one example per column, so Y should be (1, 400); "
            "did you mean Y.T?",
        ),
        (
            lambda: sn.plot_trained_boundary({**parameters, "b1": np.zeros((3, 1))}, X, Y),
            sn.ShapeError,
            "b1 must have shape",
        ),
        (
            lambda: sn.plot_cost_curve(parameters.costs[None, :], n_h=4),
            sn.ShapeError,
            "costs must have shape (num_iterations), a 1-D array, got (1, 300)",
        ),
        (lambda: sn.plot_cost_curve(parameters.costs, n_h=0), ValueError, "n_h must be at least 1"),
        (
            lambda: sn.plot_cost_curve(parameters.costs, n_h=4, learning_rate=-1),
            ValueError,
            "learning_rate must be finite and positive, got -1",
        ),
        (
            lambda: sn.plot_hidden_sizes(X, Y, {}),
            ValueError,
            "trained must hold the parameters of at least one hidden size",
        ),
        (
            lambda: sn.plot_edge_of_stability(history, n_h=4),
            sn.ShapeError,
            "history.lambda_max must have shape (k) = (3,), got (4,)",
        ),
        (
            lambda: sn.plot_learning_rates({}, n_h=4),
            ValueError,
            "costs_by_rate must hold the costs of at least one learning rate",
        ),
        (
            lambda: sn.plot_learning_rates(dict.fromkeys(range(1, 8), parameters.costs), n_h=4),
            ValueError,
            "costs_by_rate holds 7 learning rates, more than the 6 colours of style.rates",
        ),
        (
            lambda: sn.plot_learning_rates({0.5: parameters.costs[None, :]}, n_h=4),
            sn.ShapeError,
            "costs_by_rate[0.5] must have shape (num_iterations), a 1-D array",
        ),
        (
            lambda: sn.plot_held_out({1: [0.5]}, {2: [0.5]}),
            ValueError,
            "training and held_out must hold the accuracies of the same hidden sizes",
        ),
        (
            lambda: sn.plot_held_out({1: [0.5]}, {1: [0.5, 0.6]}),
            ValueError,
            "every hidden size needs the same number",
        ),
    ]
    for call, error, message in cases:
        with pytest.raises(error, match="^" + re.escape(message)):
            call()


def test_every_helper_names_itself_and_the_install_without_matplotlib(trained, monkeypatch) -> None:
    X, Y, parameters = trained
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    calls = {
        "plot_dataset": lambda: sn.plot_dataset(X, Y),
        "plot_trained_boundary": lambda: sn.plot_trained_boundary(parameters, X, Y),
        "plot_cost_curve": lambda: sn.plot_cost_curve(parameters.costs, n_h=4),
        "plot_hidden_sizes": lambda: sn.plot_hidden_sizes(X, Y, {4: parameters}),
        "plot_edge_of_stability": lambda: sn.plot_edge_of_stability(
            sn.LambdaMaxHistory(np.arange(2), np.ones(2), np.ones(2)), n_h=4
        ),
        "plot_learning_rates": lambda: sn.plot_learning_rates({1.2: parameters.costs}, n_h=4),
        "plot_held_out": lambda: sn.plot_held_out({1: [0.5]}, {1: [0.5]}),
    }
    for name, call in calls.items():
        message = f"{name} needs matplotlib, which shallownet does not install by default: "
        with pytest.raises(ImportError, match="^" + re.escape(message + "pip install matplotlib")):
            call()

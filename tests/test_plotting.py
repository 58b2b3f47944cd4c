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


def test_plot_activations_draws_each_g_and_g_prime_of_the_package() -> None:
    z = np.linspace(-3, 3, 61)
    fig = sn.plot_activations(z)
    assert [ax.get_title() for ax in fig.axes] == [
        "tanh",
        "sigmoid $\\sigma$",
        "ReLU",
        "leaky ReLU",
    ]
    for ax, activation in zip(fig.axes, sn.ACTIVATIONS.values(), strict=True):
        g, g_prime = ax.get_lines()[-2:]
        np.testing.assert_array_equal(g.get_xdata(), z)
        np.testing.assert_array_equal(g.get_ydata(), activation.g(z))
        np.testing.assert_array_equal(g_prime.get_ydata(), activation.g_prime(z))
        # the derivative drawn is the slope of g: centred differences agree between grid points
        slope = np.gradient(activation.g(z), z)
        smooth = np.abs(z) > 0.2  # ReLU's kink at 0
        np.testing.assert_allclose(g_prime.get_ydata()[smooth], slope[smooth], atol=0.02)


def test_plot_loss_gradients_draws_a_minus_y_and_the_squared_error_s_dz() -> None:
    a = np.array([0.001, 0.25, 0.5, 0.75, 0.999])
    fig = sn.plot_loss_gradients(a)
    assert [ax.get_title() for ax in fig.axes] == ["label $y = 1$", "label $y = 0$"]
    for ax, y in zip(fig.axes, (1, 0), strict=True):
        cross_entropy, squared = (line for line in ax.get_lines() if line.get_label()[0] != "_")
        assert cross_entropy.get_label() == "cross-entropy"
        assert squared.get_label() == "squared error"
        np.testing.assert_allclose(cross_entropy.get_ydata(), a - y, rtol=0, atol=1e-15)
        # squared error: d/dz of (sigma(z) - y)^2 / 2 by centred differences
        z, eps = np.log(a / (1 - a)), 1e-6
        numeric = ((sn.sigmoid(z + eps) - y) ** 2 - (sn.sigmoid(z - eps) - y) ** 2) / (4 * eps)
        np.testing.assert_allclose(squared.get_ydata(), numeric, rtol=1e-6, atol=1e-12)


def test_plot_quadratic_iterates_draws_each_rate_s_iterates_on_the_parabola() -> None:
    fig = sn.plot_quadratic_iterates(2.0, (0.2, 0.7, 1.1), theta=-1.5, num_iterations=4)
    assert len(fig.axes) == 3
    for ax, alpha in zip(fig.axes, (0.2, 0.7, 1.1), strict=True):
        parabola, path, start = ax.get_lines()
        theta = sn.quadratic_iterates(-1.5, 2.0, alpha, 4)
        np.testing.assert_array_equal(path.get_xdata(), theta)
        np.testing.assert_allclose(path.get_ydata(), 0.5 * 2.0 * theta**2)
        np.testing.assert_allclose(parabola.get_ydata(), parabola.get_xdata() ** 2)
        assert start.get_xdata()[0] == -1.5
        assert ax.get_title() == f"$\\alpha = {alpha * 2:g}/\\lambda$"
        assert ax.get_xlabel().endswith(f"$\\times$ {1 - alpha * 2:g}")


def test_plot_two_cycle_cut_draws_the_cut_the_iterates_and_their_midpoint(trained) -> None:
    X, Y, _ = trained
    even = sn.nn_model(X, Y, n_h=4, num_iterations=300, learning_rate=5)
    odd = sn.nn_model(X, Y, n_h=4, num_iterations=301, learning_rate=5)
    ax = sn.plot_two_cycle_cut(even, odd, X, Y, 5)
    cut, floor, iterates, middle = ax.get_lines()
    mid = {key: (even[key] + odd[key]) / 2 for key in even}
    H = sn.compute_hessian(mid, X, Y)
    eigenvalues, eigenvectors = np.linalg.eigh((H + H.T) / 2)
    v = eigenvectors[:, -1]
    flat = [
        np.concatenate([p[k].ravel() for k in ("W1", "b1", "W2", "b2")]) for p in (even, odd, mid)
    ]
    s = (flat[1] - flat[2]) @ v
    v = v if s > 0 else -v  # the later iterate on the right
    np.testing.assert_allclose(iterates.get_xdata(), [-abs(s), abs(s)], atol=1e-12)
    costs = [sn.compute_cost(sn.forward_propagation(X, p)[0], Y) for p in (even, odd, mid)]
    np.testing.assert_allclose(iterates.get_ydata(), costs[:2], rtol=1e-12)
    assert (middle.get_xdata()[0], middle.get_ydata()[0]) == (0.0, pytest.approx(costs[2]))
    steps = cut.get_xdata()
    np.testing.assert_allclose(
        cut.get_ydata(), sn.cost_along_direction(mid, v, X, Y, steps), rtol=1e-12
    )
    np.testing.assert_allclose(floor.get_ydata(), costs[2] + 0.5 * eigenvalues[-1] * steps**2)
    assert ax.get_title() == "A 2-cycle across a valley ($\\alpha$ = 5, $2/\\alpha$ = 0.4)"


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
            lambda: sn.plot_activations(np.zeros((2, 3))),
            sn.ShapeError,
            "z must have shape (k), a 1-D array",
        ),
        (
            lambda: sn.plot_activations(np.array([0.0, np.nan])),
            ValueError,
            "z must hold at least two finite values",
        ),
        (
            lambda: sn.plot_loss_gradients(np.array([0.0, 0.5])),
            ValueError,
            "a must lie strictly between 0 and 1",
        ),
        (
            lambda: sn.plot_quadratic_iterates(0.0),
            ValueError,
            "lam must be finite and positive, got 0.0",
        ),
        (
            lambda: sn.plot_quadratic_iterates(1.0, ()),
            ValueError,
            "learning_rates must hold at least one learning rate",
        ),
        (
            lambda: sn.plot_quadratic_iterates(1.0, (0.5, -1.0)),
            ValueError,
            "learning_rates[i] must be finite and positive, got -1.0",
        ),
        (
            lambda: sn.plot_quadratic_iterates(1.0, (0.5,) * 7),
            ValueError,
            "learning_rates holds 7 learning rates, more than the 6 colours of style.rates",
        ),
        (
            lambda: sn.plot_quadratic_iterates(theta=0.0),
            ValueError,
            "theta must not be 0",
        ),
        (
            lambda: sn.plot_two_cycle_cut(
                parameters, {**parameters, "W1": parameters["W1"][:3]}, X, Y
            ),
            sn.ShapeError,
            "W1 must have shape",
        ),
        (
            lambda: sn.plot_two_cycle_cut(parameters, parameters, X, Y),
            ValueError,
            "even and odd must differ along the top eigenvector",
        ),
        (
            lambda: sn.plot_two_cycle_cut(parameters, parameters, X, Y, 0),
            ValueError,
            "learning_rate must be finite and positive, got 0",
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
        "plot_activations": lambda: sn.plot_activations(),
        "plot_loss_gradients": lambda: sn.plot_loss_gradients(),
        "plot_quadratic_iterates": lambda: sn.plot_quadratic_iterates(),
        "plot_two_cycle_cut": lambda: sn.plot_two_cycle_cut(
            parameters, sn.nn_model(X, Y, 4, 301), X, Y
        ),
        "plot_held_out": lambda: sn.plot_held_out({1: [0.5]}, {1: [0.5]}),
        "plot_hidden_units": lambda: sn.plot_hidden_units(X, Y, {"x": parameters}),
    }
    for name, call in calls.items():
        message = f"{name} needs matplotlib, which shallownet does not install by default: "
        with pytest.raises(ImportError, match="^" + re.escape(message + "pip install matplotlib")):
            call()


def test_plot_hidden_units_draws_the_line_of_each_unit(trained) -> None:
    X, Y, parameters = trained
    W1, b1 = parameters["W1"], parameters["b1"]
    same = {**parameters, "W1": np.tile(W1[:1], (4, 1)), "b1": np.tile(b1[:1], (4, 1))}
    fig = sn.plot_hidden_units(X, Y, {"trained": parameters, "symmetric": same})
    left, right = fig.axes
    assert (left.get_title(), right.get_title()) == ("trained", "symmetric")
    for ax, network in ((left, parameters), (right, same)):
        lines = ax.get_lines()
        assert [line.get_label() for line in lines] == [f"$z_{{{j}}} = 0$" for j in (1, 2, 3, 4)]
        for j, line in enumerate(lines):  # both ends lie on z_j = 0, a second route
            ends = np.vstack([line.get_xdata(), line.get_ydata()])
            z = network["W1"][j] @ ends + network["b1"][j]
            np.testing.assert_allclose(z, 0, atol=1e-9)
    # the symmetric network's four lines are one line, drawn with shifted dashes
    first, *others = right.get_lines()
    for line in others:
        np.testing.assert_array_equal(line.get_xydata(), first.get_xydata())
    assert len({line.get_linestyle() for line in right.get_lines()}) == 1  # all dashed
    assert len({line.get_color() for line in right.get_lines()}) == 4  # one colour per unit
    offsets = {line._unscaled_dash_pattern[0] for line in right.get_lines()}
    assert len(offsets) == 4  # each unit's dashes shifted: all four colours show
    assert fig.axes[1].get_legend() is not None


def test_plot_hidden_units_skips_a_unit_with_no_line_and_refuses_bad_input(trained) -> None:
    X, Y, parameters = trained
    flat = {**parameters, "W1": parameters["W1"].copy()}
    flat["W1"][2] = 0  # z_3 = b1[2] everywhere: no line
    (ax,) = sn.plot_hidden_units(X, Y, {"one flat unit": flat}).axes
    assert [line.get_label() for line in ax.get_lines()] == [
        "$z_{1} = 0$",
        "$z_{2} = 0$",
        "$z_{4} = 0$",
    ]
    three_inputs = {**parameters, "W1": np.zeros((4, 3))}
    cases = [
        (lambda: sn.plot_hidden_units(X, Y, {}), ValueError, "trained must hold the parameters"),
        (
            lambda: sn.plot_hidden_units(X, Y, {"x": three_inputs}),
            sn.ShapeError,
            "W1 must have shape (n_h, n_x) = (n_h, 2) to draw lines in the plane, got (4, 3)",
        ),
        (
            lambda: sn.plot_hidden_units(X, Y, {"x": {**parameters, "b1": np.zeros((3, 1))}}),
            sn.ShapeError,
            "b1 must have shape",
        ),
        (
            lambda: sn.plot_hidden_units(X.T, Y, {"x": parameters}),
            sn.ShapeError,
            "X must have shape",
        ),
    ]
    for call, error, message in cases:
        with pytest.raises(error, match="^" + re.escape(message)):
            call()

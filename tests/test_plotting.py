"""plot_decision_boundary: the course's planar_utils signature and drawing, in the package."""

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

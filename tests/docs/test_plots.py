"""The plots (shallownet_site.plots, docs/machinery/) and the hand-drawn diagrams of docs/assets/diagrams/.

Most tests call the module's functions directly, with few iterations, so they run in
well under a second. Tests that train the site's full models are marked slow.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from shallownet_site import SiteError, plots

import shallownet as sn

ROOT = Path(__file__).resolve().parents[2]
HOOK_PATH = Path(plots.__file__)
DIAGRAMS = ROOT / "docs" / "assets" / "diagrams"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def flower() -> tuple[np.ndarray, np.ndarray]:
    return sn.load_planar_dataset()


def _svg_root(content: bytes) -> ET.Element:
    root = ET.fromstring(content)
    assert root.tag == f"{SVG}svg"
    return root


# --- The built site ----------------------------------------------------------------


def test_built_site_has_the_four_plots(built_site: Path) -> None:
    for name in plots.PLOTS:
        path = built_site / "assets" / "plots" / name
        assert path.is_file(), f"{name} is missing from the built site"
        _svg_root(path.read_bytes())


def test_built_site_has_no_plots_marker_left(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        assert "<!-- plots:" not in page.read_text(encoding="utf-8"), page


# --- The numbers -------------------------------------------------------------------


@pytest.mark.parametrize("n_h", [1, 3, 4, 20])
def test_accuracy_table_matches_nn_model_and_predict(
    flower: tuple[np.ndarray, np.ndarray], n_h: int
) -> None:
    X, Y = flower
    num_iterations = 200
    (run,) = plots.hidden_size_runs(X, Y, sizes=(n_h,), num_iterations=num_iterations)
    parameters = sn.nn_model(X, Y, n_h=n_h, num_iterations=num_iterations)
    expected = float(np.mean(sn.predict(parameters, X) == Y))
    assert run.n_h == n_h
    assert run.accuracy == expected
    assert f"| {n_h} | {expected:.2%} |" in plots.accuracy_table([run]).splitlines()


def test_accuracy_table_is_a_markdown_table(flower: tuple[np.ndarray, np.ndarray]) -> None:
    X, Y = flower
    runs = plots.hidden_size_runs(X, Y, sizes=(1, 2), num_iterations=20)
    lines = plots.accuracy_table(runs).splitlines()
    assert lines[0] == "| hidden units $n^{[1]}$ | training accuracy |"
    assert lines[1] == "| ---: | ---: |"
    assert [line.split("|")[1].strip() for line in lines[2:]] == ["1", "2"]


def test_percent_keeps_two_decimals() -> None:
    assert plots.percent(0.9075) == "90.75%"
    assert plots.percent(0.675) == "67.50%"


def _run(accuracy: float, spread: tuple[float, float], swung: bool = True) -> object:
    return plots.Run(4, 10, sn.TrainedParameters(), accuracy, spread, swung)


def test_a_stable_accuracy_shows_all_its_digits() -> None:
    assert _run(0.9075, (0.9075, 0.9075), swung=False).accuracy_text == "90.75%"


@pytest.mark.parametrize(
    ("spread", "text"),
    [
        ((0.9, 0.9075), "90–91%"),
        ((0.9025, 0.9075), "90–91%"),
        ((0.9075, 0.9075), "90–91%"),  # twins that agree prove nothing
        ((0.8975, 0.9025), "89–91%"),
        ((0.57, 0.58), "57–58%"),
        ((0.9, 0.9), "90–91%"),
    ],
)
def test_a_spread_shows_the_whole_percents_around_it(
    spread: tuple[float, float], text: str
) -> None:
    assert _run(spread[0], spread).accuracy_text == text


def test_a_falling_run_is_trained_once(
    flower: tuple[np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    X, Y = flower
    calls: list[float] = []
    real = sn.nn_model

    def counting(X: np.ndarray, *args: object, **kwargs: object) -> sn.TrainedParameters:
        calls.append(float(X[0, 0]))
        return real(X, *args, **kwargs)

    monkeypatch.setattr(plots.sn, "nn_model", counting)
    run = plots.train(X, Y, n_h=4, num_iterations=300)
    assert not run.swung and not plots.cost_rose(run.parameters)
    assert len(calls) == 1
    assert run.spread == (run.accuracy, run.accuracy)
    assert run.accuracy_text == plots.percent(run.accuracy)


def test_a_swinging_run_is_trained_again_from_nudged_inputs(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    # 20 units at α = 1.2 swing long before 5000 iterations: rounding decides the rest.
    run = plots.train(X, Y, n_h=20, num_iterations=5000)
    assert run.swung and plots.cost_rose(run.parameters)
    seen = [run.accuracy]
    for k in range(1, plots.NUDGES + 1):
        twin = sn.nn_model(X * (1 + k * plots.NUDGE), Y, n_h=20, num_iterations=5000)
        seen.append(float(np.mean(sn.predict(twin, X) == Y)))
    assert run.spread == (min(seen), max(seen))


# --- The drawings ------------------------------------------------------------------


def test_drawings_are_deterministic_svg(
    flower: tuple[np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    X, Y = flower
    monkeypatch.setattr(sn.plotting, "GRID_STEPS", 80)  # a coarse grid keeps the test fast
    run = plots.train(X, Y, n_h=2, num_iterations=20)
    other = plots.train(X, Y, n_h=1, num_iterations=20)
    plt = plots._pyplot()
    drawings = {
        "flower": lambda: plots.draw_flower(plt, X, Y),
        "decision-boundary": lambda: plots.draw_decision_boundary(plt, X, Y, run),
        "cost-curve": lambda: plots.draw_cost_curve(plt, run),
        "hidden-sizes": lambda: plots.draw_hidden_sizes(plt, X, Y, [run, other]),
    }
    for name, draw in drawings.items():
        first, second = draw(), draw()
        assert first == second, f"{name} is not byte-for-byte reproducible"
        assert b"<dc:date>" not in first, name
        _svg_root(first)


def test_decision_boundaries_are_drawn_by_the_package_s_function(
    flower: tuple[np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    # One implementation: the site's plots call sn.plot_decision_boundary, as learners do,
    # through the package's figure helpers (shallownet.plotting).
    X, Y = flower
    monkeypatch.setattr(sn.plotting, "GRID_STEPS", 40)
    run = plots.train(X, Y, n_h=2, num_iterations=20)
    calls: list[dict] = []
    real = sn.plotting.plot_decision_boundary

    def spy(model, X_, y, **kwargs):
        calls.append({"X": X_, "y": y, **kwargs})
        return real(model, X_, y, **kwargs)

    monkeypatch.setattr(sn.plotting, "plot_decision_boundary", spy)
    plt = plots._pyplot()
    plots.draw_decision_boundary(plt, X, Y, run)
    plots.draw_hidden_sizes(plt, X, Y, [run, plots.train(X, Y, n_h=1, num_iterations=20)])
    assert len(calls) == 3
    for call in calls:
        np.testing.assert_array_equal(call["X"], X)
        np.testing.assert_array_equal(call["y"], Y)
        assert call["colors"] == plots.REGION_COLOURS and call["line_color"] == plots.INK
        assert call["show_points"] is False  # the helper draws its own markers


def test_each_figure_is_drawn_by_one_helper_of_the_package(
    flower: tuple[np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build draws nothing itself: each SVG is a figure of one shallownet helper, the
    one its notebook cell calls (plots.NOTEBOOK_CELLS)."""
    X, Y = flower
    run = plots.train(X, Y, n_h=2, num_iterations=20)
    history = sn.lambda_max_history(X, Y, 2, range(0, 20, 10), num_iterations=20)
    pair = tuple(sn.nn_model(X, Y, 2, t, learning_rate=5) for t in (20, 21))
    held_out = plots.HeldOut({1: [0.6, 0.7]}, {1: [0.5, 0.6]}, {1: 0})
    called: list[str] = []
    for name in plots.FIGURE_HELPERS.values():
        real = getattr(sn, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            called.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(sn, name, spy)
    plt = plots._pyplot()
    drawings = {
        "flower": lambda: plots.draw_flower(plt, X, Y),
        "decision-boundary": lambda: plots.draw_decision_boundary(plt, X, Y, run),
        "cost-curve": lambda: plots.draw_cost_curve(plt, run),
        "hidden-sizes": lambda: plots.draw_hidden_sizes(plt, X, Y, [run]),
        "edge-of-stability": lambda: plots.draw_edge_of_stability(plt, history, 1.2),
        "learning-rates": lambda: plots.draw_learning_rates(plt, {1.2: run.parameters.costs}),
        "activations": lambda: plots.draw_activations(plt),
        "loss-gradients": lambda: plots.draw_loss_gradients(plt),
        "quadratic-iterates": lambda: plots.draw_quadratic_iterates(plt),
        "two-cycle-cut": lambda: plots.draw_two_cycle_cut(plt, X, Y, pair),
        "hidden-units": lambda: plots.draw_hidden_units(plt, X, Y, run, run.parameters),
        "held-out": lambda: plots.draw_held_out(plt, held_out),
    }
    assert set(drawings) == set(plots.FIGURE_HELPERS)
    assert [name.removesuffix(".svg") for name in plots.LIGHT_PLOTS] == list(drawings)
    for figure, draw in drawings.items():
        called.clear()
        assert draw().startswith(b"<?xml")
        assert called == [plots.FIGURE_HELPERS[figure]], figure
        assert plots.FIGURE_HELPERS[figure] in plots.NOTEBOOK_CELLS[figure], figure


def _svg_text(draw: object) -> str:
    plt = plots._pyplot()
    plt.rcParams["svg.fonttype"] = "none"  # text as text, so the test can read it
    try:
        return draw(plt).decode()  # type: ignore[operator]
    finally:
        plt.rcParams["svg.fonttype"] = "path"


def test_panel_titles_show_the_measured_accuracy(flower: tuple[np.ndarray, np.ndarray]) -> None:
    X, Y = flower
    run = plots.train(X, Y, n_h=3, num_iterations=30)
    svg = _svg_text(lambda plt: plots.draw_hidden_sizes(plt, X, Y, [run]))
    assert f": {run.accuracy:.2%}" in svg


def test_boundary_title_leaves_the_accuracy_to_the_tutorial(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    run = plots.train(X, Y, n_h=3, num_iterations=30)
    svg = _svg_text(lambda plt: plots.draw_decision_boundary(plt, X, Y, run))
    assert "30 iterations" in svg
    assert f"{run.accuracy:.2%}" not in svg


# --- The edge of stability and the learning rates -----------------------------------


def test_sharpness_history_is_lambda_max_along_nn_models_run(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    history = plots.sharpness_history(X, Y, num_iterations=300, every=100)
    assert history.iterations.tolist() == [0, 100, 200]
    np.testing.assert_array_equal(history.costs, sn.nn_model(X, Y, plots.N_H, 300).costs)
    for t, value in zip(history.iterations, history.lambda_max, strict=True):
        at_t = sn.nn_model(X, Y, n_h=plots.N_H, num_iterations=int(t))
        assert value == sn.compute_lambda_max(at_t, X, Y)


def test_learning_rate_costs_are_nn_models_and_reuse_known_runs(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    known = np.array([0.5, 0.25])
    costs = plots.learning_rate_costs(X, Y, (0.5, 1.2), num_iterations=40, known={1.2: known})
    assert list(costs) == [0.5, 1.2]
    assert costs[1.2] is known
    expected = sn.nn_model(X, Y, n_h=plots.N_H, num_iterations=40, learning_rate=0.5).costs
    np.testing.assert_array_equal(costs[0.5], expected)


def test_edge_of_stability_plot_is_reproducible_and_shows_the_limit(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    history = plots.sharpness_history(X, Y, num_iterations=400, every=100)
    plt = plots._pyplot()
    first = plots.draw_edge_of_stability(plt, history, 1.2)
    assert first == plots.draw_edge_of_stability(plt, history, 1.2)
    _svg_root(first)
    svg = _svg_text(lambda plt: plots.draw_edge_of_stability(plt, history, 1.2))
    assert "= 1.67" in svg  # the dashed line 2/α


def test_edge_of_stability_plot_shades_only_unstable_samples(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    history = plots.sharpness_history(X, Y, num_iterations=300, every=100)
    plt = plots._pyplot()
    # At α = 1.2 no sample of the first 300 iterations is above 2/α; at α = 10 all are.
    calm = plots.draw_edge_of_stability(plt, history, 1.2)
    shaded = plots.draw_edge_of_stability(plt, history, 10.0)
    assert calm.count(b"#f3e3d9") == 0
    assert shaded.count(b"#f3e3d9") >= 2 * history.iterations.size


def test_learning_rates_plot_has_one_curve_per_rate(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    costs = plots.learning_rate_costs(X, Y, (0.1, 2.0, 5.0), num_iterations=30)
    plt = plots._pyplot()
    first = plots.draw_learning_rates(plt, costs)
    assert first == plots.draw_learning_rates(plt, costs)
    _svg_root(first)
    svg = _svg_text(lambda plt: plots.draw_learning_rates(plt, costs))
    for label in ("= 0.1", "= 2", "= 5", "30 iterations"):
        assert label in svg, label


def test_activation_and_loss_gradient_plots_are_reproducible_in_both_schemes() -> None:
    plt = plots._pyplot()
    for draw in (plots.draw_activations, plots.draw_loss_gradients):
        light = draw(plt)
        assert light == draw(plt), draw.__name__
        plots._use(plt, plots.DARK)
        try:
            dark = draw(plt, plots.DARK)
        finally:
            plots._use(plt, plots.LIGHT)
        _svg_root(light)
        _svg_root(dark)
        for colour in plots.DARK.classes:  # the curves in the dark scheme's colours
            assert colour.lower() in dark.decode().lower(), (draw.__name__, colour)
            assert colour.lower() not in light.decode().lower(), (draw.__name__, colour)


def test_quadratic_iterates_plot_shows_the_three_rates_and_their_factors() -> None:
    svg = _svg_text(plots.draw_quadratic_iterates)
    assert plots.QUADRATIC_RATES == (0.5, 1.5, 2.2)  # below 1/λ, between 1/λ and 2/λ, above 2/λ
    for factor in ("0.5", "-0.5", "-1.2"):
        assert f"\\times$ {factor}" in svg, factor


def test_two_cycle_cut_is_drawn_from_the_late_iterates_at_1_2(
    flower: tuple[np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    X, Y = flower
    assert plots.TWO_CYCLE == (9998, 9999)
    trained: list[int] = []
    monkeypatch.setattr(
        sn,
        "nn_model",
        lambda X, Y, n_h, num_iterations: trained.append(num_iterations) or (n_h, num_iterations),
    )
    assert plots.two_cycle(X, Y) == ((4, 9998), (4, 9999))
    assert trained == [9998, 9999]


# --- The hidden units' lines --------------------------------------------------------


def test_symmetric_run_is_the_page_s_loop_and_keeps_the_rows_equal(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    parameters = {
        "W1": np.full((4, 2), 0.01),
        "b1": np.zeros((4, 1)),
        "W2": np.full((1, 4), 0.01),
        "b2": np.zeros((1, 1)),
    }
    for _ in range(30):
        _, cache = sn.forward_propagation(X, parameters)
        grads = sn.backward_propagation(parameters, cache, X, Y)
        parameters = sn.update_parameters(parameters, grads, learning_rate=1.2)
    symmetric = plots.symmetric_run(X, Y, num_iterations=30)
    for key, value in parameters.items():
        np.testing.assert_array_equal(symmetric[key], value)
    assert (symmetric["W1"] == symmetric["W1"][0]).all()  # one line, four times
    assert not (symmetric["W1"] == 0.01).all()  # and it moved


def test_hidden_units_plot_is_reproducible_with_a_line_per_unit(
    flower: tuple[np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    X, Y = flower
    monkeypatch.setattr(sn.plotting, "GRID_STEPS", 80)
    run = plots.train(X, Y, n_h=4, num_iterations=50)
    symmetric = plots.symmetric_run(X, Y, num_iterations=20)
    plt = plots._pyplot()
    first = plots.draw_hidden_units(plt, X, Y, run, symmetric)
    assert first == plots.draw_hidden_units(plt, X, Y, run, symmetric)
    _svg_root(first)
    svg = _svg_text(lambda plt: plots.draw_hidden_units(plt, X, Y, run, symmetric))
    for title in plots.HIDDEN_UNITS_TITLES:
        assert title.replace("'", "&#x27;") in svg or title in svg, title


# --- Held-out accuracy --------------------------------------------------------------


def test_held_out_runs_are_nn_model_on_each_split(flower: tuple[np.ndarray, np.ndarray]) -> None:
    """Each size on each split: nn_model at α = 0.5 on the first 300 of a permutation."""
    X, Y = flower
    result = plots.held_out_runs(X, Y, sizes=(2,), splits=2, num_iterations=30)
    orders = plots.held_out_splits(X.shape[1], 2)
    np.testing.assert_array_equal(orders[0], np.random.default_rng(0).permutation(400))
    for i, order in enumerate(orders):
        train, test = order[: plots.HELD_OUT_TRAIN], order[plots.HELD_OUT_TRAIN :]
        parameters = sn.nn_model(
            X[:, train], Y[:, train], n_h=2, num_iterations=30, learning_rate=0.5
        )
        assert result.training[2][i] == plots.accuracy(parameters, X[:, train], Y[:, train])
        assert result.held_out[2][i] == plots.accuracy(parameters, X[:, test], Y[:, test])
    assert result.swung == {2: 0}


def test_held_out_table_shows_means_and_range() -> None:
    result = plots.HeldOut({4: [0.9, 0.92]}, {4: [0.87, 0.91]}, {4: 0})
    table = plots.held_out_table(result).splitlines()
    assert table[2] == "| 4 | 91.0% | 89.0% | 87%–91% |"


def test_held_out_runs_stop_on_digits_that_depend_on_rounding(
    flower: tuple[np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A swinging run whose nudged twin predicts otherwise fails the build."""
    X, Y = flower
    monkeypatch.setattr(plots, "cost_rose", lambda parameters: True)
    monkeypatch.setattr(plots, "NUDGE", 1e-2)  # a large nudge: other predictions
    with pytest.raises(SiteError, match="depends on rounding"):
        plots.held_out_runs(X, Y, sizes=(3,), splits=1, num_iterations=200)


def test_held_out_plot_has_one_error_bar_per_size() -> None:
    result = plots.HeldOut({1: [0.6, 0.7], 5: [0.9, 0.9]}, {1: [0.5, 0.6], 5: [0.8, 0.9]}, {})
    svg = _svg_text(lambda plt: plots.draw_held_out(plt, result))
    for label in ("held out: mean", "training: mean", "2 random splits"):
        assert label in svg, label


# --- The cache ---------------------------------------------------------------------


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of shallownet/*.py and of plots.py, to change without touching the real ones."""
    package = tmp_path / "shallownet"
    package.mkdir()
    for path in (ROOT / "shallownet").glob("*.py"):
        shutil.copy(path, package / path.name)
    hook = tmp_path / "plots.py"
    shutil.copy(HOOK_PATH, hook)
    return package, hook


def test_cache_key_of_a_copy_equals_the_real_key(sources: tuple[Path, Path]) -> None:
    assert plots.cache_key(*sources) == plots.cache_key()


def test_cache_key_changes_with_a_package_source(sources: tuple[Path, Path]) -> None:
    package, hook = sources
    before = plots.cache_key(package, hook)
    model = package / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert plots.cache_key(package, hook) != before


def test_cache_key_changes_with_a_new_module(sources: tuple[Path, Path]) -> None:
    package, hook = sources
    before = plots.cache_key(package, hook)
    (package / "extra.py").write_text("X = 1\n", encoding="utf-8")
    assert plots.cache_key(package, hook) != before


def test_cache_key_changes_with_the_hook(sources: tuple[Path, Path]) -> None:
    package, hook = sources
    before = plots.cache_key(package, hook)
    hook.write_text(hook.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert plots.cache_key(package, hook) != before


def test_cache_key_ignores_other_files(sources: tuple[Path, Path]) -> None:
    package, hook = sources
    before = plots.cache_key(package, hook)
    (package / "notes.txt").write_text("not code\n", encoding="utf-8")
    assert plots.cache_key(package, hook) == before


def _fake_plots(tag: str) -> object:
    files = {
        name: f"<svg xmlns='http://www.w3.org/2000/svg'><!--{tag}--></svg>".encode()
        for name in plots.PLOTS
    }
    return plots.Plots(files, {"flower-accuracy": tag, "hidden-sizes-table": "| a |"}, {})


def test_cached_plots_generates_once_per_key(
    sources: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package, hook = sources
    cache = tmp_path / "cache"
    calls: list[str] = []

    def generate() -> object:
        calls.append("generate")
        return _fake_plots(str(len(calls)))

    monkeypatch.setattr(plots, "draw", lambda package: generate())
    first = plots.cached_plots(cache, package, hook)
    again = plots.cached_plots(cache, package, hook)
    assert calls == ["generate"]
    assert again.files == first.files and again.markers == first.markers
    old_key = plots.cache_key(package, hook)
    assert sorted(p.name for p in (cache / old_key).iterdir()) == sorted(
        [*plots.PLOTS, plots.VALUES]
    )

    (package / "model.py").write_text("# changed\n", encoding="utf-8")
    changed = plots.cached_plots(cache, package, hook)
    assert calls == ["generate", "generate"]
    assert changed.markers["flower-accuracy"] == "2"
    assert [p.name for p in cache.iterdir()] == [plots.cache_key(package, hook)]


def test_cached_plots_regenerates_an_incomplete_entry(
    sources: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package, hook = sources
    cache = tmp_path / "cache"
    monkeypatch.setattr(plots, "draw", lambda package: _fake_plots("x"))
    plots.cached_plots(cache, package, hook)
    entry = cache / plots.cache_key(package, hook)
    (entry / "flower.svg").unlink()
    assert plots.load(entry) is None
    plots.cached_plots(cache, package, hook)
    assert plots.load(entry) is not None


# --- MkDocs events -----------------------------------------------------------------


@pytest.fixture
def site_config(tmp_path: Path) -> object:
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: t\nplugins:\n  - shallownet\n", encoding="utf-8")
    return load_config(config_file=str(config_file))


def test_on_files_adds_the_generated_plots(
    site_config: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _fake_plots("x")
    monkeypatch.setattr(plots, "cached_plots", lambda: fake)
    files = site_config.plugins.on_files(Files([]), config=site_config)  # type: ignore[attr-defined]
    for name in plots.PLOTS:
        file = files.get_file_from_path(f"assets/plots/{name}")
        assert file is not None and file.generated_by
        assert file.content_bytes == fake.files[name]


def test_on_files_refuses_a_checked_in_plot(
    site_config: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plots, "cached_plots", lambda: _fake_plots("x"))
    files = site_config.plugins.on_files(Files([]), config=site_config)  # type: ignore[attr-defined]
    with pytest.raises(PluginError, match=r"generated by shallownet_site\.plots"):
        site_config.plugins.on_files(files, config=site_config)  # type: ignore[attr-defined]


# --- Dark twins --------------------------------------------------------------------


def test_every_plot_has_a_dark_twin() -> None:
    light = [name for name in plots.PLOTS if not name.endswith("-dark.svg")]
    assert light == list(plots.LIGHT_PLOTS)
    assert sorted(plots.PLOTS) == sorted([*light, *map(plots.dark_name, light)])


def test_a_plot_image_becomes_a_light_and_a_dark_image() -> None:
    text = "See:\n\n![The cost J.](../assets/plots/cost-curve.svg)\n"
    paired = plots.pair_dark_twins(text)
    assert paired == (
        "See:\n\n![The cost J.](../assets/plots/cost-curve.svg#only-light)"
        "![The cost J.](../assets/plots/cost-curve-dark.svg#only-dark)\n"
    )
    assert plots.pair_dark_twins(paired) == paired  # only once
    other = "![A diagram.](../assets/diagrams/network-graph.svg)"
    assert plots.pair_dark_twins(other) == other


def test_dark_twin_is_drawn_in_the_dark_colours(flower: tuple[np.ndarray, np.ndarray]) -> None:
    X, Y = flower
    plt = plots._pyplot()
    light = plots.draw_flower(plt, X, Y).decode()
    plots._use(plt, plots.DARK)
    try:
        dark = plots.draw_flower(plt, X, Y, plots.DARK).decode()
    finally:
        plots._use(plt, plots.LIGHT)
    assert plots.DARK.ink.lower() in dark.lower() and plots.DARK.ink.lower() not in light.lower()
    assert "#ffffff" in light.lower() and "#ffffff" not in dark.lower()


# --- Markers -----------------------------------------------------------------------

MARKERS = {"flower-accuracy": "90.75%", "hidden-sizes-table": "| n | acc |\n| - | - |"}


def test_inline_marker_becomes_the_accuracy() -> None:
    text = "It reaches <!-- plots: flower-accuracy --> on the training set."
    assert plots.replace_markers(text, MARKERS) == "It reaches 90.75% on the training set."


def test_table_marker_becomes_a_table_with_blank_lines() -> None:
    text = "Before:\n<!--plots:hidden-sizes-table-->\nAfter."
    assert plots.replace_markers(text, MARKERS) == "Before:\n\n| n | acc |\n| - | - |\n\nAfter."


def test_table_marker_must_stand_alone() -> None:
    with pytest.raises(SiteError, match="line of its own"):
        plots.replace_markers("See <!-- plots: hidden-sizes-table -->", MARKERS, "p.md")


def test_unknown_marker_fails_the_build() -> None:
    with pytest.raises(SiteError, match=r"p\.md:2: unknown plots marker 'flower-acuracy'"):
        plots.replace_markers("ok\n<!-- plots: flower-acuracy -->", MARKERS, "p.md")


def test_markers_in_code_are_left_alone() -> None:
    text = (
        "Write `<!-- plots: anything -->` in a page.\n"
        "```markdown\n<!-- plots: anything -->\n```\n"
        "~~~~\n<!-- plots: flower-accuracy -->\n```\nstill code\n~~~~\n"
    )
    assert plots.replace_markers(text, MARKERS) == text


# --- The site's own run (trains every model: a few seconds) ------------------------


@pytest.mark.slow
def test_generate_draws_every_plot_with_measured_numbers(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    result = plots.cached_plots()  # reuses the build's cache when the code is unchanged
    assert sorted(result.files) == sorted(plots.PLOTS)
    for content in result.files.values():
        _svg_root(content)
    parameters = sn.nn_model(X, Y, n_h=plots.N_H, num_iterations=plots.NUM_ITERATIONS)
    accuracy = float(np.mean(sn.predict(parameters, X) == Y))
    model = result.numbers["model"]
    assert model["accuracy"] == accuracy
    assert model["spread"][0] <= accuracy <= model["spread"][1]
    run = plots.Run(
        plots.N_H, plots.NUM_ITERATIONS, parameters, accuracy, tuple(model["spread"]), True
    )
    assert model["swung"] is True  # α = 1.2 for 10000 iterations swings from ~7800 on
    assert result.markers["flower-accuracy"] == run.accuracy_text
    table = result.markers["hidden-sizes-table"].split("\n\n")[0].splitlines()
    assert [int(line.split("|")[1]) for line in table[2:]] == list(plots.HIDDEN_SIZES)
    # 1 to 5 units never swing at 5000 iterations: the course's numbers, to the digit.
    assert table[2:7] == [
        f"| {n_h} | {plots.percent(result.numbers['hidden_sizes'][str(n_h)])} |"
        for n_h in (1, 2, 3, 4, 5)
    ]
    assert result.numbers["model"]["final_cost"] == pytest.approx(parameters.costs[-1])


@pytest.mark.slow
def test_generated_sharpness_and_learning_rates_are_the_packages(
    flower: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = flower
    numbers = plots.cached_plots().numbers  # reuses the build's cache when the code is unchanged
    sharpness = numbers["sharpness"]
    assert sharpness["iterations"] == list(range(0, plots.NUM_ITERATIONS, plots.SHARPNESS_EVERY))
    for t in (0, 1000):
        at_t = sn.nn_model(X, Y, n_h=plots.N_H, num_iterations=t)
        index = sharpness["iterations"].index(t)
        assert sharpness["lambda_max"][index] == sn.compute_lambda_max(at_t, X, Y)
    assert list(numbers["learning_rates"]) == [f"{alpha:g}" for alpha in plots.LEARNING_RATES]
    final = sn.nn_model(X, Y, n_h=plots.N_H, learning_rate=1.0).costs[-1]
    assert numbers["learning_rates"]["1"] == final  # α = 1 never swings: every digit holds


# --- The diagrams ------------------------------------------------------------------

DIAGRAM_FILES = ["logistic-regression-graph.svg", "network-graph.svg"]


@pytest.mark.parametrize("name", DIAGRAM_FILES)
def test_diagram_is_accessible_svg(name: str) -> None:
    root = _svg_root((DIAGRAMS / name).read_bytes())
    assert root.get("role") == "img"
    assert root.get("viewBox")
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and len((desc.text or "").strip()) > 40
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")


@pytest.mark.parametrize("name", DIAGRAM_FILES)
def test_diagram_is_self_contained(name: str) -> None:
    text = (DIAGRAMS / name).read_text(encoding="utf-8")
    assert "@import" not in text and "@font-face" not in text
    assert "href=" not in text.replace('href="#', "")
    assert 'baseline-shift="super"' in text


def test_network_diagram_feeds_a1_into_z2() -> None:
    root = _svg_root((DIAGRAMS / "network-graph.svg").read_bytes())
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "W[2]a[1] + b[2]" in texts  # the notes' W[2]x is wrong
    for label in ["dz[2] = a[2] − y", "dW[2] = dz[2]a[1]T", "da[1] = W[2]Tdz[2]", "db[1] = dz[1]"]:
        assert label in texts, label


def test_the_light_theme_is_the_package_s_default_style() -> None:
    """A notebook's figure, drawn with the helper's default colours, has the light plot's."""
    assert plots.LIGHT.style == sn.PlotStyle()
    assert plots.DARK.style != sn.PlotStyle()

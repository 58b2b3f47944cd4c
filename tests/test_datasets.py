"""The generated data sets: shapes, dtypes, balance, determinism and geometry."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shallownet as sn

GENERATORS = [sn.make_xor, sn.make_circles, sn.make_moons]


def test_flower_shapes_dtypes_and_balance() -> None:
    X, Y = sn.load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    assert X.dtype == np.float64 and Y.dtype == np.uint8
    assert set(np.unique(Y)) == {0, 1}
    assert int(Y.sum()) == 200
    # Class 0 first, then class 1, as the course builds it.
    assert (Y[0, :200] == 0).all() and (Y[0, 200:] == 1).all()
    assert X.flags.c_contiguous and Y.flags.c_contiguous


def test_flower_is_deterministic_and_fresh() -> None:
    X1, Y1 = sn.load_planar_dataset()
    X2, Y2 = sn.load_planar_dataset()
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    X1[0, 0] = 1e9  # a copy each call: mutating one does not change the next
    assert sn.load_planar_dataset()[0][0, 0] != 1e9


def test_flower_follows_the_course_recipe() -> None:
    """Rebuilt from the recipe in the docstring (RandomState(1), 200 points per class)."""
    rng = np.random.RandomState(1)
    points, labels = [], []
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, 200) + rng.randn(200) * 0.2
        r = 4 * np.sin(4 * t) + rng.randn(200) * 0.2
        points.append(np.stack([r * np.sin(t), r * np.cos(t)]))
        labels.append(np.full(200, j))
    X, Y = sn.load_planar_dataset()
    np.testing.assert_allclose(X, np.hstack(points), rtol=1e-15, atol=1e-15)
    np.testing.assert_array_equal(Y[0], np.concatenate(labels))


def test_flower_petals_have_radius_4_abs_sin_4t() -> None:
    """Loosely: a point at angle t sits at distance about 4|sin 4t| (noise 0.2)."""
    X, _ = sn.load_planar_dataset()
    radius = np.hypot(X[0], X[1])
    angle = np.arctan2(X[0], X[1])  # the point is (r sin t, r cos t)
    # |sin 4t| is the same at t and t + π, so a negative r (the other side) fits too.
    deviation = np.abs(radius - 4 * np.abs(np.sin(4 * angle)))
    assert np.median(deviation) < 0.25
    assert np.mean(deviation < 0.6) > 0.95
    assert radius.max() < 4.8
    # Eight petals: the radius is small near the angles where sin 4t = 0.
    near_zero = np.abs(np.sin(4 * angle)) < 0.1
    assert radius[near_zero].max() < 1.2


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("m", [1, 2, 7, 100, 401])
def test_generators_shapes_and_dtypes(make, m: int) -> None:
    X, Y = make(m=m)
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert X.dtype == np.float64 and Y.dtype == np.uint8
    assert set(np.unique(Y)) <= {0, 1}
    assert np.isfinite(X).all()


@pytest.mark.parametrize("make", [sn.make_circles, sn.make_moons], ids=lambda f: f.__name__)
@settings(max_examples=20, deadline=None)
@given(m=st.integers(1, 500))
def test_circles_and_moons_put_half_in_each_class(make, m: int) -> None:
    _, Y = make(m=m)
    assert int(Y.sum()) == m // 2


@settings(max_examples=20, deadline=None)
@given(m=st.integers(1, 500))
def test_xor_cycles_through_the_four_corners(m: int) -> None:
    _, Y = sn.make_xor(m=m)
    # Corners (0,0), (0,1), (1,0), (1,1) in turn, labels 0, 1, 1, 0.
    np.testing.assert_array_equal(Y[0], np.array([0, 1, 1, 0])[np.arange(m) % 4])


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
def test_generators_are_deterministic_per_seed(make) -> None:
    X1, Y1 = make(m=50, seed=3)
    X2, Y2 = make(m=50, seed=3)
    X3, _ = make(m=50, seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    assert not np.array_equal(X1, X3)


def test_xor_labels_are_the_xor_of_the_quadrant_signs() -> None:
    X, Y = sn.make_xor(m=400, noise=0.1)
    # Noise 0.1 around corners at distance 1 from each axis: no point changes quadrant.
    expected = (X[0] > 0) ^ (X[1] > 0)
    np.testing.assert_array_equal(Y[0], expected.astype(np.uint8))


def test_xor_without_noise_sits_on_the_corners() -> None:
    X, Y = sn.make_xor(m=8, noise=0.0)
    np.testing.assert_array_equal(np.abs(X), np.ones((2, 8)))
    assert Y.tolist() == [[0, 1, 1, 0, 0, 1, 1, 0]]


@pytest.mark.parametrize("factor", [0.2, 0.5, 0.8])
def test_circles_radii(factor: float) -> None:
    X, Y = sn.make_circles(m=101, noise=0.0, factor=factor)
    radius = np.hypot(X[0], X[1])
    np.testing.assert_allclose(radius[Y[0] == 0], 1.0, rtol=1e-14)
    np.testing.assert_allclose(radius[Y[0] == 1], factor, rtol=1e-14)
    # With a little noise the radii stay close, and the classes stay apart.
    X, Y = sn.make_circles(m=400, noise=0.02, factor=factor)
    radius = np.hypot(X[0], X[1])
    assert np.abs(radius[Y[0] == 0] - 1).max() < 0.1
    assert np.abs(radius[Y[0] == 1] - factor).max() < 0.1


def test_moons_without_noise_lie_on_two_half_circles() -> None:
    X, Y = sn.make_moons(m=100, noise=0.0)
    top, bottom = X[:, Y[0] == 0], X[:, Y[0] == 1]
    np.testing.assert_allclose(np.hypot(top[0], top[1]), 1.0, rtol=1e-14)
    np.testing.assert_allclose(np.hypot(bottom[0] - 1, bottom[1] - 0.5), 1.0, rtol=1e-14)
    assert (top[1] >= -1e-15).all() and (bottom[1] <= 0.5 + 1e-15).all()


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
def test_m_must_be_positive(make) -> None:
    with pytest.raises(ValueError, match="m must be at least 1, got 0"):
        make(m=0)
    with pytest.raises(ValueError, match="m must be at least 1, got -5"):
        make(m=-5)
    with pytest.raises(TypeError, match="m must be an integer, got float"):
        make(m=10.0)


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("noise", [-0.1, float("nan"), "0.1", True])
def test_noise_must_be_a_non_negative_number(make, noise) -> None:
    with pytest.raises(ValueError, match="noise must be a number of at least 0, got "):
        make(m=10, noise=noise)


@pytest.mark.parametrize("factor", [0.0, 1.0, -0.5, 2.0])
def test_circles_factor_must_be_between_0_and_1(factor: float) -> None:
    with pytest.raises(ValueError, match="factor must be between 0 and 1, got "):
        sn.make_circles(m=10, factor=factor)


# load_extra_datasets: the course's five sets, drawn with scikit-learn

EXTRA_NAMES = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")


def course_draws(state):
    """The course's generator calls and settings, each set drawn from ``state`` in turn."""
    import sklearn.datasets as skd  # the course extra, installed with .[dev]

    N = 200
    rand = np.random.rand if state is None else state.rand
    return (
        skd.make_circles(n_samples=N, factor=0.5, noise=0.3, random_state=state),
        skd.make_moons(n_samples=N, noise=0.2, random_state=state),
        skd.make_blobs(n_samples=N, random_state=5, n_features=2, centers=6),
        skd.make_gaussian_quantiles(
            mean=None, cov=0.5, n_samples=N, n_features=2, n_classes=2, random_state=state
        ),
        (rand(N, 2), rand(N, 2)),
    )


def assert_same_sets(got, expected) -> None:
    assert len(got) == len(expected) == 5
    for (X, y), (X_ref, y_ref) in zip(got, expected, strict=True):
        np.testing.assert_array_equal(X, X_ref)
        np.testing.assert_array_equal(y, y_ref)


def test_extra_datasets_default_draws_from_numpy_s_global_state() -> None:
    # As the course's planar_utils does: np.random.seed before the call decides.
    np.random.seed(1)  # noqa: NPY002 (the course's global state)
    got = sn.load_extra_datasets()
    np.random.seed(1)  # noqa: NPY002 (the course's global state)
    assert_same_sets(got, course_draws(None))


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_extra_datasets_with_a_seed_equal_the_course_s_after_np_random_seed(seed) -> None:
    np.random.seed(seed)  # noqa: NPY002 (the course's global state)
    from_global = sn.load_extra_datasets()
    assert_same_sets(sn.load_extra_datasets(seed=seed), from_global)
    assert_same_sets(sn.load_extra_datasets(seed=np.random.RandomState(seed)), from_global)


def test_extra_datasets_sizes_labels_and_names() -> None:
    sets = sn.load_extra_datasets(seed=3)
    assert sets._fields == EXTRA_NAMES
    for name in EXTRA_NAMES:
        X, y = getattr(sets, name)
        assert X.shape == (200, 2), name
    for name, classes in (
        ("noisy_circles", 2),
        ("noisy_moons", 2),
        ("blobs", 6),
        ("gaussian_quantiles", 2),
    ):
        _, y = getattr(sets, name)
        assert y.shape == (200,) and sorted(set(y.tolist())) == list(range(classes)), name
    assert sets.no_structure[1].shape == (200, 2)  # uniform noise, not labels
    # blobs always comes from the course's random_state=5.
    np.testing.assert_array_equal(sets.blobs[0], sn.load_extra_datasets(seed=4).blobs[0])
    # The course's cell turns a set into the column layout and trains on it.
    X, Y = sets.noisy_moons
    X, Y = X.T, Y.reshape(1, Y.shape[0])
    assert sn.layer_sizes(X, Y) == (2, 4, 1)


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        ("1", "got str"),
        (True, "got bool"),
        (np.random.default_rng(1), "got Generator"),
    ],
)
def test_extra_datasets_refuse_other_seeds(seed, message) -> None:
    with pytest.raises(
        TypeError,
        match="^seed must be an int, None .* or a np.random.RandomState, " + message + "$",
    ):
        sn.load_extra_datasets(seed=seed)


def test_extra_datasets_without_scikit_learn_name_the_install_command(monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "sklearn", None)
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    with pytest.raises(ImportError, match=r"pip install scikit-learn$"):
        sn.load_extra_datasets()

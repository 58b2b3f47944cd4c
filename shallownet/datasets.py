r"""Small two-dimensional data sets, generated in code: nothing is downloaded.

Every loader returns ``X`` of shape ``(2, m)`` and labels ``Y`` of shape ``(1, m)`` with
dtype ``uint8``, in the course's column layout.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._validation import positive_int

__all__ = [
    "ExtraDatasets",
    "load_extra_datasets",
    "load_planar_dataset",
    "make_circles",
    "make_moons",
    "make_xor",
]

Dataset = tuple[NDArray[np.float64], NDArray[np.uint8]]


def load_planar_dataset() -> Dataset:
    r"""The course's "flower": two classes of 200 points on the petals of $r = 4\sin 4t$.

    The same numbers as the course's ``planar_utils.load_planar_dataset``: a
    ``RandomState(1)`` draws, for each class $j \in \{0, 1\}$, the angles
    $t = \mathrm{linspace}(3.12 j, 3.12 (j+1), 200) + 0.2\,\varepsilon$ and the radii
    $r = 4 \sin(4t) + 0.2\,\varepsilon'$; the point is $(r \sin t, r \cos t)$.

    Returns:
        ``X`` of shape ``(2, 400)`` and ``Y`` of shape ``(1, 400)``, 200 of each class.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.load_planar_dataset()
        >>> print(X.shape, Y.shape, int(Y.sum()))
        (2, 400) (1, 400) 200
        >>> print(X[:, :2])
        [[ 1.20444229  0.1587099 ]
         [ 3.57611415 -1.4821709 ]]
    """
    rng = np.random.RandomState(1)
    m = 400
    N = m // 2  # points per class
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1), dtype=np.uint8)
    a = 4  # the largest radius of a petal
    for j in range(2):
        ix = slice(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rng.randn(N) * 0.2
        r = a * np.sin(4 * t) + rng.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T.copy(), Y.T.copy()


def _check(m: object, noise: object) -> tuple[int, float]:
    m = positive_int("m", m)
    if isinstance(noise, bool) or not isinstance(noise, int | float) or not noise >= 0:
        raise ValueError(f"noise must be a number of at least 0, got {noise!r}")
    return m, float(noise)


def _pack(X: NDArray[Any], y: NDArray[Any]) -> Dataset:
    return np.ascontiguousarray(X.T, dtype=np.float64), y.reshape(1, -1).astype(np.uint8)


def make_xor(m: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    r"""Four clusters at the corners of a square, labelled $y = x_1 \oplus x_2$.

    No straight line separates the classes, so logistic regression fails on it and
    a hidden layer of 2 or more units succeeds.

    Args:
        m: Number of examples.
        noise: Standard deviation of the Gaussian noise added to each corner.
        seed: Seed of the ``RandomState``.

    Returns:
        ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.make_xor(m=8)
        >>> print(X.shape, Y.tolist())
        (2, 8) [[0, 1, 1, 0, 0, 1, 1, 0]]
    """
    m, noise = _check(m, noise)
    rng = np.random.RandomState(seed)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    idx = np.arange(m) % 4
    X = corners[idx] * 2 - 1 + rng.randn(m, 2) * noise
    y = corners[idx, 0].astype(int) ^ corners[idx, 1].astype(int)
    return _pack(X, y)


def make_circles(m: int = 400, noise: float = 0.05, factor: float = 0.5, seed: int = 0) -> Dataset:
    r"""Two concentric circles: label 1 on the inner one, of radius `factor`.

    Args:
        m: Number of examples, split evenly between the circles.
        noise: Standard deviation of the Gaussian noise.
        factor: Radius of the inner circle, between 0 and 1.
        seed: Seed of the ``RandomState``.

    Returns:
        ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.make_circles(m=6, noise=0.0)
        >>> print(((X**2).sum(axis=0) ** 0.5).round(3))
        [1.  1.  1.  0.5 0.5 0.5]
    """
    m, noise = _check(m, noise)
    if not 0 < factor < 1:
        raise ValueError(f"factor must be between 0 and 1, got {factor!r}")
    rng = np.random.RandomState(seed)
    n_out = m - m // 2
    t = np.concatenate(
        [
            np.linspace(0, 2 * np.pi, n_out, endpoint=False),
            np.linspace(0, 2 * np.pi, m // 2, endpoint=False),
        ]
    )
    radius = np.concatenate([np.ones(n_out), np.full(m // 2, factor)])
    X = np.c_[radius * np.cos(t), radius * np.sin(t)] + rng.randn(m, 2) * noise
    y = np.concatenate([np.zeros(n_out), np.ones(m // 2)])
    return _pack(X, y)


def make_moons(m: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    r"""Two interleaving half circles.

    Args:
        m: Number of examples, split evenly between the moons.
        noise: Standard deviation of the Gaussian noise.
        seed: Seed of the ``RandomState``.

    Returns:
        ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.

    Examples:
        >>> import shallownet as sn
        >>> X, Y = sn.make_moons(m=100)
        >>> print(X.shape, int(Y.sum()))
        (2, 100) 50
    """
    m, noise = _check(m, noise)
    rng = np.random.RandomState(seed)
    n_top = m - m // 2
    t_top = np.linspace(0, np.pi, n_top)
    t_bottom = np.linspace(0, np.pi, m // 2)
    top = np.c_[np.cos(t_top), np.sin(t_top)]
    bottom = np.c_[1 - np.cos(t_bottom), 0.5 - np.sin(t_bottom)]
    X = np.r_[top, bottom] + rng.randn(m, 2) * noise
    y = np.r_[np.zeros(n_top), np.ones(m // 2)]
    return _pack(X, y)


RowsDataset = tuple[NDArray[np.float64], NDArray[Any]]
"""A set in scikit-learn's layout: ``X`` of shape ``(m, 2)``, one example per row, and ``y``."""

EXTRA_DATASETS_SIZE = 200  # the course's N


class ExtraDatasets(NamedTuple):
    """The course's five extra data sets, each ``(X, y)`` with one example per **row**.

    A tuple, so the course's ``noisy_circles, noisy_moons, blobs, gaussian_quantiles,
    no_structure = load_extra_datasets()`` unpacks it; the fields name the sets too.
    """

    noisy_circles: RowsDataset
    noisy_moons: RowsDataset
    blobs: RowsDataset
    gaussian_quantiles: RowsDataset
    no_structure: RowsDataset


def load_extra_datasets(seed: int | np.random.RandomState | None = None) -> ExtraDatasets:
    r"""The course's other data sets, drawn as ``planar_utils.load_extra_datasets`` draws them.

    With scikit-learn's generators and the course's settings, $N = 200$ points each:

    - ``noisy_circles``: ``make_circles(N, factor=0.5, noise=0.3)``;
    - ``noisy_moons``: ``make_moons(N, noise=0.2)``;
    - ``blobs``: ``make_blobs(N, random_state=5, n_features=2, centers=6)``, six
      classes (the course makes them binary with ``y % 2``);
    - ``gaussian_quantiles``: ``make_gaussian_quantiles(cov=0.5, n_samples=N,
      n_features=2, n_classes=2)``;
    - ``no_structure``: two uniform ``(N, 2)`` arrays, points and "labels" with no
      relation: the course leaves it out of its loop.

    Each set comes as scikit-learn returns it, in rows: ``X`` of shape ``(200, 2)``
    and ``y`` of shape ``(200,)``. The course turns one into its column layout with
    ``X, Y = X.T, Y.reshape(1, Y.shape[0])``, as its pasted cells still do.

    scikit-learn is an optional dependency: ``pip install scikit-learn`` (or the ``course``
    extra of a clone, ``pip install -e ".[course]"``).

    Args:
        seed: ``None`` (the default) draws from numpy's global state, exactly as the
            course's function does, so ``np.random.seed(1)`` before it decides. An int
            seeds a fresh ``np.random.RandomState``; a ``RandomState`` is drawn from.
            ``blobs`` always uses the course's ``random_state=5``.

    Returns:
        The five sets, in the course's order, as an `ExtraDatasets` tuple.

    Raises:
        ImportError: Without scikit-learn, with the command that installs it.
        TypeError: If `seed` is of another type.

    Examples:
        >>> import shallownet as sn
        >>> sets = sn.load_extra_datasets(seed=1)
        >>> X, y = sets.noisy_moons
        >>> print(X.shape, y.shape, sorted(set(y.tolist())))
        (200, 2) (200,) [0, 1]
        >>> print(sets.blobs[1].max())  # six blobs, labelled 0 to 5
        5
    """
    try:
        import sklearn.datasets as skd  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise ImportError(
            "load_extra_datasets draws the course's sets with scikit-learn, which "
            "shallownet does not install by default: pip install scikit-learn"
        ) from None
    if seed is None:
        state: np.random.RandomState | None = None  # scikit-learn then uses np.random
        rand: Any = np.random.rand
    elif isinstance(seed, np.random.RandomState):
        state, rand = seed, seed.rand
    elif isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(
            "seed must be an int, None (numpy's global random state) or a "
            f"np.random.RandomState, got {type(seed).__name__}"
        )
    else:
        state = np.random.RandomState(int(seed))
        rand = state.rand
    N = EXTRA_DATASETS_SIZE
    noisy_circles = skd.make_circles(n_samples=N, factor=0.5, noise=0.3, random_state=state)
    noisy_moons = skd.make_moons(n_samples=N, noise=0.2, random_state=state)
    blobs = skd.make_blobs(n_samples=N, random_state=5, n_features=2, centers=6)
    gaussian_quantiles = skd.make_gaussian_quantiles(
        mean=None, cov=0.5, n_samples=N, n_features=2, n_classes=2, shuffle=True, random_state=state
    )
    no_structure = rand(N, 2), rand(N, 2)
    return ExtraDatasets(
        (noisy_circles[0], noisy_circles[1]),
        (noisy_moons[0], noisy_moons[1]),
        (blobs[0], blobs[1]),
        (gaussian_quantiles[0], gaussian_quantiles[1]),
        no_structure,
    )

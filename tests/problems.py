"""Random problems shared by the test modules: data, labels and parameters of scale 1."""

from __future__ import annotations

import numpy as np

import shallownet as sn

ACTIVATIONS = list(sn.ACTIVATIONS)  # every hidden activation the package offers


def random_parameters(rng: np.random.Generator, n_x: int, n_h: int, n_y: int = 1) -> dict:
    """W1, b1, W2, b2 drawn from a standard normal, so that no gradient is tiny."""
    return {
        "W1": rng.normal(size=(n_h, n_x)),
        "b1": rng.normal(size=(n_h, 1)),
        "W2": rng.normal(size=(n_y, n_h)),
        "b2": rng.normal(size=(n_y, 1)),
    }


def random_problem(seed: int, n_x: int, n_h: int, m: int) -> tuple[np.ndarray, np.ndarray, dict]:
    """X (n_x, m) standard normal, Y (1, m) of coin-flip labels, and random parameters."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(1, m))
    return X, Y, random_parameters(rng, n_x, n_h)

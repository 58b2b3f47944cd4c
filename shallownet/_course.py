"""The inputs of the course's published test cases, built as the course builds them.

The programming assignment "Planar data classification with one hidden layer" checks a
learner's functions on small fixed inputs (``testCases_v2.py`` in v6c, the same cases
and ``public_tests.py`` in W3A1). They are drawn with ``np.random.seed`` and ``randn``,
or written out as published arrays. ``tests/test_course.py`` holds the package to the
outputs the course prints for them, and `shallownet.check` runs a learner's function on
the same inputs, so the inputs live here, once. The numbers are facts read from the
course's pages; no file of the course is copied.

Every function returns new arrays: a caller may change them without changing the next.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def seeded(seed: int, *shapes: tuple[int, ...]) -> list[Array]:
    """``np.random.seed(seed)``, then one ``randn`` per shape: the course's test inputs.

    The course draws from numpy's global state, so this sets it, as the course does.
    """
    np.random.seed(seed)  # noqa: NPY002 (the course's global state)
    return [np.random.randn(*shape) for shape in shapes]  # noqa: NPY002


def W1_test() -> Array:
    """``W1`` of forward_propagation_test_case and compute_cost_test_case, (4, 2)."""
    return np.array(
        [
            [-0.00416758, -0.00056267],
            [-0.02136196, 0.01640271],
            [-0.01793436, -0.00841747],
            [0.00502881, -0.01245288],
        ]
    )


def W2_test() -> Array:
    """``W2`` of the same cases, (1, 4)."""
    return np.array([[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])


def layer_sizes_case() -> tuple[Array, Array]:
    """layer_sizes_test_case: ``X`` (5, 3) and ``Y`` (2, 3)."""
    X, Y = seeded(1, (5, 3), (2, 3))
    return X, Y


def forward_case() -> tuple[Array, dict[str, Array]]:
    """forward_propagation_test_case (v6c's testCases_v2 and W3A1's, the same)."""
    X, b1 = seeded(1, (2, 3), (4, 1))
    return X, {"W1": W1_test(), "b1": b1, "W2": W2_test(), "b2": np.array([[-1.3]])}


def cost_case() -> tuple[Array, NDArray[np.bool_], dict[str, Array]]:
    """compute_cost_test_case: ``A2`` (1, 3), boolean ``Y``, and v6c's third argument."""
    (Y,) = seeded(1, (1, 3))
    parameters = {"W1": W1_test(), "b1": np.zeros((4, 1)), "W2": W2_test(), "b2": np.zeros((1, 1))}
    return np.array([[0.5002307, 0.49985831, 0.50023963]]), Y > 0, parameters


def backward_case() -> tuple[dict[str, Array], dict[str, Array], Array, NDArray[np.bool_]]:
    """backward_propagation_test_case: ``parameters``, the printed ``cache``, ``X``, ``Y``."""
    X, Y = seeded(1, (2, 3), (1, 3))
    parameters = {"W1": W1_test(), "b1": np.zeros((4, 1)), "W2": W2_test(), "b2": np.zeros((1, 1))}
    cache = {
        "A1": np.array(
            [
                [-0.00616578, 0.0020626, 0.00349619],
                [-0.05225116, 0.02725659, -0.02646251],
                [-0.02009721, 0.0036869, 0.02883756],
                [0.02152675, -0.01385234, 0.02599885],
            ]
        ),
        "A2": np.array([[0.5002307, 0.49985831, 0.50023963]]),
        "Z1": np.array(
            [
                [-0.00616586, 0.0020626, 0.0034962],
                [-0.05229879, 0.02726335, -0.02646869],
                [-0.02009991, 0.00368692, 0.02884556],
                [0.02153007, -0.01385322, 0.02600471],
            ]
        ),
        "Z2": np.array([[0.00092281, -0.00056678, 0.00095853]]),
    }
    return parameters, cache, X, Y > 0


def update_case() -> tuple[dict[str, Array], dict[str, Array]]:
    """update_parameters_test_case: ``parameters`` and ``grads`` (the same in both versions).

    predict_test_case uses the same ``parameters``.
    """
    parameters = {
        "W1": np.array(
            [
                [-0.00615039, 0.0169021],
                [-0.02311792, 0.03137121],
                [-0.0169217, -0.01752545],
                [0.00935436, -0.05018221],
            ]
        ),
        "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
        "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
        "b2": np.array([[9.14954378e-05]]),
    }
    grads = {
        "dW1": np.array(
            [
                [0.00023322, -0.00205423],
                [0.00082222, -0.00700776],
                [-0.00031831, 0.0028636],
                [-0.00092857, 0.00809933],
            ]
        ),
        "dW2": np.array([[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03]]),
        "db1": np.array([[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07], [5.46467802e-07]]),
        "db2": np.array([[-1.08923140e-05]]),
    }
    return parameters, grads


def nn_model_case() -> tuple[Array, NDArray[np.bool_]]:
    """nn_model_test_case (both versions): a random (2, 3) ``X`` and boolean labels."""
    X, Y = seeded(1, (2, 3), (1, 3))
    return X, Y > 0


def predict_case() -> tuple[dict[str, Array], Array]:
    """predict_test_case: update_parameters_test_case's ``parameters`` and a (2, 3) ``X``."""
    parameters, _ = update_case()
    (X,) = seeded(1, (2, 3))
    return parameters, X

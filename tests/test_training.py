"""The fused `Trainer` step equals the page's functions, step by step, and never copies X.

The reference is the course's loop written with the public functions:
`forward_propagation`, `compute_cost`, `backward_propagation`, `update_parameters`.
Both ways of computing layer 1 are held to it, with the bias folded into the product
(a copy [X; 1]) and without (X read where it lies, in C or Fortran order).
No timing here: speed is measured by `benchmarks/bench_training.py` and
`benchmarks/bench_memory.py`; memory is counted with tracemalloc, which sees every
array numpy allocates.
"""

from __future__ import annotations

import tracemalloc
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray
from problems import ACTIVATIONS

import shallownet as sn
from shallownet._training import Trainer, blas_ready, folds_bias, working_set_bytes

# (n_x, n_h, n_y, m): the flower set's sizes, n_h = 1, m = 1, both, n_y > 1, and a
# larger m (each test runs both with the bias folded into [X; 1] and without).
SHAPES = [
    (2, 4, 1, 400),
    (3, 1, 1, 17),
    (5, 6, 1, 1),
    (1, 1, 1, 1),
    (7, 5, 3, 23),
    (30, 9, 1, 64),
    (2, 11, 1, 10_000),
]
RTOL = {np.float64: 1e-10, np.float32: 1e-4}


# What a step may allocate for a moment, whatever the sizes: a broadcasting ufunc
# (b1 added to Z1, rows scaled by dZ2) takes numpy's buffer of 8192 numbers per
# operand; and small Python and numpy objects.
def slack(itemsize: int) -> int:
    return 3 * 8192 * itemsize + 16 * 1024


STEPS = 30
KEYS = ("W1", "b1", "W2", "b2")


def make_problem(
    n_x: int, n_h: int, n_y: int, m: int, dtype: type, seed: int = 0
) -> tuple[NDArray[Any], NDArray[Any], dict[str, NDArray[Any]]]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m)).astype(dtype)
    Y = (rng.random((n_y, m)) > 0.5).astype(np.int64)
    # Larger weights than the course's 0.01, so the hidden units leave their linear range.
    parameters = sn.initialize_parameters(n_x, n_h, n_y, seed=seed, dtype=dtype)
    parameters["W1"] = parameters["W1"] * 50
    # Nonzero biases: a bias that stays near 0 is a float32 cancellation (a mean of
    # dZ of both signs), and a relative tolerance on it would test the rounding.
    parameters["b1"] = rng.standard_normal((n_h, 1)).astype(dtype) * 0.1
    parameters["b2"] = rng.standard_normal((n_y, 1)).astype(dtype) * 0.1
    return X, Y, parameters


def page_step(
    X: NDArray[Any], Y: NDArray[Any], parameters: dict[str, NDArray[Any]], activation: str
) -> tuple[float, dict[str, NDArray[Any]]]:
    """One iteration of the course's loop, one page function per line."""
    _, cache = sn.forward_propagation(X, parameters, activation)
    cost = sn.compute_cost_from_logits(cache["Z2"], Y)
    grads = sn.backward_propagation(parameters, cache, X, Y, activation)
    return cost, sn.update_parameters(parameters, grads, learning_rate=1.2)


def assert_parameters_close(
    got: dict[str, NDArray[Any]], expected: dict[str, NDArray[Any]], rtol: float, what: str
) -> None:
    """Each entry within rtol of its layer's scale, the largest entry of its [W b].

    A bias is the mean of a dZ whose entries have both signs, so it can sit near 0
    while its rounding error (float32) is on the scale of the layer's weights.
    """
    for layer in ("1", "2"):
        W, b = expected["W" + layer], expected["b" + layer]
        scale = max(float(np.max(np.abs(W))), float(np.max(np.abs(b))))
        for key in ("W" + layer, "b" + layer):
            assert got[key].shape == expected[key].shape, key
            np.testing.assert_allclose(
                got[key], expected[key], rtol=rtol, atol=rtol * scale, err_msg=f"{key} {what}"
            )


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("fold", [True, False], ids=["fold", "no-fold"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_step_equals_page_functions(
    shape: tuple[int, int, int, int], activation: str, dtype: type, fold: bool, order: str
) -> None:
    X, Y, parameters = make_problem(*shape, dtype=dtype)
    X = np.asarray(X, order=order)
    trainer = Trainer(X, Y, parameters, activation, 1.2, fold=fold)
    assert trainer.fold is fold
    rtol = RTOL[dtype]
    # compute_cost takes log(A2) where A2 rounds near 1: its error there is absolute, a few
    # ulps, which matters once J itself is tiny (m = 1 and a confident network).
    atol = 10 * float(np.finfo(dtype).eps)
    for i in range(STEPS):
        expected_cost, parameters = page_step(X, Y, parameters, activation)
        cost = trainer.step()
        assert type(cost) is float
        np.testing.assert_allclose(
            cost, expected_cost, rtol=rtol, atol=atol, err_msg=f"J, step {i}"
        )
        got = trainer.parameters()
        assert all(got[key].dtype == dtype for key in KEYS)
        assert_parameters_close(got, parameters, rtol, f"after step {i}")


def regularized_page_step(
    X: NDArray[Any],
    Y: NDArray[Any],
    parameters: dict[str, NDArray[Any]],
    activation: str,
    lambd: float,
) -> tuple[float, dict[str, NDArray[Any]]]:
    """One iteration of the loop on J_reg: the regularized cost and gradients."""
    _, cache = sn.forward_propagation(X, parameters, activation)
    cost = sn.compute_cost_from_logits(cache["Z2"], Y)
    cost += sn.l2_regularization_cost(parameters, lambd, X.shape[1])
    grads = sn.backward_propagation_with_regularization(parameters, cache, X, Y, lambd, activation)
    return cost, sn.update_parameters(parameters, grads, learning_rate=1.2)


@pytest.mark.parametrize("lambd", [0.5, 20.0])
@pytest.mark.parametrize("fold", [True, False], ids=["fold", "no-fold"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_regularized_step_equals_page_functions(
    shape: tuple[int, int, int, int], activation: str, dtype: type, fold: bool, lambd: float
) -> None:
    """With λ > 0 the step adds the L2 penalty to J and (λ/m) W to each dW, not to db."""
    X, Y, parameters = make_problem(*shape, dtype=dtype)
    m = shape[3]
    parameters["W1"] = parameters["W1"] / 50  # weights the penalty does not swamp
    trainer = Trainer(X, Y, parameters, activation, 1.2, fold=fold, lambd=lambd * m / 400)
    rtol, atol = RTOL[dtype], 10 * float(np.finfo(dtype).eps)
    for i in range(STEPS):
        expected_cost, parameters = regularized_page_step(
            X, Y, parameters, activation, lambd * m / 400
        )
        cost = trainer.step()
        np.testing.assert_allclose(cost, expected_cost, rtol=rtol, atol=atol, err_msg=f"J, {i}")
        assert_parameters_close(trainer.parameters(), parameters, rtol, f"after step {i}")


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("b2", [-1e5, -100.0, -25.0, 25.0, 100.0, 1e5])
def test_saturated_outputs_cost_the_exact_cross_entropy(dtype: type, b2: float) -> None:
    """Z2 far from 0: A2 rounds to 1 (Z2 > 37 in float64) or is below tiny (Z2 < -708).

    `compute_cost` can only clamp there, charging each wrong example -log(tiny), about 708
    in float64 and 87 in float32. The step records the cross-entropy from Z2, as
    `compute_cost_from_logits` does, exact on every branch, also where 1 - A2 is a few
    ulps of 1 (Z2 = 25): each wrong example costs about |Z2|, each right one about 0.
    """
    X, Y, parameters = make_problem(3, 4, 1, 50, dtype=dtype, seed=1)
    parameters["b2"] = np.full_like(parameters["b2"], b2)
    parameters["W2"] = parameters["W2"] * 0.01  # Z2 = b2 + a little
    trainer = Trainer(X, Y, parameters, "tanh", 1.2)
    expected_cost, expected = page_step(X, Y, parameters, "tanh")
    cost = trainer.step()
    assert np.isfinite(cost)
    np.testing.assert_allclose(cost, expected_cost, rtol=RTOL[dtype])
    wrong = np.mean(Y == (1 if b2 < 0 else 0))  # the share of examples on the wrong side
    np.testing.assert_allclose(cost, wrong * abs(b2), rtol=1e-2)
    assert_parameters_close(trainer.parameters(), expected, RTOL[dtype], "after one step")


def test_parameters_returns_copies() -> None:
    X, Y, parameters = make_problem(2, 4, 1, 10, dtype=np.float64)
    originals = {k: v.copy() for k, v in parameters.items()}
    trainer = Trainer(X, Y, parameters, "tanh", 1.2)
    first = trainer.parameters()
    for value in first.values():
        value[...] = 123.0
    second = trainer.parameters()
    for key in KEYS:
        np.testing.assert_array_equal(second[key], originals[key])
        assert second[key] is not first[key]
        assert second[key].flags.owndata and second[key].flags.writeable
    trainer.step()
    # Training never writes into the caller's arrays, nor into copies handed out earlier.
    for key in KEYS:
        np.testing.assert_array_equal(parameters[key], originals[key])
        np.testing.assert_array_equal(second[key], originals[key])
    assert not np.array_equal(trainer.parameters()["W1"], originals["W1"])


@pytest.mark.parametrize("Y_dtype", [np.bool_, np.int64, np.float64])
def test_labels_of_any_dtype(Y_dtype: type) -> None:
    X, Y, parameters = make_problem(2, 3, 1, 20, dtype=np.float32)
    trainer = Trainer(X, Y.astype(Y_dtype), parameters, "tanh", 1.2)
    expected_cost, _ = page_step(X, Y, parameters, "tanh")
    np.testing.assert_allclose(trainer.step(), expected_cost, rtol=1e-4)
    assert all(v.dtype == np.float32 for v in trainer.parameters().values())


def traced_peak(run: Any) -> int:
    """The peak of numpy's allocations, in bytes, while `run()` runs (tracemalloc)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def layouts(n_x: int, m: int, dtype: type) -> dict[str, NDArray[Any]]:
    """X in each layout that BLAS reads in place: C, Fortran, and a slice of a wider X."""
    wide = np.random.default_rng(3).standard_normal((n_x, 2 * m)).astype(dtype)
    return {
        "C": np.ascontiguousarray(wide[:, :m]),
        "F": np.asfortranarray(wide[:, :m]),
        "columns of a wider C array": wide[:, :m],
        "rows of a taller F array": np.asfortranarray(np.vstack([wide, wide]))[:n_x, :m],
    }


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "layout", ["C", "F", "columns of a wider C array", "rows of a taller F array"]
)
def test_large_X_is_never_copied(dtype: type, layout: str) -> None:
    """MNIST-like proportions (n_x > n_h): no fold, X read where it lies.

    Counted with tracemalloc: the set-up and two steps allocate the working set of
    `working_set_bytes` and nothing of X's size, and the trainer reads the caller's X.
    """
    n_x, n_h, m = 300, 8, 4000
    X = layouts(n_x, m, dtype)[layout]
    assert blas_ready(X)
    Y = (np.random.default_rng(4).random((1, m)) < 0.5).astype(np.int64)
    parameters = sn.initialize_parameters(n_x, n_h, 1, dtype=dtype)
    assert not folds_bias(n_x, n_h, m)
    trainers: list[Trainer] = []

    def run() -> None:
        trainers.append(Trainer(X, Y, parameters, "tanh", 1.2))
        trainers[0].step()
        trainers[0].step()

    peak = traced_peak(run)
    trainer = trainers[0]
    assert trainer.X is X and np.shares_memory(trainer.X, X)
    bound = working_set_bytes(n_x, n_h, 1, m, np.dtype(dtype).itemsize)
    assert bound < X.nbytes / 2  # so that a copy of X could not hide in the bound
    assert peak <= bound + slack(X.itemsize), (peak, bound)


def test_X_that_BLAS_cannot_read_is_copied_once_not_at_every_step() -> None:
    """A stride-2 slice: np.matmul would multiply it without BLAS, so set-up copies it."""
    n_x, n_h, m = 300, 8, 4000
    X = np.random.default_rng(5).standard_normal((n_x, 2 * m))[:, ::2]
    assert not blas_ready(X)
    Y = np.zeros((1, m), np.int64)
    parameters = sn.initialize_parameters(n_x, n_h, 1)
    trainers: list[Trainer] = []
    peak = traced_peak(lambda: trainers.append(Trainer(X, Y, parameters, "tanh", 1.2)))
    assert X.nbytes <= peak <= X.nbytes + working_set_bytes(n_x, n_h, 1, m, 8) + slack(8)
    np.testing.assert_array_equal(trainers[0].X, X)
    assert trainers[0].X.flags.c_contiguous and not np.shares_memory(trainers[0].X, X)
    steps = traced_peak(lambda: (trainers[0].step(), trainers[0].step()))
    assert steps <= slack(8)


@pytest.mark.parametrize("lambd", [0.0, 0.5])
@pytest.mark.parametrize("n_y", [1, 3])
@pytest.mark.parametrize("fold", [True, False], ids=["fold", "no-fold"])
def test_a_step_allocates_nothing_of_size_m(n_y: int, fold: bool, lambd: float) -> None:
    """Every array is made in `__init__`; a tanh step only writes into them."""
    m = 40_000  # one row of m float64 is more than the slack
    X, Y, parameters = make_problem(20, 16, n_y, m, dtype=np.float64)
    trainer = Trainer(X, Y, parameters, "tanh", 1.2, fold=fold, lambd=lambd)
    trainer.step()  # the first step: any lazy set-up of numpy or BLAS happens here
    assert traced_peak(trainer.step) <= slack(8) < m * 8


@pytest.mark.parametrize("lambd", [0.0, 0.5])
@pytest.mark.parametrize("n_y", [1, 3])
@pytest.mark.parametrize("fold", [True, False], ids=["fold", "no-fold"])
def test_set_up_stays_within_the_working_set(n_y: int, fold: bool, lambd: float) -> None:
    n_x, n_h, m = 20, 16, 40_000  # one row of m float32 is more than the slack
    X, Y, parameters = make_problem(n_x, n_h, n_y, m, dtype=np.float32)
    assert slack(4) < m * 4
    expected = working_set_bytes(n_x, n_h, n_y, m, 4, fold=fold, lambd=lambd)
    peak = traced_peak(lambda: Trainer(X, Y, parameters, "tanh", 1.2, fold=fold, lambd=lambd))
    assert expected - slack(4) <= peak <= expected + slack(4), (peak, expected)


@pytest.mark.parametrize(
    ("n_x", "n_h", "m", "fold"),
    [
        (2, 4, 400, True),  # the flower set: (3 + 4) 400 = 2 800 numbers
        (30, 16, 1000, True),  # 47 000
        (784, 128, 71, True),  # 64 823, just under 2^16
        (784, 128, 72, False),  # 65 736, just over
        (2, 32, 2000, False),  # 70 000
        (2, 64, 10_000, False),
        (784, 128, 60_000, False),  # MNIST
    ],
)
def test_the_bias_is_folded_only_on_small_problems(n_x: int, n_h: int, m: int, fold: bool) -> None:
    assert folds_bias(n_x, n_h, m) is fold

"""Where one training step spends its time, line by line: the numpy baseline and Trainer.

Each step is written out as a list of (label, call) pairs that run in order on live
arrays, timed one by one with time.perf_counter over many steps; the table gives the
median of each line. The Trainer's list mirrors shallownet/_training.py (tanh, n_y = 1)
and is checked against Trainer.step before timing. The cost of perf_counter itself is
measured on an empty line and subtracted.

    python benchmarks/profile_step.py            # the three sizes of bench_training.py
    python benchmarks/profile_step.py --quick
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import shallownet as sn
from shallownet._training import Trainer

Lines = list[tuple[str, Callable[[], object]]]
LR = 1.2


def baseline_lines(X: Any, Y: Any, parameters: dict[str, Any]) -> Lines:
    """The equations written straight in numpy, one line per numpy expression."""
    s: dict[str, Any] = {k: v.copy() for k, v in parameters.items()}
    Y = Y.astype(X.dtype)
    m = X.shape[1]

    def put(name: str, f: Callable[[], Any]) -> Callable[[], None]:
        return lambda: s.__setitem__(name, f())

    def update(*names: str) -> Callable[[], None]:
        def run() -> None:
            for name in names:
                s[name] = s[name] - LR * s["d" + name]

        return run

    return [
        ("Z1 = W1 @ X + b1", put("Z1", lambda: s["W1"] @ X + s["b1"])),
        ("A1 = tanh(Z1)", put("A1", lambda: np.tanh(s["Z1"]))),
        ("Z2 = W2 @ A1 + b2", put("Z2", lambda: s["W2"] @ s["A1"] + s["b2"])),
        ("A2 = 1/(1+exp(-Z2))", put("A2", lambda: 1 / (1 + np.exp(-s["Z2"])))),
        (
            "cost = -sum(Y log A2 + ...)/m",
            put("J", lambda: -np.sum(Y * np.log(s["A2"]) + (1 - Y) * np.log(1 - s["A2"])) / m),
        ),
        ("dZ2 = A2 - Y", put("dZ2", lambda: s["A2"] - Y)),
        ("dW2 = dZ2 @ A1.T / m", put("dW2", lambda: s["dZ2"] @ s["A1"].T / m)),
        (
            "db2 = sum(dZ2, keepdims) / m",
            put("db2", lambda: np.sum(s["dZ2"], 1, keepdims=True) / m),
        ),
        (
            "dZ1 = W2.T @ dZ2 * (1-A1**2)",
            put("dZ1", lambda: s["W2"].T @ s["dZ2"] * (1 - s["A1"] ** 2)),
        ),
        ("dW1 = dZ1 @ X.T / m", put("dW1", lambda: s["dZ1"] @ X.T / m)),
        (
            "db1 = sum(dZ1, keepdims) / m",
            put("db1", lambda: np.sum(s["dZ1"], 1, keepdims=True) / m),
        ),
        ("W1 = W1 - lr*dW1; b1 likewise", update("W1", "b1")),
        ("W2 = W2 - lr*dW2; b2 likewise", update("W2", "b2")),
    ]


def trainer_lines(t: Trainer) -> Lines:
    """Trainer.step for tanh and n_y = 1, line by line (see shallownet/_training.py)."""
    A1, E, A2, P, G = t.A1, t.E, t.A2, t.P, t.G
    if t.fold:
        layer1: Lines = [("Z1 = [W1 b1] [X; 1]", lambda: np.dot(t.W1b, t.Xa, out=t.Z1))]
    else:
        layer1 = [
            ("W1 X", lambda: np.matmul(t.W1, t.X, out=t.Z1)),
            ("Z1 = W1 X + b1, in place", lambda: np.add(t.Z1, t.b1, out=t.Z1)),
        ]
    lines = [
        *layer1,
        ("A1 = tanh(Z1), in place", lambda: np.tanh(A1, out=A1)),
        ("Z2 = [W2 b2] [A1; 1]", lambda: np.dot(t.W2b, t.A1a, out=E)),
        ("-Z2", lambda: np.negative(E, out=E)),
        ("min(-Z2, cap)", lambda: np.minimum(E, t.cap, out=E)),
        ("e^-Z2", lambda: np.exp(E, out=E)),
        ("1 + e^-Z2", lambda: np.add(E, t.ones, out=E)),
        ("A2 = 1 / (1 + e^-Z2)", lambda: np.divide(t.ones, E, out=A2)),
        ("(2y - 1) A2", lambda: np.multiply(A2, t.s, out=P)),
        ("p = (1 - y) + (2y - 1) A2", lambda: np.add(P, t.one_minus_y, out=P)),
        ("max(p, tiny)", lambda: np.maximum(P, t.tiny, out=P)),
        ("log p", lambda: np.log(P, out=P)),
        ("J = -(1/m) Σ log p", lambda: float(np.vdot(t.neg_inv_m, P))),
        ("(α/m) A2", lambda: np.multiply(A2, t.k, out=E)),
        ("(α/m) dZ2 = (α/m) A2 - (α/m) Y", lambda: np.subtract(E, t.kY, out=E)),
        ("α [dW2 db2] = dZ2 [A1; 1]ᵀ", lambda: np.dot(E, t.A1a.T, out=t.dW2b)),
        ("A1², in place", lambda: np.square(A1, out=G)),
        ("g' = 1 - A1²", lambda: np.subtract(1, G, out=G)),
    ]
    if t.fold:
        lines += [
            ("W2ᵀ dZ2", lambda: np.dot(t.W2t, E, out=t.dZ1)),
            ("dZ1 = W2ᵀ dZ2 * g'", lambda: np.multiply(t.dZ1, G, out=t.dZ1)),
            ("α [dW1 db1] = dZ1 [X; 1]ᵀ", lambda: np.dot(t.dZ1, t.Xa.T, out=t.dW1b)),
        ]
    else:
        lines += [
            ("g' * dZ2 (dZ1 over w)", lambda: np.multiply(G, E, out=G)),
            ("dW1 / w = (g' dZ2) Xᵀ", lambda: np.matmul(G, t.X.T, out=t.dW1)),
            ("db1 / w = (g' dZ2) 1", lambda: np.matmul(G, t.ones_m, out=t.db1)),
            ("α dW1: rows times w", lambda: np.multiply(t.dW1, t.W2t, out=t.dW1)),
            ("α db1: times w", lambda: np.multiply(t.db1, t.W2t[:, 0], out=t.db1)),
        ]
    lines.append(("θ := θ - α dθ", lambda: np.subtract(t.theta, t.dtheta, out=t.theta)))
    return lines


def profile(lines: Lines, steps: int) -> list[float]:
    """Median seconds of each line over `steps` steps, less the timer's own cost."""
    clock = time.perf_counter
    empty = []
    for _ in range(1000):
        start = clock()
        empty.append(clock() - start)
    overhead = statistics.median(empty)
    samples: list[list[float]] = [[] for _ in lines]
    for _ in range(steps):
        for i, (_, call) in enumerate(lines):
            start = clock()
            call()
            samples[i].append(clock() - start)
    return [max(statistics.median(s) - overhead, 0.0) for s in samples]


def show(title: str, lines: Lines, times: list[float], whole: float) -> None:
    total = sum(times)
    print(f"\n{title}: {whole * 1e6:9.1f} µs per whole step, lines sum to {total * 1e6:.1f} µs")
    for (label, _), t in zip(lines, times, strict=True):
        print(f"  {label:<34} {t * 1e6:9.1f} µs {t / total:6.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args(argv).quick
    rng = np.random.default_rng(0)
    sizes = [("flower set 2x4x400", 2, 4, 400, np.float64, 3000)]
    sizes += [("2x64x10000", 2, 64, 10000, np.float64, 100)]
    sizes += [("784x128x10000", 784, 128, 10000, np.float32, 10)]
    for name, n_x, n_h, m, dtype, steps in sizes:
        steps = max(steps // 20, 3) if quick else steps
        if n_x == 2 and m == 400:
            X, Y = sn.load_planar_dataset()
        else:
            X = rng.standard_normal((n_x, m))
            Y = (rng.random((1, m)) < 0.5).astype(np.int64)  # as in bench_training.py
        X = X.astype(dtype)
        parameters = sn.initialize_parameters(n_x, n_h, 1, dtype=dtype)
        trainer, check = (
            Trainer(X, Y, parameters, "tanh", LR),
            Trainer(X, Y, parameters, "tanh", LR),
        )
        lines = trainer_lines(trainer)
        for _ in range(3):
            for _, call in lines:
                call()
            check.step()
        assert np.array_equal(trainer.theta, check.theta), "trainer_lines is not Trainer.step"
        label = f"{name}, {np.dtype(dtype).name}"
        base = baseline_lines(X, Y, parameters)
        start = time.perf_counter()
        for _ in range(steps):
            check.step()
        whole = (time.perf_counter() - start) / steps
        show(f"Trainer.step, {label}", lines, profile(lines, steps), whole)
        start = time.perf_counter()
        for _ in range(steps):
            for _, call in base:
                call()
        whole = (time.perf_counter() - start) / steps
        show(f"numpy baseline, {label}", base, profile(base, steps), whole)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time one training step of shallownet against a plain numpy baseline and others.

One step is forward, cost, backward and update of the course's network (tanh hidden
layer, sigmoid output, learning rate 1.2); every implementation computes the cost at
every step, as the course's loop does. All implementations of a problem run in this
one process, round by round, in a rotating order, so that machine noise (other jobs
on the 2 cores) hits all of them alike. Each round runs k steps of each; the table
gives the median time per step over the rounds, and the median over the rounds of
the per-round ratio to the numpy baseline.

    python benchmarks/bench_training.py            # the full run, about a minute
    python benchmarks/bench_training.py --quick    # a smoke run, a few seconds
    python benchmarks/bench_training.py --before /tmp/old/shallownet

`--before` takes the `shallownet` folder of another checkout (say, from
`git archive REV shallownet | tar -x -C /tmp/old`) and runs its `Trainer.step` in the
same rounds as this one's: before and after, side by side in one process.

Needs numpy; scikit-learn and PyTorch are compared when importable.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

import shallownet as sn
from shallownet._training import Trainer

Array = np.ndarray[Any, Any]
LR = 1.2
GEMMS = "the two big products alone"
# BENCH_CLOCK=cpu times with the process's CPU time instead of the wall clock: with
# OPENBLAS_NUM_THREADS=1 it counts the work alone, not the waits for a busy core.
CPU_CLOCK = os.environ.get("BENCH_CLOCK") == "cpu"
CLOCK = time.process_time if CPU_CLOCK else time.perf_counter
KEYS = ("W1", "b1", "W2", "b2")

try:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
except ImportError:  # pragma: no cover - scikit-learn is optional
    MLPClassifier = None
else:
    # max_iter = k steps per fit call is the point here, not a failure to converge.
    warnings.filterwarnings("ignore", category=ConvergenceWarning)

try:
    import torch
except ImportError:
    torch = None


class NumpyBaseline:
    """The equations written straight in numpy, as a course student would."""

    def __init__(self, X: Array, Y: Array, parameters: dict[str, Array]) -> None:
        self.X, self.Y = X, Y.astype(X.dtype)
        self.W1, self.b1, self.W2, self.b2 = (parameters[k].copy() for k in KEYS)

    def step(self) -> float:
        X, Y, m, lr = self.X, self.Y, self.X.shape[1], LR
        Z1 = self.W1 @ X + self.b1
        A1 = np.tanh(Z1)
        Z2 = self.W2 @ A1 + self.b2
        A2 = 1 / (1 + np.exp(-Z2))
        cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = self.W2.T @ dZ2 * (1 - A1**2)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        self.W1 = self.W1 - lr * dW1
        self.b1 = self.b1 - lr * db1
        self.W2 = self.W2 - lr * dW2
        self.b2 = self.b2 - lr * db2
        return float(cost)


class PerExampleLoop:
    """The page's functions with the per-example backward pass (the notes' left column)."""

    def __init__(self, X: Array, Y: Array, parameters: dict[str, Array]) -> None:
        self.X, self.Y, self.parameters = X, Y, dict(parameters)

    def step(self) -> float:
        A2, _ = sn.forward_propagation(self.X, self.parameters)
        cost = sn.compute_cost(A2, self.Y)
        grads = sn.backward_propagation_loop(self.parameters, self.X, self.Y)
        self.parameters = sn.update_parameters(self.parameters, grads, LR)
        return cost


class Sklearn:
    """MLPClassifier as the same network: full-batch SGD, no momentum, no penalty."""

    def __init__(self, X: Array, Y: Array, n_h: int) -> None:
        self.X, self.y = np.ascontiguousarray(X.T), Y.ravel().astype(np.int64)
        self.model = MLPClassifier(
            hidden_layer_sizes=(n_h,),
            activation="tanh",
            solver="sgd",
            batch_size=X.shape[1],
            learning_rate="constant",
            learning_rate_init=LR,
            momentum=0.0,
            nesterovs_momentum=False,
            alpha=0.0,
            shuffle=False,
            tol=0.0,
            n_iter_no_change=10**9,
            warm_start=True,
            max_iter=1,
            random_state=0,
        )
        self.model.fit(self.X, self.y)  # initializes the weights

    def run(self, k: int) -> None:
        """k gradient steps: one fit call with max_iter = k, continuing (warm start)."""
        self.model.max_iter = k
        self.model.fit(self.X, self.y)


class Torch:
    """The same equations in PyTorch on the CPU, without autograd."""

    def __init__(self, X: Array, Y: Array, parameters: dict[str, Array]) -> None:
        assert torch is not None
        self.X = torch.from_numpy(np.ascontiguousarray(X))
        self.Y = torch.from_numpy(Y.astype(X.dtype))
        self.W1, self.b1, self.W2, self.b2 = (torch.from_numpy(parameters[k].copy()) for k in KEYS)

    def step(self) -> float:
        assert torch is not None
        X, Y, m = self.X, self.Y, self.X.shape[1]
        with torch.no_grad():
            A1 = torch.tanh(torch.addmm(self.b1, self.W1, X))
            Z2 = torch.addmm(self.b2, self.W2, A1)
            A2 = torch.sigmoid(Z2)
            cost = torch.nn.functional.binary_cross_entropy_with_logits(Z2, Y)
            dZ2 = A2 - Y
            dZ1 = (self.W2.T @ dZ2) * (1 - A1 * A1)
            self.W2.sub_(dZ2 @ A1.T, alpha=LR / m)
            self.b2.sub_(dZ2.sum(dim=1, keepdim=True), alpha=LR / m)
            self.W1.sub_(dZ1 @ X.T, alpha=LR / m)
            self.b1.sub_(dZ1.sum(dim=1, keepdim=True), alpha=LR / m)
        return float(cost)


def load_before(folder: str) -> Any:
    """The `_training` module of the shallownet package in `folder`, as `shallownet_before`."""
    init = os.path.join(folder, "__init__.py")
    spec = importlib.util.spec_from_file_location(
        "shallownet_before", init, submodule_search_locations=[folder]
    )
    if spec is None or spec.loader is None:
        sys.exit(f"--before: no package at {folder}")
    package = importlib.util.module_from_spec(spec)
    sys.modules["shallownet_before"] = package
    spec.loader.exec_module(package)
    return importlib.import_module("shallownet_before._training")


BEFORE: Any = None  # the earlier package's _training module, with --before


def repeat(step: Callable[[], object]) -> Callable[[int], None]:
    def run(k: int) -> None:
        for _ in range(k):
            step()

    return run


def measure(
    impls: dict[str, tuple[Callable[[int], None], int]], rounds: int
) -> dict[str, list[float]]:
    """Seconds per step of each implementation, one entry per round; a warm-up round first."""
    names = list(impls)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds + 1):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            run, k = impls[name]
            start = CLOCK()
            run(k)
            if r:
                times[name].append((CLOCK() - start) / k)
    return times


def fmt_time(seconds: float) -> str:
    for unit, scale in (("s ", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:7.3g} {unit}"
    return f"{seconds / 1e-9:7.3g} ns"


def report(
    title: str, impls: dict[str, tuple[Callable[[int], None], int]], rounds: int
) -> tuple[dict[str, tuple[float, float]], dict[str, list[float]]]:
    """Print one problem's table.

    Returns {name: (median seconds per step, median ratio)} and the rounds' times.
    """
    times = measure(impls, rounds)
    base = times["numpy baseline"]
    print(f"\n{title}: median of {rounds} interleaved rounds")
    print(f"  {'implementation':<28} {'steps/round':>11} {'time/step':>11} {'× baseline':>11}")
    result = {}
    for name, (_, k) in impls.items():
        med = statistics.median(times[name])
        ratio = statistics.median(t / b for t, b in zip(times[name], base, strict=True))
        result[name] = (med, ratio)
        print(f"  {name:<28} {k:>11} {fmt_time(med):>11} {ratio:>11.3g}")
    return result, times


def print_targets(targets: list[tuple[str, bool]]) -> None:
    """The targets a benchmark checked, one line each: met or NOT met."""
    print("\ntargets:")
    width = max(len(name) for name, _ in targets)
    for name, ok in targets:
        print(f"  {name:<{width}} {'met' if ok else 'NOT met'}")


def problem(
    n_x: int, n_h: int, m: int, dtype: type, flower: bool = False
) -> tuple[Array, Array, dict[str, Array]]:
    if flower:
        X, Y = sn.load_planar_dataset()
    else:
        rng = np.random.default_rng(0)
        X = rng.standard_normal((n_x, m))
        # Coin-flip labels: nothing to learn, so A2 stays near 1/2 for the whole run and
        # the baseline's log(1 - A2) never meets log(0) (learnable labels get there).
        Y = (rng.random((1, m)) < 0.5).astype(np.int64)
    X = X.astype(dtype)
    return X, Y, sn.initialize_parameters(n_x, n_h, 1, dtype=dtype)


def implementations(
    X: Array,
    Y: Array,
    parameters: dict[str, Array],
    k: int,
    others: int,
    loop: int = 0,
    fortran: bool = False,
) -> dict[str, tuple[Callable[[int], None], int]]:
    """shallownet and the baseline run k steps a round; scikit-learn and PyTorch `others`.

    With `fortran`, Trainer also runs on X stored example by example (Fortran order).
    """
    n_h = parameters["W1"].shape[0]
    impls = {
        "shallownet Trainer.step": (repeat(Trainer(X, Y, parameters, "tanh", LR).step), k),
        "numpy baseline": (repeat(NumpyBaseline(X, Y, parameters).step), k),
    }
    if BEFORE is not None:
        impls["Trainer.step before"] = (
            repeat(BEFORE.Trainer(X, Y, parameters, "tanh", LR).step),
            k,
        )
    if fortran:
        XF = np.asfortranarray(X)
        impls["Trainer.step, X in F order"] = (
            repeat(Trainer(XF, Y, parameters, "tanh", LR).step),
            k,
        )
    if loop:
        impls["per-example loop"] = (repeat(PerExampleLoop(X, Y, parameters).step), loop)
    if MLPClassifier is not None:
        impls["scikit-learn MLPClassifier"] = (Sklearn(X, Y, n_h).run, others)
    if torch is not None:
        impls["PyTorch (CPU)"] = (repeat(Torch(X, Y, parameters).step), others)
    return impls


def gemm_arrays(n_x: int, n_h: int, m: int, dtype: type, seed: int = 1) -> tuple[Array, ...]:
    """Random W (n_h, n_x), X (n_x, m), dZ (n_h, m), and outputs Z (n_h, m), dW (n_h, n_x)."""
    rng = np.random.default_rng(seed)
    W = rng.standard_normal((n_h, n_x)).astype(dtype)
    X = rng.standard_normal((n_x, m)).astype(dtype)
    dZ = rng.standard_normal((n_h, m)).astype(dtype)
    return W, X, dZ, np.empty((n_h, m), dtype), np.empty((n_h, n_x), dtype)


def gemm_pair(n_x: int, n_h: int, m: int, dtype: type) -> Callable[[], None]:
    """The step's two big products alone, on arrays of its shapes: the ceiling.

    At these sizes the step reads X where it lies (no [X; 1]): W1 X and dZ1 Xᵀ.
    """
    W, X, dZ, Z, dW = gemm_arrays(n_x, n_h, m, dtype)

    def both() -> None:
        np.matmul(W, X, out=Z)
        np.matmul(dZ, X.T, out=dW)

    return both


def gemm_throughput(n_x: int, n_h: int, m: int, dtype: type, rounds: int) -> None:
    """GFLOP/s of each of the two big products, timed alone and interleaved."""
    W, X, dZ, Z, dW = gemm_arrays(n_x, n_h, m, dtype)
    impls = {
        f"W1 @ X    ({n_h},{n_x})@({n_x},{m})": (repeat(lambda: np.matmul(W, X, out=Z)), 1),
        f"dZ1 @ X.T ({n_h},{m})@({m},{n_x})": (repeat(lambda: np.matmul(dZ, X.T, out=dW)), 1),
    }
    times = measure(impls, rounds)
    flops = 2 * n_h * n_x * m
    print(f"\n{np.dtype(dtype).name} GEMM throughput, each big product alone:")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"  {name:<36} {fmt_time(med):>11} {flops / med / 1e9:8.1f} GFLOP/s")


def layouts(n_x: int, n_h: int, m: int, dtype: type, rounds: int) -> None:
    """The Z1 and dW1 products with X in C order (as made here) and in Fortran order."""
    W, X, dZ, Z, dW = gemm_arrays(n_x, n_h, m, dtype, seed=2)
    XF = np.asfortranarray(X)  # the same numbers, stored example by example
    impls = {
        "Z1:  W1 @ X,     X in C order": (repeat(lambda: np.matmul(W, X, out=Z)), 1),
        "Z1:  W1 @ X,     X in F order": (repeat(lambda: np.matmul(W, XF, out=Z)), 1),
        "dW1: dZ1 @ X.T,  X in C order": (repeat(lambda: np.matmul(dZ, X.T, out=dW)), 1),
        "dW1: dZ1 @ X.T,  X in F order": (repeat(lambda: np.matmul(dZ, XF.T, out=dW)), 1),
    }
    times = measure(impls, rounds)
    print(f"\nlayouts of the two big products, {np.dtype(dtype).name}, {n_h}x{n_x}x{m}:")
    for name, ts in times.items():
        print(f"  {name:<36} {fmt_time(statistics.median(ts)):>11}")


def machine() -> None:
    print("shallownet training-step benchmark")
    print(f"numpy {np.__version__}, Python {platform.python_version()}, {platform.system()}")
    print(f"shallownet from {os.path.dirname(sn.__file__)}")
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next(ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"CPU: {cpu}, {os.cpu_count()} logical cores")
    print(f"clock: {'CPU time of the process' if CPU_CLOCK else 'wall clock'}")
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        print(f"{var}={os.environ.get(var, '(unset)')}")
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        print("BLAS: threadpoolctl not installed")
    else:
        for pool in threadpool_info():
            print(
                f"{pool.get('user_api')}: {pool.get('internal_api')} {pool.get('version')}"
                f" ({pool.get('architecture', '-')}, {pool.get('threading_layer', '-')},"
                f" {pool.get('num_threads')} threads) {os.path.basename(pool['filepath'])}"
            )
    if MLPClassifier is None:
        print("scikit-learn: not importable, skipped")
    else:
        import sklearn

        print(f"scikit-learn {sklearn.__version__}")
    if torch is None:
        print("PyTorch: not importable (not installed), skipped")
    else:
        print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, CPU")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few rounds")
    parser.add_argument("--before", metavar="DIR", help="another checkout's shallownet folder")
    args = parser.parse_args(argv)
    global BEFORE
    if args.before:
        BEFORE = load_before(args.before)
        print(f"before: shallownet from {args.before}")
    q = args.quick
    machine()
    targets = []

    X, Y, p = problem(2, 4, 400, np.float64, flower=True)
    impls = implementations(X, Y, p, k=20 if q else 300, others=20 if q else 300, loop=1)
    res, _ = report("flower set, n_x=2 n_h=4 m=400, float64", impls, 3 if q else 31)
    ours = res["shallownet Trainer.step"]
    rivals = [v[0] for name, v in res.items() if name.startswith(("scikit", "PyTorch"))]
    targets.append(("flower: ≤ 0.5× baseline", ours[1] <= 0.5))
    targets.append(("flower: faster than scikit-learn/PyTorch", all(ours[0] < t for t in rivals)))

    X, Y, p = problem(2, 64, 10000, np.float64)
    impls = implementations(X, Y, p, k=2 if q else 10, others=2 if q else 10)
    res, _ = report("2x64x10000, random data, float64", impls, 3 if q else 21)
    targets.append(("2x64x10000: ≤ 0.7× baseline", res["shallownet Trainer.step"][1] <= 0.7))

    X, Y, p = problem(784, 128, 10000, np.float64)
    impls = implementations(X, Y, p, k=1 if q else 2, others=1 if q else 2, fortran=True)
    res, _ = report("784x128x10000, random data, float64", impls, 3 if q else 11)
    targets.append(("784x128x10000 float64: ≤ 1× baseline", res["shallownet Trainer.step"][1] <= 1))

    X, Y, p = problem(784, 128, 10000, np.float32)
    impls = implementations(X, Y, p, k=1 if q else 2, others=1 if q else 2, fortran=True)
    # The ceiling runs in the same rounds as the step, so that each round's ratio
    # compares the two under the same load.
    n_x, n_h, m = 784, 128, 10000
    impls[GEMMS] = (repeat(gemm_pair(n_x, n_h, m, np.float32)), 1 if q else 2)
    res, times = report("784x128x10000, random data, float32", impls, 3 if q else 21)
    # The matrix products of the equations: W1 X and dZ1 Xᵀ, then W2 A1, dZ2 A1ᵀ, W2ᵀ dZ2.
    flops, gemm_flops = 4 * n_h * n_x * m + 5 * n_h * m, 4 * n_h * n_x * m
    print(f"  the two products alone: {gemm_flops / res[GEMMS][0] / 1e9:.1f} GFLOP/s")
    share = 0.0
    for name in ("shallownet Trainer.step", "Trainer.step before"):
        if name not in times:
            continue
        step = res[name][0]
        shares = [
            flops / t / (gemm_flops / g) for t, g in zip(times[name], times[GEMMS], strict=True)
        ]
        print(
            f"  {name}: {flops / 1e9:.3f} GFLOP in {fmt_time(step).strip()}"
            f" = {flops / step / 1e9:.1f} GFLOP/s; share of the GEMM throughput, per round:"
            f" median {statistics.median(shares):.0%}, range {min(shares):.0%}–{max(shares):.0%}"
        )
        share = share or statistics.median(shares)
    targets.append(("784x128x10000 float32: ≥ 90% of GEMM throughput", share >= 0.9))
    gemm_throughput(n_x, n_h, m, np.float32, 3 if q else 11)
    if not q:
        layouts(n_x, n_h, m, np.float32, 11)

    print_targets(targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Peak memory, set-up time and whole-call time of `nn_model` against a plain numpy loop.

Memory: every figure comes from a fresh Python process that runs one implementation
once, so that no process inherits another's heap. The child makes X (standard normal,
coin-flip labels), records its resident set size, runs the implementation, and prints

- `peak`: the process's peak resident set size (`resource.getrusage`, `ru_maxrss`);
- `X`: the resident size just after X was made, numpy and the interpreter included,
  so that `peak - X` is what training added;
- `traced`: with `--trace`, the peak of tracemalloc during the call less what it
  counted before it (X, Y): tracemalloc counts numpy's own allocations and nothing
  of the interpreter's or OpenBLAS's;
- `seconds`: the wall time of the call.

The implementations: `nn_model`, the public call, checks and set-up included; and
`naive`, `initialize_parameters` then the loop of `NumpyBaseline.step`
(benchmarks/bench_training.py), the equations written straight in numpy.

Time: one more child process runs, round by round in a rotating order, a whole
`nn_model` call, a whole naive loop, `nn_model(..., num_iterations=0)` (the set-up:
checks, `initialize_parameters` and the `Trainer` set-up) and one `Trainer.step`, and
the parent prints the per-round ratios. Last, `fold_or_not` times the step with and
without the bias folded into [X; 1], around the threshold of `folds_bias`.
BENCH_CLOCK=cpu (see bench_training.py) times with CPU time instead of the wall clock.

    python benchmarks/bench_memory.py           # the full run, several minutes
    python benchmarks/bench_memory.py --quick   # a smoke run on small sizes
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 1e6


def rss_now() -> int:
    """The resident set size of this process in bytes, from /proc/self/statm."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def child(impl: str, dtype_name: str, n_x: int, n_h: int, m: int, iters: int, args: Any) -> None:
    import numpy as np

    import shallownet as sn

    sys.path.insert(0, HERE)
    from bench_training import NumpyBaseline

    if args.trace:
        import tracemalloc

        tracemalloc.start()
    dtype = np.dtype(dtype_name)
    rng = np.random.default_rng(0)
    # Written once, where it lies: no temporary. The transpose of a C array is F order.
    if args.order == "F":
        X = rng.standard_normal((m, n_x), dtype=dtype).T
    else:
        X = rng.standard_normal((n_x, m), dtype=dtype)
    Y = (rng.random((1, m)) < 0.5).astype(np.int64)
    rss_X = rss_now()
    if args.trace:
        inputs = tracemalloc.get_traced_memory()[0]  # X, Y and what making them left
        tracemalloc.reset_peak()
    start = time.perf_counter()
    if impl == "nn_model":
        sn.nn_model(X, Y, n_h, num_iterations=iters)
    elif impl == "setup":
        sn.nn_model(X, Y, n_h, num_iterations=0)
    elif impl == "naive":
        parameters = sn.initialize_parameters(n_x, n_h, 1, seed=2, dtype=dtype)
        baseline = NumpyBaseline(X, Y, parameters)
        for _ in range(iters):
            baseline.step()
    elif impl == "race":
        race(X, Y, n_h, iters, args.rounds)
        return
    else:
        raise SystemExit(f"unknown implementation {impl}")
    seconds = time.perf_counter() - start
    out = {"peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "X": rss_X}
    out["seconds"] = seconds
    if args.trace:
        out["traced"] = tracemalloc.get_traced_memory()[1] - inputs
    print(json.dumps(out))


def race(X: Any, Y: Any, n_h: int, iters: int, rounds: int) -> None:
    """Times, in this one process, round by round in a rotating order: a whole
    `nn_model` call, a whole naive loop, `nn_model`'s set-up alone and one Trainer step."""
    from bench_training import CLOCK, NumpyBaseline

    import shallownet as sn
    from shallownet._training import Trainer

    n_x, dtype = X.shape[0], X.dtype

    def naive() -> None:
        baseline = NumpyBaseline(X, Y, sn.initialize_parameters(n_x, n_h, 1, seed=2, dtype=dtype))
        for _ in range(iters):
            baseline.step()

    trainer = Trainer(X, Y, sn.initialize_parameters(n_x, n_h, 1, dtype=dtype), "tanh", 1.2)
    impls = {
        "nn_model": lambda: sn.nn_model(X, Y, n_h, num_iterations=iters),
        "naive": naive,
        "setup": lambda: sn.nn_model(X, Y, n_h, num_iterations=0),
        "step": trainer.step,
    }
    names = list(impls)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds + 1):  # round 0 warms up
        for name in names[r % len(names) :] + names[: r % len(names)]:
            start = CLOCK()
            impls[name]()
            if r:
                times[name].append(CLOCK() - start)
    print(json.dumps(times))


def run_child(
    impl: str, dtype: str, n_x: int, n_h: int, m: int, iters: int, trace: bool, order: str
) -> dict[str, float]:
    cmd = [sys.executable, os.path.abspath(__file__), "--child", impl, dtype]
    cmd += [str(n_x), str(n_h), str(m), str(iters), "--order", order]
    cmd += ["--trace"] if trace else []
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def rng_of(values: list[float], scale: float, unit: str, fmt: str = ".0f") -> str:
    med = statistics.median(values)
    return f"{med / scale:{fmt}} {unit} ({min(values) / scale:{fmt}}–{max(values) / scale:{fmt}})"


def compare(
    title: str,
    impls: list[str],
    dtype: str,
    size: tuple[int, int, int],
    iters: int,
    rounds: int,
    trace: bool = False,
    order: str = "C",
) -> dict[str, list[dict[str, float]]]:
    """Run each implementation `rounds` times, each in its own process; print the table."""
    n_x, n_h, m = size
    runs: dict[str, list[dict[str, float]]] = {impl: [] for impl in impls}
    for r in range(rounds):
        for impl in impls[r % len(impls) :] + impls[: r % len(impls)]:
            runs[impl].append(run_child(impl, dtype, n_x, n_h, m, iters, trace, order))
    x_bytes = n_x * m * (4 if dtype == "float32" else 8)
    print(
        f"\n{title}: {n_x}x{n_h}x{m} {dtype}, {order} order, {iters} iterations,"
        f" X = {x_bytes / MB:.0f} MB; median (range) of {rounds} processes each"
    )
    head = f"  {'implementation':<10} {'peak RSS':>22} {'peak - RSS with X':>22} {'call time':>24}"
    print(head + (f" {'tracemalloc peak':>24}" if trace else ""))
    for impl, rs in runs.items():
        line = f"  {impl:<10} {rng_of([r['peak'] for r in rs], MB, 'MB'):>22}"
        line += f" {rng_of([r['peak'] - r['X'] for r in rs], MB, 'MB'):>22}"
        line += f" {rng_of([r['seconds'] for r in rs], 1e-3, 'ms'):>24}"
        if trace:
            line += f" {rng_of([r['traced'] for r in rs], MB, 'MB', '.1f'):>24}"
        print(line)
    return runs


def med_range(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def timed_race(
    size: tuple[int, int, int], dtype: str, iters: int, rounds: int
) -> dict[str, list[float]]:
    n_x, n_h, m = size
    cmd = [sys.executable, os.path.abspath(__file__), "--child", "race", dtype]
    cmd += [str(n_x), str(n_h), str(m), str(iters), "--rounds", str(rounds)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    times: dict[str, list[float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return times


def ratio(runs: dict[str, list[dict[str, float]]], a: str, b: str, key: str) -> list[float]:
    return [x[key] / y[key] for x, y in zip(runs[a], runs[b], strict=True)]


def page_bound(n_x: int, n_h: int, m: int, size: int, iterations: int) -> float:
    """The bound of docs/project/performance.md on what `nn_model` allocates beyond
    its inputs, in bytes: s [(n_h + 13) m + 4 |θ| + T] + 0.2 MB, for tanh, n_y = 1 and
    X read in place."""
    theta = n_h * (n_x + 1) + n_h + 1
    return size * ((n_h + 13) * m + 4 * theta + iterations) + 0.2 * MB


def fold_or_not(rounds: int) -> None:
    """Trainer.step with [X; 1] against X read where it lies, interleaved in this process,
    and the time of making [X; 1] once, at the sizes around the threshold."""
    import numpy as np
    from bench_training import CLOCK, problem

    try:
        from shallownet._training import Trainer, folds_bias
    except ImportError:  # a shallownet from before the choice: nothing to compare
        print("\nfold the bias or not: this shallownet always folds, skipped")
        return
    print(f"\nfold the bias or not, float64: median (range) of {rounds} interleaved rounds")
    print(
        f"  {'n_x x n_h x m':<16} {'chosen':>7} {'fold':>10} {'no fold':>10}"
        f" {'no fold / fold':>20} {'[X; 1] made in':>16}"
    )
    sizes = [(2, 4, 400), (2, 4, 4000), (30, 16, 1000), (2, 16, 2000), (2, 32, 2000)]
    sizes += [(2, 64, 2000), (2, 64, 10000), (128, 64, 10000), (784, 128, 10000)]
    for n_x, n_h, m in sizes:
        X, Y, p = problem(n_x, n_h, m, np.float64, flower=(n_x, n_h, m) == (2, 4, 400))
        steps = {fold: Trainer(X, Y, p, "tanh", 1.2, fold=fold).step for fold in (True, False)}
        k = max(1, min(2000, int(2e7 / (n_h * m * max(n_x, 4)))))
        times: dict[bool, list[float]] = {True: [], False: []}
        copies = []
        for r in range(rounds + 1):
            for fold in (True, False) if r % 2 else (False, True):
                start = CLOCK()
                for _ in range(k):
                    steps[fold]()
                if r:
                    times[fold].append((CLOCK() - start) / k)
            start = CLOCK()
            Xa = np.empty((n_x + 1, m))
            Xa[:n_x] = X
            Xa[n_x] = 1
            copies.append(CLOCK() - start)
            del Xa
        ratios = [b / a for a, b in zip(times[True], times[False], strict=True)]
        chosen = "fold" if folds_bias(n_x, n_h, m) else "no fold"
        print(
            f"  {f'{n_x}x{n_h}x{m}':<16} {chosen:>7}"
            f" {fmt_s(statistics.median(times[True])):>10}"
            f" {fmt_s(statistics.median(times[False])):>10} {med_range(ratios):>20}"
            f" {fmt_s(statistics.median(copies)):>16}"
        )


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1e3:.3g} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.3g} µs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: small sizes")
    parser.add_argument("--times-only", action="store_true", help="skip the memory runs")
    parser.add_argument("--child", nargs=6, metavar=("IMPL", "DTYPE", "N_X", "N_H", "M", "K"))
    parser.add_argument("--trace", action="store_true", help="child: also run tracemalloc")
    parser.add_argument("--order", default="C", choices=("C", "F"), help="child: X's order")
    parser.add_argument("--rounds", type=int, default=9, help="child race: rounds")
    args = parser.parse_args(argv)
    if args.child:
        impl, dtype, n_x, n_h, m, k = args.child
        child(impl, dtype, int(n_x), int(n_h), int(m), int(k), args)
        return 0
    q = args.quick
    rounds = 2 if q else 5
    big = (784, 128, 6000 if q else 60000)
    mid = (784, 128, 1000 if q else 10000)
    print("shallownet memory and set-up benchmark")
    import numpy as np

    import shallownet

    print(f"numpy {np.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"shallownet from {os.path.dirname(shallownet.__file__)}")
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "BENCH_CLOCK"):
        print(f"{var}={os.environ.get(var, '(unset)')}")
    targets = []
    if not args.times_only:
        for dtype in ("float64", "float32"):
            runs = compare("peak memory", ["nn_model", "naive"], dtype, big, 3, rounds, trace=False)
            mem = ratio(runs, "nn_model", "naive", "peak")
            print(f"  nn_model's peak RSS / naive's: {med_range(mem)}")
            if dtype == "float64":
                label = f"{big[0]}x{big[1]}x{big[2]} float64 peak ≤ 0.9× naive"
                targets.append((label, max(mem) <= 0.9))
        for dtype in ("float64", "float32"):
            compare(
                "numpy's allocations", ["nn_model", "naive"], dtype, big, 1, 1 if q else 2, True
            )
            bound = page_bound(*big, 4 if dtype == "float32" else 8, 1)
            print(f"  the page's bound on nn_model's tracemalloc peak: {bound / MB:.1f} MB")
        runs = compare(
            "F-order X", ["nn_model", "naive"], "float64", big, 3, 1 if q else 2, order="F"
        )
    for size, dtype, iters in ((mid, "float32", 5), (big, "float64", 1)):
        times = timed_race(size, dtype, iters, 3 if q else 9)
        calls = [a / b for a, b in zip(times["nn_model"], times["naive"], strict=True)]
        setup = [a / b for a, b in zip(times["setup"], times["step"], strict=True)]
        n_x, n_h, m = size
        print(
            f"\ntimes in one process, {n_x}x{n_h}x{m} {dtype}, {iters} iterations:"
            f" median (range) of {len(calls)} interleaved rounds"
        )
        for name, values in times.items():
            print(f"  {name:<10} {rng_of(values, 1e-3, 'ms', '.1f'):>28}")
        print(f"  whole nn_model call / naive loop: {med_range(calls)}")
        print(f"  nn_model's set-up / one step:     {med_range(setup)}")
        if dtype == "float32":
            label = f"{n_x}x{n_h}x{m} float32, {iters} iterations ≤ 1.0× naive"
            targets.append((label, statistics.median(calls) <= 1))
        else:
            targets.append(
                (f"{n_x}x{n_h}x{m} float64 set-up < one step", statistics.median(setup) < 1)
            )
    sys.path.insert(0, HERE)
    fold_or_not(3 if q else 15)
    from bench_training import print_targets

    print_targets(targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())

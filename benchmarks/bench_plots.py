"""Where the plots' cold run (shallownet_site.plots) spends its time: each part of `generate`, side by side.

    python benchmarks/bench_plots.py [--runs 3]

The plots module (docs/machinery/shallownet_site/plots.py) trains and draws everything on a cache miss. This
times each part of that work in one process, the median of ``--runs`` rounds, each
round running the parts one after the other, and prints every part's wall and CPU
time and its ratio to the baseline, the 4-unit model of ``train`` (10000 iterations
at α = 1.2, with its nudged twins), then what the two plots of the edge of stability
and the learning rates add to the rest. The numbers are printed, never asserted: they
depend on the machine and on its load.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from shallownet_site import plots

    import shallownet as sn

    X, Y = sn.load_planar_dataset()
    state: dict[str, Any] = {}

    def sharpness() -> None:
        state["history"] = plots.sharpness_history(X, Y)

    def rates() -> None:
        known = {plots.LEARNING_RATE: state["history"].costs}
        state["rates"] = plots.learning_rate_costs(X, Y, known=known)

    def draw() -> None:
        plt = plots._pyplot()
        plots.draw_edge_of_stability(plt, state["history"], plots.LEARNING_RATE)
        plots.draw_learning_rates(plt, state["rates"])

    def model() -> None:
        state["model"] = plots.train(X, Y, plots.N_H, plots.NUM_ITERATIONS)

    def hidden() -> None:
        state["runs"] = plots.hidden_size_runs(X, Y)

    def draw_others() -> None:
        plt = plots._pyplot()
        plots.draw_flower(plt, X, Y)
        plots.draw_decision_boundary(plt, X, Y, state["model"])
        plots.draw_cost_curve(plt, state["model"])
        plots.draw_hidden_sizes(plt, X, Y, state["runs"])

    parts: dict[str, Callable[[], object]] = {
        "model, 4 units (baseline)": model,
        "hidden sizes, 7 models": hidden,
        "draw the four other plots": draw_others,
        "sharpness: 1 run + 100 Hessians": sharpness,
        "learning rates: 5 runs": rates,
        "draw the two new plots": draw,
    }
    wall: dict[str, list[float]] = {name: [] for name in parts}
    cpu: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(args.runs):
        for name, part in parts.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            part()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    base = statistics.median(cpu["model, 4 units (baseline)"])
    print(f"{'part':34} {'wall s':>7} {'cpu s':>7} {'cpu ratio':>9}   (median of {args.runs})")
    for name in parts:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"{name:34} {w:7.2f} {c:7.2f} {c / base:8.2f}x")
    new = ("sharpness: 1 run + 100 Hessians", "learning rates: 5 runs", "draw the two new plots")
    total = sum(statistics.median(cpu[name]) for name in parts)
    added = sum(statistics.median(cpu[name]) for name in new)
    rest = total - added
    print(
        f"edge-of-stability.svg and learning-rates.svg add {added:.2f} s CPU to the "
        f"{rest:.2f} s of the rest of the cold run, +{added / rest:.0%}"
    )


if __name__ == "__main__":
    main()

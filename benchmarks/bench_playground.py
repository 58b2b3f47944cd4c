"""How fast the playground trains and draws in headless chromium, and what the other pages load.

    python benchmarks/bench_playground.py [--site-dir DIR] [--rounds 7] [--iterations 20000]
    python benchmarks/bench_playground.py --long-tasks [--site-dir DIR] [--before DIR] [--runs 5]

1. Throughput of ``window.shallownetPlayground.train`` (docs/playground/engine.js in its Web
   Worker) on the flower with 4 tanh hidden units, side by side with `shallownet.nn_model`
   in this process: the rounds alternate between the two, and the ratio of each round is
   reported with the medians (target: at least 10,000 iterations per second in the browser).
2. While the page plays: frames per second of the page (``requestAnimationFrame``), redraws
   per second of the probability map and cost curve, and iterations per second, for 4 and 50
   hidden units (target: at least 30 redraws per second); and the states per second that
   the worker sent, with the worker's time per state for the map of A2 and for tracing
   the decision boundary in it (the page draws only the state it holds at each redraw).
3. Every other page of the site, each loaded in a fresh context: the number of requests for
   anything under ``playground/`` (target: none).

``--long-tasks`` measures instead how long the page's main thread is blocked, on the
throttled profile of Lighthouse's mobile preset: the page loaded at 412 x 823 CSS pixels,
its CPU slowed 4 times (the DevTools protocol's ``Emulation.setCPUThrottlingRate``). A
script installed before the page's own records every long task (a ``PerformanceObserver``
of ``longtask``) and every long animation frame (``long-animation-frame``, whose
``scripts`` name the function and file that ran), from the load through these phases:

- ``load``: the page loaded, until its first drawing and a quiet second after it;
- ``play 4``: Play at the page's default speed, until ``--redraws`` redraws;
- ``controls``: 50 hidden units, the moons, the units' lines ticked, one at a time, each
  until its network is drawn;
- ``play 50``: Play again, 50 units with their lines, until ``--redraws`` redraws;
- ``task``: the first "Try this" task pressed, until its network is drawn.

Printed per phase, as the median over ``--runs`` loads: the long tasks (over 50 ms), the
longest task, the total blocking time (the sum over tasks of their time beyond 50 ms);
then the longest single run of the playground's own scripts in a long animation frame,
and which functions of which files ran longest in the long frames. ``--before DIR`` loads a
second built site in turn with the first, run by run, and prints both side by side.
``--profile`` adds the DevTools protocol's sampling profiler: the functions of the
playground's scripts by their own (self) time on the main thread, over all phases.

The site is built with ``mkdocs build`` into a temporary folder unless ``--site-dir`` names
one. The numbers are printed, never asserted: they depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "docs"))

import numpy as np  # noqa: E402
from browser_support import (  # noqa: E402  (after the sys.path line above)
    SiteServer,
    chromium_missing,
    launch,
    site_pages,
    site_url,
)
from playwright.sync_api import (  # noqa: E402
    Browser,
    CDPSession,
    Page,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

import shallownet as sn  # noqa: E402

PLAYGROUND = "playground/"
TARGET_ITERATIONS_PER_S = 10_000
TARGET_REDRAWS_PER_S = 30

#: Times one train() call in the page; resolves to milliseconds.
TIME_TRAIN_JS = """async (args) => {
  const start = performance.now();
  const result = await window.shallownetPlayground.train(args);
  if (result.costs.length !== args.iterations) throw new Error("wrong number of costs");
  return performance.now() - start;
}"""

#: Counts animation frames, redraws and iterations for `ms` milliseconds of playing.
PLAYING_JS = """async (ms) => {
  const stats = () => window.shallownetPlayground.stats();
  let frames = 0;
  let running = true;
  const count = () => { frames++; if (running) requestAnimationFrame(count); };
  requestAnimationFrame(count);
  const before = stats();
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  running = false;
  const after = stats();
  const seconds = (performance.now() - start) / 1000;
  return {
    frames: frames / seconds,
    redraws: (after.redraws - before.redraws) / seconds,
    iterations: (after.iteration - before.iteration) / seconds,
    draw_ms: (after.draw_ms - before.draw_ms) / Math.max(1, after.redraws - before.redraws),
    states: (after.states - before.states) / seconds,
    map_ms: (after.map_ms - before.map_ms) / Math.max(1, after.states - before.states),
    boundary_ms: (after.boundary_ms - before.boundary_ms) / Math.max(1, after.states - before.states),
  };
}"""


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def worker_cpu_seconds(cdp: CDPSession) -> float:
    """CPU time so far of the Web Worker threads of the browser's renderer processes.

    Linux only: the renderers' process ids come from the DevTools protocol, the threads'
    user and system times from /proc (chromium names a worker's thread DedicatedWorker).
    While train() runs, the playground's worker is the only one that works (Material's
    search worker has built its index by then).
    """
    info = cdp.send("SystemInfo.getProcessInfo")
    ticks = 0
    for process in info["processInfo"]:
        if process["type"] != "renderer":
            continue
        for task in Path(f"/proc/{process['id']}/task").glob("*"):
            try:
                if (task / "comm").read_text().strip() != "DedicatedWorker":
                    continue
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # the thread ended meanwhile
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def open_playground(page: Page) -> None:
    page.goto(PLAYGROUND, wait_until="domcontentloaded")
    page.wait_for_function(
        "() => { const b = document.getElementById('sn-pg-play'); return b && !b.disabled; }",
        timeout=30_000,
    )


def throughput(page: Page, cdp: CDPSession, rounds: int, iterations: int) -> None:
    args = {"dataset": "flower", "n_h": 4, "activation": "tanh", "learning_rate": 1.2}
    X, Y = sn.load_planar_dataset()
    page.evaluate(TIME_TRAIN_JS, {**args, "iterations": 2000})  # warm up the JIT
    sn.nn_model(X=X, Y=Y, n_h=4, num_iterations=2000)
    rates: dict[str, list[float]] = {"js": [], "np": [], "js cpu": [], "np cpu": []}
    ratios, cpu_ratios = [], []
    for _ in range(rounds):
        cpu = worker_cpu_seconds(cdp)
        ms = page.evaluate(TIME_TRAIN_JS, {**args, "iterations": iterations})
        cpu = worker_cpu_seconds(cdp) - cpu
        start, start_cpu = time.perf_counter(), time.process_time()
        sn.nn_model(X=X, Y=Y, n_h=4, num_iterations=iterations)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
        rates["js"].append(iterations / (ms / 1000))
        rates["np"].append(iterations / seconds)
        rates["js cpu"].append(iterations / cpu if cpu > 0 else math.nan)
        rates["np cpu"].append(iterations / cpu_seconds)
        ratios.append(rates["js"][-1] / rates["np"][-1])
        cpu_ratios.append(rates["js cpu"][-1] / rates["np cpu"][-1])
    print(
        f"\n1. train(): flower, n_h=4, tanh, {iterations} iterations, {rounds} alternating rounds"
    )
    print("  it/s: per second of wall-clock time; per CPU s: per second that the thread ran")
    print(f"  {'implementation':44} {'median it/s':>12} {'min':>9} {'max':>9} {'per CPU s':>10}")
    for name, key in [
        ("playground engine.js (chromium, Web Worker)", "js"),
        ("shallownet nn_model (numpy, this process)", "np"),
    ]:
        r = rates[key]
        print(
            f"  {name:44} {statistics.median(r):12,.0f} {min(r):9,.0f} {max(r):9,.0f}"
            f" {statistics.median(rates[key + ' cpu']):10,.0f}"
        )
    for label, values in [("wall-clock", ratios), ("CPU", cpu_ratios)]:
        print(
            f"  ratio engine.js / nn_model per round, {label}: median "
            f"{statistics.median(values):.2f} (min {min(values):.2f}, max {max(values):.2f})"
        )
    for label, key in [("wall-clock", "js"), ("CPU", "js cpu")]:
        ok = statistics.median(rates[key]) >= TARGET_ITERATIONS_PER_S
        print(
            f"  target >= {TARGET_ITERATIONS_PER_S:,} it/s in the browser, per {label} second: "
            f"{'met' if ok else 'NOT met'}"
        )


def playing(page: Page, seconds: float) -> None:
    print(
        f"\n2. Play as fast as possible, {seconds:g} s per hidden size (flower, tanh, alpha 1.2), "
        "boundary redrawn"
    )
    print(
        f"  {'n_h':>4} {'frames/s':>9} {'redraws/s':>10} {'ms/redraw':>10} {'iterations/s':>13}"
        f" {'states/s':>9} {'map ms':>7} {'boundary ms':>12}"
    )
    # the fastest Play, with no stop at 10,000 (the page's defaults are 500 a second and
    # a stop at the course's 10,000 iterations)
    page.select_option("#sn-pg-speed", "max")
    page.uncheck("#sn-pg-stop")
    idle = page.evaluate(PLAYING_JS, seconds * 1000)
    print(f"  {'idle':>4} {idle['frames']:9.1f} {idle['redraws']:10.1f} {'':>10} {0:13,}")
    for n_h in (4, 50):
        page.fill("#sn-pg-n-h", str(n_h))
        page.dispatch_event("#sn-pg-n-h", "change")
        page.wait_for_function(
            "() => !document.getElementById('sn-pg-play').disabled"
            " && document.getElementById('sn-pg-iteration').textContent === '0'"
        )
        page.click("#sn-pg-play")
        page.wait_for_timeout(500)
        result = page.evaluate(PLAYING_JS, seconds * 1000)
        page.click("#sn-pg-play")
        print(
            f"  {n_h:4d} {result['frames']:9.1f} {result['redraws']:10.1f} {result['draw_ms']:10.2f} "
            f"{result['iterations']:13,.0f} {result['states']:9.1f} {result['map_ms']:7.2f}"
            f" {result['boundary_ms']:12.2f}"
        )
    print(
        "  states/s: the states the worker sent; map ms, boundary ms: the worker's time for a"
        " state's map of A2\n  and its boundary, per state (both drawn only at each redraw)"
    )
    print(f"  target >= {TARGET_REDRAWS_PER_S} redraws/s while training")


def other_pages(browser: object, server: SiteServer, site: Path) -> None:
    pages = [rel for rel in site_pages(site) if rel != PLAYGROUND]
    loaded: dict[str, list[str]] = {}
    for rel in pages:
        server.traffic.clear()
        context = server.new_context(browser)
        page = context.new_page()
        page.goto(rel, wait_until="load")
        page.wait_for_timeout(200)
        context.close()
        hits = [url for url, _ in server.traffic.served if "/playground/" in urlsplit(url).path]
        loaded[rel or "home"] = hits
    total = sum(len(hits) for hits in loaded.values())
    print(f"\n3. Other pages: {len(pages)} loaded, requests for playground/ files: {total}")
    for rel, hits in loaded.items():
        if hits:
            print(f"  {rel}: {hits}")


# 4. Long tasks on the throttled profile ----------------------------------------------------

#: Lighthouse's mobile preset: its screen, in CSS pixels and device pixels per CSS pixel,
#: and its CPU slowdown.
MOBILE_SCREEN: ViewportSize = {"width": 412, "height": 823}
MOBILE_SCALE = 1.75
CPU_SLOWDOWN = 4
LONG_TASK_MS = 50
PHASES = ("load", "play 4", "controls", "play 50", "task")
#: The page's scripts, as their URLs end: what "ours" means below.
OURS = "/playground/"

#: Installed before the page's own scripts: records every long task and every long
#: animation frame of the page's main thread, with the scripts that ran in the frame.
OBSERVE_JS = """(() => {
  const record = { tasks: [], frames: [] };
  window.__shallownetLongTasks = record;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) record.tasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  if (!PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) return;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      record.frames.push({
        start: e.startTime,
        duration: e.duration,
        scripts: e.scripts.map((s) => ({
          url: s.sourceURL,
          fn: s.sourceFunctionName,
          invoker: s.invoker,
          duration: s.duration,
          layout: s.forcedStyleAndLayoutDuration,
        })),
      });
    }
  }).observe({ type: "long-animation-frame", buffered: true });
})();"""

REDRAWS_JS = "() => window.shallownetPlayground.stats().redraws"
#: True once the page has drawn more than `after` times and waits for the reader.
DRAWN_JS = """(after) => {
  const stats = window.shallownetPlayground && window.shallownetPlayground.stats();
  return stats !== undefined && stats.redraws > after && !stats.playing
    && !document.getElementById("sn-pg-play").disabled;
}"""


@dataclass
class PhaseStats:
    """One phase of one load: its long tasks, and the longest run of our scripts."""

    tasks: list[float] = field(default_factory=list)  # durations of tasks over 50 ms
    ours: list[float] = field(default_factory=list)  # our scripts' runs in long frames

    @property
    def blocking(self) -> float:
        return sum(d - LONG_TASK_MS for d in self.tasks)


@dataclass
class LoadResult:
    phases: dict[str, PhaseStats]
    # (file, function) -> ms, of the scripts that ran in long animation frames
    scripts: dict[tuple[str, str], float]
    # (file, function:line) -> self ms, from the sampling profiler (--profile)
    profile: dict[tuple[str, str], float]


def short_url(url: str) -> str:
    path = urlsplit(url).path
    if not path:
        return url or "(no file)"
    parts = path.rstrip("/").split("/")
    return "/".join(parts[-2:]) if "playground" in parts or "assets" in parts else parts[-1]


def now_ms(page: Page) -> float:
    value: float = page.evaluate("() => performance.now()")
    return value


def wait_drawn(page: Page, after: int) -> None:
    page.wait_for_function(DRAWN_JS, arg=after, timeout=120_000, polling=50)


def play_for(page: Page, redraws: int) -> None:
    start = page.evaluate(REDRAWS_JS)
    page.click("#sn-pg-play")
    page.wait_for_function(
        "(n) => window.shallownetPlayground.stats().redraws >= n",
        arg=start + redraws,
        timeout=120_000,
        polling=50,
    )
    page.click("#sn-pg-play")
    page.wait_for_function(
        "() => !window.shallownetPlayground.stats().playing", timeout=120_000, polling=50
    )


def change_and_wait(page: Page, change: Callable[[], None]) -> None:
    before = page.evaluate(REDRAWS_JS)
    change()
    wait_drawn(page, before)


def self_times(profile: dict[str, Any]) -> dict[tuple[str, str], float]:
    """Self time in ms of each function of our scripts in a CDP ``Profiler`` profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    times: dict[tuple[str, str], float] = {}
    samples, deltas = profile["samples"], profile["timeDeltas"]
    for i, node_id in enumerate(samples[:-1]):
        frame = nodes[node_id]["callFrame"]
        if OURS not in frame["url"]:
            continue
        key = (
            short_url(frame["url"]),
            f"{frame['functionName'] or '(anonymous)'}:{frame['lineNumber'] + 1}",
        )
        times[key] = times.get(key, 0.0) + deltas[i + 1] / 1000
    return times


def long_task_load(browser: Browser, server: SiteServer, redraws: int, profile: bool) -> LoadResult:
    """Loads the playground once on the throttled profile and goes through PHASES."""
    context = server.new_context(
        browser,
        viewport=MOBILE_SCREEN,
        device_scale_factor=MOBILE_SCALE,
        is_mobile=True,
        has_touch=True,
    )
    context.add_init_script(OBSERVE_JS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    if profile:
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 250})
        cdp.send("Profiler.start")
    marks = [0.0]
    page.goto(PLAYGROUND, wait_until="load", timeout=120_000)
    try:
        wait_drawn(page, 0)
    except PlaywrightTimeoutError:
        sys.exit(f"{server.site_dir}: the playground never drew; errors in the page: {errors}")
    page.wait_for_timeout(1000)
    marks.append(now_ms(page))
    play_for(page, redraws)
    marks.append(now_ms(page))

    def set_n_h() -> None:
        page.fill("#sn-pg-n-h", "50")
        page.dispatch_event("#sn-pg-n-h", "change")

    change_and_wait(page, set_n_h)
    change_and_wait(page, lambda: page.select_option("#sn-pg-dataset", "moons"))
    change_and_wait(page, lambda: page.check("#sn-pg-lines"))
    marks.append(now_ms(page))
    play_for(page, redraws)
    marks.append(now_ms(page))
    change_and_wait(page, lambda: page.click(".sn-pg-tasks button[data-task]"))
    page.wait_for_timeout(500)  # the last long task is reported after it ends
    marks.append(now_ms(page))
    record = page.evaluate("() => window.__shallownetLongTasks")
    times = self_times(cdp.send("Profiler.stop")["profile"]) if profile else {}
    context.close()
    if errors:
        sys.exit(f"{server.site_dir}: errors in the page: {errors}")

    phases = {name: PhaseStats() for name in PHASES}

    def phase_of(start: float) -> str:
        for name, end in zip(PHASES, marks[1:], strict=True):
            if start < end:
                return name
        return PHASES[-1]

    for start, duration in record["tasks"]:
        phases[phase_of(start)].tasks.append(duration)
    scripts: dict[tuple[str, str], float] = {}
    for frame in record["frames"]:
        if frame["duration"] <= LONG_TASK_MS:
            continue
        for script in frame["scripts"]:
            if OURS in script["url"]:
                phases[phase_of(frame["start"])].ours.append(script["duration"])
            key = (short_url(script["url"]), script["fn"] or script["invoker"] or "(anonymous)")
            scripts[key] = scripts.get(key, 0.0) + script["duration"]
    return LoadResult(phases, scripts, times)


def per_load(
    times: list[dict[tuple[str, str], float]], runs: int
) -> list[tuple[tuple[str, str], float]]:
    """Each (script, function)'s ms summed over the loads and divided by ``runs``, largest first."""
    total: dict[tuple[str, str], float] = {}
    for load in times:
        for key, ms in load.items():
            total[key] = total.get(key, 0.0) + ms / runs
    return sorted(total.items(), key=lambda item: -item[1])


def long_tasks(
    browser: Browser, sites: dict[str, Path], runs: int, redraws: int, profile: bool
) -> None:
    servers = {name: SiteServer(site, site_url()) for name, site in sites.items()}
    results: dict[str, list[LoadResult]] = {name: [] for name in sites}
    for _ in range(runs):
        for name, server in servers.items():  # in turn, so that the load falls on both
            results[name].append(long_task_load(browser, server, redraws, profile))
    print(
        f"\n4. Long tasks of the main thread: the playground at {MOBILE_SCREEN['width']} x "
        f"{MOBILE_SCREEN['height']} px, CPU slowed {CPU_SLOWDOWN}x, {redraws} redraws a Play; "
        f"median of {runs} loads"
    )
    for name, site in sites.items():
        print(f"  {name}: {site}")
    print("  tasks: tasks over 50 ms; TBT: total blocking time, the sum of (task - 50 ms)")
    print(
        "  ours: the longest run of a playground/ script in a frame over 50 ms, and how many ran over 50 ms"
    )
    print(
        f"  {'phase':9} {'site':7} {'tasks':>5} {'longest ms':>10} {'TBT ms':>7}"
        f" {'ours longest ms':>15} {'ours >50':>8}"
    )
    med = statistics.median
    for phase in PHASES:
        for i, name in enumerate(sites):
            stats = [r.phases[phase] for r in results[name]]
            print(
                f"  {phase if i == 0 else '':9} {name:7}"
                f" {med(len(s.tasks) for s in stats):5g}"
                f" {med(max(s.tasks, default=0) for s in stats):10.0f}"
                f" {med(s.blocking for s in stats):7.0f}"
                f" {med(max(s.ours, default=0) for s in stats):15.0f}"
                f" {med(sum(d > LONG_TASK_MS for d in s.ours) for s in stats):8g}"
            )
    for name in sites:
        print(
            f"\n  {name}: the scripts that ran longest in frames over 50 ms, ms per load (all phases)"
        )
        for (url, fn), ms in per_load([r.scripts for r in results[name]], runs)[:8]:
            print(f"    {ms:7.0f}  {url}  {fn}")
        if profile:
            print(
                f"  {name}: the playground's functions by self time on the main thread, ms per load"
            )
            for (url, fn), ms in per_load([r.profile for r in results[name]], runs)[:10]:
                print(f"    {ms:7.1f}  {url}  {fn}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, help="an already built site")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--play-seconds", type=float, default=3.0)
    parser.add_argument(
        "--long-tasks", action="store_true", help="measure the main thread's long tasks instead"
    )
    parser.add_argument(
        "--before", type=Path, metavar="DIR", help="with --long-tasks: a second built site"
    )
    parser.add_argument("--runs", type=int, default=5, help="with --long-tasks: loads a site")
    parser.add_argument("--redraws", type=int, default=60, help="with --long-tasks: a Play's")
    parser.add_argument(
        "--profile", action="store_true", help="with --long-tasks: the sampling profiler too"
    )
    args = parser.parse_args()
    reason = chromium_missing()
    if reason is not None:
        sys.exit(reason)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site_dir
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            print(datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
            print(f"CPU: {cpu_model()}, {os.cpu_count()} logical cores")
            print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
            print(
                f"chromium {browser.version}, numpy {np.__version__}, Python {platform.python_version()}"
            )
            if args.long_tasks:
                sites = (
                    {"site": site}
                    if args.before is None
                    else {"before": args.before, "after": site}
                )
                long_tasks(browser, sites, args.runs, args.redraws, args.profile)
                print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
                browser.close()
                return
            server = SiteServer(site, site_url())
            context = server.new_context(browser)
            page = context.new_page()
            open_playground(page)
            throughput(page, browser.new_browser_cdp_session(), args.rounds, args.iterations)
            playing(page, args.play_seconds)
            context.close()
            other_pages(browser, server, site)
            browser.close()


if __name__ == "__main__":
    main()

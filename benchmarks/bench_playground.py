"""How fast the playground trains and draws in headless chromium, and what the other pages load.

    python benchmarks/bench_playground.py [--site-dir DIR] [--rounds 7] [--iterations 20000]

1. Throughput of ``window.shallownetPlayground.train`` (docs/playground/engine.js in its Web
   Worker) on the flower with 4 tanh hidden units, side by side with `shallownet.nn_model`
   in this process: the rounds alternate between the two, and the ratio of each round is
   reported with the medians (target: at least 10,000 iterations per second in the browser).
2. While the page plays: frames per second of the page (``requestAnimationFrame``), redraws
   per second of the probability map and cost curve, and iterations per second, for 4 and 50
   hidden units (target: at least 30 redraws per second).
3. Every other page of the site, each loaded in a fresh context: the number of requests for
   anything under ``playground/`` (target: none).

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
from datetime import UTC, datetime
from pathlib import Path
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
from playwright.sync_api import CDPSession, Page, sync_playwright  # noqa: E402

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
    print(f"  {'n_h':>4} {'frames/s':>9} {'redraws/s':>10} {'ms/redraw':>10} {'iterations/s':>13}")
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
            f"{result['iterations']:13,.0f}"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, help="an already built site")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument("--play-seconds", type=float, default=3.0)
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

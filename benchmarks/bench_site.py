"""How long the site takes to build, how heavy each page is, how fast its math typesets.

    python benchmarks/bench_site.py [--runs 3] [--strict]

1. ``mkdocs build`` wall time, the median of ``--runs`` builds into a temporary folder
   (target: at most 10 s for the whole site).
2. For every page, in the headless Debian chromium of the browser tests, with the site served
   offline under its real ``site_url`` and a cold cache (a new browser context per load):
   - the page's weight: the bytes of every file the browser requested while loading it and
     typesetting its math, split into HTML, CSS, JS, fonts and the rest (images, the
     search index);
   - the time from navigation start until all its math is typeset, i.e.
     ``MathJax.startup.promise`` has resolved and every ``.arithmatex`` element holds an
     ``mjx-container`` (target: at most 300 ms), the median of ``--runs`` loads.

The numbers are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "docs"))

from browser_support import (  # noqa: E402  (after the sys.path line above)
    MATH_READY_JS,
    SiteServer,
    chromium_missing,
    launch,
    site_pages,
    site_url,
)
from playwright.sync_api import Browser, sync_playwright  # noqa: E402

BUILD_TARGET_S = 10.0
TYPESET_TARGET_MS = 300.0

#: Records in window.__mathTypesetAt the time (ms since navigation start) at which every
#: .arithmatex element of the page is typeset and MathJax.startup.promise has resolved.
TYPESET_PROBE_JS = """
(() => {
  const done = () => {
    const all = Array.from(document.querySelectorAll(".arithmatex"));
    return all.every((el) => el.querySelector("mjx-container") !== null);
  };
  const check = async () => {
    const startup = window.MathJax && window.MathJax.startup;
    if (document.readyState !== "loading" && document.querySelector(".arithmatex") === null) {
      window.__mathTypesetAt = performance.now();
      return;
    }
    if (startup && startup.promise) {
      await startup.promise;
      if (done()) {
        window.__mathTypesetAt = performance.now();
        return;
      }
    }
    setTimeout(check, 1);
  };
  setTimeout(check, 0);
})();
"""

#: Follows a link to ``url`` with Material's instant navigation (a click on a link, as a
#: reader would) and resolves with the ms from the click until the new page's math is typeset.
INSTANT_NAVIGATION_JS = """
async (url) => {
  let replayed = false;
  let subscription;
  const arrived = new Promise((resolve) => {
    subscription = document$.subscribe(() => {
      if (replayed) resolve();
      replayed = true;  // document$ replays the current page at once
    });
  });
  const link = document.createElement("a");
  link.href = url;
  document.body.append(link);
  const start = performance.now();
  link.click();
  await arrived;
  subscription.unsubscribe();
  for (;;) {
    await MathJax.startup.promise;
    const all = Array.from(document.querySelectorAll(".arithmatex"));
    if (all.every((el) => el.querySelector("mjx-container") !== null)) break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (window.__benchMarker !== true) throw new Error("full page load, not instant navigation");
  return performance.now() - start;
}
"""

KINDS = {
    ".html": "html",
    ".css": "css",
    ".js": "js",
    ".woff": "fonts",
    ".woff2": "fonts",
}


def build(site_dir: Path, strict: bool) -> float:
    """One ``mkdocs build`` into ``site_dir``; its wall time in seconds."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def kind(url: str) -> str:
    path = urlsplit(url).path
    if path.endswith("/"):
        return "html"
    return KINDS.get(Path(path).suffix, "other")


def measure_page(
    browser: Browser, server: SiteServer, rel: str
) -> tuple[dict[str, int], float, int]:
    """One cold load of a page: bytes by kind, ms until its math is typeset, equations."""
    server.traffic.clear()
    context = server.new_context(browser)
    context.add_init_script(TYPESET_PROBE_JS)
    page = context.new_page()
    try:
        page.goto(rel, wait_until="domcontentloaded")
        page.wait_for_function("() => window.__mathTypesetAt !== undefined", timeout=30_000)
        typeset_ms: float = page.evaluate("() => window.__mathTypesetAt")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.wait_for_load_state("load")
        equations: int = page.locator(".arithmatex").count()
    finally:
        context.close()
    if server.traffic.outside:
        print(f"  warning: {rel or 'home'} requested {server.traffic.outside}", file=sys.stderr)
    weight = dict.fromkeys(("html", "css", "js", "fonts", "other"), 0)
    for url, size in server.traffic.served:
        weight[kind(url)] += size
    return weight, typeset_ms, equations


def measure_instant(
    browser: Browser, server: SiteServer, pages: list[str], runs: int
) -> dict[str, float]:
    """Median ms from a click until the new page's math is typeset, by page."""
    context = server.new_context(browser)
    page = context.new_page()
    samples: dict[str, list[float]] = {rel: [] for rel in pages}
    try:
        page.goto(pages[-1], wait_until="domcontentloaded")
        page.wait_for_function(MATH_READY_JS)
        page.evaluate("() => { window.__benchMarker = true; }")
        for _ in range(runs):
            for rel in pages:
                samples[rel].append(page.evaluate(INSTANT_NAVIGATION_JS, server.url(rel)))
    finally:
        context.close()
    return {rel: statistics.median(times) for rel, times in samples.items()}


def kb(size: int) -> str:
    return f"{size / 1024:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3, help="builds and page loads (median)")
    parser.add_argument("--strict", action="store_true", help="build with --strict")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="shallownet-bench-") as tmp:
        site = Path(tmp, "site")
        times = [build(site, args.strict) for _ in range(args.runs)]
        build_s = statistics.median(times)
        runs = ", ".join(f"{t:.2f}" for t in times)
        verdict = "ok" if build_s <= BUILD_TARGET_S else "OVER TARGET"
        print(f"mkdocs build: median {build_s:.2f} s of {args.runs} ({runs} s)")
        print(f"  target <= {BUILD_TARGET_S:.0f} s: {verdict}")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"  {os.cpu_count()} CPUs, load average {load:.1f}, Python {sys.version.split()[0]}")

        reason = chromium_missing()
        if reason is not None:
            sys.exit(reason)
        server = SiteServer(site, site_url())
        pages = site_pages(site)
        rows = []
        with sync_playwright() as playwright:
            browser = launch(playwright)
            measure_page(browser, server, "")  # warm up the browser itself
            for rel in pages:
                samples = [measure_page(browser, server, rel) for _ in range(args.runs)]
                weight, _, equations = samples[-1]
                cold = statistics.median(sample[1] for sample in samples)
                rows.append((rel, equations, weight, cold))
            instant = measure_instant(browser, server, pages, args.runs)
            browser.close()

        print()
        print("Per page: weight in KiB of what the browser requested on a cold load (cache")
        print("empty); ms until all math is typeset, from navigation start on a cold load and")
        print(f"from the click on an instant navigation; medians of {args.runs}.")
        header = (
            f"{'page':<34} {'eqs':>4} {'html':>5} {'css':>5} {'js':>6} {'fonts':>5} "
            f"{'other':>5} {'total':>6} {'cold ms':>8} {'instant ms':>10}"
        )
        print(header)
        print("-" * len(header))
        for rel, equations, weight, cold in rows:
            print(
                f"{rel or '(home)':<34} {equations:>4} {kb(weight['html']):>5} "
                f"{kb(weight['css']):>5} {kb(weight['js']):>6} {kb(weight['fonts']):>5} "
                f"{kb(weight['other']):>5} {kb(sum(weight.values())):>6} "
                f"{cold:>8.0f} {instant[rel]:>10.0f}"
            )
        print()
        for label, values in (
            ("cold load", [row[3] for row in rows]),
            ("instant", instant.values()),
        ):
            over = sum(value > TYPESET_TARGET_MS for value in values)
            print(
                f"{label}: {over} of {len(rows)} pages over the {TYPESET_TARGET_MS:.0f} ms "
                "typeset target"
            )


if __name__ == "__main__":
    main()

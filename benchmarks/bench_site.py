"""How long the site takes to build, how heavy each page is, how fast its math typesets.

    python benchmarks/bench_site.py [--runs 3] [--strict]
    python benchmarks/bench_site.py --site DIR   # pages only, of a site built elsewhere

1. ``mkdocs build`` wall time: one build with shallownet_site.mathjax's equation cache empty
   (every equation typeset by Node), then the median of ``--runs`` builds with it warm
   (target: at most 10 s for the whole site). A site that typesets in the browser, such as
   a checkout from before issue 13, ignores the cache, so the two are alike there.
2. For every page, in the headless Debian chromium of the browser tests, with the site served
   offline under its real ``site_url`` and a cold cache (a new browser context per load):
   - the page's weight: the bytes of every file the browser requested while loading it and
     its fonts, split into HTML, CSS, JS, fonts and the rest (images, the search index);
   - the time from navigation start until all its math is there, i.e. every ``.arithmatex``
     element holds an ``mjx-container`` (at DOMContentLoaded when the build typeset it;
     after ``MathJax.startup.promise`` when the browser does), and whether it was already
     there at DOMContentLoaded (target: at most 300 ms), the median of ``--runs`` loads;
   - the time until the first contentful paint, and whether the math that the browser had
     parsed by then was typeset in it (checked in requestAnimationFrame callbacks, which
     run just before each frame is rendered);
   - the time until the page's fonts, MathJax's woff files among them, have loaded;
   - the time from a click on a link (Material's instant navigation) until the new page's
     math is there.
3. The same cold loads of Material's own ``404.html``: the theme's template, stylesheets and
   script with no math and next to no content, the floor under every page's times.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any
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
FLOOR_PAGE = "404.html"

#: Records, in ms since navigation start: window.__domContentLoadedAt, and whether every
#: .arithmatex element held MathJax's output then (window.__mathAtDomContentLoaded: true when
#: the math comes typeset from the build); window.__mathTypesetAt, when every .arithmatex holds
#: an mjx-container (after MathJax.startup.promise, for a site that typesets in the browser);
#: window.__fontsAt, when the fonts the page uses (MathJax's woff files among them) are loaded;
#: window.__mathAtFirstPaint, whether the math already parsed was typeset at the first
#: contentful paint.
TYPESET_PROBE_JS = """
(() => {
  // While the page is still being parsed, the last .arithmatex may be cut at the end of
  // the chunk the parser has reached, its markup not yet read: that one is left out.
  const done = (parsing = false) => {
    const all = Array.from(document.querySelectorAll(".arithmatex"));
    const read = parsing && document.readyState === "loading" ? all.slice(0, -1) : all;
    return read.every((el) => el.querySelector("mjx-container") !== null);
  };
  // The first contentful paint: requestAnimationFrame runs its callback just before the
  // browser renders a frame, and the paint's entry appears once that frame is shown. So
  // each frame records the state of the math, and the first frame that finds the entry
  // keeps what the frame before it recorded: the math as that paint showed it.
  let previous = null;
  const frame = () => {
    if (performance.getEntriesByName("first-contentful-paint").length > 0) {
      window.__mathAtFirstPaint = previous === null ? done(true) : previous;
      return;
    }
    previous = done(true);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.addEventListener("DOMContentLoaded", () => {
    window.__domContentLoadedAt = performance.now();
    window.__mathAtDomContentLoaded = done();
  });
  const check = async () => {
    if (document.readyState !== "loading") {
      const startup = window.MathJax && window.MathJax.startup;
      if (startup && startup.promise) await startup.promise;
      if (done()) {
        window.__mathTypesetAt = performance.now();
        await document.fonts.ready;
        window.__fontsAt = performance.now();
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
    if (window.MathJax && window.MathJax.startup) await MathJax.startup.promise;
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


def build(site_dir: Path, strict: bool, math_cache: Path) -> float:
    """One ``mkdocs build`` into ``site_dir``; its wall time in seconds.

    ``math_cache`` is the folder where shallownet_site.mathjax caches the typeset equations
    (a site that typesets in the browser ignores it).
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHALLOWNET_MATHJAX_CACHE": str(math_cache)}
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


@dataclass
class Load:
    """One cold load of a page."""

    weight: dict[str, int]
    equations: int
    math_ms: float  # until all math is visible as markup (DOMContentLoaded when pre-typeset)
    at_dcl: bool  # all math was there at DOMContentLoaded
    fonts_ms: float  # until the fonts the page uses are loaded
    paint_ms: float  # first contentful paint
    at_paint: bool  # the math parsed by the first contentful paint was typeset in it


def measure_page(browser: Browser, server: SiteServer, rel: str) -> Load:
    """One cold load of a page: bytes by kind, when its math is there, equations."""
    server.traffic.clear()
    context = server.new_context(browser)
    context.add_init_script(TYPESET_PROBE_JS)
    page = context.new_page()
    try:
        page.goto(rel, wait_until="domcontentloaded")
        page.wait_for_function("() => window.__fontsAt !== undefined", timeout=30_000)
        probe: dict[str, Any] = page.evaluate(
            """() => ({dcl: window.__domContentLoadedAt, atDcl: window.__mathAtDomContentLoaded,
                       typeset: window.__mathTypesetAt, fonts: window.__fontsAt,
                       atPaint: window.__mathAtFirstPaint,
                       fcp: (performance.getEntriesByName("first-contentful-paint")[0]
                             || {startTime: NaN}).startTime})"""
        )
        page.wait_for_load_state("load")
        equations: int = page.locator(".arithmatex").count()
    finally:
        context.close()
    if server.traffic.outside:
        print(f"  warning: {rel or 'home'} requested {server.traffic.outside}", file=sys.stderr)
    weight = dict.fromkeys(("html", "css", "js", "fonts", "other"), 0)
    for url, size in server.traffic.served:
        weight[kind(url)] += size
    at_dcl = bool(probe["atDcl"])
    math_ms = float(probe["dcl"] if at_dcl else max(probe["dcl"], probe["typeset"]))
    return Load(
        weight,
        equations,
        math_ms,
        at_dcl,
        float(probe["fonts"]),
        float(probe["fcp"]),
        bool(probe["atPaint"]),
    )


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
    parser.add_argument(
        "--site",
        type=Path,
        help="measure the pages of this built site (another checkout's, say); no builds",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="shallownet-bench-") as tmp:
        site = Path(tmp, "site") if args.site is None else args.site.resolve()
        math_cache = Path(tmp, "mathjax-cache")
        if args.site is None:
            time_builds(site, args.strict, math_cache, args.runs)
        else:
            print(f"pages of {site}, built elsewhere")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"  {os.cpu_count()} CPUs, load average {load:.1f}, Python {sys.version.split()[0]}")
        measure_pages(site, args.runs)


def time_builds(site: Path, strict: bool, math_cache: Path, runs: int) -> None:
    """Build the site into ``site`` with the equation cache empty, then warm; print the times."""
    cold_s = build(site, strict, math_cache)
    times = [build(site, strict, math_cache) for _ in range(runs)]
    build_s = statistics.median(times)
    listed = ", ".join(f"{t:.2f}" for t in times)
    verdict = "ok" if max(cold_s, build_s) <= BUILD_TARGET_S else "OVER TARGET"
    print(f"mkdocs build, math cache empty: {cold_s:.2f} s")
    print(f"mkdocs build, math cache warm: median {build_s:.2f} s of {runs} ({listed} s)")
    print(f"  target <= {BUILD_TARGET_S:.0f} s: {verdict}")


def measure_pages(site: Path, runs: int) -> None:
    """Load every page of ``site`` cold ``runs`` times, then by instant navigation; print."""
    reason = chromium_missing()
    if reason is not None:
        sys.exit(reason)
    server = SiteServer(site, site_url())
    pages = site_pages(site)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        measure_page(browser, server, "")  # warm up the browser itself

        def cold_loads(rel: str) -> Row:
            return Row.of(rel, [measure_page(browser, server, rel) for _ in range(runs)])

        rows = [cold_loads(rel) for rel in pages]
        # Material's own 404 page: the theme's template, stylesheets and script, with no
        # math and next to no content. Its time to DOMContentLoaded is the floor of
        # every page of this site on this machine.
        floor = cold_loads(FLOOR_PAGE)
        instant = measure_instant(browser, server, pages, runs)
        browser.close()

    print()
    print("Per page: weight in KiB of what the browser requested on a cold load (cache")
    print("empty); ms from navigation start until all math is there (DOMContentLoaded when")
    print("it came typeset from the build: 'dcl' yes), until the first contentful paint")
    print("('typeset' yes: the math parsed by then was typeset in it) and until")
    print("the fonts are loaded, on a cold load; ms from the click on an instant")
    print(f"navigation; medians of {runs}.")
    header = (
        f"{'page':<34} {'eqs':>4} {'html':>5} {'css':>5} {'js':>6} {'fonts':>5} "
        f"{'other':>5} {'total':>6} {'math ms':>8} {'dcl':>4} {'paint ms':>8} "
        f"{'typeset':>7} {'fonts ms':>8} {'instant ms':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in [*rows, floor]:
        weight = row.load.weight
        print(
            f"{row.rel or '(home)':<34} {row.load.equations:>4} {kb(weight['html']):>5} "
            f"{kb(weight['css']):>5} {kb(weight['js']):>6} {kb(weight['fonts']):>5} "
            f"{kb(weight['other']):>5} {kb(sum(weight.values())):>6} "
            f"{row.math_ms:>8.0f} {yes(row.at_dcl):>4} {row.paint_ms:>8.0f} "
            f"{yes(row.at_paint):>7} {row.fonts_ms:>8.0f} "
            f"{instant[row.rel] if row.rel in instant else float('nan'):>10.0f}"
        )
    print()
    for label, values in (
        ("cold load, math there", [row.math_ms for row in rows]),
        ("cold load, first contentful paint", [row.paint_ms for row in rows]),
        ("cold load, fonts loaded", [row.fonts_ms for row in rows]),
        ("instant", list(instant.values())),
    ):
        over = sum(value > TYPESET_TARGET_MS for value in values)
        print(
            f"{label}: {over} of {len(rows)} pages over the {TYPESET_TARGET_MS:.0f} ms "
            f"target (max {max(values):.0f} ms)"
        )
    print(
        f"the theme's floor, {FLOOR_PAGE} (no math): DOMContentLoaded at"
        f" {floor.math_ms:.0f} ms, first contentful paint at {floor.paint_ms:.0f} ms"
    )
    print(f"math complete at DOMContentLoaded: {sum(r.at_dcl for r in rows)} of {len(rows)} pages")
    print(
        f"math typeset at the first contentful paint: {sum(r.at_paint for r in rows)} of {len(rows)} pages"
    )
    js = [row.load.weight["js"] for row in rows]
    print(f"JavaScript per page: {kb(min(js))}-{kb(max(js))} KiB")


def yes(value: bool) -> str:
    return "yes" if value else "no"


@dataclass
class Row:
    """One page's cold loads: the last load's weights, and the medians."""

    rel: str
    load: Load
    math_ms: float
    at_dcl: bool
    paint_ms: float
    at_paint: bool
    fonts_ms: float

    @classmethod
    def of(cls, rel: str, samples: list[Load]) -> Row:
        return cls(
            rel,
            samples[-1],
            statistics.median(sample.math_ms for sample in samples),
            all(sample.at_dcl for sample in samples),
            statistics.median(sample.paint_ms for sample in samples),
            all(sample.at_paint for sample in samples),
            statistics.median(sample.fonts_ms for sample in samples),
        )


if __name__ == "__main__":
    main()

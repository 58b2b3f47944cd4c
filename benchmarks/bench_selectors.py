"""Where the browser spends its time matching the stylesheets' selectors, page by page.

    make docs && python benchmarks/bench_selectors.py [--pages playground api] [--runs 5]
    python benchmarks/bench_selectors.py --before /tmp/old-site     # side by side

A benchmark, not a test: it prints numbers and asserts nothing.

Chromium records, for each style recalculation, how long each selector of the page's
stylesheets took to match, how often it was tried and how often it matched, when its
``disabled-by-default-blink.debug`` trace category is on (DevTools' "Enable CSS selector
stats"; the trace's ``SelectorStats`` events). This script loads each page of ``--pages``
(named as in ``bench_lighthouse.PAGES``; the playground and the API page unless told) in
headless chromium at the phone size of Lighthouse's mobile preset (412 x 823), unthrottled,
with that category on, from the navigation until its scripts have run and a second has
passed, and adds the events of the load up per selector. The times are the browser's own, with the category's overhead, so they compare
sites and selectors rather than predict a phone's.

Printed per page and site, as the median over ``--runs`` loads: the style recalculations
that carried statistics, the page's elements, the total time in selector matching, and the
part of it spent in the theme's selectors for content tabs
(`shallownet_site.theme_css.names_a_tab_class`: the selectors the build drops); then the
``--top`` selectors by their median time, with their attempts and matches, and the
selectors for tabs together. The browser files a rule under the last part of its selector
(its tag, class or id); a selector whose last part names none of them (``:root > *``,
``:nth-child(7)``) is tried on every element each time its style is computed, so all such
selectors show the same count of attempts: the number of element styles computed during
the load. Identical selectors of different rules are added up under their text, and show
a multiple of it.

``--before DIR`` loads a second built site in turn with the first, run by run.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "docs"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_lighthouse import PAGES  # noqa: E402
from browser_support import (  # noqa: E402
    SiteServer,
    chromium_missing,
    launch,
    site_url,
    wait_for_scripts,
)
from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from shallownet_site.theme_css import names_a_tab_class  # noqa: E402

#: Whether a selector is one of the theme's for tabs, parsed once per distinct selector:
#: every load's total and the detail lines ask about the same few thousand selectors.
is_a_tab_selector = functools.cache(names_a_tab_class)

CATEGORY = "disabled-by-default-blink.debug"
#: Lighthouse's mobile preset's screen, in CSS pixels.
PHONE = {"width": 412, "height": 823}


@dataclass
class Load:
    """The selector statistics of one page load, added up per selector."""

    recalcs: int = 0
    elements: int = 0
    #: selector -> [elapsed us, attempts, matches]
    selectors: dict[str, list[float]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0])
    )

    @property
    def total_ms(self) -> float:
        return sum(s[0] for s in self.selectors.values()) / 1000

    @property
    def tabs_ms(self) -> float:
        return sum(s[0] for sel, s in self.selectors.items() if is_a_tab_selector(sel)) / 1000


def load(browser: Browser, server: SiteServer, rel: str) -> Load:
    """Load ``rel`` once, fresh, with the selector statistics on."""
    context = server.new_context(browser, viewport=PHONE)
    page = context.new_page()
    browser.start_tracing(page=page, categories=[CATEGORY])
    page.goto(server.url(rel), wait_until="load")
    wait_for_scripts(page)
    page.wait_for_timeout(1000)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    trace = json.loads(browser.stop_tracing())
    context.close()
    result = Load(elements=elements)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    for event in events:
        if event.get("name") != "SelectorStats":
            continue
        timings = event.get("args", {}).get("selector_stats", {}).get("selector_timings", [])
        result.recalcs += 1
        for timing in timings:
            entry = result.selectors[timing["selector"]]
            entry[0] += timing["elapsed (us)"]
            entry[1] += timing["match_attempts"]
            entry[2] += timing["match_count"]
    return result


def median_stats(runs: list[Load]) -> dict[str, list[float]]:
    """Each selector's median time (us), attempts and matches over ``runs`` (0 in a load
    that did not try it)."""
    names = {selector for run in runs for selector in run.selectors}
    zero = [0.0, 0.0, 0.0]
    return {
        selector: [
            statistics.median(run.selectors.get(selector, zero)[k] for run in runs)
            for k in range(3)
        ]
        for selector in names
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (site/)")
    parser.add_argument("--before", type=Path, metavar="DIR", help="a second built site")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=["playground", "api"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=8, help="selectors listed per page and site")
    args = parser.parse_args()
    reason = chromium_missing()
    if reason is not None:
        sys.exit(reason)
    sites = (
        {"site": args.site} if args.before is None else {"before": args.before, "after": args.site}
    )
    base = site_url()
    servers = {name: SiteServer(path, base) for name, path in sites.items()}
    start = datetime.now(UTC)
    loads: dict[tuple[str, str], list[Load]] = defaultdict(list)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        version = browser.version
        for _ in range(args.runs):
            for page in args.pages:
                for name, server in servers.items():
                    loads[page, name].append(load(browser, server, PAGES[page]))
        browser.close()
    end = datetime.now(UTC)
    if not any(one.recalcs for runs in loads.values() for one in runs):
        sys.exit(f"chromium {version} recorded no SelectorStats events ({CATEGORY})")
    print(
        f"Chromium {version}, selector statistics ({CATEGORY}), unthrottled, {PHONE['width']}"
        f" x {PHONE['height']}; median of {args.runs} loads per page and site"
    )
    print(
        f"{os.cpu_count()} CPUs; {start:%Y-%m-%d %H:%M}-{end:%H:%M} UTC;"
        f" load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    for name, path in sites.items():
        print(f"  {name}: {path}")
    print(
        f"{'page':<17} {'site':<7} {'recalcs':>7} {'elements':>8} {'selectors ms':>12}"
        f" {'tabs ms':>8} {'tabs %':>6}"
    )
    print("-" * 71)
    for page in args.pages:
        for i, name in enumerate(sites):
            runs = loads[page, name]
            total = statistics.median(r.total_ms for r in runs)
            tabs = statistics.median(r.tabs_ms for r in runs)
            share = statistics.median(100 * r.tabs_ms / r.total_ms for r in runs if r.total_ms)
            print(
                f"{page if i == 0 else '':<17} {name:<7}"
                f" {statistics.median(r.recalcs for r in runs):>7.0f}"
                f" {statistics.median(r.elements for r in runs):>8.0f}"
                f" {total:>12.1f} {tabs:>8.1f} {share:>6.1f}"
            )
    for page in args.pages:
        for name in sites:
            runs = loads[page, name]
            print(
                f"\n{page}, {name}: the {args.top} slowest selectors, each column the median"
                f" of the {len(runs)} loads"
            )
            print(f"  {'ms':>6} {'attempts':>9} {'matches':>8}  selector")
            medians = median_stats(runs)
            ranked = sorted(medians.items(), key=lambda item: -item[1][0])
            for selector, (elapsed, attempts, matches) in ranked[: args.top]:
                shown = selector if len(selector) <= 90 else selector[:87] + "..."
                print(f"  {elapsed / 1000:>6.2f} {attempts:>9,.0f} {matches:>8,.0f}  {shown}")
            tabs = [stats for selector, stats in medians.items() if is_a_tab_selector(selector)]
            if tabs:
                print(
                    f"  the {len(tabs)} selectors for tabs: {sum(t[0] for t in tabs) / 1000:.2f} ms,"
                    f" {min(t[1] for t in tabs):,.0f}-{max(t[1] for t in tabs):,.0f} attempts"
                    f" each, {sum(t[2] for t in tabs):,.0f} matches in all"
                )


if __name__ == "__main__":
    main()

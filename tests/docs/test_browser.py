"""The built site in a real browser: math, links, copy buttons, accessibility, screenshots.

Headless Debian chromium (``/usr/bin/chromium``, never a downloaded browser) loads the site
built by ``mkdocs build --strict``, served offline under its real ``site_url`` (see
``browser_support.py``). Every request outside the site is refused and fails the tests.
Without chromium the module is skipped, except under CI (``CI=true``), where it fails.

Screenshots go to ``artifacts/screenshots/`` (CI uploads them).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from browser_support import (
    DESKTOP,
    PHONE,
    ROOT,
    Console,
    SiteServer,
    math_problems,
    site_pages,
    wait_for_math,
)
from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
HOME = ""
EQUATION_PAGE = "explanation/backpropagation/"
API_PAGE = "reference/api/"
AUDITED = {"home": HOME, "equation": EQUATION_PAGE, "api": API_PAGE, "playground": "playground/"}
PALETTES = {"light": "default", "dark": "slate"}
#: Starts axe-core in the page without waiting for it; the result lands in a window property.
AXE_START_JS = """() => {
  window.__shallownetAxe = axe.run(document, { resultTypes: ["violations"] });
}"""
COPY_BUTTON = "button.md-code__button[data-md-type=copy]"
#: Set on window before a click; still there after it when Material navigated in place.
MARKER = "__shallownetNoReload"


# Fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def context(browser: Browser, server: SiteServer) -> Iterator[BrowserContext]:
    """The light-palette desktop context that most tests share, clipboard allowed."""
    context = server.new_context(browser, color_scheme="light")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server.base))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    yield context
    context.close()


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(context: BrowserContext, server: SiteServer, console: Console) -> Iterator[Page]:
    """A fresh tab; after the test, no console error and no request outside the site."""
    server.traffic.clear()
    page = console.watch(context.new_page())
    yield page
    page.close()
    traffic = server.traffic
    assert traffic.outside == [], f"requests outside the site: {traffic.outside}"
    assert traffic.missing == [], f"requests for files the site does not have: {traffic.missing}"
    assert console.errors == [], f"console errors: {console.errors}"


# Helpers ----------------------------------------------------------------------------------


def open_page(page: Page, rel: str) -> None:
    page.goto(rel, wait_until="domcontentloaded")
    wait_for_math(page)
    page.evaluate("() => document.fonts.ready.then(() => true)")


def mark(page: Page) -> None:
    page.evaluate(f"() => {{ window.{MARKER} = true; }}")


def assert_no_reload(page: Page) -> None:
    assert page.evaluate(f"() => window.{MARKER} === true"), (
        "the link was followed by a full page load, not by Material's instant navigation"
    )


def wait_in_view(page: Page, anchor: str) -> None:
    """Wait until the element with id ``anchor`` exists and is scrolled into view."""
    page.wait_for_function(
        """(id) => {
          const el = document.getElementById(id);
          if (el === null) return false;
          const top = el.getBoundingClientRect().top;
          return top >= 0 && top < window.innerHeight;
        }""",
        arg=anchor,
        timeout=10_000,
    )


def assert_math_typeset(page: Page) -> int:
    """Every equation of the page typeset, with no error; returns how many there are."""
    wait_for_math(page)
    problems = math_problems(page)
    assert problems == [], f"{page.url}:\n  " + "\n  ".join(problems)
    count: int = page.locator(".arithmatex").count()
    return count


def copy(page: Page, block_selector: str) -> str:
    """Click the copy button of the first block matching the selector; the clipboard's text."""
    block = page.locator(block_selector).first
    block.scroll_into_view_if_needed()
    block.hover()
    page.evaluate("() => navigator.clipboard.writeText('')")
    block.locator(COPY_BUTTON).click()
    page.wait_for_function("() => navigator.clipboard.readText().then((t) => t !== '')")
    text: str = page.evaluate("() => navigator.clipboard.readText()")
    return text


def console_lines(text: str) -> tuple[list[str], list[str]]:
    """A console block's source lines (prompts stripped) and its output lines."""
    source, output = [], []
    for line in text.splitlines():
        if line.startswith((">>> ", "... ")):
            source.append(line[4:])
        elif line in {">>>", "..."}:
            source.append("")
        elif line.strip():
            output.append(line)
    return source, output


def assert_runnable_copy(copied: str, shown: str) -> None:
    """``copied`` is the source of the console block ``shown``, and Python runs it."""
    source, output = console_lines(shown)
    lines = copied.splitlines()
    prompts = [line for line in lines if line.startswith((">>>", "..."))]
    assert prompts == [], f"prompts left in the copied code: {prompts}"
    leaked = [line for line in output if line in lines and line not in source]
    assert leaked == [], f"output lines in the copied code: {leaked}"
    assert lines == "\n".join(source).rstrip().splitlines()
    result = subprocess.run(
        [sys.executable, "-"],
        input=copied,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"the copied code fails:\n{copied}\n{result.stderr}"


def first_console_block_page(site: Path) -> str:
    """The Markdown page whose first ```pycon block is copied by the test.

    A page's first console block is self-contained (the snippet tests run a page's blocks
    in order); of the pages' first blocks, the shortest is taken, to keep the test fast.
    """
    prompt = re.compile(
        r'<div class="(?:language-pycon )?highlight"><pre><span></span><code>'
        r'(?:<a [^>]*></a>)?<span class="gp">&gt;&gt;&gt;'
    )
    candidates = []
    for rel in site_pages(site):
        if rel == API_PAGE:
            continue
        html = (site / rel / "index.html").read_text(encoding="utf-8")
        match = prompt.search(html)
        if match is not None:
            block = html[match.start() : html.index("</pre>", match.start())]
            candidates.append((block.count("\n"), rel))
    if not candidates:
        pytest.fail("no ```pycon snippet on any Markdown page of the site")
    return min(candidates)[1]


# Tests ------------------------------------------------------------------------------------


def test_every_page_typesets_offline(
    page: Page, server: SiteServer, console: Console, built_site: Path
) -> None:
    """Each page: all math typeset, no TeX error or raw TeX, no console error, no 404."""
    pages = site_pages(built_site)
    assert HOME in pages and EQUATION_PAGE in pages and API_PAGE in pages, pages
    failures: list[str] = []
    equations = 0
    for rel in pages:
        server.traffic.clear()
        try:
            open_page(page, rel)
        except Exception as error:  # a timeout names the page in the report below
            failures.append(f"{rel or 'home'}: math did not finish typesetting: {error}")
            continue
        problems = math_problems(page)
        problems += [f"console: {error}" for error in console.take()]
        problems += [f"request outside the site: {url}" for url in server.traffic.outside]
        problems += [f"404: {url}" for url in server.traffic.missing]
        problems += [f"failed request: {url}" for url in server.traffic.failed]
        failures += [f"{rel or 'home'}: {problem}" for problem in problems]
        equations += page.locator(".arithmatex").count()
    server.traffic.clear()
    assert failures == [], "\n".join(failures)
    assert equations > 0, "no math on any page"


def test_caption_links_to_the_code_and_the_docstring_links_back(page: Page) -> None:
    """Equation caption -> API entry -> equation, by clicks, with instant navigation."""
    open_page(page, EQUATION_PAGE)
    caption = page.locator("p.eq-links").first
    number_href = caption.locator("a.eq-number").get_attribute("href") or ""
    equation_anchor = "#" + urlsplit(number_href).fragment
    assert equation_anchor.startswith("#eq-"), number_href
    to_code = caption.locator("a.autorefs").first
    href = to_code.get_attribute("href")
    assert href is not None and "#" in href, href
    function_anchor = href.split("#", 1)[1]

    mark(page)
    to_code.click()
    wait_in_view(page, function_anchor)
    assert urlsplit(page.url).path.endswith("/" + API_PAGE), page.url
    assert urlsplit(page.url).fragment == function_anchor
    assert_no_reload(page)
    assert_math_typeset(page)

    entry = page.locator(f'div.doc-object:has(> [id="{function_anchor}"])').first
    back = entry.locator('.doc-contents a.autorefs[href*="#eq-"]').first
    back_href = back.get_attribute("href")
    assert back_href is not None, f"{function_anchor} has no link back to an equation"
    back_anchor = back_href.split("#", 1)[1]
    assert f"#{back_anchor}" == equation_anchor, (
        f"{function_anchor} links back to #{back_anchor}, its caption is {equation_anchor}"
    )
    back.click()
    wait_in_view(page, back_anchor)
    assert urlsplit(page.url).path.endswith("/" + EQUATION_PAGE), page.url
    assert_no_reload(page)
    # the anchor sits just above its equation, which is typeset
    assert page.locator(f'p:has(> [id="{back_anchor}"]) + div.arithmatex mjx-container').count()
    assert_math_typeset(page)


def test_math_typesets_again_after_instant_navigation_and_back(page: Page) -> None:
    open_page(page, EQUATION_PAGE)
    first = assert_math_typeset(page)
    assert first > 0

    mark(page)
    page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{API_PAGE}"]').first.click()
    page.wait_for_selector("div.doc-object")
    assert_no_reload(page)
    assert assert_math_typeset(page) > 0

    page.go_back()
    page.wait_for_selector("p.eq-links")
    assert urlsplit(page.url).path.endswith("/" + EQUATION_PAGE), page.url
    assert_no_reload(page)
    assert assert_math_typeset(page) == first

    page.go_forward()
    page.wait_for_selector("div.doc-object")
    assert_no_reload(page)
    assert assert_math_typeset(page) > 0


def test_copy_of_a_pycon_snippet_runs(page: Page, built_site: Path) -> None:
    open_page(page, first_console_block_page(built_site))
    selector = "article div.highlight[data-copy]"
    shown = page.locator(selector).first.locator("code").inner_text()
    assert shown.startswith(">>>"), shown
    assert_runnable_copy(copy(page, selector), shown)


def test_copy_on_the_api_page(page: Page) -> None:
    """A docstring example copies as code that runs; a ```python block copies verbatim."""
    open_page(page, API_PAGE)
    example = "div.doc-contents div.highlight[data-copy]"
    shown = page.locator(example).first.locator("code").inner_text()
    assert shown.startswith(">>>"), shown
    assert_runnable_copy(copy(page, example), shown)

    python = "article > div.highlight:not([data-copy])"
    shown = page.locator(python).first.locator("code").inner_text()
    assert not shown.startswith(">>>")
    assert copy(page, python) == shown.rstrip()


def set_palette(page: Page, scheme: str) -> None:
    """Switch Material's palette with its toggle until the body shows ``scheme``."""
    for _ in range(3):
        if page.evaluate("() => document.body.dataset.mdColorScheme") == scheme:
            return
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_timeout(50)
    raise AssertionError(f"could not switch the palette to {scheme}")


def serious_violations(response: dict[str, Any], where: str) -> list[str]:
    """axe's serious and critical violations, one readable entry each."""
    found = []
    for violation in response["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        nodes = "".join(
            f"\n      {node['target']}: {node['html'][:160]}" for node in violation["nodes"][:5]
        )
        found.append(
            f"{where}: {violation['id']} [{violation['impact']}] {violation['help']} "
            f"({len(violation['nodes'])} elements){nodes}"
        )
    return found


def test_accessibility_and_screenshots(browser: Browser, server: SiteServer) -> None:
    """axe finds no serious or critical violation on the home page, an equation page and the
    API page, in both palettes; screenshots at desktop and phone width; no sideways scrolling
    of the page at phone width.

    One tab per palette, in its own context (so its own renderer process): axe runs in both
    at once, which halves the time of this test on two cores. Screenshots come before the
    audit so that CI keeps them when the audit fails.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    server.traffic.clear()
    axe = Axe()
    console = Console()
    contexts = [server.new_context(browser, color_scheme="light") for _ in PALETTES]
    tabs = {
        palette: console.watch(context.new_page())
        for palette, context in zip(PALETTES, contexts, strict=True)
    }
    violations: list[str] = []
    overflow: list[str] = []
    try:
        for name, rel in AUDITED.items():
            for palette, tab in tabs.items():
                tab.set_viewport_size(DESKTOP)
                open_page(tab, rel)
                set_palette(tab, PALETTES[palette])
                tab.screenshot(path=SCREENSHOTS / f"{name}-desktop-{palette}.png")
                tab.evaluate(axe.axe_script)
                tab.evaluate(AXE_START_JS)
            for palette, tab in tabs.items():
                response = tab.evaluate("() => window.__shallownetAxe")
                violations += serious_violations(response, f"{name} ({palette})")
            for palette, tab in tabs.items():
                tab.set_viewport_size(PHONE)
                first_equation = tab.locator("div.arithmatex").first
                if rel == EQUATION_PAGE and first_equation.count():
                    first_equation.scroll_into_view_if_needed()
                tab.screenshot(path=SCREENSHOTS / f"{name}-phone-{palette}.png")
                width = tab.evaluate("() => document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    overflow.append(f"{name} ({palette}): {width}px wide at {PHONE['width']}px")
    finally:
        for context in contexts:
            context.close()
    problems = [f"request outside the site: {url}" for url in server.traffic.outside]
    problems += [f"404: {url}" for url in server.traffic.missing]
    problems += [f"wider than a phone: {page}" for page in overflow]
    problems += console.errors
    problems += violations
    assert problems == [], "\n  ".join(["", *problems])

"""The built site in a real browser: math, links, copy buttons, accessibility, screenshots.

Headless Debian chromium (``/usr/bin/chromium``, never a downloaded browser) loads the site
built by ``mkdocs build --strict``, served offline under its real ``site_url`` (see
``browser_support.py``). Every request outside the site is refused and fails the tests.
Without chromium the module is skipped, except under CI (``CI=true``), where it fails.

Screenshots go to ``artifacts/screenshots/`` (CI uploads them).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nbformat
import pytest
from browser_support import (
    DESKTOP,
    PHONE,
    ROOT,
    Console,
    SiteServer,
    assert_quiet,
    axe_script,
    math_problems,
    open_page,
    render_everything,
    site_pages,
    wait_for_math,
    wait_for_scripts,
)
from kernel_support import run
from paste_support import copied_text
from playwright.sync_api import Browser, BrowserContext, Locator, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
HOME = ""
EQUATION_PAGE = "explanation/backpropagation/"
#: The API reference's overview; its topic pages sit under it.
API_INDEX = "reference/api/"
#: The API page that EQUATION_PAGE's captions link to.
API_PAGE = "reference/api/backpropagation/"
#: The API page with the most entries.
API_LONG_PAGE = "reference/api/activations/"
AUDITED = {"home": HOME, "equation": EQUATION_PAGE, "api": API_PAGE, "playground": "playground/"}
PALETTES = {"light": "default", "dark": "slate"}
#: Rules that must pass whatever their impact, switched on by name: axe-core ships
#: ``target-size`` (WCAG 2.2's 2.5.8, targets of at least 24 by 24 px) switched off, and rates
#: ``landmark-unique`` (two landmarks of one role need different names) only "moderate".
AXE_RULES = ["target-size", "landmark-unique"]
#: Starts axe-core in the page without waiting for it; the result lands in a window property.
#: ``rules`` are enabled by name. With ``colourIn`` (a list of selectors), color-contrast
#: runs only inside those elements: at phone width the content's colours are the desktop's,
#: and only the header and the drawer look different; color-contrast is most of axe's time
#: on a page full of math. With ``colourOnly``, only the rules that read colours run (the
#: dark palette changes colours, nothing else, so the light palette's audit covers the rest).
AXE_START_JS = """([rules, colourIn, colourOnly]) => {
  const enabled = Object.fromEntries(rules.map((id) => [id, { enabled: true }]));
  const run = (context, options) => axe.run(context, { resultTypes: ["violations"], ...options });
  const where = colourIn === null ? document : { include: colourIn.map((s) => [s]) };
  if (colourOnly) {
    window.__shallownetAxe = run(where, { runOnly: COLOUR_RULES });
  } else if (colourIn === null) {
    window.__shallownetAxe = run(document, { rules: enabled });
  } else {
    const noColour = { ...enabled, "color-contrast": { enabled: false } };
    window.__shallownetAxe = run(document, { rules: noColour }).then((all) =>
      run(where, { runOnly: ["color-contrast"] }).then((only) => ({
        violations: [...all.violations, ...only.violations],
      }))
    );
  }
}""".replace("COLOUR_RULES", '["color-contrast", "link-in-text-block"]')
#: The palette audited with every rule; the others with the colour rules only.
FULL_AUDIT_PALETTE = "light"
#: What differs at phone width: the header, and the drawer with the navigation.
PHONE_COLOUR_CHECKED = [".md-header", ".md-sidebar--primary"]
#: The audit sees each page as it settles, not halfway through a transition (the drawer
#: slides when the width changes), and with the drawer open at phone width.
NO_TRANSITIONS_CSS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)
OPEN_DRAWER_JS = """(open) => { document.getElementById("__drawer").checked = open; }"""
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
def page(context: BrowserContext, server: SiteServer, console: Console) -> Iterator[Page]:
    """A fresh tab; after the test, no console error and no request outside the site."""
    server.traffic.clear()
    page = console.watch(context.new_page())
    yield page
    page.close()
    assert_quiet(server, console)


# Helpers ----------------------------------------------------------------------------------


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
        if rel.startswith(API_INDEX):
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
    assert page.locator(f'p:has(> [id="{back_anchor}"]) + div.arithmatex > math').count()
    assert_math_typeset(page)


def test_math_typesets_again_after_instant_navigation_and_back(page: Page) -> None:
    open_page(page, EQUATION_PAGE)
    first = assert_math_typeset(page)
    assert first > 0

    mark(page)
    page.locator("p.eq-links a.autorefs").first.click()
    page.wait_for_selector("div.doc-object")
    assert urlsplit(page.url).path.endswith("/" + API_PAGE), page.url
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

    open_page(page, API_INDEX)
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


def reported_violations(response: dict[str, Any], where: str) -> list[str]:
    """axe's serious and critical violations, and every violation of AXE_RULES, one readable
    entry each."""
    found = []
    for violation in response["violations"]:
        if violation["impact"] not in {"serious", "critical"} and violation["id"] not in AXE_RULES:
            continue
        nodes = "".join(
            f"\n      {node['target']}: {node['html'][:160]}" for node in violation["nodes"][:5]
        )
        found.append(
            f"{where}: {violation['id']} [{violation['impact']}] {violation['help']} "
            f"({len(violation['nodes'])} elements){nodes}"
        )
    return found


#: Fonts forced on every page in turn, besides the page's own: a page must not depend on
#: which fallback font a machine has. DejaVu is wide (Sans), serifed (Serif), and monospaced
#: (Sans Mono), the widest a browser is likely to fall back to; .ci/run installs it.
FORCED_FONTS = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono")
#: Every text in a font, the math's excepted: it comes with its own font, served with the
#: site (tests/docs/test_glyphs.py checks that every glyph of it is drawn in that font).
FORCE_FONT_CSS = """
:is(body, body *):not(math, math *, .sn-eqno) {
  font-family: "%s" !important;
}
"""
FORCE_FONT_JS = """(css) => {
  let style = document.getElementById("shallownet-forced-font");
  if (style === null) {
    style = document.createElement("style");
    style.id = "shallownet-forced-font";
    document.head.append(style);
  }
  style.textContent = css;
  return document.fonts.ready.then(() => document.documentElement.scrollWidth);
}"""


def installed_font_families() -> set[str]:
    listing = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False
    ).stdout
    return {family.strip() for line in listing.splitlines() for family in line.split(",")}


def test_no_page_is_wider_than_a_phone_in_any_font(
    page: Page, server: SiteServer, built_site: Path
) -> None:
    """At 390 px, no page scrolls sideways, with its own fonts or with any of FORCED_FONTS.

    Wide content (display math, code, tables) scrolls inside its own box; the page itself
    never does.
    """
    missing = set(FORCED_FONTS) - installed_font_families()
    assert not missing, f"fonts the check needs are not installed: {sorted(missing)}"
    page.set_viewport_size(PHONE)
    overflow: list[str] = []
    pages = site_pages(built_site)
    for rel in pages:
        open_page(page, rel)
        for font in ("", *FORCED_FONTS):
            width = page.evaluate(FORCE_FONT_JS, FORCE_FONT_CSS % font if font else "")
            if width > PHONE["width"]:
                overflow.append(f"{rel or 'home'} ({font or 'own fonts'}): {width}px")
    assert len(pages) > 10
    assert overflow == [], f"wider than {PHONE['width']}px:\n  " + "\n  ".join(overflow)


def test_the_font_check_sees_an_overflow(page: Page) -> None:
    """The check above can fail: a page with a wide line is measured as wider than a phone."""
    page.set_viewport_size(PHONE)
    open_page(page, EQUATION_PAGE)
    page.evaluate(
        """() => document.querySelector("article").insertAdjacentHTML("beforeend",
             '<p style="white-space: nowrap">' + "wide ".repeat(200) + "</p>")"""
    )
    assert page.evaluate(FORCE_FONT_JS, FORCE_FONT_CSS % FORCED_FONTS[0]) > PHONE["width"]


#: The last entry of an API page, with the wide line the test below puts in it.
WIDE_LAST_ENTRY_JS = """() => {
  const entries = document.querySelectorAll("article > .doc-object");
  entries[entries.length - 1].querySelector(".doc-contents").insertAdjacentHTML("beforeend",
    '<p style="white-space: nowrap">' + "wide ".repeat(200) + "</p>");
  return entries.length;
}"""


def test_the_font_check_sees_an_overflow_in_an_api_entry_off_screen(page: Page) -> None:
    """An API page's entries far from the screen are laid out with the page (issue #25 took
    content-visibility off them), so a wide line in the last one widens the page as the
    browser shows it, and the check above sees it."""
    page.set_viewport_size(PHONE)
    open_page(page, API_LONG_PAGE)
    assert page.evaluate(WIDE_LAST_ENTRY_JS) >= 10
    assert page.evaluate(FORCE_FONT_JS, "") > PHONE["width"]


def test_a_link_to_the_last_api_entry_lands_on_it(page: Page) -> None:
    """The browser scrolls the last entry into view, on a page load and with instant
    navigation."""
    open_page(page, API_LONG_PAGE)
    anchor = page.evaluate(
        """() => Array.from(document.querySelectorAll("article > .doc-object > [id]")).pop().id"""
    )
    open_page(page, f"{API_LONG_PAGE}#{anchor}")
    wait_in_view(page, anchor)
    page.wait_for_timeout(500)  # and it stays there after the first frames
    wait_in_view(page, anchor)

    open_page(page, EQUATION_PAGE)
    mark(page)
    page.evaluate(
        """(href) => { const a = document.createElement("a"); a.href = href; a.id = "to-api";
                       a.textContent = "to the API"; document.querySelector("article").prepend(a); }""",
        f"../../{API_LONG_PAGE}#{anchor}",
    )
    page.locator("#to-api").click()
    wait_in_view(page, anchor)
    assert_no_reload(page)
    page.wait_for_timeout(500)
    wait_in_view(page, anchor)


#: The viewports every page is audited at.
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
#: Resolves after two frames: layout, and the resize observers of a page, have run.
NEXT_FRAMES_JS = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"


def test_accessibility_and_screenshots(
    browser: Browser, server: SiteServer, built_site: Path
) -> None:
    """axe finds no serious or critical violation, and no violation at all of the rules of
    AXE_RULES (``target-size``, WCAG 2.2's 24 px targets, which axe ships switched off, and
    ``landmark-unique``, a moderate one), on every page of the site, at desktop and phone
    width (with the navigation drawer open; colour contrast in the header and the drawer
    only), in the light palette, and by the colour rules in the dark palette (see
    AXE_START_JS), with every element laid out. Screenshots of the pages of AUDITED at both
    widths in both palettes.

    One tab per palette, in its own context (so its own renderer process): axe runs in both
    at once, which halves the time of this test on two cores. Screenshots come before the
    audit so that CI keeps them when the audit fails.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = site_pages(built_site)
    assert set(AUDITED.values()) <= set(pages) and len(pages) > 20, pages
    shots = {rel: name for name, rel in AUDITED.items()}
    server.traffic.clear()
    axe = axe_script()
    console = Console()
    contexts = [server.new_context(browser, color_scheme="light") for _ in PALETTES]
    tabs = {
        palette: console.watch(context.new_page())
        for palette, context in zip(PALETTES, contexts, strict=True)
    }
    violations: list[str] = []
    audits = 0
    try:
        for rel in pages:
            for palette, tab in tabs.items():
                tab.set_viewport_size(DESKTOP)
                open_page(tab, rel)
                render_everything(tab)
                tab.add_style_tag(content=NO_TRANSITIONS_CSS)
                set_palette(tab, PALETTES[palette])
                tab.evaluate(axe)
            for width, viewport in VIEWPORTS.items():
                for palette, tab in tabs.items():
                    tab.set_viewport_size(viewport)
                    tab.evaluate(NEXT_FRAMES_JS)  # resize observers (a11y.js) have run
                    if rel in shots:
                        first_equation = tab.locator("div.arithmatex").first
                        if width == "phone" and rel == EQUATION_PAGE and first_equation.count():
                            first_equation.scroll_into_view_if_needed()
                        tab.screenshot(path=SCREENSHOTS / f"{shots[rel]}-{width}-{palette}.png")
                    phone = width == "phone"
                    tab.evaluate(OPEN_DRAWER_JS, phone)
                    colour_in = PHONE_COLOUR_CHECKED if phone else None
                    colour_only = palette != FULL_AUDIT_PALETTE
                    tab.evaluate(AXE_START_JS, [AXE_RULES, colour_in, colour_only])
                for palette, tab in tabs.items():
                    response = tab.evaluate("() => window.__shallownetAxe")
                    where = f"{rel or 'home'} ({width}, {palette})"
                    violations += reported_violations(response, where)
                    audits += 1
    finally:
        for context in contexts:
            context.close()
    problems = [f"request outside the site: {url}" for url in server.traffic.outside]
    problems += [f"404: {url}" for url in server.traffic.missing]
    problems += console.errors
    problems += violations
    assert problems == [], "\n  ".join(["", *problems])
    assert audits == len(pages) * len(VIEWPORTS) * len(PALETTES)


#: Two unnamed navigation landmarks, two 12 px buttons side by side, faint text, and a
#: <label> named by aria-label, which axe-core 4.14 (Lighthouse's) reports and 4.12 did not.
AXE_BAIT_HTML = """
<nav><a href="#a">a</a></nav><nav><a href="#b">b</a></nav>
<input type="checkbox" id="bait-toggle"><label for="bait-toggle" aria-label="toggle"></label>
<p style="color: #bbb; background: #fff">faint</p>
<p><button style="all: unset; display: inline-block; width: 12px; height: 12px">x</button
><button style="all: unset; display: inline-block; width: 12px; height: 12px">y</button></p>
"""


def test_the_audit_reports_small_targets_and_repeated_landmarks(page: Page) -> None:
    """The audit above can fail on its two rules: with them enabled by name, axe reports
    12 px buttons side by side and two unnamed <nav>s; with its defaults, not the buttons;
    with the colour rules only, the faint text alone. It runs Lighthouse's axe-core, which
    reports the aria-label of a <label> (aria-prohibited-attr, "serious")."""
    open_page(page, HOME)
    page.evaluate(
        """(html) => document.querySelector("article").insertAdjacentHTML("afterbegin", html)""",
        AXE_BAIT_HTML,
    )
    page.evaluate(axe_script())
    page.evaluate(AXE_START_JS, [AXE_RULES, None, False])
    found = reported_violations(page.evaluate("() => window.__shallownetAxe"), "bait")
    assert any(": aria-prohibited-attr [serious]" in entry for entry in found), found
    assert {rule for rule in AXE_RULES if any(f": {rule} [" in entry for entry in found)} == set(
        AXE_RULES
    ), found
    page.evaluate(AXE_START_JS, [[], None, False])
    defaults = reported_violations(page.evaluate("() => window.__shallownetAxe"), "bait")
    assert not any(": target-size [" in entry for entry in defaults), defaults
    page.evaluate(AXE_START_JS, [AXE_RULES, None, True])  # the dark palette's audit
    colours = reported_violations(page.evaluate("() => window.__shallownetAxe"), "bait")
    assert {entry.split(": ")[1].split(" [")[0] for entry in colours} == {"color-contrast"}


#: The navigation's sections, each labelled by its expand toggle (a <label>).
NAV_SECTIONS = "nav.md-nav[aria-labelledby]"
#: The toggle of the section with an index page: a <label> that holds only an icon.
API_TOGGLE_JS = """() => document.querySelector('.md-nav__container > a[href$="reference/api/"]')
  .parentElement.querySelector("label").id"""


def ax_nodes(page: Page, selector: str, name: str | None = None) -> list[dict[str, Any]]:
    """Chromium's accessibility nodes (CDP) of the elements matching ``selector``; with
    ``name``, those of their subtrees with that accessible name instead (a text node's
    name is its text): what the browser hands a screen reader, not what a script computes."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("Accessibility.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
        nodes: list[dict[str, Any]] = []
        for node_id in found["nodeIds"]:
            if name is None:
                tree = cdp.send(
                    "Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False}
                )
                nodes.append(tree["nodes"][0])
            else:
                query = cdp.send(
                    "Accessibility.queryAXTree", {"nodeId": node_id, "accessibleName": name}
                )
                nodes += query["nodes"]
        return nodes
    finally:
        cdp.detach()


def ax_name(node: dict[str, Any]) -> str:
    return str(node.get("name", {}).get("value", ""))


def test_navigation_sections_and_the_api_toggle_are_named(page: Page) -> None:
    """On an API page, at desktop width and in the phone's open drawer, every section of the
    navigation that shows (a <nav aria-labelledby> its toggle) has a name in Chromium's
    accessibility tree; the API section's is "API", and its toggle, a <label> holding only
    an icon, holds the text "API" for a screen reader to read: hidden text that a11y.js puts
    there, since aria-label is prohibited on a <label> (axe-core 4.14, Lighthouse)."""
    for width, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        open_page(page, API_PAGE)
        page.evaluate(OPEN_DRAWER_JS, width == "phone")
        page.evaluate(NEXT_FRAMES_JS)
        shown = [node for node in ax_nodes(page, NAV_SECTIONS) if not node["ignored"]]
        assert len(shown) >= 2, (width, shown)
        assert [node for node in shown if not ax_name(node).strip()] == [], width
        toggle = page.evaluate(API_TOGGLE_JS)
        assert [ax_name(node) for node in ax_nodes(page, f"nav[aria-labelledby={toggle}]")] == [
            "API"
        ], width
        text = ax_nodes(page, f"#{toggle}", name="API")
        assert [(node["role"]["value"], node["ignored"]) for node in text] == [
            ("StaticText", False)
        ], (width, text)
        assert page.locator("label.md-nav__link[aria-label]").count() == 0


# The "Download as a notebook" button (shallownet_site.notebooks) ----------------------------

NOTEBOOK_PAGE = "tutorial/flower/"
#: The button's accessible name, as a screen reader announces it.
NOTEBOOK_NAME = re.compile(r"^Download notebook: this page as a Jupyter notebook")


def notebook_button(page: Page) -> Locator:
    return page.get_by_role("link", name=NOTEBOOK_NAME)


def download_notebook(page: Page, link: Locator) -> tuple[str, nbformat.NotebookNode]:
    """Click the link: the name the browser saves it under, and the notebook it points at.

    The click must start a download (not a navigation). Chromium cancels a download
    whose response comes from Playwright's request routing (microsoft/playwright#28253),
    so the file itself is fetched from the link's address, through the same routing.
    """
    with page.expect_download() as info:
        link.click()
    href = link.evaluate("(a) => a.href")
    assert info.value.url == href
    text = page.evaluate("async (url) => (await fetch(url)).text()", href)
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    return info.value.suggested_filename, notebook


def test_notebook_button_sits_beside_the_edit_button_and_downloads_the_notebook(
    page: Page, server: SiteServer
) -> None:
    page.goto(NOTEBOOK_PAGE, wait_until="domcontentloaded")
    wait_for_scripts(page)
    link = notebook_button(page)
    assert link.count() == 1
    assert link.is_visible()
    assert link.get_attribute("title") == "Download as a notebook"
    edit = page.locator("a.md-content__button[rel=edit]")
    box, edit_box = link.bounding_box(), edit.bounding_box()
    assert box is not None and edit_box is not None
    assert abs(box["y"] - edit_box["y"]) < 4, (box, edit_box)  # on the same row
    gap = min(
        abs(box["x"] - (edit_box["x"] + edit_box["width"])),
        abs(edit_box["x"] - (box["x"] + box["width"])),
    )
    assert gap < 40, (box, edit_box)
    name, notebook = download_notebook(page, link)
    assert name == "flower.ipynb"
    assert notebook.cells[0].source.startswith("# Train a network on the flower\n")
    assert server.url(NOTEBOOK_PAGE) in notebook.cells[0].source
    assert any(cell.cell_type == "code" for cell in notebook.cells)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notebook_button_reads_download_notebook_on_a_phone_in_both_schemes(
    browser: Browser, server: SiteServer, scheme: str
) -> None:
    """The button's words show whole, inside a 390 px screen, in 11 px type or larger, at
    4.5:1 against the page in both schemes; and the page's sentence tells of it."""
    context = server.new_context(browser, viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(NOTEBOOK_PAGE, wait_until="domcontentloaded")
        wait_for_scripts(page)
        link = notebook_button(page)
        label = link.locator(".sn-notebook-button__label")
        assert label.inner_text() == "Download notebook"
        assert label.is_visible()
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        label_box = label.bounding_box()
        assert label_box is not None and label_box["height"] < 1.6 * float(
            label.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
        ), "the label wraps"  # one line
        size = label.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 11, size
        text, background = page.evaluate(
            """(a) => [getComputedStyle(a).color,
                getComputedStyle(document.body).backgroundColor]""",
            link.element_handle(),
        )
        assert contrast(text, background) >= 4.5, (scheme, text, background)
        sentence = page.locator("[data-notebook-note]")
        assert sentence.count() == 1 and sentence.is_visible()
        assert "Download notebook" in sentence.inner_text()
        assert "flower.ipynb" in sentence.inner_text()
    finally:
        context.close()


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two CSS ``rgb()``/``rgba()`` colours (alpha ignored)."""
    lum = []
    for colour in (first, second):
        r, g, b = (float(v) for v in re.findall(r"[\d.]+", colour)[:3])
        lum.append(0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b))
    high, low = max(lum), min(lum)
    return (high + 0.05) / (low + 0.05)


def test_notebook_button_follows_instant_navigation(page: Page) -> None:
    page.goto("", wait_until="domcontentloaded")
    wait_for_scripts(page)  # instant navigation is the theme's
    mark(page)
    assert (notebook_button(page).get_attribute("href") or "").endswith("index.ipynb")
    page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{NOTEBOOK_PAGE}"]').first.click()
    page.wait_for_function(
        "() => document.querySelector('article h1')?.textContent.includes('flower')"
    )
    assert_no_reload(page)
    assert (notebook_button(page).get_attribute("href") or "").endswith("flower.ipynb")
    name, notebook = download_notebook(page, notebook_button(page))
    assert name == "flower.ipynb"
    assert notebook.cells[0].source.startswith("# Train a network on the flower\n")


def test_a_page_without_snippets_has_no_notebook_button(page: Page) -> None:
    page.goto("reference/errata/", wait_until="domcontentloaded")
    assert page.locator("a.md-content__button[rel=edit]").count() == 1
    assert notebook_button(page).count() == 0


# Copied snippets pasted where a learner pastes them (issue 19) ----------------------------

#: The console blocks: ```pycon fences of the pages, docstring examples of the API pages.
CONSOLE_BLOCK = "article div.highlight[data-copy]"
#: The last line of a traceback a page shows: "shallownet.ShapeError: db1 must ...".
EXCEPTION_LINE = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?(?P<name>[A-Za-z_]\w*(?:Error|Exception))\b")
#: The last line of each traceback that ``python -i`` prints to stderr (a SyntaxError's
#: too, which has no "Traceback" line): "NameError: name 'y' is not defined".
ERROR_LINE = re.compile(
    r"^(?:[A-Za-z_]\w*\.)*(?P<name>[A-Za-z_]\w*(?:Error|Exception))(?::|$)", re.M
)


#: The clipboard's text, which it then empties (so a copy that fails shows as "").
READ_AND_CLEAR_JS = """async () => {
  const text = await navigator.clipboard.readText();
  await navigator.clipboard.writeText("");
  return text;
}"""


def copy_every_block(page: Page) -> list[tuple[str, str]]:
    """Click the copy button of each console block in page order: (shown, copied) pairs.

    Material copies synchronously on the click (clipboard.js), so the clipboard holds the
    block's copy when the click returns; it is read and emptied in one call.
    """
    # A reader opens an exercise's collapsed solution to copy its code: open them all.
    page.evaluate(
        "() => document.querySelectorAll('article details').forEach((d) => (d.open = true))"
    )
    blocks = page.locator(CONSOLE_BLOCK)
    shown: list[str] = blocks.evaluate_all(
        "(blocks) => blocks.map((b) => b.querySelector('code').textContent)"
    )
    page.evaluate("() => navigator.clipboard.writeText('')")
    copied = []
    for index in range(len(shown)):
        blocks.nth(index).locator(COPY_BUTTON).click()
        copied.append(page.evaluate(READ_AND_CLEAR_JS))
    return list(zip(shown, copied, strict=True))


def expected_errors(shown: str) -> list[str]:
    """The exceptions a shown block raises on purpose: its tracebacks' exception names."""
    names, in_traceback = [], False
    for line in shown.splitlines():
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
        elif in_traceback and not line.startswith((" ", "\t", "...")):
            match = EXCEPTION_LINE.match(line)
            names.append(match["name"] if match else line)
            in_traceback = False
    return names


def paste_into_the_repl(text: str, folder: Path) -> tuple[list[str], str]:
    """Paste ``text`` into the plain ``python`` prompt: the errors it printed, its output.

    ``python -i`` with the text on a pipe runs the prompt's own loop: it reads one line at
    a time, compiles each statement in the interactive ("single") mode when the prompt
    ends it, and prints ``>>>``/``...`` and any traceback to stderr. A paste into a
    terminal feeds the same loop the same lines, so it fails where this fails (a
    statement right after an indented block is a SyntaxError here too); only the line
    editor, which does not change what is compiled, is missing.
    """
    result = subprocess.run(
        [sys.executable, "-i", "-q"],
        input=text,
        cwd=folder,
        env={**os.environ, "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return [match["name"] for match in ERROR_LINE.finditer(result.stderr)], result.stdout


def run_in_a_kernel(
    pages: dict[str, list[tuple[str, str]]], folder: Path
) -> dict[str, list[list[str]]]:
    """Each page's copied blocks as the cells of one notebook, in one kernel, page after
    page (``%reset -f`` between pages, as a fresh notebook); each cell's error names.

    A cell whose block raises on purpose is tagged ``raises-exception``, as the notebooks
    hook tags it; any other error stops the run, and the cells after it show no output.
    """
    notebook = nbformat.v4.new_notebook()
    where: list[tuple[str, int]] = []
    for rel, pairs in pages.items():
        notebook.cells.append(nbformat.v4.new_code_cell("%reset -f"))
        where.append(("", -1))
        for index, (shown, copied) in enumerate(pairs):
            cell = nbformat.v4.new_code_cell(copied.rstrip("\n"))
            if expected_errors(shown):
                cell.metadata["tags"] = ["raises-exception"]
            notebook.cells.append(cell)
            where.append((rel, index))
    run(notebook, folder)
    errors: dict[str, list[list[str]]] = {rel: [] for rel in pages}
    for (rel, index), cell in zip(where, notebook.cells, strict=True):
        if index < 0:
            continue
        if cell.get("execution_count") is None:
            errors[rel].append(["not run"])
            continue
        errors[rel].append(
            [output.ename for output in cell.outputs if output.output_type == "error"]
        )
    return errors


def test_expected_errors_and_the_repl_check_can_fail(tmp_path: Path) -> None:
    shown = ">>> 1 / 0\nTraceback (most recent call last):\n  ...\nZeroDivisionError: division by zero\n"
    assert expected_errors(shown) == ["ZeroDivisionError"]
    assert expected_errors(">>> int('1')\n1\n") == []
    # the paste that failed on the tutorial before the fix: SyntaxError, then NameError
    after_a_block = "for i in range(2):\n    x = i\ny = x\nprint(y)\n"
    assert paste_into_the_repl(after_a_block, tmp_path) == (["SyntaxError", "NameError"], "")
    closed = "for i in range(2):\n    x = i\n\ny = x\nprint(y)\n"
    assert paste_into_the_repl(closed, tmp_path) == ([], "1\n")


def test_every_copied_block_runs_pasted_into_the_repl_and_in_a_kernel(
    page: Page, built_site: Path, kernel_home: Path
) -> None:
    """Every console block of every page, copied by its button, in page order: pasted into
    one plain ``python`` prompt per page, and run as the cells of a notebook, it raises
    only the errors its page shows on purpose (a SyntaxError or NameError is a block that
    does not paste)."""
    pages: dict[str, list[tuple[str, str]]] = {}
    for rel in site_pages(built_site):
        page.goto(rel, wait_until="load")
        wait_for_scripts(page)  # copy-pycon.js has run on document$
        pairs = copy_every_block(page)
        if pairs:
            pages[rel] = pairs
    assert any(rel.startswith(API_INDEX) for rel in pages), "no docstring example copied"
    assert sum(len(pairs) for pairs in pages.values()) >= 120, {
        rel: len(pairs) for rel, pairs in pages.items()
    }
    problems = []
    for rel, pairs in pages.items():
        problems += [
            f"{rel or 'home'} block {index + 1}: the copy is not the block's source"
            for index, (shown, copied) in enumerate(pairs)
            if copied != copied_text(shown).rstrip()  # Material trims the copy's end
        ]
        expected = [name for shown, _ in pairs for name in expected_errors(shown)]
        # Each paste ends on its last line (Material trims the copy): the learner presses
        # Enter to run it, and Enter again if the prompt shows "..." (a no-op at ">>>").
        pasted = "".join(copied + "\n\n" for _, copied in pairs)
        got, _ = paste_into_the_repl(pasted, kernel_home)
        if got != expected:
            problems.append(f"{rel or 'home'}: pasted into python, raised {got}, not {expected}")
    for rel, cells in run_in_a_kernel(pages, kernel_home).items():
        for index, ((shown, _), got) in enumerate(zip(pages[rel], cells, strict=True)):
            if got != expected_errors(shown):
                problems.append(
                    f"{rel or 'home'} block {index + 1}: in a kernel, raised {got}, "
                    f"not {expected_errors(shown)}"
                )
    assert problems == [], "\n".join(problems)


def test_api_signatures_have_no_copy_button(page: Page) -> None:
    """A signature (``compute_dZ2(A2: Array, Y: Array) -> Array``) is not runnable code: its
    block shows no copy button, where the docstring example below it does."""
    open_page(page, API_PAGE)
    signatures = page.locator("div.doc-signature")
    assert signatures.count() >= 5
    for index in range(signatures.count()):
        signature = signatures.nth(index)
        signature.scroll_into_view_if_needed()
        signature.hover()
        buttons = signature.locator(COPY_BUTTON)
        shown = [buttons.nth(i).is_visible() for i in range(buttons.count())]
        assert not any(shown), f"signature {index + 1} shows a copy button"
    example = page.locator(CONSOLE_BLOCK).first
    example.scroll_into_view_if_needed()
    example.hover()
    assert example.locator(COPY_BUTTON).is_visible()

"""The built site's layout, measured in a real browser on every page, at 1280 and 390 px.

- A display equation or a table wider than its box shows a cue at the edge past which it
  scrolls (the scroll shadows of docs/stylesheets/extra.css), judged by the pixels there.
- Code in a table cell never breaks inside a name, and the errata's "the notes wrote"
  column is wide enough for a TeX fragment.
- A page title is as tall as its text: the hidden ¶ permalink adds no line.
- Material's copy button leaves the end of every code line reachable.
- Printed, an equation stays with its caption, and buttons and controls do not print.
- The plots follow the colour scheme: the slate scheme shows their dark twins.

Measurements only, no golden images: what is measured is independent of the fonts a
machine has (each check compares the page with itself). Uses the session's chromium and
offline server from conftest.py (see browser_support.py).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    DESKTOP,
    LOAD_IMAGES_JS,
    PHONE,
    SiteServer,
    open_page,
    render_everything,
    site_pages,
    wait_for_scripts,
)
from PIL import Image, ImageStat
from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.browser

VIEWPORTS: dict[str, ViewportSize] = {"desktop": DESKTOP, "phone": PHONE}
PALETTES = {"light": "default", "dark": "slate"}


# Fixtures and helpers ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[str]:
    found = site_pages(built_site)
    assert len(found) > 20, found
    return found


def open_tab(browser: Browser, server: SiteServer, viewport: str, scheme: str = "light") -> Page:
    """A tab in a fresh context of the given width and colour scheme."""
    context = server.new_context(
        browser, viewport=VIEWPORTS[viewport], color_scheme=scheme, reduced_motion="reduce"
    )
    return context.new_page()


@pytest.fixture
def tab(browser: Browser, server: SiteServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab at the width (and scheme) of the test's ``viewport`` (``scheme``) parameter."""
    params = request.node.callspec.params
    page = open_tab(browser, server, params["viewport"], params.get("scheme", "light"))
    yield page
    page.context.close()


def load(page: Page, rel: str) -> None:
    """Open a page with every equation typeset and every element laid out."""
    open_page(page, rel)
    render_everything(page)


# 1. A cue where an equation or a table scrolls --------------------------------------------

#: The boxes that scroll sideways: display equations, Material's table wrappers, code.
SCROLLERS = (
    ".md-typeset div.arithmatex, .md-typeset .md-typeset__scrollwrap, .md-typeset pre > code"
)
#: Hides what a box holds (and a code block's copy button) but keeps its layout, so that
#: only the box's background is seen.
PROBE_CSS = """
.shallownet-probe > *, pre:has(> .shallownet-probe) > .md-code__nav {
  visibility: hidden !important;
}
.shallownet-probe { color: transparent !important; }
"""
#: Code blocks checked per page and width: the first few that scroll (there are hundreds).
CODE_BLOCKS_PER_PAGE = 3

LIST_SCROLLERS_JS = """(selector) => {
  window.__shallownetBoxes = Array.from(document.querySelectorAll(selector));
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return {
    rem,
    boxes: window.__shallownetBoxes.map((el, index) => ({
      index,
      kind: el.matches("div.arithmatex") ? "equation" : el.matches("code") ? "code" : "table",
      overflow: el.scrollWidth - el.clientWidth,
      // Not in a closed <details> (the API's "Source code" blocks), where nothing shows.
      shown: el.clientWidth > 0 && el.clientHeight > 0 && !el.closest("details:not([open])"),
      text: el.textContent.replace(/\\s+/g, " ").trim().slice(0, 50),
    })),
  };
}"""

#: Scrolls box ``index`` to one end, hides its content, and returns its inner rectangle in
#: the viewport (below the header and the back-to-top button, at most 200 px tall).
PREPARE_BOX_JS = """([index, end]) => {
  const el = window.__shallownetBoxes[index];
  el.classList.add("shallownet-probe");
  el.scrollLeft = end ? el.scrollWidth : 0;
  window.scrollBy(0, el.getBoundingClientRect().top - 160);
  const r = el.getBoundingClientRect();
  const top = r.top + el.clientTop;
  return {
    x: r.left + el.clientLeft,
    y: top,
    width: el.clientWidth,
    height: Math.min(el.clientHeight, 200, window.innerHeight - top - 1),
  };
}"""
RESTORE_BOX_JS = """(index) => {
  const el = window.__shallownetBoxes[index];
  el.classList.remove("shallownet-probe");
  el.scrollLeft = 0;
}"""

#: Mean colour difference (0-255, largest channel) of an edge strip from the box's middle.
VISIBLE = 8.0
INVISIBLE = 3.0


def edge_contrast(png: bytes) -> tuple[float, float]:
    """How far the left and right 4 px of a box's picture differ from its middle."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size

    def mean(left: int, right: int) -> list[float]:
        return list(ImageStat.Stat(image.crop((left, 0, right, height))).mean)

    middle = mean(width // 2 - 10, width // 2 + 10)
    left, right = mean(1, 5), mean(width - 5, width - 1)
    return (
        max(abs(a - b) for a, b in zip(left, middle, strict=True)),
        max(abs(a - b) for a, b in zip(right, middle, strict=True)),
    )


def box_edges(page: Page, index: int) -> dict[str, tuple[float, float]]:
    """Edge contrast of box ``index`` scrolled to its start and to its end."""
    seen = {}
    try:
        for end, name in ((False, "start"), (True, "end")):
            clip = page.evaluate(PREPARE_BOX_JS, [index, end])
            assert clip["height"] >= 8 and clip["width"] >= 40, clip
            seen[name] = edge_contrast(page.screenshot(clip=clip, animations="disabled"))
    finally:
        page.evaluate(RESTORE_BOX_JS, index)
    return seen


@pytest.mark.parametrize(
    ("viewport", "scheme"), [("desktop", "light"), ("phone", "light"), ("phone", "dark")]
)
def test_wide_equations_and_tables_show_a_cue_where_they_scroll(
    tab: Page, pages: list[str], viewport: str, scheme: str
) -> None:
    """Every box that hides more than a cover's width shows a shadow at its hidden side
    (every equation and table; the first few code blocks of a page).

    Scrolled to its start, such a box must show the cue at its right edge and none at its
    left; scrolled to its end, the other way round. A few boxes that do not scroll per page
    must show none at all (a cue everywhere would be no cue). A box that hides less than
    the covers' width (1.2rem), mostly its own padding, is left out: its cue only fades in.
    """
    failures: list[str] = []
    wide = plain = 0
    for rel in pages:
        load(tab, rel)
        tab.add_style_tag(content=PROBE_CSS)
        listing: dict[str, Any] = tab.evaluate(LIST_SCROLLERS_JS, SCROLLERS)
        cover = 1.2 * listing["rem"]
        plain_here = code_here = 0
        for box in listing["boxes"]:
            if not box["shown"]:
                continue
            if box["kind"] == "code" and box["overflow"] >= cover:
                code_here += 1
                if code_here > CODE_BLOCKS_PER_PAGE:
                    continue
            where = f"{rel or 'home'}: {box['kind']} {box['index']} {box['text']!r}"
            if box["overflow"] >= cover:
                wide += 1
                edges = box_edges(tab, box["index"])
                (start_left, start_right), (end_left, end_right) = edges["start"], edges["end"]
                if not (start_right >= VISIBLE and start_left <= INVISIBLE):
                    failures.append(f"{where}, {box['overflow']} px hidden: at its start {edges}")
                elif not (end_left >= VISIBLE and end_right <= INVISIBLE):
                    failures.append(f"{where}, {box['overflow']} px hidden: at its end {edges}")
            elif box["overflow"] <= 0 and plain_here < 2:
                plain_here += 1
                plain += 1
                edges = box_edges(tab, box["index"])
                if max(edges["start"]) > INVISIBLE:
                    failures.append(f"{where} does not scroll, yet shows a cue: {edges}")
    assert wide >= (3 if viewport == "desktop" else 40), f"only {wide} wide boxes found"
    assert plain >= 20
    assert failures == [], "\n".join(failures)


# 3. Code in tables -----------------------------------------------------------------------

#: Every run of two or more word characters in table code whose text lies on two lines.
BROKEN_NAMES_JS = r"""() => {
  const broken = [];
  for (const code of document.querySelectorAll(".md-typeset td code, .md-typeset th code")) {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\w{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = Array.from(range.getClientRects())
          .filter((rect) => rect.width > 0)
          .map((rect) => rect.top);
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) {
          broken.push(match[0] + " in " + JSON.stringify(code.textContent.slice(0, 60)));
        }
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_code_in_tables_never_breaks_inside_a_name(
    tab: Page, pages: list[str], viewport: str
) -> None:
    """``initialize_parameters`` in a cell is one word; a line may break at ``{`` or ``-``."""
    broken = {}
    for rel in pages:
        load(tab, rel)
        if found := tab.evaluate(BROKEN_NAMES_JS):
            broken[rel] = found
    assert broken == {}


#: Width of the errata's "the notes wrote" column, in widths of a "0" of its code font.
NOTES_COLUMN_JS = """(header) => {
  const widths = [];
  for (const table of document.querySelectorAll(".md-typeset table")) {
    const column = Array.from(table.rows[0].cells).findIndex(
      (cell) => cell.textContent.trim() === header
    );
    if (column < 0) continue;
    const cell = table.tBodies[0].rows[0].cells[column];
    const zeros = document.createElement("code");
    const span = document.createElement("span");
    span.textContent = "0".repeat(20);
    zeros.append(span);
    zeros.style.cssText = "position: absolute; white-space: pre";
    cell.append(zeros);
    const ch = span.getBoundingClientRect().width / 20;
    zeros.remove();
    const style = getComputedStyle(cell);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    widths.push(inner / ch);
  }
  return widths;
}"""
#: A TeX fragment such as ``dZ^{[1]}=W^{[2]T}dZ^{[2]}`` (24 characters) fits on one line.
NOTES_COLUMN_CH = 24


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_errata_notes_column_holds_a_tex_fragment_on_a_line(tab: Page, viewport: str) -> None:
    load(tab, "reference/errata/")
    widths = tab.evaluate(NOTES_COLUMN_JS, "the notes wrote")
    assert len(widths) >= 4, widths
    assert min(widths) >= NOTES_COLUMN_CH, [round(width, 1) for width in widths]


# 5. Page titles and copy buttons ---------------------------------------------------------

#: The title's height, and how many lines its own text (the ¶ permalink left out) takes.
TITLE_JS = """() => {
  const h1 = document.querySelector(".md-content .md-typeset h1");
  const lineHeight = parseFloat(getComputedStyle(h1).lineHeight);
  const tops = [];
  for (const node of h1.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.matches(".headerlink")) continue;
    const range = document.createRange();
    range.selectNode(node);
    for (const rect of range.getClientRects()) {
      if (rect.width > 0 && !tops.some((top) => Math.abs(top - rect.top) < lineHeight / 2)) {
        tops.push(rect.top);
      }
    }
  }
  return {
    title: h1.textContent.replace("¶", "").trim(),
    height: h1.getBoundingClientRect().height,
    lines: tops.length,
    lineHeight,
  };
}"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_page_title_is_as_tall_as_its_text(tab: Page, pages: list[str], viewport: str) -> None:
    """The invisible ¶ after a title that fills its line used to take a line of its own."""
    too_tall = []
    for rel in pages:
        load(tab, rel)
        title = tab.evaluate(TITLE_JS)
        assert title["lines"] >= 1, title
        if title["height"] > title["lines"] * title["lineHeight"] + 1:
            too_tall.append(f"{rel or 'home'}: {title}")
    assert too_tall == [], "\n".join(too_tall)


#: For every code block with a copy button, scrolled to its end: the lines level with the
#: button, and those whose last character lies under it.
COVERED_LINES_JS = """() => {
  const covered = [];
  let level = 0;
  for (const button of document.querySelectorAll("button.md-code__button[data-md-type=copy]")) {
    const code = button.closest("pre").querySelector(":scope > code");
    const b = button.getBoundingClientRect();
    if (code === null || b.width === 0) continue;
    code.scrollLeft = code.scrollWidth;
    const ends = new Map();  // line number -> [text node, offset] of its last character
    let line = 0;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (node.data[i] === "\\n") line++;
        else if (node.data[i].trim() !== "") ends.set(line, [node, i]);
      }
    }
    for (const [number, [node, offset]] of ends) {
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      const c = range.getBoundingClientRect();
      if (c.bottom <= b.top || c.top >= b.bottom) continue;
      level++;
      if (c.right > b.left && c.left < b.right) {
        covered.push(`line ${number + 1} of ${JSON.stringify(code.textContent.slice(0, 50))}`);
      }
    }
    code.scrollLeft = 0;
  }
  return { covered, level };
}"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_copy_button_leaves_the_end_of_every_line_readable(
    tab: Page, pages: list[str], viewport: str
) -> None:
    """Scrolled to its end, no line of a code block or signature ends under the button."""
    covered = {}
    level = 0
    for rel in pages:
        load(tab, rel)
        found = tab.evaluate(COVERED_LINES_JS)
        level += found["level"]
        if found["covered"]:
            covered[rel or "home"] = found["covered"]
    assert level >= 100, f"only {level} lines beside a copy button"
    assert covered == {}


# 6. Print --------------------------------------------------------------------------------

PRINT_JS = """() => {
  const problems = [];
  let pairs = 0;
  const style = (el) => getComputedStyle(el);
  const name = (el) => JSON.stringify(el.textContent.replace(/\\s+/g, " ").trim().slice(0, 40));
  for (const caption of document.querySelectorAll("p.eq-links")) {
    const equation = caption.previousElementSibling;
    if (equation === null || !equation.matches("div.arithmatex")) continue;
    pairs++;
    if (style(equation).breakInside !== "avoid") {
      problems.push("equation may split across pages: " + name(equation));
    }
    if (style(equation).breakAfter !== "avoid" && style(caption).breakBefore !== "avoid") {
      problems.push("page may break between equation and caption: " + name(caption));
    }
  }
  const hidden = ".md-code__nav, .md-code__button, .md-clipboard, .sn-pg-controls";
  for (const el of document.querySelectorAll(hidden)) {
    if (style(el).display !== "none" && el.closest("[hidden]") === null) {
      problems.push("prints: " + el.className);
    }
  }
  for (const canvas of document.querySelectorAll(".md-typeset canvas")) {
    const figure = canvas.closest("figure") || canvas;
    if (style(figure).breakInside !== "avoid") problems.push("canvas may split: " + canvas.id);
  }
  return { problems, pairs };
}"""


def test_printed_pages_keep_equations_with_captions_and_drop_controls(
    browser: Browser, server: SiteServer, pages: list[str]
) -> None:
    page = open_tab(browser, server, "desktop")
    try:
        page.emulate_media(media="print")
        problems = {}
        pairs = 0
        for rel in pages:
            load(page, rel)
            found = page.evaluate(PRINT_JS)
            pairs += found["pairs"]
            if found["problems"]:
                problems[rel or "home"] = found["problems"]
        load(page, "playground/")
        assert page.locator(".sn-pg-controls").count() == 1
        assert page.locator(".md-typeset canvas").count() >= 3
    finally:
        page.context.close()
    assert pairs >= 40
    assert problems == {}


# 4. Plots in the dark scheme -------------------------------------------------------------

PLOTS_PATH = "assets/plots/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_plots_follow_the_colour_scheme(
    browser: Browser, server: SiteServer, built_site: Path, pages: list[str], scheme: str
) -> None:
    """Each plot shows once, in the scheme's variant, dark by its pixels in slate."""
    with_plots = [
        rel for rel in pages if PLOTS_PATH in (built_site / rel / "index.html").read_text("utf-8")
    ]
    assert len(with_plots) >= 2, with_plots
    page = open_tab(browser, server, "desktop", scheme)
    problems = []
    shown = 0
    try:
        for rel in with_plots:
            page.goto(rel, wait_until="load")
            wait_for_scripts(page)
            page.evaluate(LOAD_IMAGES_JS)  # the lazy ones too
            images = page.locator(f'article img[src*="{PLOTS_PATH}"]')
            sources = [images.nth(i).get_attribute("src") or "" for i in range(images.count())]
            plots = {
                src.split("#")[0].removesuffix("-dark.svg").removesuffix(".svg") for src in sources
            }
            visible = [images.nth(i) for i in range(images.count()) if images.nth(i).is_visible()]
            if len(visible) != len(plots):
                problems.append(f"{rel}: {len(visible)} plots shown of {len(plots)}")
            for image in visible:
                shown += 1
                src = image.get_attribute("src") or ""
                image.scroll_into_view_if_needed()
                picture = Image.open(io.BytesIO(image.screenshot(animations="disabled")))
                lightness = ImageStat.Stat(picture.convert("L")).mean[0]
                dark_twin = src.split("#")[0].endswith("-dark.svg")
                if (scheme == "dark") != dark_twin or (
                    lightness > 80 if scheme == "dark" else lightness < 170
                ):
                    problems.append(
                        f"{rel}: {src} shown in {scheme}, mean lightness {lightness:.0f}"
                    )
    finally:
        page.context.close()
    assert shown >= 6
    assert problems == [], "\n".join(problems)

"""Every glyph of the math shows: what the reader sees, not only that the math is typeset.

A page can hold every equation and still show nothing where a glyph should be. That
happened: MathJax's CHTML stylesheet, trimmed by a regex that stopped at the ``}`` inside
``content: "}"``, made the browser drop the rule after it, and every display Σ,
calligraphic ℒ and ``\\mathtt`` underscore of the site vanished while every test passed.
The math is now MathML that the browser draws in a font the site serves (issue #25); the
checks look at what is drawn, whatever draws it.

Three checks, from the most particular to the most general:

- **the stylesheets parse whole:** the browser holds as many rules of each of the site's own
  stylesheets as ``tinycss2`` reads in the file (a rule the browser drops is one it could
  not parse);
- **every glyph is drawn in the site's math font:** for one token element of each kind of
  glyph, Chromium's DevTools protocol names the fonts it drew the text with
  (``CSS.getPlatformFontsForNode``): only the served font, none of the reader's machine (a
  character missing from the font would be drawn by whatever the machine has);
- **every glyph has ink:** each kind of glyph (a character, in an element of MathML, in
  display or inline math), on every page, has a box with some area, and the pixels of that
  box in a screenshot are not all one colour.

Characters that are invisible on purpose, the spaces and U+2061 to U+2064 (function
application, invisible times, separator and plus), are left out.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import tinycss2
from browser_support import (
    DESKTOP,
    Console,
    SiteServer,
    assert_quiet,
    open_page,
    render_everything,
    site_pages,
)
from PIL import Image
from playwright.sync_api import Browser, Page
from shallownet_site import mathjax

pytestmark = pytest.mark.browser

#: Every glyph of the page's math, grouped by kind: its character, the MathML element that
#: holds it and whether the math is displayed. For each kind: how many glyphs, and which
#: screenshot shows one of them that the reader can see (not scrolled out of its equation's
#: box), the equations being chosen so that few show them all. One element of each kind, the
#: one whose own text the font check reads, is marked ``data-glyph-font``.
GLYPHS_JS = r"""() => {
  const INVISIBLE = new Set([0x20, 0xa0, 0x2061, 0x2062, 0x2063, 0x2064]);
  // Where the reader can see it: inside the box of every ancestor that clips.
  const seen = (r, el) => {
    if (r.width < 0.5 || r.height < 0.5 || !el.checkVisibility()) return false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX === "visible" && getComputedStyle(a).overflowY === "visible") continue;
      const b = a.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) return false;
    }
    return true;
  };
  for (const details of document.querySelectorAll("details:not([open])")) details.open = true;
  // the marks of an earlier call on the same page
  for (const el of document.querySelectorAll("[data-glyph-font], [data-glyph-kinds], [data-glyph-shot]")) {
    delete el.dataset.glyphFont;
    delete el.dataset.glyphKinds;
    delete el.dataset.glyphShot;
  }
  const kinds = new Map();
  const byEquation = new Map();  // equation -> kinds it shows, with one glyph of each
  for (const token of document.querySelectorAll(".arithmatex math :is(mi, mn, mo, mtext, ms)")) {
    const math = token.closest("math");
    const holder = token.firstElementChild || token;  // a link inside a token holds its text
    const chars = Array.from(holder.textContent);
    const visible = chars.filter((c) => !INVISIBLE.has(c.codePointAt(0)));
    chars.forEach((c, index) => {
      if (INVISIBLE.has(c.codePointAt(0))) return;
      const kind = `${c} <${token.localName}>${math.getAttribute("display") === "block" ? " display" : ""}`;
      let entry = kinds.get(kind);
      if (entry === undefined) {
        entry = {kind, character: c, count: 0, math: math.textContent.trim().slice(0, 60), shot: null};
        kinds.set(kind, entry);
        holder.dataset.glyphFont = (holder.dataset.glyphFont || "") + kind + "\n";
      }
      entry.count += 1;
      const r = glyphBox(token, holder, index, visible.length);
      if (seen(r, token)) {
        if (!byEquation.has(math)) byEquation.set(math, new Map());
        const shown = byEquation.get(math);
        if (!shown.has(kind)) shown.set(kind, [token, index]);
      }
    });
  }
  // Greedy cover: the equation that shows the most kinds not yet covered, until none is
  // left. Each equation chosen, and the glyph of each kind it is to show, are marked for
  // the screenshots: their boxes are measured again when each is taken.
  let shots = 0;
  let left = new Set(Array.from(byEquation.values()).flatMap((m) => Array.from(m.keys())));
  while (left.size) {
    let best = null, gain = 0;
    for (const [math, shown] of byEquation) {
      const g = Array.from(shown.keys()).filter((k) => left.has(k)).length;
      if (g > gain) { best = math; gain = g; }
    }
    const equation = best.closest(".arithmatex");
    equation.dataset.glyphShot = shots;
    for (const [kind, [token, index]] of byEquation.get(best)) {
      if (!left.has(kind)) continue;
      const marks = JSON.parse(token.dataset.glyphKinds || "{}");
      marks[kind] = index;
      token.dataset.glyphKinds = JSON.stringify(marks);
      kinds.get(kind).shot = shots;
      left.delete(kind);
    }
    shots += 1;
  }
  return {kinds: Array.from(kinds.values()), shots};
}"""

#: The box of one glyph: the token's own box when the glyph is its only visible character
#: (a stretched ∑ or bracket is drawn larger than its character's text box), else the box of
#: the character in the text.
GLYPH_BOX_JS = """
function glyphBox(token, holder, index, visible) {
  if (visible === 1) return token.getBoundingClientRect();
  const text = holder.firstChild;
  const at = Array.from(text.textContent).slice(0, index).join("").length;
  const range = document.createRange();
  range.setStart(text, at);
  range.setEnd(text, at + Array.from(text.textContent)[index].length);
  return range.getBoundingClientRect();
}
"""
GLYPHS_JS = GLYPHS_JS.replace("() => {", "() => {\n" + GLYPH_BOX_JS, 1)

#: The boxes of the glyphs marked in an equation, by kind, relative to the equation's box.
MARKED_GLYPHS_JS = (
    "(equation) => {\n"
    + GLYPH_BOX_JS
    + """
  const INVISIBLE = new Set([0x20, 0xa0, 0x2061, 0x2062, 0x2063, 0x2064]);
  const box = equation.getBoundingClientRect();
  const boxes = {};
  for (const token of equation.querySelectorAll("[data-glyph-kinds]")) {
    const holder = token.firstElementChild || token;
    const visible = Array.from(holder.textContent).filter((c) => !INVISIBLE.has(c.codePointAt(0)));
    for (const [kind, index] of Object.entries(JSON.parse(token.dataset.glyphKinds))) {
      const r = glyphBox(token, holder, index, visible.length);
      boxes[kind] = [r.left - box.left, r.top - box.top, r.width, r.height];
    }
  }
  return boxes;
}"""
)

#: For each stylesheet of the page, by URL: how many rules the browser parsed, and how many
#: of the file's rules (given as texts) it keeps when it parses each one alone. A rule it
#: drops even alone is meant for another browser (``::-ms-clear``, Safari's
#: ``_::-webkit-full-page-media``); one it keeps alone but drops in the file was lost.
RULES_JS = """(texts) => Array.from(document.styleSheets)
  .filter((sheet) => sheet.href !== null && sheet.href in texts)
  .map((sheet) => [sheet.href, sheet.cssRules.length, texts[sheet.href].filter((text) => {
    const alone = new CSSStyleSheet();
    alone.replaceSync(text);
    return alone.cssRules.length === 1;
  }).length])"""

#: Material's header stays on top of the page as it scrolls; a screenshot of a box under it
#: would show the header's ink instead of the box's. Its "Back to top" button floats over
#: the content after a scroll up, as the screenshots scroll from one equation to an
#: earlier one: it would hide the glyphs under it (a '−' of the network page, once).
HEADER_IN_PLACE = (
    ".md-header { position: relative !important; }\n.md-top { display: none !important; }\n"
)

#: A pixel differs from the box's commonest colour by more than this (0-255, grey level)
#: to count as ink.
INK_CONTRAST = 64


# Checks (functions, so that the tests below can show that each one fails) -----------------


#: Tokens that no selector holds: a prelude with one is a fragment of another rule, whose
#: rule the browser drops (``";`` and ``}`` left by a cut inside ``content: "}"``).
NOT_IN_A_SELECTOR = {"}", ";"}


@dataclass
class Stylesheet:
    """What a CSS parser reads in a stylesheet: each rule's text, and what does not parse."""

    rules: list[str]
    errors: list[str]

    @classmethod
    def parse(cls, css: str) -> Stylesheet:
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        errors = []
        for rule in rules:
            if rule.type == "error":
                errors.append(rule.message)
            elif rule.type == "qualified-rule" and any(
                token.type == "error"
                or (token.type == "literal" and token.value in NOT_IN_A_SELECTOR)
                for token in rule.prelude
            ):
                prelude = " ".join(tinycss2.serialize(rule.prelude).split())
                errors.append(f"a selector that does not parse: {prelude[:70]!r}")
        return cls([rule.serialize() for rule in rules], errors)


def stylesheet_problems(
    page: Page, server: SiteServer, served: dict[str, str] | None = None
) -> list[str]:
    """Each stylesheet of the page that does not parse whole, or of which the browser holds
    fewer rules than the file has, leaving out those it drops on purpose (rules for other
    browsers, which it drops even alone).

    ``served`` holds the text of stylesheets that a test served itself, by URL.
    """
    sheets: dict[str, Stylesheet] = {}
    for href in page.evaluate("() => Array.from(document.styleSheets, (s) => s.href)"):
        path = server.file_for(href) if href else None
        if href in (served or {}):
            sheets[href] = Stylesheet.parse((served or {})[href])
        elif path is not None:
            sheets[href] = Stylesheet.parse(path.read_text(encoding="utf-8"))
    problems = []
    texts = {href: sheet.rules for href, sheet in sheets.items()}
    for href, parsed, kept_alone in page.evaluate(RULES_JS, texts):
        sheet = sheets[href]
        rel = urlsplit(href).path.removeprefix(urlsplit(server.base).path)
        problems += [f"{rel}: {error}" for error in sheet.errors]
        if parsed != kept_alone:
            problems.append(
                f"{rel}: the browser holds {parsed} rules of the file's {len(sheet.rules)},"
                f" of which it keeps {kept_alone} when it parses each alone"
            )
    return problems


def background_of(image: Image.Image) -> int:
    """The commonest grey level of an image: an equation's background."""
    histogram = image.convert("L").histogram()
    return max(range(256), key=histogram.__getitem__)


def has_ink(image: Image.Image, background: int | None = None) -> bool:
    """Whether some pixel of an image stands out from ``background`` (by default the
    image's commonest level). A glyph's box is measured against its equation's background:
    the browser's box of a minus is the line itself, 1 or 2 px high, all ink."""
    histogram = image.convert("L").histogram()
    if background is None:
        background = max(range(256), key=histogram.__getitem__)
    return any(
        count for level, count in enumerate(histogram) if abs(level - background) > INK_CONTRAST
    )


#: Waits for the page's fonts: text drawn in a fallback while the screenshots are taken
#: moves everything below it, as a figure that loads late would.
FONTS_READY_JS = "async () => { await document.fonts.ready; }"


def settle(page: Page) -> None:
    """Check that every element is laid out, load every image (render_everything: a figure
    that loads while the screenshots are taken moves everything below it), keep the header
    in its place and wait for the fonts, so that the boxes measured are where the
    screenshots find them."""
    render_everything(page)
    page.add_style_tag(content=HEADER_IN_PLACE)
    page.evaluate(FONTS_READY_JS)


def font_problems(page: Page) -> list[str]:
    """The kinds of glyph (marked by `GLYPHS_JS`) that Chromium drew in a font other than the
    site's math font, as its DevTools protocol reports the fonts of each element's text."""
    cdp = page.context.new_cdp_session(page)
    problems = []
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-glyph-font]"})
        for node in found["nodeIds"]:
            attributes = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
            kinds = dict(zip(attributes[::2], attributes[1::2], strict=True))["data-glyph-font"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            others = sorted(
                f"{font['familyName']} ({font['glyphCount']} glyphs)"
                for font in fonts
                if font["familyName"] != mathjax.FONT_FAMILY or not font["isCustomFont"]
            )
            if others or not fonts:
                for kind in kinds.split("\n")[:-1]:
                    drawn = ", ".join(others) or "no font"
                    problems.append(f"{kind[0]!r} ({kind}): drawn in {drawn}")
    finally:
        cdp.detach()
    return problems


def glyph_problems(page: Page) -> tuple[list[str], int]:
    """The current page's glyphs that are not drawn in the math font or show no ink, one line
    per kind; and how many kinds it has."""
    settle(page)
    found: dict[str, Any] = page.evaluate(GLYPHS_JS)
    shots, boxes = [], {}
    for shot in range(found["shots"]):
        equation = page.locator(f'[data-glyph-shot="{shot}"]')
        shots.append(Image.open(io.BytesIO(equation.screenshot(animations="disabled"))))
        boxes.update(equation.evaluate(MARKED_GLYPHS_JS))
    problems = font_problems(page)
    for kind in found["kinds"]:
        name = f"{kind['character']!r} ({kind['kind']}, {kind['count']}×, in {kind['math']!r})"
        if kind["shot"] is None:
            problems.append(f"{name}: no glyph of this kind has a box the reader can see")
            continue
        x, y, width, height = boxes[kind["kind"]]
        # 2 px more above and below: the browser's box of a minus is the line itself, whose
        # anti-aliased edges fall outside it (a 10.7 x 2 px box held no pixel of ink)
        crop = shots[kind["shot"]].crop(
            (math.floor(x), math.floor(y) - 2, math.ceil(x + width), math.ceil(y + height) + 2)
        )
        if not has_ink(crop, background_of(shots[kind["shot"]])):
            problems.append(f"{name}: no ink in its {width:.1f} × {height:.1f} px box")
    return problems, len(found["kinds"])


# Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def page(browser: Browser, server: SiteServer, console: Console) -> Iterator[Page]:
    """A desktop tab in the light palette; afterwards, no console error or stray request."""
    server.traffic.clear()
    context = server.new_context(browser, color_scheme="light", viewport=DESKTOP)
    page = console.watch(context.new_page())
    yield page
    context.close()
    assert_quiet(server, console)


# Tests ------------------------------------------------------------------------------------


def test_every_glyph_on_every_page_is_visible(
    page: Page, server: SiteServer, built_site: Path
) -> None:
    """On every page: the stylesheets parse whole, and every kind of glyph shows ink."""
    failures: list[str] = []
    kinds = 0
    pages = site_pages(built_site)
    for rel in pages:
        open_page(page, rel)
        problems = stylesheet_problems(page, server)
        found, count = glyph_problems(page)
        kinds += count
        failures += [f"{rel or 'home'}: {problem}" for problem in problems + found]
    assert len(pages) > 20 and kinds > 500, (len(pages), kinds)
    assert failures == [], f"{len(failures)} problems:\n  " + "\n  ".join(failures)


#: Three ways to lose a glyph: its colour, its size, its font (a font of the reader's machine
#: draws it, or nothing does).
BREAKS = {
    "colour": ".glyph-break { color: transparent !important; }",
    "size": ".glyph-break { font-size: 0 !important; }",
    "font": '.glyph-break { font-family: "DejaVu Sans" !important; }',
}
#: Marks every display Σ of the page, as in (3), ``db^{[2]} = \frac{1}{m} \sum ...``.
MARK_SIGMA_JS = """() => {
  const sigmas = Array.from(document.querySelectorAll('div.arithmatex > math[display="block"] mo'))
    .filter((mo) => mo.textContent === "\u2211");
  for (const sigma of sigmas) sigma.classList.add("glyph-break");
  return sigmas.length;
}"""


@pytest.mark.parametrize("how", BREAKS)
def test_the_glyph_check_sees_a_glyph_lost(page: Page, how: str) -> None:
    """Each way of losing the display Σ of equations (3) and (6) is reported, and only
    that glyph."""
    open_page(page, "explanation/backpropagation/")
    assert glyph_problems(page)[0] == []
    assert page.evaluate(MARK_SIGMA_JS) >= 2  # (3) and (6)
    page.add_style_tag(content=BREAKS[how])
    problems, _ = glyph_problems(page)
    assert problems and all(problem.startswith("'∑' (∑ <mo> display") for problem in problems), (
        problems
    )


def test_the_stylesheet_check_sees_a_dropped_rule(
    page: Page, server: SiteServer, built_site: Path
) -> None:
    """The fragment that the regex's cut left, ``";`` and ``}`` on their own lines, makes the
    browser drop the rule after it: the parser sees the fragment, and a rule of the file that
    the browser does not hold is counted."""
    open_page(page, "explanation/backpropagation/")
    assert stylesheet_problems(page, server) == []
    stylesheet = "assets/math/math.css"
    css = (built_site / stylesheet).read_text(encoding="utf-8")
    first_rule = css.index(".md-typeset math {")
    broken = css[:first_rule] + '";\n}\n\n' + css[first_rule:]
    page.route(
        f"**/{stylesheet}",
        lambda route: route.fulfill(status=200, body=broken, content_type="text/css"),
    )
    # the page again, as open_page waits for it: after a bare reload, whose load event comes
    # before the page's scripts run, document.styleSheets was sometimes empty (2 of 8)
    open_page(page, "explanation/backpropagation/")
    problems = stylesheet_problems(page, server, {server.url(stylesheet): broken})
    assert problems and all(problem.startswith(stylesheet) for problem in problems), problems
    # and a rule of the file that the browser does not hold
    extra = broken.replace('";\n}\n\n', "", 1) + "math .x::before { content: 'x'; }\n"
    problems = stylesheet_problems(page, server, {server.url(stylesheet): extra})
    assert len(problems) == 1 and "the browser holds" in problems[0], problems


# Underlined names keep their underscores ----------------------------------------------------

#: Links whose code holds an underscore, the first of each kind on the page: in an
#: equation's caption, in a paragraph, a list, a table and an API entry.
UNDERSCORE_LINKS = (
    "p.eq-links a:has(> code)",
    "article p:not(.eq-links) a:has(> code)",
    "article li a:has(> code)",
    "article td a:has(> code)",
    "article .doc-contents a:has(> code)",
)
#: The link's box to screenshot, and the columns of its first underscore, in the box.
UNDERSCORE_JS = """(link) => {
  const text = Array.from(link.querySelector("code").childNodes)
    .find((node) => node.nodeType === Node.TEXT_NODE && node.textContent.includes("_"));
  const range = document.createRange();
  const at = text.textContent.indexOf("_");
  range.setStart(text, at);
  range.setEnd(text, at + 1);
  const u = range.getBoundingClientRect(), box = link.getBoundingClientRect();
  return {box: [box.left + scrollX, box.top + scrollY, box.width, box.height],
          underscore: [u.left - box.left, u.right - box.left], name: link.textContent};
}"""
#: The link drawn with its text only, or with its underline only; and a header that does
#: not stay on top of what the screenshot shows.
UNDERSCORE_PROBES = (
    HEADER_IN_PLACE
    + """
.probe-text, .probe-text * { text-decoration-line: none !important; }
.probe-line, .probe-line * { color: transparent !important; background: none !important;
                             text-decoration-color: black !important; }
"""
)
#: How far below the link's box the screenshot reaches, for an underline under the descent.
BELOW = 8


def inked_rows(image: Image.Image, left: int, right: int) -> list[int]:
    """The rows of ``image`` with ink between the columns ``left`` and ``right``."""
    grey = image.convert("L")
    histogram = grey.histogram()
    background = max(range(256), key=histogram.__getitem__)
    pixels = grey.load()
    assert pixels is not None
    return sorted(
        {
            y
            for y in range(grey.height)
            for x in range(max(left, 0), min(right, grey.width))
            if abs(int(pixels[x, y]) - background) > INK_CONTRAST  # type: ignore[arg-type]
        }
    )


def underscore_problems(page: Page) -> tuple[list[str], int]:
    """Links whose underline touches or crosses their first underscore; and how many links
    were measured. The link is drawn twice, with its text only and with its underline only;
    between the underscore's lowest row and the underline's highest, one row must be clear."""
    settle(page)
    page.add_style_tag(content=UNDERSCORE_PROBES)
    problems, measured = [], 0
    for selector in UNDERSCORE_LINKS:
        # a link inside a closed solution is not on screen: the first one the reader sees
        links = page.locator(selector).filter(has_text="_", visible=True)
        if not links.count():
            continue
        link = links.first
        link.evaluate("(el) => el.scrollIntoView({block: 'center'})")
        found = link.evaluate(UNDERSCORE_JS)
        x, y, width, height = found["box"]
        clip = {"x": x, "y": y, "width": width, "height": height + BELOW}
        left, right = found["underscore"]
        # the middle half of the underscore: its neighbours' ink stays out
        columns = (math.ceil(left + (right - left) / 4), math.floor(right - (right - left) / 4))
        rows = {}
        for probe in ("probe-text", "probe-line"):
            link.evaluate("(el, probe) => el.classList.add(probe)", probe)
            shot = page.screenshot(clip=clip, full_page=True, animations="disabled")
            link.evaluate("(el, probe) => el.classList.remove(probe)", probe)
            rows[probe] = inked_rows(Image.open(io.BytesIO(shot)), *columns)
        text = [row for row in rows["probe-text"] if row < height]
        line = rows["probe-line"]
        measured += 1
        if not text or not line:
            problems.append(f"{found['name']!r} ({selector}): no underscore or no underline")
        elif min(line) - max(text) < 2:
            problems.append(
                f"{found['name']!r} ({selector}): the underline (rows {line}) touches the"
                f" underscore (rows {text})"
            )
    return problems, measured


def test_linked_names_keep_their_underscores(
    page: Page, server: SiteServer, built_site: Path
) -> None:
    """On every page, each kind of link around a name with ``_`` draws its underline below
    the underscore, with a clear row between them."""
    failures: list[str] = []
    measured = 0
    for rel in site_pages(built_site):
        open_page(page, rel)
        problems, count = underscore_problems(page)
        measured += count
        failures += [f"{rel or 'home'}: {problem}" for problem in problems]
    assert measured > 30, measured
    assert failures == [], "\n  ".join(["", *failures])


def test_the_underscore_check_sees_an_underline_through_it(page: Page) -> None:
    """With the underline 0.2 em under the baseline, as before, it lies on the underscore."""
    open_page(page, "reference/api/training/")
    problems, measured = underscore_problems(page)
    assert problems == [] and measured >= 3, (problems, measured)
    page.add_style_tag(
        content=".md-typeset a { text-underline-position: auto !important;"
        " text-underline-offset: 0.2em !important; }"
    )
    problems, _ = underscore_problems(page)
    assert len(problems) == measured, problems
    assert all("touches" in problem for problem in problems), problems

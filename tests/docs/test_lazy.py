"""Less work before the first paint (issue #25), and nothing lost by it.

- Images below the first screen carry ``loading="lazy"`` (``shallownet_site.lazy_images``);
  the ones in a page's first blocks, which may be its largest paint, do not.
- A page opened at an equation's anchor lands on it, at a phone's width, and stays there
  once its images and fonts have come. (Until issue #25 moved the math to MathML, the
  blocks of a long page were laid out only near the screen, ``content-visibility``, and the
  anchors needed an exception; with MathML that rule cost more than it saved, and it went.)

No timing here: ``benchmarks/bench_lighthouse.py`` measures what this saves.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from browser_support import open_page
from playwright.sync_api import Page
from shallownet_site.extension import PlotsExtension
from shallownet_site.lazy_images import FIRST_SCREEN_BLOCKS, LazyImagesExtension

LONG_PAGES = ["explanation/backpropagation/", "beyond/curvature/"]


def test_images_after_the_first_screen_load_lazily_and_an_explicit_choice_stays() -> None:
    page = (
        "# T\n\nintro\n\n![A](a.svg)\n\n## S\n\n![B](../assets/plots/flower.svg)\n\n"
        "![C](c.svg){ loading=eager }\n\n- ![D](d.svg)\n"
    )
    html = markdown.markdown(
        page, extensions=["attr_list", PlotsExtension(markers={}), LazyImagesExtension()]
    )
    assert FIRST_SCREEN_BLOCKS == 3
    assert '<img alt="A" src="a.svg" />' in html  # the third block: the first screen
    # both images of a plot's pair, the light one and its dark twin
    assert html.count('alt="B" loading="lazy"') == 2
    assert '<img alt="C" loading="eager" src="c.svg" />' in html
    assert '<img alt="D" loading="lazy" src="d.svg" />' in html


class Images(HTMLParser):
    """The ``src`` and ``loading`` of every image inside the page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article> when > 0
        self.images: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        elif tag == "img" and self.depth:
            self.images.append((attributes.get("src") or "", attributes.get("loading")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1


def test_the_built_pages_load_their_plots_lazily_and_the_diagrams_at_the_top_at_once(
    built_site: Path,
) -> None:
    seen: dict[str, list[tuple[str, str | None]]] = {}
    for path in sorted(built_site.rglob("index.html")):
        parser = Images()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.images:
            seen[path.parent.relative_to(built_site).as_posix()] = parser.images
    plots = [
        (page, loading)
        for page, images in seen.items()
        for src, loading in images
        if "/plots/" in src
    ]
    assert len(plots) >= 14 and {loading for _, loading in plots} == {"lazy"}, plots
    for page in ("explanation/intuition-network", "explanation/intuition-logistic"):
        assert [loading for _, loading in seen[page]] == [None], seen[page]


@pytest.mark.browser
@pytest.mark.parametrize("rel", LONG_PAGES)
def test_a_page_opened_at_an_equation_lands_on_it(lighthouse_phone: Page, rel: str) -> None:
    """Opened at each of its equations' anchors, the page shows the anchor at the top of
    the screen, and still does half a second later."""
    open_page(lighthouse_phone, rel)
    anchors: list[str] = lighthouse_phone.evaluate(
        """() => Array.from(document.querySelectorAll("article [id^='eq-']")).map((a) => a.id)"""
    )
    assert len(anchors) >= 4
    for anchor in anchors:
        open_page(lighthouse_phone, f"{rel}#{anchor}")
        for wait in (0, 500):  # and after the blocks near the screen are laid out
            lighthouse_phone.wait_for_timeout(wait)
            top = lighthouse_phone.evaluate(
                "(id) => document.getElementById(id).getBoundingClientRect().top", anchor
            )
            assert 0 <= top <= 150, (anchor, wait, top)

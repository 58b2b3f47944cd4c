"""The README's screenshot shows the site as built now.

``tests/docs/readme_screenshot.py`` (``make screenshot``) writes ``docs/assets/screenshot.png`` from the built site
and records in it what it shows: the page, its title, the navigation's page links in order
and the equations in view. These tests read that record and the image's size, and compare
them with the site that ``mkdocs build --strict`` builds now and with the README's text.
They never write the image: when they fail, run the script again.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
import readme_screenshot as script  # noqa: E402  (beside this module)


class NavAndTitle(HTMLParser):
    """A built page's title (its h1 without the permalink) and the primary navigation's
    page links in order, the table of contents excluded, as the script reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, list[str]]] = []
        self.nav: list[str] = []
        self.title = ""
        self.link: list[str] | None = None
        self.in_title = False
        self.skip = 0

    def classes(self) -> list[str]:
        return [c for _, classes in self.stack for c in classes]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag in {"br", "img", "input", "meta", "link", "hr"}:
            return
        self.stack.append((tag, classes))
        if self.skip:
            self.skip += 1
        elif "headerlink" in classes:
            self.skip = 1
        inside = self.classes()
        href = attributes.get("href") or ""
        if (
            tag == "a"
            and "md-nav__link" in classes
            and href
            and not href.startswith("#")
            and "md-nav--primary" in inside
            and "md-nav--secondary" not in inside
        ):
            self.link = []
        if tag == "h1" and any(t == "article" for t, _ in self.stack):
            self.in_title = True

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            opened, _ = self.stack.pop()
            if self.skip:
                self.skip -= 1
            if opened == tag:
                break
        if tag == "a" and self.link is not None:
            self.nav.append(" ".join("".join(self.link).split()))
            self.link = None
        if tag == "h1":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.link is not None:
            self.link.append(data)
        if self.in_title:
            self.title += data


def screenshot_reference() -> tuple[str, Path]:
    """The README's image: its alt text and its file."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"!\[([^\]]*)\]\(([^)]+\.png)\)", readme)
    assert match is not None, "the README shows no PNG"
    return match[1], ROOT / match[2]


def stale(shown: dict[str, Any], size: tuple[int, int], site: Path, alt: str) -> list[str]:
    """How the screenshot's record differs from the built site and the README's alt text."""
    problems = []
    if shown.get("page") != script.PAGE:
        problems.append(f"page {shown.get('page')!r}, the script shows {script.PAGE!r}")
    page = NavAndTitle()
    page.feed((site / script.PAGE / "index.html").read_text(encoding="utf-8"))
    title = " ".join(page.title.split())
    if shown.get("title") != title:
        problems.append(f"title {shown.get('title')!r}, the built page's is {title!r}")
    if shown.get("nav") != page.nav:
        problems.append(f"navigation {shown.get('nav')}, the built site's is {page.nav}")
    if title.lower() not in alt.lower():
        problems.append(f"the README's alt text does not name the page {title!r}: {alt!r}")
    numbers = re.search(r"\((\d+)\) to \((\d+)\)", alt)
    wanted = [f"({n})" for n in range(int(numbers[1]), int(numbers[2]) + 1)] if numbers else []
    missing = [n for n in wanted if n not in shown.get("equations", [])]
    if missing:
        problems.append(f"the README names equations {missing} that are not in view")
    if shown.get("mathjax_in_browser") is not False:
        problems.append("MathJax ran in the browser: the math must come typeset from the build")
    if list(size) != [script.VIEWPORT["width"], script.VIEWPORT["height"]]:
        problems.append(f"size {size}, the script's window is {script.VIEWPORT}")
    return problems


@pytest.fixture(scope="module")
def screenshot() -> tuple[dict[str, Any], tuple[int, int], str]:
    alt, path = screenshot_reference()
    png = path.read_bytes()
    return script.description(png), script.png_size(png), alt


def test_the_readme_screenshot_shows_the_site_as_built_now(
    screenshot: tuple[dict[str, Any], tuple[int, int], str], built_site: Path
) -> None:
    shown, size, alt = screenshot
    assert shown, "the screenshot has no record: regenerate it with make screenshot"
    assert stale(shown, size, built_site, alt) == []
    assert len(shown["nav"]) > 20


@pytest.mark.parametrize(
    "change",
    [
        lambda s: {**s, "nav": [s["nav"][1], s["nav"][0], *s["nav"][2:]]},  # reordered
        lambda s: {**s, "nav": s["nav"][:-1]},  # a page fewer
        lambda s: {**s, "title": "Backprop"},
        lambda s: {**s, "equations": ["(1)"]},
        lambda s: {**s, "mathjax_in_browser": True},
        lambda s: {},  # an image without a record, like the old one
    ],
)
def test_a_stale_screenshot_is_seen(
    screenshot: tuple[dict[str, Any], tuple[int, int], str], built_site: Path, change: Any
) -> None:
    shown, size, alt = screenshot
    assert stale(change(shown), size, built_site, alt) != []


def test_the_record_survives_in_the_png() -> None:
    png = (ROOT / "docs" / "assets" / "screenshot.png").read_bytes()
    kinds = [kind for kind, _ in script.png_chunks(png)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and kinds.count(b"tEXt") == 1
    bare = b"".join(
        len(body).to_bytes(4, "big") + kind + body + b"\0\0\0\0"
        for kind, body in script.png_chunks(png)
        if kind != b"tEXt"
    )
    assert script.description(png[:8] + bare) == {}
    assert script.description(script.with_description(png[:8] + bare, {"a": "é"})) == {"a": "é"}

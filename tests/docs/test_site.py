"""The built site: every equation is linked both ways, in the HTML a reader gets."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from shallownet_site import equations as equations_hook


class Page(HTMLParser):
    """Collects ids, links, and the display equations with the caption after each."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.id_list: list[str] = []  # every id, in order, repeats included
        self.links: list[tuple[str, str]] = []  # (href, class)
        self.sequence: list[str] = []  # "math" for a display equation, "caption" for eq-links

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
            self.id_list.append(attributes["id"] or "")
        classes = (attributes.get("class") or "").split()
        if tag == "a" and attributes.get("href"):
            self.links.append((attributes["href"] or "", " ".join(classes)))
        if tag == "div" and "arithmatex" in classes:
            self.sequence.append("math")
        if tag == "p" and "eq-links" in classes:
            self.sequence.append("caption")


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Page]:
    return {
        path.relative_to(built_site).as_posix(): parse(path)
        for path in built_site.rglob("index.html")
    }


#: The API reference: one page per topic under this folder.
API = "reference/api/"


def api_pages(pages: dict[str, Page]) -> dict[str, Page]:
    found = {name: page for name, page in pages.items() if name.startswith(API)}
    assert len(found) > 5, f"no API pages under {API}: {sorted(pages)}"
    return found


def resolve(page: str, href: str) -> tuple[str, str]:
    """The built file and fragment that a relative link from `page` points to."""
    url = urlparse(urljoin("https://site/" + page, href))
    path = url.path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, url.fragment


def test_every_display_equation_has_a_caption(pages: dict[str, Page]) -> None:
    total = 0
    for name, page in pages.items():
        if name.startswith(API):
            continue
        sequence = "".join("M" if item == "math" else "C" for item in page.sequence)
        assert "MM" not in sequence and not sequence.endswith("M"), f"{name}: {sequence}"
        total += sequence.count("MC")
    assert total >= 40


def test_captions_link_to_existing_api_entries(pages: dict[str, Page]) -> None:
    checked = 0
    for name, page in pages.items():
        for href, _ in page.links:
            target, fragment = resolve(name, href)
            if target.startswith(API) and fragment.startswith("shallownet."):
                assert fragment in pages[target].ids, f"{name} links to missing {target}#{fragment}"
                checked += 1
    assert checked >= 40


def test_api_entries_link_back_to_existing_equations(pages: dict[str, Page]) -> None:
    backlinks = 0
    for name, page in api_pages(pages).items():
        for href, _ in page.links:
            target, fragment = resolve(name, href)
            if fragment.startswith("eq-"):
                assert fragment in pages[target].ids, f"{name} links to missing {target}#{fragment}"
                backlinks += 1
    assert backlinks >= 40


def test_every_equation_anchor_is_linked_from_the_api(pages: dict[str, Page]) -> None:
    anchors = {
        (name, id_) for name, page in pages.items() if not name.startswith(API)
        for id_ in page.ids if re.fullmatch(r"eq-[\w-]+", id_)
    }  # fmt: skip
    linked = {
        resolve(name, href) for name, page in api_pages(pages).items() for href, _ in page.links
    }
    assert anchors, "no equation anchors found"
    assert anchors - linked == set()


def test_no_page_loads_anything_from_a_cdn(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert not re.search(r"\.(js|css|woff2?)(\?|$)", url), f"{path}: {url}"
        assert "fonts.googleapis" not in html


def _validation_block() -> str:
    config = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^validation:\n(?:  .*\n)+", config, flags=re.M)
    assert match, "mkdocs.yml has no validation: block"
    return match.group(0)


@pytest.mark.parametrize(
    ("link", "fails"),
    [
        ("other.md#there", False),
        ("other.md#eq-missing", True),  # a moved equation anchor
        ("missing.md", True),
        ("/absolute/page/", True),
    ],
)
def test_strict_build_fails_on_a_broken_link(tmp_path: Path, link: str, fails: bool) -> None:
    """mkdocs.yml's validation settings make --strict fail on each kind of broken link."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"# Home\n\nSee [it]({link}).\n", encoding="utf-8")
    (docs / "other.md").write_text("# Other\n\n## There\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - toc\n" + _validation_block(), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert (result.returncode != 0) == fails, result.stderr


def test_no_page_repeats_an_id_and_equation_anchors_are_unique_site_wide(
    pages: dict[str, Page],
) -> None:
    repeated = {
        name: sorted({i for i in page.id_list if page.id_list.count(i) > 1})
        for name, page in pages.items()
    }
    assert {name: ids for name, ids in repeated.items() if ids} == {}
    anchors = [i for page in pages.values() for i in page.ids if i.startswith("eq-")]
    assert len(anchors) == len(set(anchors)) >= 40


# The equations sheet: reference/equations/ ------------------------------------------------

SHEET = "reference/equations/index.html"


class Sheet(HTMLParser):
    """The sheet's entries: a name paragraph, a display equation, a caption, in that order."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[dict] = []  # {"kind": "name"|"math"|"caption", "text", "links", ...}
        self.depth = 0  # inside the current block, counting its own tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if self.depth:
            self.depth += tag not in {"br", "img"}
            if tag == "math":
                self.blocks[-1]["typeset"] = True
            if tag == "a":
                self.blocks[-1]["links"].append(attributes.get("href") or "")
            return
        kind = {
            ("p", "eq-sheet-name"): "name",
            ("div", "arithmatex"): "math",
            ("p", "eq-links"): "caption",
        }
        for (name, cls), found in kind.items():
            if tag == name and cls in classes:
                self.blocks.append({"kind": found, "text": "", "links": [], "typeset": False})
                self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.blocks[-1]["text"] += data


@pytest.fixture(scope="module")
def sheet(built_site: Path) -> Sheet:
    parser = Sheet()
    parser.feed((built_site / SHEET).read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def directives() -> list:
    found, errors = equations_hook.collect(Path(__file__).resolve().parents[2] / "docs")
    assert errors == []
    return found


def test_the_sheet_typesets_every_equation_with_its_name_and_links(
    sheet: Sheet, directives: list, pages: dict[str, Page]
) -> None:
    """As many typeset display equations as there are directives, each named, then linked
    to its equation on its page, to its function's API entry, and naming its test."""
    kinds = "".join(block["kind"][0] for block in sheet.blocks)
    assert kinds == "nmc" * len(directives), kinds
    docstrings = equations_hook.public_docstrings()
    by_anchor = {eq.anchor: eq for eq in directives}
    seen = []
    for name, math, caption in zip(*[iter(sheet.blocks)] * 3, strict=True):
        assert math["typeset"], math["text"][:80]
        target, fragment = resolve(SHEET, caption["links"][0])
        eq = by_anchor[fragment]
        seen.append(eq.id)
        assert target == eq.page.removesuffix(".md") + "/index.html"
        assert fragment in pages[target].ids
        api = [resolve(SHEET, href) for href in caption["links"][1:]]
        assert (f"{API}", f"shallownet.{eq.fn}") in {(t[: len(API)], f) for t, f in api}
        for target, fragment in api:
            if fragment.startswith("shallownet."):
                assert fragment in pages[target].ids, f"{eq.id}: missing {target}#{fragment}"
        assert eq.test.split("::", 1)[1] in caption["text"]
        # the name's words outside math and code, as the hook derived them
        derived = equations_hook.equation_name(eq, docstrings)
        words = re.split(r"\$[^$]*\$|`[^`]*`", derived)
        text = " ".join(name["text"].split())
        assert all(" ".join(w.split()) in text for w in words), (text, derived)
        assert len(text) > 10
    assert sorted(seen) == sorted(eq.id for eq in directives)


def test_the_sheet_stays_out_of_search(built_site: Path) -> None:
    """The sheet's sections are excluded from search, so a search for a formula finds it on
    its own page only."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    sheet_entries = [d for d in index["docs"] if d["location"].startswith("reference/equations/")]
    assert len(sheet_entries) == 1, [d["location"] for d in sheet_entries]
    assert not re.search(r"\\[(\[]|\^\{|\\frac", sheet_entries[0]["text"])
    # elsewhere the math is indexed, as the search hook writes it: readable, not TeX
    assert any("dZ[2]" in d["text"] for d in index["docs"])


class Paragraphs(HTMLParser):
    """The text of every ``<p>``, without code, math and scripts inside it."""

    #: Elements whose text is not prose: a list marker there is not a run-on list.
    SKIPPED = frozenset({"code", "pre", "script", "style", "math", "svg"})
    #: Elements that end an open paragraph (HTML closes a <p> before a block element).
    BLOCKS = frozenset({"div", "ul", "ol", "pre", "table", "p", "h1", "h2", "h3", "h4", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self._text: list[str] | None = None
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._close()
        if tag == "p":
            self._text = []
        if tag in self.SKIPPED:
            self._skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
        elif tag == "p":
            self._close()

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._skipping:
            self._text.append(data)

    def _close(self) -> None:
        if self._text is not None:
            self.paragraphs.append("".join(self._text))
            self._text = None


#: A line of a paragraph that starts like a Markdown list item: "- ", "* ", "+ ", "1. ".
LIST_MARKER_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S.*$", re.M)


def run_on_list_items(html: str) -> list[str]:
    """Paragraph lines of ``html`` that Markdown left as text but were meant as list items.

    Python-Markdown reads a ``- item`` line right after a paragraph, with no blank line
    between them, as more of that paragraph: the marker shows as a literal " - ".
    """
    parser = Paragraphs()
    parser.feed(html)
    parser.close()
    return [
        match.group(0).strip()
        for text in parser.paragraphs
        for match in LIST_MARKER_LINE.finditer(text)
        if match.start() > 0  # the first line of a paragraph can be a dash or a number
    ]


def test_run_on_list_items_are_found() -> None:
    """The check sees the Markdown of docs/how-to/check-gradients.md before its fix."""
    html = (
        "<p>Ten times smaller <span class='arithmatex'><math><mi>x</mi></math>"
        "</span>: a hundred times\n  centred.\n- <strong>A trade-off.</strong> Smaller</p>"
        "<p>A list:\n1. one\n2. two</p>"
        "<p>Not a list: 5 - 3 = 2,\nand <code>x\n- y</code>.</p><ul><li>a list</li></ul>"
    )
    assert run_on_list_items(html) == ["- A trade-off. Smaller", "1. one", "2. two"]


def test_no_paragraph_holds_a_run_on_list_item(built_site: Path) -> None:
    found = {
        path.relative_to(built_site).as_posix(): items
        for path in sorted(built_site.rglob("*.html"))
        if (items := run_on_list_items(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_pages_install_the_package_the_lightest_way() -> None:
    """A learner outside a clone installs from the repository, with only the extras a page needs.

    Issue 19: the tutorial said ``pip install -e ".[dev]"``, 1.2 GB of test and site tools.
    Every ``pip install`` on a learner's page now names the repository of ``mkdocs.yml``;
    only the project's own pages (contributing, performance's benchmarks) set up a clone.
    """
    from mkdocs.config import load_config
    from shallownet_site import source

    docs = Path(__file__).resolve().parents[2] / "docs"
    repo_url = load_config(str(docs.parent / "mkdocs.yml"))["repo_url"].rstrip("/")
    allowed = {"project/contributing.md", "project/performance.md", "index.md"}
    seen = 0
    for page in sorted(docs.rglob("*.md")):
        name = str(page.relative_to(docs))
        lines = page.read_text(encoding="utf-8").split("\n")
        for block in source.fence_blocks(lines):
            for line in lines[block.line : block.end_line - 1]:
                if "pip install" not in line or name in allowed:
                    continue
                seen += 1
                assert f"@ git+{repo_url}" in line, f"{name}: {line}"
                assert "[dev]" not in line and "-e " not in line, f"{name}: {line}"
    assert seen >= 3  # the tutorial, and the two how-tos that need extras

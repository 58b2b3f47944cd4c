"""Material's search box, typed into as a learner of the course would.

The site built by ``mkdocs build --strict`` is served offline (``browser_support.py``); each
test opens a page, types a query into the search box and reads the results as Material
renders them. A query's "top hit" is the result with the highest score in the first group
(``data-md-score`` of its article): the page, or the section shown right under the page's
title. ``shallownet_site.search`` makes the index's math readable and adds the course's
spellings; its ``search_worker.js`` stems the typed terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from browser_support import Console, SiteServer, assert_quiet, wait_for_scripts
from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

SEARCH_INPUT = "input.md-search__input"
RESULT_META = ".md-search-result__meta"
#: Every result link of the first result group, with its score and text.
FIRST_GROUP_JS = """() => {
  const item = document.querySelector(".md-search-result__list > li.md-search-result__item");
  if (item === null) return [];
  return Array.from(item.querySelectorAll("a.md-search-result__link")).map((a) => ({
    href: a.href,
    score: Number(a.querySelector("article").dataset.mdScore),
    title: a.querySelector("h1, h2").textContent,
    text: a.querySelector("article").textContent,
  }));
}"""
#: The text of every result's preview, without its code (code may quote TeX on purpose, as
#: the errata do).
PREVIEWS_JS = """() => Array.from(document.querySelectorAll(".md-search-result__list article")).map(
  (article) => {
    const copy = article.cloneNode(true);
    copy.querySelectorAll("code, pre").forEach((code) => code.remove());
    return copy.textContent;
  }
)"""
#: The titles of the first ``n`` result groups (each group's page).
GROUP_TITLES_JS = """(n) => Array.from(
  document.querySelectorAll(".md-search-result__list > li.md-search-result__item")
).slice(0, n).map((li) => li.querySelector("h1").textContent.trim())"""

#: A learner's query, and where its top hit must be: "page/" for any section of a page,
#: "page/#section" for that section.
QUERIES = {
    # the course's names and symbols, as the course and its assignment spell them
    "dZ2": "explanation/backpropagation/#the-output-layer",
    "dZ[2]": "explanation/backpropagation/#the-output-layer",
    "dW1": "explanation/backpropagation/#the-hidden-layer",
    # W[1] is first used, and Z[1] = W[1] X + b[1] computed, at the top of this page
    "W1": "explanation/forward-propagation/",
    "keepdims": "explanation/backpropagation/#in-numpy",
    # the assignment's function names: their API entries
    "backward_propagation": "reference/api/backpropagation/#shallownet.backward_propagation",
    "compute_cost": "reference/api/cost/#shallownet.compute_cost",
    "nn_model": "reference/api/training/#shallownet.nn_model",
    # topics
    # the section titled for it, since After this network teaches it
    "vanishing": "explanation/next-steps/#vanishing-gradients",
    # the page whose title names it; Gradient descent's learner section links there
    "learning rate": "beyond/curvature/",
    "sigmoid": "reference/api/activations/#shallownet.sigmoid",
    # the word typed outweighs the rarer words that begin with it: not tanh_derivative
    "tanh": "reference/api/activations/#shallownet.tanh",
}


@dataclass(frozen=True)
class Hit:
    """One result link: where it goes (relative to the site), its score, title and text."""

    where: str
    score: float
    title: str
    text: str


# Fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def context(browser: Browser, server: SiteServer) -> Iterator[BrowserContext]:
    context = server.new_context(browser, color_scheme="light")
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, server: SiteServer, console: Console) -> Iterator[Page]:
    """A fresh tab on the home page; after the test, no console error, nothing from outside."""
    server.traffic.clear()
    page = console.watch(context.new_page())
    page.goto("", wait_until="domcontentloaded")
    wait_for_scripts(page)
    yield page
    page.close()
    assert_quiet(server, console)


# Helpers ----------------------------------------------------------------------------------


def relative(server: SiteServer, href: str) -> str:
    """``href`` relative to the site, with its fragment and without the highlight query."""
    parts = urlsplit(href)
    path = parts.path.removeprefix(urlsplit(server.base).path)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def search(page: Page, server: SiteServer, query: str) -> list[Hit]:
    """Type ``query`` into the search box; the first result group's links, best first."""
    box = page.locator(SEARCH_INPUT)
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    # The worker answers each keystroke; wait until the results are those of the whole query.
    page.wait_for_function(
        """([selector, query, meta]) => {
          const box = document.querySelector(selector);
          const info = document.querySelector(meta);
          return box.value === query && info !== null && !/Initializing|Type to/i.test(info.textContent)
            && (document.querySelector(".md-search-result__list > li") !== null
                || /No matching/i.test(info.textContent));
        }""",
        arg=[SEARCH_INPUT, query, RESULT_META],
        timeout=15_000,
    )
    # The answer to an earlier keystroke may still be replaced: read until three readings
    # in a row, 100 ms apart, agree.
    links, same = page.evaluate(FIRST_GROUP_JS), 0
    for _ in range(100):
        page.wait_for_timeout(100)
        again = page.evaluate(FIRST_GROUP_JS)
        same = same + 1 if again == links else 0
        links = again
        if same == 2:
            break
    else:
        pytest.fail(f"the results for {query!r} did not settle in 10 s")
    hits = [
        Hit(relative(server, link["href"]), link["score"], link["title"], link["text"])
        for link in links
    ]
    return sorted(hits, key=lambda hit: -hit.score)  # stable: ties keep Material's order


def top_hit(hits: list[Hit], query: str) -> Hit:
    assert hits, f"{query!r} finds nothing"
    return hits[0]


def matches(where: str, expected: str) -> bool:
    if "#" in expected:
        return where == expected
    return where.split("#")[0] == expected


# Tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", list(QUERIES))
def test_a_learners_query_finds_the_right_page_first(
    page: Page, server: SiteServer, query: str
) -> None:
    hits = search(page, server, query)
    best = top_hit(hits, query)
    expected = QUERIES[query]
    assert matches(best.where, expected), (
        f"{query!r}: the top hit is {best.where} ({best.title!r}, score {best.score}), "
        f"not {expected}; the first group: {[(h.where, h.score) for h in hits]}"
    )


@pytest.mark.parametrize("query", ["dZ2", "W1", "dW1", "sigmoid", "backward_propagation"])
def test_previews_show_readable_math_not_tex(page: Page, server: SiteServer, query: str) -> None:
    box = page.locator(SEARCH_INPUT)
    search(page, server, query)
    previews: list[str] = page.evaluate(PREVIEWS_JS)
    assert previews, f"{query!r} finds nothing"
    tex = re.compile(r"\\\(|\\\[|\\frac|\\sum|\^\{|_\{")
    raw = [text.strip()[:120] for text in previews if tex.search(text)]
    assert raw == [], f"{query!r}: previews with TeX in them: {raw}"
    assert box.input_value() == query


def test_the_dz2_preview_reads_as_the_course_writes_it(page: Page, server: SiteServer) -> None:
    hits = search(page, server, "dZ2")
    text = top_hit(hits, "dZ2").text
    assert "dZ[2] = A[2] − Y (1)" in text, text[:300]


def test_api_pages_and_explanations_have_different_titles(page: Page, server: SiteServer) -> None:
    """Two results titled "Backpropagation" looked the same; the API page says it is one."""
    search(page, server, "backpropagation")
    titles = page.evaluate(GROUP_TITLES_JS, 10)
    assert "Backpropagation" in titles, titles
    assert "Backpropagation (API)" in titles, titles
    assert len(titles) == len(set(titles)), f"two results with one title: {titles}"


def test_the_list_of_equations_does_not_come_first(page: Page, server: SiteServer) -> None:
    """reference/equations.md lists every equation's id and function; it used to come first."""
    for query in ("sigmoid", "backward_propagation", "compute_dZ2"):
        hits = search(page, server, query)
        assert not top_hit(hits, query).where.startswith("reference/equations/"), query

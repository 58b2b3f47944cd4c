"""The "Download as a notebook" button in a real browser (see docs/hooks/notebooks.py).

Headless Debian chromium loads the site built by ``mkdocs build --strict``, served
offline under its real ``site_url`` by ``browser_support.py``, as in ``test_browser.py``.
Without chromium the module is skipped, except under CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from browser_support import Console, SiteServer, chromium_missing, launch, site_url
from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright

pytestmark = pytest.mark.browser

TUTORIAL = "tutorial/flower/"
#: The button's accessible name, as a screen reader announces it.
NAME = re.compile(r"^Download this page as a Jupyter notebook")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    reason = chromium_missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(built_site: Path) -> SiteServer:
    return SiteServer(built_site, site_url())


@pytest.fixture(scope="module")
def context(browser: Browser, server: SiteServer) -> Iterator[BrowserContext]:
    context = server.new_context(browser, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, server: SiteServer) -> Iterator[Page]:
    """A fresh tab; after the test, no console error and no request outside the site."""
    console = Console()
    server.traffic.clear()
    page = console.watch(context.new_page())
    yield page
    page.close()
    assert server.traffic.outside == [], f"requests outside the site: {server.traffic.outside}"
    assert server.traffic.missing == [], f"missing files: {server.traffic.missing}"
    assert console.errors == [], f"console errors: {console.errors}"


def button(page: Page) -> Locator:
    return page.get_by_role("link", name=NAME)


def download(page: Page, link: Locator) -> tuple[str, nbformat.NotebookNode]:
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


def test_the_button_sits_beside_the_edit_button_and_downloads_the_pages_notebook(
    page: Page, server: SiteServer
) -> None:
    page.goto(TUTORIAL, wait_until="domcontentloaded")
    link = button(page)
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
    name, notebook = download(page, link)
    assert name == "flower.ipynb"
    assert notebook.cells[0].source.startswith("# Train a network on the flower\n")
    assert server.url(TUTORIAL) in notebook.cells[0].source
    assert any(cell.cell_type == "code" for cell in notebook.cells)


def test_the_button_follows_instant_navigation(page: Page) -> None:
    page.goto("", wait_until="domcontentloaded")
    assert (button(page).get_attribute("href") or "").endswith("index.ipynb")
    page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{TUTORIAL}"]').first.click()
    page.wait_for_function(
        "() => document.querySelector('article h1')?.textContent.includes('flower')"
    )
    assert (button(page).get_attribute("href") or "").endswith("flower.ipynb")
    name, notebook = download(page, button(page))
    assert name == "flower.ipynb"
    assert notebook.cells[0].source.startswith("# Train a network on the flower\n")


def test_a_page_without_snippets_has_no_button(page: Page) -> None:
    page.goto("reference/errata/", wait_until="domcontentloaded")
    assert page.locator("a.md-content__button[rel=edit]").count() == 1
    assert button(page).count() == 0

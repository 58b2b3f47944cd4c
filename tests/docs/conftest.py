"""Fixtures shared by the site's tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    LIGHTHOUSE_PHONE,
    PHONE,
    Console,
    SiteServer,
    chromium_missing,
    launch,
    site_url,
)
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per test session with ``mkdocs build --strict``.

    Into a temporary folder, or into ``$SHALLOWNET_SITE_DIR`` when it is set: ``.ci/run``
    sets it to ``site/``, which the CI workflow then deploys, so the site that is
    published is the one these tests checked.
    """
    folder = os.environ.get("SHALLOWNET_SITE_DIR")
    site = Path(folder).resolve() if folder else tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site


# The browser and the server are shared by every browser test module (test_browser.py,
# test_playground.py): Playwright's sync API runs one instance per thread.


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the whole session, for every module that needs one."""
    reason = chromium_missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(built_site: Path) -> SiteServer:
    """The site built by conftest's ``built_site`` (``mkdocs build --strict``), served offline."""
    return SiteServer(built_site, site_url())


def _tab(browser: Browser, server: SiteServer, viewport: ViewportSize) -> Iterator[Page]:
    context = server.new_context(browser, viewport=viewport)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser, server: SiteServer) -> Iterator[Page]:
    """A tab of the site at a phone's width, 390 px (``PHONE``)."""
    yield from _tab(browser, server, PHONE)


@pytest.fixture
def lighthouse_phone(browser: Browser, server: SiteServer) -> Iterator[Page]:
    """A tab of the site on Lighthouse's mobile screen, 412 x 823 (``LIGHTHOUSE_PHONE``)."""
    yield from _tab(browser, server, LIGHTHOUSE_PHONE)


@pytest.fixture
def console() -> Console:
    """Collects a tab's console errors (see ``browser_support.Console``)."""
    return Console()


@pytest.fixture
def kernel_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder for the notebook, and Jupyter's and IPython's files."""
    for variable, folder in {
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_CONFIG_DIR": "config",
        "IPYTHONDIR": "ipython",
    }.items():
        monkeypatch.setenv(variable, str(tmp_path / folder))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    work = tmp_path / "work"
    work.mkdir()
    return work

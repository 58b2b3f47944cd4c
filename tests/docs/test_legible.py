"""Text a phone can read: Lighthouse's "Document doesn't use legible font sizes" (best
practices, mobile preset) passes on every page.

That audit sums the length of every text box in the layout (a collapsed <details>
included) by its font size, and fails a page where less than 60 % of the text is 12 px or
more. This test takes the same DOM snapshot (CDP ``DOMSnapshot.captureSnapshot``) at
Lighthouse's mobile width. It failed on the API pages (43 % on backpropagation's) until
their source listings' code got a 12 px floor (``docs/stylesheets/extra.css``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import open_page, site_pages
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: The thresholds of Lighthouse's audit.
LEGIBLE_PX = 12
LEGIBLE_SHARE = 0.60


def legible_share(page: Page) -> tuple[float, int]:
    """The share of the page's laid-out text (by trimmed length) in a font of at least
    LEGIBLE_PX, and the text's whole length, as Lighthouse's font-size gatherer counts."""
    cdp = page.context.new_cdp_session(page)
    try:
        snapshot = cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": ["font-size"]})
    finally:
        cdp.detach()
    strings = snapshot["strings"]
    legible = total = 0
    for document in snapshot["documents"]:
        layout = document["layout"]
        for index in document["textBoxes"]["layoutIndex"]:
            text_id = layout["text"][index]
            length = len(strings[text_id].strip()) if text_id >= 0 else 0
            size = float(strings[layout["styles"][index][0]].removesuffix("px"))
            total += length
            legible += length if size >= LEGIBLE_PX else 0
    return (legible / total if total else 1.0), total


def test_every_page_has_mostly_legible_text_on_a_phone(
    lighthouse_phone: Page, built_site: Path
) -> None:
    """At least LEGIBLE_SHARE of every page's text is LEGIBLE_PX or more at 412 px."""
    shares: dict[str, float] = {}
    for rel in site_pages(built_site):
        open_page(lighthouse_phone, rel)
        share, total = legible_share(lighthouse_phone)
        assert total > 0, rel
        shares[rel or "home"] = share
    small = {rel: f"{share:.0%}" for rel, share in shares.items() if share < LEGIBLE_SHARE}
    assert small == {}, small
    assert len(shares) > 20

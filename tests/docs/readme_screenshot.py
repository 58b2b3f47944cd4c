"""Regenerate the README's screenshot, ``docs/assets/screenshot.png``, from the built site.

    .venv/bin/python scripts/readme_screenshot.py              # builds the site first
    .venv/bin/python scripts/readme_screenshot.py --site DIR   # an existing `mkdocs build`

Headless Debian chromium (``/usr/bin/chromium``) opens the Backpropagation page at its
section "The output layer" as a reader does, served offline under the real ``site_url`` (``tests/docs/browser_support.py``,
the browser tests' set-up), at 1280 by 900 px in the light palette, and the script saves
what the window shows. The math is the build's (``shallownet_site.mathjax``): the script
refuses a page where MathJax runs in the browser, or where an equation is not typeset.

The PNG carries what it shows as a ``tEXt`` chunk (keyword ``shallownet``, JSON): the page,
its title and section, the navigation's page links in order, and the equation numbers in view.
``tests/docs/test_screenshot.py`` compares them with the site as built now, so a page
renamed or a navigation reordered makes that test fail until this script is run again.
The tests never write the file.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # when run as a script

from browser_support import (  # noqa: E402  (after the sys.path line above)
    DESKTOP,
    SiteServer,
    chromium_missing,
    launch,
    math_problems,
    site_url,
    wait_for_math,
    wait_for_scripts,
)

OUTPUT = ROOT / "docs" / "assets" / "screenshot.png"
PAGE = "explanation/backpropagation/"
#: The section scrolled to the top of the window: its equations (1) to (3), as the README says.
SECTION = "the-output-layer"
VIEWPORT = DESKTOP
KEYWORD = b"shallownet"

#: Scrolls the section's heading to just below the theme's header (48 px).
SCROLL_JS = """(id) => {
  const top = document.getElementById(id).getBoundingClientRect().top;
  window.scrollTo(0, window.scrollY + top - 64);
}"""
#: What the window shows: the page's title, the navigation's page links (the table of
#: contents excluded) and the equation numbers whose caption is wholly in view.
DESCRIBE_JS = """(section) => {
  const text = (el) => Array.from(el.childNodes)
    .filter((node) => !(node.classList && node.classList.contains("headerlink")))
    .map((node) => node.textContent).join("").replace(/\\s+/g, " ").trim();
  const nav = Array.from(document.querySelectorAll("nav.md-nav--primary a.md-nav__link[href]"))
    .filter((a) => !a.closest(".md-nav--secondary") && !a.getAttribute("href").startsWith("#"))
    .map(text);
  const equations = Array.from(document.querySelectorAll("p.eq-links a.eq-number"))
    .filter((a) => { const r = a.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })
    .map(text);
  return { title: text(document.querySelector("article h1")), nav, equations,
           section: text(document.getElementById(section)),
           mathjaxInBrowser: window.MathJax !== undefined };
}"""


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, body) chunks of a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        chunks.append((kind, data[offset + 8 : offset + 8 + length]))
        offset += 12 + length
    return chunks


def with_description(png: bytes, description: dict[str, Any]) -> bytes:
    """``png`` with ``description`` as a tEXt chunk right after its header."""
    body = KEYWORD + b"\0" + json.dumps(description, ensure_ascii=True).encode("latin-1")
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + body))
    end_of_header = 8 + 12 + 13
    return png[:end_of_header] + chunk + png[end_of_header:]


def description(png: bytes) -> dict[str, Any]:
    """The description that ``with_description`` put in ``png`` (an empty dict if none)."""
    for kind, body in png_chunks(png):
        if kind == b"tEXt" and body.startswith(KEYWORD + b"\0"):
            found: dict[str, Any] = json.loads(body[len(KEYWORD) + 1 :].decode("latin-1"))
            return found
    return {}


def png_size(png: bytes) -> tuple[int, int]:
    kind, header = png_chunks(png)[0]
    assert kind == b"IHDR"
    width, height = struct.unpack(">II", header[:8])
    return width, height


def build(site: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )


def screenshot(site: Path) -> bytes:
    from playwright.sync_api import sync_playwright

    reason = chromium_missing()
    if reason is not None:
        raise SystemExit(reason)
    server = SiteServer(site, site_url())
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = server.new_context(browser, viewport=VIEWPORT, color_scheme="light")
            page = context.new_page()
            page.goto(PAGE, wait_until="domcontentloaded")
            wait_for_math(page)
            wait_for_scripts(page)
            # scrolled to, not linked to: a #fragment would show the heading's permalink
            page.evaluate(SCROLL_JS, SECTION)
            page.evaluate("() => document.fonts.ready.then(() => true)")
            problems = math_problems(page)
            problems += [f"request outside the site: {url}" for url in server.traffic.outside]
            problems += [f"404: {url}" for url in server.traffic.missing]
            if problems:
                raise SystemExit("the page is not as a reader gets it:\n  " + "\n  ".join(problems))
            shown: dict[str, Any] = page.evaluate(DESCRIBE_JS, SECTION)
            png = page.screenshot()
        finally:
            browser.close()
    return with_description(
        png,
        {
            "page": PAGE,
            "title": shown["title"],
            "section": shown["section"],
            "nav": shown["nav"],
            "equations": shown["equations"],
            "mathjax_in_browser": shown["mathjaxInBrowser"],
            "viewport": [VIEWPORT["width"], VIEWPORT["height"]],
            "generator": "tests/docs/readme_screenshot.py",
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shallownet-site-") as temporary:
        site = args.site
        if site is None:
            site = Path(temporary)
            build(site)
        png = screenshot(site)
    args.output.write_bytes(png)
    shown = description(png)
    print(
        f"{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}: "
        f"{png_size(png)[0]}x{png_size(png)[1]}, {shown['title']!r}, "
        f"equations {', '.join(shown['equations'])} in view"
    )


if __name__ == "__main__":
    main()

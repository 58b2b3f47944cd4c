"""The page's scripts run after its first paint (issue #25).

Material's template ends each page's body with the theme's bundle and the site's
``extra_javascript``, as parser-blocking ``<script src>`` elements. When they have arrived
by the time the parser reaches them, as they usually have, the browser runs them before it
paints anything, and the bundle's start (it asks for the layout of the whole page several
times) delays the first text on a phone by the time it takes. Lighthouse's mobile profile
put the first contentful paint of the site's page types at 1.8-2.1 s with the scripts where
the theme puts them, and at 1.2-1.4 s with this module (2 runs a page, 7 December 2026); the
performance page has the table.

`defer_scripts` takes those elements out and puts in their place a preload of each (the
files are fetched as early as before) and one inline script, ``after_paint.js``, which adds
them back to the page, in their order, once the browser reports the first contentful paint.
Before it waits for the paint, the loader makes each relative ``href`` and ``src`` of the
page absolute, which the theme's instant navigation does as it starts: done by the theme,
after the first paint, the stylesheets' ``<link>`` elements given their new address made the
browser style the whole page again (110-159 ms of backpropagation's start-up, unthrottled);
done while the page is parsed, before its first style pass, it leaves the theme nothing to
rewrite.

In the same way it gives ``<html>`` what the bundle gives it as it starts: ``js`` in place of
``no-js``, and the focus-visible polyfill's ``js-focus-visible`` class and
``data-js-focus-visible`` attribute. Changed by the bundle, the root's class made the browser
style every element again (15-23 ms of backpropagation's start, unthrottled); changed before
the first style pass, it costs nothing, and the bundle sets each to the value it has.

Scripts with ``async``, ``defer`` or a ``type`` of their own (the playground's, in its page's
content) and inline scripts (the theme's ``__config``) are left where they are. The theme's
404 page is not a page of the site's Markdown, so it keeps the template's scripts: it is
the floor that ``benchmarks/bench_lighthouse.py`` measures the pages against.
"""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from importlib import resources

from shallownet_site import SiteError
from shallownet_site.mathjax import offsets

#: The loader that ends each page's body; ``SCRIPTS`` becomes the list of addresses.
LOADER = resources.files("shallownet_site").joinpath("after_paint.js")


class BlockingScripts(HTMLParser):
    """Where each parser-blocking external script of a page is: ``(start, end, src)``."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = offsets(text)
        self.text = text
        self.scripts: list[tuple[int, int, str]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = dict(attrs)
        src = values.get("src")
        kind = (values.get("type") or "text/javascript").lower()
        if src is None or "async" in values or "defer" in values:
            return
        if kind not in {"text/javascript", "application/javascript"}:
            return
        line, column = self.getpos()
        start = self.lines[line - 1] + column
        end = self.text.index("</script>", start) + len("</script>")
        self.scripts.append((start, end, src))


def loader(sources: list[str]) -> str:
    """The inline script that loads ``sources`` in order after the first paint."""
    text = LOADER.read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    call = "})(SCRIPTS);"
    if not code.rstrip().endswith(call):
        raise SiteError(f"{LOADER.name} must end with {call}")
    listed = json.dumps(sources).replace("<", "\\u003c")  # no "</script>" inside the element
    return f"<script>{code.rstrip().removesuffix(call)}}})({listed});</script>"


def defer_scripts(page: str) -> str:
    """``page`` with its parser-blocking external scripts loaded after the first paint.

    A page with none is returned as it is.
    """
    scripts = BlockingScripts(page).scripts
    if not scripts:
        return page
    sources = [src for _, _, src in scripts]
    preloads = "".join(
        f'<link rel="preload" href="{html.escape(src)}" as="script">' for src in sources
    )
    pieces: list[str] = []
    end = 0
    for index, (start, stop, _) in enumerate(scripts):
        pieces.append(page[end:start])
        if index == 0:
            pieces.append(preloads + loader(sources))
        end = stop
    pieces.append(page[end:])
    return "".join(pieces)

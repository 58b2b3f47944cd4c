"""The one reader of the pages' Markdown sources.

Every feature of the site asks this module, and only this module, what a page's source
holds:

- **Fences** (`code_lines`, `fence_blocks`): whether a line belongs to fenced code. A fence
  opens with three or more backticks or tildes, and closes on a line that holds only the
  same character, at least as many times (CommonMark). A four-backtick fence can therefore
  show a three-backtick fence, or an equation, as code.
- **Directives** (`directives`, `parse_directive`): the build's instructions, all written as
  one kind of HTML comment, invisible on GitHub: ``<!-- NAME -->`` or ``<!-- NAME: ARGUMENT
  -->``, where NAME is one of `DIRECTIVES` (``eq``, ``plots``, ``equations-index``). One
  parser reads them all, outside fenced and inline code, and an unknown NAME is an error
  that names it, page and line. A comment that is not of that form (prose, say) is not a
  directive.
- **pycon examples** (`fences`, `PyconParser`): the ```` ```pycon ```` snippets, split into
  doctest examples. ``tests/docs/test_snippets.py`` runs them with sybil and
  `shallownet_site.notebooks` turns the same examples into notebook cells, so a page's tests
  and its notebook cannot disagree about where an example starts or what it prints. Both
  read the fences with sybil's ``FencedCodeBlockLexer`` and split them with its
  ``DocTestStringParser`` (the standard library's doctest parser underneath); a pycon fence
  that this module's fence reader sees inside another fence is code, not an example.
"""

from __future__ import annotations

import doctest
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sybil.document import Document
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer
from sybil.region import Region

from shallownet_site import SiteError

#: The doctest flags of the snippet tests, and of the notebook outputs' comparison.
OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS

# --- Fences ----------------------------------------------------------------------------

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """One fenced code block: its opening and closing lines (1-based, both inclusive)."""

    line: int
    end_line: int  # the closing fence's line; the last line of the page if it never closes
    fence: str  # the opening fence, such as ``````` or ``~~~``
    info: str  # what follows the opening fence: ``pycon``, ``markdown title="x"``


def fence_blocks(lines: Sequence[str]) -> list[Block]:
    """The fenced code blocks of a page's lines, outermost only, in page order.

    A fence closes on a line of only the opening fence's character, at least as many of
    them; anything else, a shorter fence or one with an info string, is code inside it.
    """
    blocks: list[Block] = []
    opening: tuple[int, str, str] | None = None
    for number, line in enumerate(lines, start=1):
        match = FENCE.match(line)
        if opening is None:
            if match:
                opening = (number, match["fence"], match["info"].strip())
            continue
        fence = opening[1]
        if (
            match
            and match["fence"][0] == fence[0]
            and len(match["fence"]) >= len(fence)
            and not line.strip().strip(fence[0])
        ):
            blocks.append(Block(opening[0], number, *opening[1:]))
            opening = None
    if opening is not None:
        blocks.append(Block(opening[0], len(lines), *opening[1:]))
    return blocks


def code_lines(lines: Sequence[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included)."""
    flags = [False] * len(lines)
    for block in fence_blocks(lines):
        flags[block.line - 1 : block.end_line] = [True] * (block.end_line - block.line + 1)
    return flags


# --- Directives ------------------------------------------------------------------------

#: Every directive name the build knows, and what it does.
DIRECTIVES = {
    "eq": "an equation's id, function and test, on the line above its $$ block",
    "plots": "a number or table computed by shallownet_site.plots",
    "equations-index": "the equations sheet (docs/reference/equations.md)",
}
#: A comment of a directive's form: one lower-case name, then ``:`` and an argument or nothing.
DIRECTIVE = re.compile(r"<!--\s*(?P<name>[a-z][a-z0-9-]*)\s*(?::(?P<argument>.*?))?\s*-->")
#: Inline code: a run of backticks, and the same run that closes it.
INLINE_CODE = re.compile(r"(`+).+?\1")


class DirectiveError(SiteError):
    """A directive that the build does not know, with its page and line."""


@dataclass(frozen=True)
class Directive:
    """One ``<!-- name: argument -->`` comment of a page, outside code."""

    name: str
    argument: str  # stripped; "" for ``<!-- name -->``
    line: int  # 1-based
    start: int  # the comment's columns in its line
    end: int
    standalone: bool  # the comment is all its line holds

    @property
    def fields(self) -> dict[str, str]:
        """``eq: dZ2 | fn: f | test: t`` as ``{"eq": "dZ2", "fn": "f", "test": "t"}``.

        The first part, before any ``|``, is the value of the directive's own name.
        """
        parts = [part.strip() for part in self.argument.split("|")]
        found = {self.name: parts[0]}
        for part in parts[1:]:
            key, colon, value = part.partition(":")
            if colon:
                found[key.strip()] = value.strip()
        return found


def parse_directive(
    comment: str, where: str = "<page>", names: Sequence[str] = tuple(DIRECTIVES)
) -> tuple[str, str] | None:
    """``(name, argument)`` of one HTML comment, or None when it is not of a directive's form.

    An unknown name raises `DirectiveError`, naming it and ``where``.
    """
    match = DIRECTIVE.fullmatch(comment.strip())
    if match is None:
        return None
    name = match["name"]
    if name not in names:
        known = ", ".join(sorted(names))
        raise DirectiveError(
            f"{where}: unknown directive {name!r} in {comment.strip()!r} (known: {known})"
        )
    return name, (match["argument"] or "").strip()


def directives(markdown: str, page: str = "<page>") -> list[Directive]:
    """Every directive of a page's Markdown, outside fenced and inline code, in page order."""
    found: list[Directive] = []
    lines = markdown.split("\n")
    for number, (line, in_code) in enumerate(zip(lines, code_lines(lines), strict=True), 1):
        if in_code or "<!--" not in line:
            continue
        code = [match.span() for match in INLINE_CODE.finditer(line)]
        for match in DIRECTIVE.finditer(line):
            if any(start <= match.start() < end for start, end in code):
                continue
            parsed = parse_directive(match.group(0), f"{page}:{number}")
            assert parsed is not None
            name, argument = parsed
            standalone = line.strip() == match.group(0)
            found.append(Directive(name, argument, number, *match.span(), standalone))
    return found


# --- pycon examples --------------------------------------------------------------------


def line_of(text: str, position: int) -> int:
    """The 1-based line of ``text`` that holds the character at ``position``."""
    return text.count("\n", 0, position) + 1


def fence_regions(document: Document) -> Iterator[tuple[Region, list[Region]]]:
    """Each ```` ```pycon ```` fence of ``document`` and its examples, in page order.

    Example regions carry a `doctest.Example` as ``parsed`` and their offsets in the
    document. A malformed example (say ``>>>`` without a space) raises ``ValueError``.
    """
    lexer = FencedCodeBlockLexer(language="pycon")
    string_parser = DocTestStringParser(DocTestEvaluator(OPTIONFLAGS))
    openings = {block.line for block in fence_blocks(document.text.split("\n"))}
    for lexed in lexer(document):
        if line_of(document.text, lexed.start) not in openings:
            continue  # a pycon fence shown inside another fence is code
        source = lexed.lexemes["source"]
        regions = list(string_parser(source.text, document.path))
        for region in regions:
            region.adjust(lexed, source)
        yield lexed, regions


class PyconParser:
    """A sybil parser: each fence's doctest examples, one region per example."""

    def __call__(self, document: Document) -> Iterator[Region]:
        for _, regions in fence_regions(document):
            yield from regions


@dataclass(frozen=True)
class Snippet:
    """One doctest example: the code after the prompts, and what it should print."""

    line: int  # the line of its first ``>>>`` in the page
    source: str  # without prompts, ending in a newline
    want: str  # the expected output; for an exception, the whole traceback text
    exc_msg: str | None  # for an exception, its last line(s): "Type: message\n"
    options: dict[int, bool]  # doctest directives on the example, such as +ELLIPSIS


@dataclass(frozen=True)
class Group:
    """Examples that become one notebook cell: the cell shows the last one's output.

    A group ends after each example that prints something (its output then shows
    under its own code, as on the page). Examples without output join the next one.
    """

    line: int  # the line of the group's first ``>>>``
    snippets: tuple[Snippet, ...]

    @property
    def source(self) -> str:
        """The cell's code: the examples' sources, one after the other."""
        return "".join(snippet.source for snippet in self.snippets).rstrip("\n")

    @property
    def last(self) -> Snippet:
        return self.snippets[-1]


@dataclass(frozen=True)
class Fence:
    """One ```` ```pycon ```` block of a page."""

    start: int  # offset of the opening fence
    end: int  # offset just after the closing fence
    line: int  # line of the opening fence
    end_line: int  # line of the closing fence
    snippets: tuple[Snippet, ...]

    @property
    def groups(self) -> list[Group]:
        groups: list[Group] = []
        pending: list[Snippet] = []
        for snippet in self.snippets:
            pending.append(snippet)
            if snippet.want or snippet.exc_msg:
                groups.append(Group(pending[0].line, tuple(pending)))
                pending = []
        if pending:
            groups.append(Group(pending[0].line, tuple(pending)))
        return groups


class SnippetError(SiteError, ValueError):
    """A fence that doctest cannot split into examples, with its line in the page."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def fences(text: str, path: str) -> list[Fence]:
    """The ```` ```pycon ```` fences of a page's Markdown, with their examples."""
    document = Document(text, path)
    found: list[Fence] = []
    lexed_regions = fence_regions(document)
    while True:
        try:
            lexed, regions = next(lexed_regions)
        except StopIteration:
            return found
        except ValueError as error:  # doctest's own message; find the fence it is in
            raise SnippetError(_failing_fence_line(document), str(error)) from error
        snippets = tuple(
            Snippet(
                line=line_of(text, region.start),
                source=region.parsed.source,
                want=region.parsed.want,
                exc_msg=region.parsed.exc_msg,
                options=dict(region.parsed.options),
            )
            for region in regions
        )
        end = lexed.end
        found.append(
            Fence(
                lexed.start,
                end,
                line_of(text, lexed.start),
                line_of(text, max(end - 1, lexed.start)),
                snippets,
            )
        )


def _failing_fence_line(document: Document) -> int:
    """The line of the first fence whose examples doctest cannot parse."""
    string_parser = DocTestStringParser(DocTestEvaluator(OPTIONFLAGS))
    openings = {block.line for block in fence_blocks(document.text.split("\n"))}
    for lexed in FencedCodeBlockLexer(language="pycon")(document):
        if line_of(document.text, lexed.start) not in openings:
            continue
        try:
            list(string_parser(lexed.lexemes["source"].text, document.path))
        except ValueError:
            return line_of(document.text, lexed.start)
    return 1

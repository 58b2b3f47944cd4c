"""The pages' ```` ```pycon ```` snippets, split into doctest examples: one parser for two users.

``tests/docs/test_snippets.py`` runs the examples with sybil, and
``docs/hooks/notebooks.py`` turns the same examples into notebook cells, so a page's
tests and its notebook cannot disagree about where an example starts or what it
prints. Both read the fences with sybil's ``FencedCodeBlockLexer`` and split them with
its ``DocTestStringParser`` (the standard library's doctest parser underneath).

This file is not a hook (``mkdocs.yml`` does not list it). MkDocs puts this folder on
``sys.path`` while it loads a hook, which is how ``notebooks.py`` imports it; the tests
load it by its path.
"""

from __future__ import annotations

import doctest
from collections.abc import Iterator
from dataclasses import dataclass

from sybil.document import Document
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer
from sybil.region import Region

#: The doctest flags of the snippet tests, and of the notebook outputs' comparison.
OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


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
    for lexed in lexer(document):
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


class SnippetError(ValueError):
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
    for lexed in FencedCodeBlockLexer(language="pycon")(document):
        try:
            list(string_parser(lexed.lexemes["source"].text, document.path))
        except ValueError:
            return line_of(document.text, lexed.start)
    return 1

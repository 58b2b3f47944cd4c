"""Run every ```` ```pycon ```` snippet of the pages, with its expected output checked.

Sybil reads the fences and doctest parses their examples; each example is one test,
named by its page and line. A page's examples share one namespace and run in page
order, as they would when pasted one after the other into a notebook: running one
example runs the examples above it first.
"""

from __future__ import annotations

import doctest
from collections.abc import Iterator
from pathlib import Path

import pytest
from sybil import Example, Sybil
from sybil.document import Document
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer
from sybil.region import Region

DOCS = Path(__file__).resolve().parents[2] / "docs"
OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


class PyconParser:
    """Each ```` ```pycon ```` fence becomes doctest examples, one region per example."""

    def __init__(self) -> None:
        self.lexer = FencedCodeBlockLexer(language="pycon")
        self.string_parser = DocTestStringParser(DocTestEvaluator(OPTIONFLAGS))

    def __call__(self, document: Document) -> Iterator[Region]:
        for lexed in self.lexer(document):
            source = lexed.lexemes["source"]
            for region in self.string_parser(source.text, document.path):
                region.adjust(lexed, source)
                yield region


SYBIL = Sybil(parsers=[PyconParser()])
PAGES = sorted(DOCS.rglob("*.md"))
_examples: dict[Path, list[Example]] = {}
_ran: dict[Path, int] = {}


def examples(page: Path) -> list[Example]:
    if page not in _examples:
        document = SYBIL.parse(page)
        document.namespace["__name__"] = "__docs__"
        _examples[page] = list(document)
    return _examples[page]


CASES = [
    pytest.param(page, index, id=f"{page.relative_to(DOCS)}:{example.line}")
    for page in PAGES
    for index, example in enumerate(examples(page))
]
_examples.clear()  # each test session starts from fresh namespaces


def test_pages_have_snippets() -> None:
    """The collector finds the snippets at all (a broken parser would find none)."""
    assert len(CASES) >= 20, f"only {len(CASES)} pycon examples found under docs/"


@pytest.mark.parametrize(("page", "index"), CASES)
def test_snippet(page: Path, index: int) -> None:
    page_examples = examples(page)
    for earlier in page_examples[_ran.get(page, 0) : index]:
        try:
            earlier.evaluate()
        except Exception as error:  # reported on its own test; this one cannot run
            pytest.fail(f"an earlier snippet on this page failed: {error}")
    _ran[page] = index + 1
    page_examples[index].evaluate()

"""Run every ```` ```pycon ```` snippet of the pages, with its expected output checked.

Sybil reads the fences and doctest parses their examples, with the parser in
``docs/hooks/pycon_examples.py`` that the notebooks hook shares; each example is one
test, named by its page and line. A page's examples share one namespace and run in page
order, as they would when pasted one after the other into a notebook: running one
example runs the examples above it first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hook_support import load_hook
from sybil import Example, Sybil

DOCS = Path(__file__).resolve().parents[2] / "docs"


# The parser that the notebooks hook shares, under the name the hook imports it by.
pycon_examples = load_hook("pycon_examples.py", "pycon_examples")
SYBIL = Sybil(parsers=[pycon_examples.PyconParser()])
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

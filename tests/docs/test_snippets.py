"""Run every ```` ```pycon ```` snippet of the pages, with its expected output checked.

Sybil reads the fences and doctest parses their examples, with the parser in
``shallownet_site.source`` (docs/machinery/) that the notebooks share; each example is one
test, named by its page and line. A page's examples share one namespace and run in page
order, as they would when pasted one after the other into a notebook: running one
example runs the examples above it first.

The copy of each block, and of each docstring example the API pages show, must run
wherever it is pasted (issue 19): it compiles line by line as the plain ``python``
prompt reads a paste (``paste_support.py``), every output shown is printed rather than
echoed, and an example that raises on purpose ends its block. The browser test
``test_every_copied_block_runs_pasted_into_the_repl_and_in_a_kernel`` pastes the real
copies into ``python -i`` and a Jupyter kernel.
"""

from __future__ import annotations

import ast
import doctest
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from paste_support import copied_text, docstring_blocks, paste_problems
from shallownet_site import source as pycon_examples
from sybil import Document, Example, Sybil
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer

import shallownet

DOCS = Path(__file__).resolve().parents[2] / "docs"


# The parser that the notebooks share (shallownet_site.source).
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


# Pasted into the plain REPL -----------------------------------------------------------------


def console_blocks(page: Path) -> list[tuple[int, str]]:
    """Each ```` ```pycon ```` block of the page as shown: its line and its text."""
    document = Document(page.read_text(encoding="utf-8"), str(page))
    return [
        (pycon_examples.line_of(document.text, lexed.start), dedent(lexed.lexemes["source"].text))
        for lexed in FencedCodeBlockLexer(language="pycon")(document)
    ]


#: The console blocks of the pages, each with its page and line.
BLOCKS = [
    pytest.param(block, id=f"{page.relative_to(DOCS)}:{line}")
    for page in PAGES
    for line, block in console_blocks(page)
]


def test_paste_problems_finds_what_the_prompt_refuses() -> None:
    """The check fails on the blocks that failed pasted: a statement right after a block."""
    after_a_block = ">>> for i in range(2):\n...     x = i\n>>> y = x\n"
    assert paste_problems(copied_text(after_a_block)) == [
        "pasted line 3: SyntaxError: invalid syntax"
    ]
    closed = ">>> for i in range(2):\n...     x = i\n...\n>>> y = x\n"
    assert paste_problems(copied_text(closed)) == []
    open_at_the_end = ">>> def f():\n...     return 1\n"
    assert paste_problems(copied_text(open_at_the_end)) == [
        "the paste ends inside a statement: the prompt still waits at ..."
    ]
    blank_inside = ">>> def f():\n...     x = 1\n...\n...     return x\n...\n"
    assert paste_problems(copied_text(blank_inside))[0].startswith(
        "pasted line 4: IndentationError"
    )
    output = ">>> for i in range(2):\n...     print(i)\n0\n1\n>>> y = 2\n"
    assert copied_text(output) == "for i in range(2):\n    print(i)\ny = 2\n"
    assert paste_problems(copied_text(output)) != []


def test_the_pages_have_console_blocks() -> None:
    assert len(BLOCKS) >= 50, len(BLOCKS)


@pytest.mark.parametrize("block", BLOCKS)
def test_block_pastes_into_the_plain_repl(block: str) -> None:
    """What the copy button copies compiles line by line as the plain ``python`` prompt reads
    a paste: an indented block is closed by an empty ``...`` line before the next statement."""
    assert paste_problems(copied_text(block)) == []


#: The docstring examples of every public function, as the API pages show them.
DOCSTRING_BLOCKS = [
    pytest.param(block, id=f"{name}:{index}")
    for index, (name, block) in enumerate(docstring_blocks(shallownet))
]


def test_docstring_block_count() -> None:
    assert len(DOCSTRING_BLOCKS) >= 40, len(DOCSTRING_BLOCKS)


@pytest.mark.parametrize("block", DOCSTRING_BLOCKS)
def test_docstring_example_pastes_into_the_plain_repl(block: str) -> None:
    """The API pages' docstring examples paste as the pages' snippets do."""
    assert paste_problems(copied_text(block)) == []


# Outputs that show wherever the code runs -----------------------------------------------------


def relies_on_echo(source: str) -> bool:
    """True when the example's output is the REPL's echo of a bare expression.

    The echo shows in the REPL only: a notebook cell shows the last expression alone, and
    a script nothing. ``print(...)`` shows everywhere.
    """
    last = ast.parse(source).body[-1]
    if not isinstance(last, ast.Expr):
        return False
    call = last.value
    return not (
        isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"
    )


def test_relies_on_echo() -> None:
    assert relies_on_echo("X.shape, Y.shape\n")
    assert relies_on_echo("x = 1\nx\n")
    assert relies_on_echo("bool(x)\n")
    assert not relies_on_echo("print(X.shape, Y.shape)\n")
    assert not relies_on_echo("x = 1\n")
    assert not relies_on_echo("for i in range(2):\n    print(i)\n")


ECHOES = [
    pytest.param(snippet, id=f"{page.relative_to(DOCS)}:{snippet.line}")
    for page in PAGES
    for fence in pycon_examples.fences(page.read_text(encoding="utf-8"), str(page))
    for snippet in fence.snippets
    if snippet.want and not snippet.exc_msg
]


@pytest.mark.parametrize("snippet", ECHOES)
def test_output_is_printed_not_echoed(snippet: Any) -> None:
    """Each output a page shows comes from ``print``, so that it shows pasted mid-cell or run
    as a script too (an example that raises on purpose shows its traceback anywhere)."""
    assert not relies_on_echo(snippet.source), f"print it: {snippet.source}"


def test_an_example_that_raises_ends_its_block() -> None:
    """Pasted into a notebook cell, an error stops the cell: nothing may follow it."""
    followed = [
        f"{page.relative_to(DOCS)}:{snippet.line}"
        for page in PAGES
        for fence in pycon_examples.fences(page.read_text(encoding="utf-8"), str(page))
        for snippet in fence.snippets[:-1]
        if snippet.exc_msg
    ]
    assert followed == []


DOCSTRING_ECHOES = [
    pytest.param(example.source, id=f"{test.name}:{example.lineno}")
    for name in shallownet.__all__
    for test in doctest.DocTestFinder().find(getattr(shallownet, name), name)
    for example in test.examples
    if example.want and not example.exc_msg
]


@pytest.mark.parametrize("source", DOCSTRING_ECHOES)
def test_docstring_output_is_printed_not_echoed(source: str) -> None:
    """The API pages' docstring examples print what they show, as the pages do."""
    assert not relies_on_echo(source), f"print it: {source}"

"""``help()`` and Jupyter's ``?`` read plain docstrings (shallownet/_docstrings.py).

The source keeps the site's Markdown, which mkdocstrings reads statically; ``__doc__``,
what a terminal or notebook shows, has neither cross-references nor ``$$``, yet the same
equation TeX and the same examples, which doctest still finds and runs.
"""

from __future__ import annotations

import ast
import doctest
import inspect
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

import shallownet as sn
from shallownet._docstrings import plain

PACKAGE = Path(sn.__file__).parent
PUBLIC = [pytest.param(getattr(sn, name), id=name) for name in sn.__all__]
FUNCTIONS = [param for param in PUBLIC if inspect.isfunction(param.values[0])]
CLASSES = [param for param in PUBLIC if inspect.isclass(param.values[0])]


def source_docstring(obj: Any) -> str:
    """The docstring as written in the source file, which the site renders.

    A function with ``@overload`` stubs has several definitions of its name; the stubs
    carry no docstring, so the one definition that does is the one to read.
    """
    (node,) = (
        node
        for path in sorted(PACKAGE.glob("*.py"))
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
        and node.name == obj.__name__
        and ast.get_docstring(node) is not None
    )
    doc = ast.get_docstring(node, clean=False)
    assert doc is not None, obj
    return doc


def example_lines(doc: str) -> list[str]:
    """The lines of the examples: from each ``>>>`` line to the next blank line."""
    lines, inside = [], False
    for line in doc.splitlines():
        inside = bool(line.strip()) and (inside or line.strip().startswith(">>>"))
        if inside:
            lines.append(line.strip())
    return lines


def display_tex(doc: str) -> list[str]:
    """The TeX lines of the ``$$ ... $$`` equations."""
    blocks = re.findall(r"^\s*\$\$\s*$(.*?)^\s*\$\$\s*$", doc, re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def markup_left(doc: str) -> list[str]:
    """Site syntax a terminal would show: ``][`` outside examples, any ``$$``."""
    examples = set(example_lines(doc))
    prose = [line for line in doc.splitlines() if line.strip() not in examples]
    found = [line.strip() for line in prose if "][" in line]
    return found + [line.strip() for line in doc.splitlines() if "$$" in line]


def test_public_docstrings_are_collected() -> None:
    assert len(FUNCTIONS) >= 55 and len(CLASSES) >= 5
    with_equations = [p for p in FUNCTIONS if display_tex(source_docstring(p.values[0]))]
    assert len(with_equations) >= 35


def test_the_source_docstrings_hold_the_site_syntax_that_help_must_not_show() -> None:
    """The check can fail: the source, as the site reads it, has it."""
    assert markup_left(source_docstring(sn.compute_dZ2)) == [
        "The output error, [equation (1)][eq-dZ2].",
        "$$",
        "$$",
    ]


@pytest.mark.parametrize("obj", FUNCTIONS)
def test_help_shows_plain_text_with_the_same_equation_and_examples(obj: Any) -> None:
    source, shown = source_docstring(obj), obj.__doc__
    assert markup_left(shown) == []
    shown_lines = [line.strip() for line in shown.splitlines()]
    missing_tex = [line for line in display_tex(source) if line not in shown_lines]
    assert missing_tex == [], "equation TeX lost"
    assert example_lines(shown) == example_lines(source)
    parser = doctest.DocTestParser()
    found = [(e.source, e.want) for e in parser.get_examples(shown)]
    assert found == [(e.source, e.want) for e in parser.get_examples(source)]
    assert found, "no example left for doctest"


@pytest.mark.parametrize("obj", CLASSES)
def test_help_on_a_class_shows_plain_text(obj: Any) -> None:
    source, shown = source_docstring(obj), obj.__doc__
    assert markup_left(shown) == []
    assert example_lines(shown) == example_lines(source)


def test_plain_rewrites_links_and_display_math_and_leaves_examples_and_tex_alone() -> None:
    doc = textwrap.dedent(
        r"""
        See [equation (1)][eq-dZ2], [`predict`][shallownet.predict], [sn.predict][],
        the [Performance](../../project/performance.md#memory) page, and
        [$W^{[1]}$][eq-W1]; $z^{[1](i)}$ stays.

        $$
        dZ^{[2]} = A^{[2]} - Y
        $$

        $$ J = -\frac{1}{m} \sum_i y^{(i)} $$

        Examples:
            >>> x = {"a": [[1]]}
            >>> print(x["a"][0], "[b][c]", "$$")
            [1] [b][c] $$
        """
    )
    assert plain(doc) == textwrap.dedent(
        r"""
        See equation (1), `predict`, sn.predict,
        the Performance page, and
        $W^{[1]}$; $z^{[1](i)}$ stays.

            dZ^{[2]} = A^{[2]} - Y

            J = -\frac{1}{m} \sum_i y^{(i)}

        Examples:
            >>> x = {"a": [[1]]}
            >>> print(x["a"][0], "[b][c]", "$$")
            [1] [b][c] $$
        """
    )


def test_plain_leaves_a_plain_docstring_as_it_is() -> None:
    doc = "Train the network.\n\n    Args:\n        X: Input, shape ``(n_x, m)``.\n    "
    assert plain(doc) == doc

"""The one reader of the pages' sources (shallownet_site.source): fences, directives, examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from shallownet_site import source

DOCS = Path(__file__).resolve().parents[2] / "docs"


def flags(markdown: str) -> str:
    """``code_lines`` as a string of ``c`` (code) and ``.`` (prose), one per line."""
    return "".join("c" if code else "." for code in source.code_lines(markdown.split("\n")))


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("a\n```\nx\n```\nb", ".ccc."),
        ("a\n~~~\nx\n~~~\nb", ".ccc."),
        # a tilde line does not close a backtick fence, nor the reverse
        ("```\n~~~\nx\n```\nb", "cccc."),
        ("~~~\n```\nx\n~~~\nb", "cccc."),
        # a shorter fence does not close a longer one; a longer one closes a shorter one
        ("````\n```\nx\n```\n````\nb", "ccccc."),
        ("```\nx\n`````\nb", "ccc."),
        # a closing fence is bare: an info string makes it code inside the block
        ("```\n```python\nx\n```\nb", "cccc."),
        # indented fences (inside an admonition) count, and an unclosed fence runs to the end
        ("!!! note\n    ```\n    x\n    ```\nb", ".ccc."),
        ("a\n```\nx", ".cc"),
    ],
)
def test_code_lines_follow_the_fence_character_length_and_bare_close(
    markdown: str, expected: str
) -> None:
    assert flags(markdown) == expected


def test_fence_blocks_give_lines_fence_and_info() -> None:
    blocks = source.fence_blocks(
        "a\n````markdown\n```pycon\n>>> 1\n```\n````\n~~~\nz\n~~~".split("\n")
    )
    assert blocks == [
        source.Block(2, 6, "````", "markdown"),
        source.Block(7, 9, "~~~", ""),
    ]


FOUR_BACKTICKS = """\
# Page

How to write an equation:

````markdown
<!-- eq: shown | fn: f | test: t::t -->
$$
x = 1
$$

```pycon
>>> 1 + 1
2
```
````

<!-- plots: hidden-sizes-table -->
"""


def test_a_four_backtick_fence_holding_an_equation_is_code() -> None:
    lines = FOUR_BACKTICKS.split("\n")
    code = source.code_lines(lines)
    for number, line in enumerate(lines, 1):
        if line.startswith(("$$", "<!-- eq", ">>>", "```pycon")):
            assert code[number - 1], (number, line)
    # the directive inside is code; only the one after the fence is read
    assert [(d.name, d.line) for d in source.directives(FOUR_BACKTICKS)] == [("plots", 17)]
    # and the pycon fence inside it is not an example to run
    assert source.fences(FOUR_BACKTICKS, "p.md") == []


def test_directives_of_every_name_share_one_grammar() -> None:
    markdown = (
        "<!-- eq: dZ2 | fn: compute_dZ2 | test: tests/t.py::test_x -->\n"
        "$$\nx\n$$\n"
        "The accuracy is <!-- plots: flower-accuracy --> here.\n"
        "<!--equations-index-->\n"
        "<!-- a note for the authors: not a directive -->\n"
        "Code shows `<!-- plots: nothing -->` and `<!-- TOC -->` as they are.\n"
    )
    found = source.directives(markdown, "p.md")
    assert [(d.name, d.argument, d.line, d.standalone) for d in found] == [
        ("eq", "dZ2 | fn: compute_dZ2 | test: tests/t.py::test_x", 1, True),
        ("plots", "flower-accuracy", 5, False),
        ("equations-index", "", 6, True),
    ]
    assert found[0].fields == {"eq": "dZ2", "fn": "compute_dZ2", "test": "tests/t.py::test_x"}
    assert found[1].fields == {"plots": "flower-accuracy"}
    line = markdown.split("\n")[4]
    assert line[found[1].start : found[1].end] == "<!-- plots: flower-accuracy -->"


@pytest.mark.parametrize("comment", ["<!-- plot: flower-accuracy -->", "<!-- equation-index -->"])
def test_an_unknown_directive_name_is_an_error_naming_it_page_and_line(comment: str) -> None:
    name = comment.removeprefix("<!-- ").split(":")[0].split(" ")[0]
    with pytest.raises(source.DirectiveError, match=rf"p\.md:3: unknown directive '{name}'"):
        source.directives(f"# P\n\n{comment}\n", "p.md")


def test_parse_directive_reads_one_comment() -> None:
    assert source.parse_directive("<!-- plots: flower-accuracy -->") == ("plots", "flower-accuracy")
    assert source.parse_directive("<!-- equations-index -->") == ("equations-index", "")
    assert source.parse_directive("<!-- two words -->") is None
    with pytest.raises(source.DirectiveError, match="'todo'"):
        source.parse_directive("<!-- todo -->")


def test_the_pages_directives_all_parse() -> None:
    names = {
        directive.name
        for page in sorted(DOCS.rglob("*.md"))
        for directive in source.directives(page.read_text(encoding="utf-8"), str(page))
    }
    assert names == set(source.DIRECTIVES)


def test_pycon_examples_of_a_tilde_and_an_indented_fence() -> None:
    markdown = "```pycon\n>>> x = 2\n>>> x + 1\n3\n```\n"
    (fence,) = source.fences(markdown, "p.md")
    assert (fence.line, fence.end_line) == (1, 5)
    assert [(s.line, s.source, s.want) for s in fence.snippets] == [
        (2, "x = 2\n", ""),
        (3, "x + 1\n", "3\n"),
    ]
    assert [group.source for group in fence.groups] == ["x = 2\nx + 1"]


def test_a_malformed_example_names_its_fence() -> None:
    with pytest.raises(source.SnippetError, match="line 3"):
        source.fences("# P\n\n```pycon\n>>>x = 1\n```\n", "p.md")

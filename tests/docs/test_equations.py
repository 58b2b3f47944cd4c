"""The links between equations and code (shallownet_site.equations): the checks, and that they can fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from shallownet_site import equations as hook

import shallownet

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def equations() -> list:
    found, errors = hook.collect(DOCS)
    assert errors == []
    return found


def test_every_equation_passes_the_checks(equations: list) -> None:
    assert hook.check(equations, hook.public_docstrings()) == []


# MathJax 3 reads the argument of \text and \texttt as plain text (without its textmacros
# extension), so \_ there shows its backslash; \mathtt{num\_iterations} renders as
# num_iterations (checked in headless chromium, December 2026).
TEXT_WITH_ESCAPE = re.compile(r"\\text(?:tt|rm|it|bf|sf)?\{[^{}]*\\[_#$%&]")


def test_no_escaped_character_inside_text_mode() -> None:
    sources = [*DOCS.rglob("*.md"), *(ROOT / "shallownet").glob("*.py")]
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sources
        for match in TEXT_WITH_ESCAPE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
    assert TEXT_WITH_ESCAPE.search(r"&\text{repeat } \texttt{num\_iterations} \text{ times:}")
    assert not TEXT_WITH_ESCAPE.search(r"&\text{repeat } \mathtt{num\_iterations} \text{ times:}")


def test_every_display_equation_outside_the_api_is_linked(equations: list) -> None:
    """Count the $$ blocks in the sources: each one is a registered equation."""
    blocks = 0
    for page in DOCS.rglob("*.md"):
        if page.relative_to(DOCS).as_posix().startswith(hook.NO_EQUATION_PREFIX):
            continue
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        blocks += sum(1 for line in text.splitlines() if line.strip() == "$$") // 2
    assert blocks == len(equations) >= 40


def test_the_notes_numbers_are_kept(equations: list) -> None:
    numbers = {eq.id: eq.number for eq in equations if eq.number}
    assert numbers == {
        "dZ2": "1", "dW2": "2", "db2": "3", "dZ1": "4", "dW1": "5", "db1": "6",
        "loss": "7", "da": "8",
    }  # fmt: skip


def test_every_equation_function_is_on_an_api_page(equations: list) -> None:
    """The API pages together document each name of __all__ once, every equation's among them."""
    documented = [
        name
        for page in sorted((DOCS / "reference" / "api").glob("*.md"))
        for name in re.findall(r"^::: shallownet\.(\w+)$", page.read_text("utf-8"), flags=re.M)
    ]
    assert sorted(documented) == sorted(shallownet.__all__), "API pages and __all__ differ"
    assert len(documented) == len(set(documented))
    for eq in equations:
        assert eq.fn in documented


def write_page(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(body, encoding="utf-8")
    return page


def test_a_bare_display_equation_fails(tmp_path: Path) -> None:
    page = write_page(tmp_path, "# t\n\n$$\nx = 1\n$$\n")
    found, errors = hook.parse_equations(page, "page.md")
    assert found == []
    assert "without an '<!-- eq:" in errors[0]


def test_a_directive_must_sit_right_above_its_equation(tmp_path: Path) -> None:
    body = "<!-- eq: x | fn: compute_dZ2 | test: t.py::t -->\n\n$$\nx\n$$\n"
    _, errors = hook.parse_equations(write_page(tmp_path, body), "page.md")
    assert len(errors) == 1


def test_code_fences_are_not_equations(tmp_path: Path) -> None:
    page = write_page(tmp_path, "```\n$$\nnot math\n$$\n```\n")
    assert hook.parse_equations(page, "page.md") == ([], [])


def eq(**changes: str) -> object:
    fields = {
        "id": "dZ2",
        "page": "p.md",
        "line": 1,
        "tex": "dZ^{[2]} = A^{[2]} - Y \\tag{1}",
        "fn": "compute_dZ2",
        "test": "tests/test_backward.py::test_dZ2_matches_finite_differences",
    }
    return hook.Equation(**{**fields, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fn": "compute_dZ3"}, "which shallownet does not export"),
        ({"id": "dZ2b"}, "does not link back with [...][eq-dZ2b]"),
        ({"tex": "dZ^{[2]} = A^{[2]} + Y"}, "does not show equation"),
        ({"test": "tests/test_backward.py::test_renamed"}, "which does not exist"),
        ({"test": "tests/test_nowhere.py::test_dZ2"}, "which does not exist"),
        ({"id": "d Z2"}, "must be letters, digits and '-'"),
    ],
)
def test_a_broken_link_fails_the_check(changes: dict, message: str) -> None:
    errors = hook.check([eq(**changes)], hook.public_docstrings())
    assert any(message in error for error in errors), errors


def test_a_renamed_function_fails_the_check() -> None:
    docstrings = hook.public_docstrings()
    docstrings["compute_dZ2_renamed"] = docstrings.pop("compute_dZ2")
    errors = hook.check([eq()], docstrings)
    assert any("does not export" in error for error in errors)


def test_duplicate_ids_fail_the_check() -> None:
    errors = hook.check([eq(), eq(page="q.md")], hook.public_docstrings())
    assert any("already used" in error for error in errors)


def test_the_tag_and_spacing_do_not_count_in_the_comparison() -> None:
    assert hook.normalize("dZ^{[2]} = A^{[2]} - Y \\tag{1}") == hook.normalize("dZ^{[2]}=A^{[2]}-Y")


def test_the_caption_links_the_test_to_its_line() -> None:
    source = (ROOT / "tests" / "test_backward.py").read_text(encoding="utf-8").splitlines()
    text = hook.caption(eq(), "https://example.org/blob/main/")
    link = re.search(r"\(https://example\.org/blob/main/tests/test_backward\.py#L(\d+) ", text)
    assert link is not None, text
    assert source[int(link[1]) - 1].startswith("def test_dZ2_matches_finite_differences(")
    assert "blob" not in hook.caption(eq())  # without a repository, no link


# The equations sheet (docs/reference/equations.md) -----------------------------------------


@pytest.mark.parametrize(
    ("summary", "name"),
    [
        ("The output error, [equation (1)][eq-dZ2].\n\nMore text.", "The output error."),
        ("The cost, [equation J][eq-cost]: the mean loss.", "The cost: the mean loss."),
        ("One example's (4), [eq dz1][eq-example-dz1]; $*$ is element-wise.", "One example's (4); $*$ is element-wise."),
        ("The activation $g$: [equation tanh][eq-tanh].", "The activation $g$."),
        ("Train by [gradient descent][eq-loop]: forward.", "Train by gradient descent: forward."),
        ("Equations [(1)][eq-dZ2] to [(6)][eq-db1], in\n order.", "Equations (1) to (6), in order."),
        ("Calls [`sigmoid`][shallownet.sigmoid], [the rule][eq-x].", "Calls `sigmoid`."),
        ("", "compute_dZ2"),
    ],
)  # fmt: skip
def test_an_equations_name_comes_from_its_functions_summary(summary: str, name: str) -> None:
    assert hook.equation_name(eq(), {"compute_dZ2": summary}) == name


def test_every_equation_gets_a_readable_name(equations: list) -> None:
    docstrings = hook.public_docstrings()
    names = {e.id: hook.equation_name(e, docstrings) for e in equations}
    unreadable = {i: n for i, n in names.items() if n == "" or re.search(r"\]\[|eq-|\]\(", n)}
    assert unreadable == {}
    assert all(n != e.fn for e, n in zip(equations, names.values(), strict=True))


def test_the_sheet_holds_every_equation_once_without_anchors(equations: list) -> None:
    """The sheet's Markdown: each equation's TeX, in a $$ block, linked by reference to its
    anchor on its page; it never defines an ``eq-`` anchor itself."""
    registry = hook.Registry.of(equations)
    registry.nav_order.update({page: i for i, page in enumerate(registry.pages)})
    text = hook.sheet(hook.public_docstrings(), registry)
    blocks = re.findall(r"^\$\$\n(.*?)\n\$\$$", text, flags=re.S | re.M)
    assert blocks == [e.tex.strip("\n") for e in equations]
    assert re.findall(r"\]\[(eq-[\w-]+)\]", text) == [e.anchor for e in equations]
    assert "{#eq-" not in text and 'id="eq-' not in text
    assert text.count("data-search-exclude") == 2 * len(registry.pages)


# What is code is read by shallownet_site.source, as for every feature ----------------------

FOUR_BACKTICKS = """\
# A page that shows how to write an equation

````markdown
Close a fence with a line of three backticks:
```
<!-- eq: dZ2 | fn: compute_dZ2 | test: tests/test_backward.py::test_dZ2_matches_finite_differences -->
$$
dZ^{[2]} = A^{[2]} - Y \\tag{1}
$$
$$
x
$$
````

$$
outside = \\text{the fence}
$$
"""


def test_an_equation_shown_in_a_four_backtick_fence_is_code(tmp_path: Path) -> None:
    """Everything inside the four-backtick fence is code, the three backticks and the
    directive and $$ blocks after them included: no equation comes from it, and the $$
    block after the fence is an equation again (a bare one here, so an error). The hook
    that toggled on any ``` read the inner line as closing the fence: it registered the
    shown dZ2 and failed the page at line 10 ("display equation without an '<!-- eq: … -->'
    line above it")."""
    found, errors = hook.parse_equations(write_page(tmp_path, FOUR_BACKTICKS), "page.md")
    assert found == []
    assert len(errors) == 1 and errors[0].startswith("page.md:15: display equation without")
    shown = FOUR_BACKTICKS.replace("\n$$\noutside = \\text{the fence}\n$$\n", "")
    assert shown.endswith("````\n")
    assert hook.parse_equations(write_page(tmp_path, shown), "page.md") == ([], [])
    assert hook.rewrite(shown, "page.md", hook.Registry.of([])) == shown  # shown as written

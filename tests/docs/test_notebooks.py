"""The pages as notebooks (shallownet_site.notebooks, docs/machinery/), and every notebook run in a Jupyter kernel.

The unit tests call the module's functions on small pages. The others read the site built
by ``mkdocs build --strict`` (conftest's ``built_site``): every page with snippets has
its notebook and links to it, and each notebook, run top to bottom by nbclient in an
ipykernel kernel in a temporary folder, prints under each code cell what the page shows
under the same example, compared with the snippet tests' doctest flags.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from kernel_support import run
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from shallownet_site import notebooks as hook
from shallownet_site import plots
from shallownet_site import source as pycon_examples
from shallownet_site.plugin import file_urls

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SITE_URL = "https://example.org/site/"


# The shared parser (shallownet_site.source).


def snippet_pages() -> list[str]:
    """The pages, relative to docs/, that have at least one pycon snippet."""
    pages = []
    for path in sorted(DOCS.rglob("*.md")):
        src = path.relative_to(DOCS).as_posix()
        if pycon_examples.fences(path.read_text(encoding="utf-8"), src):
            pages.append(src)
    return pages


PAGES = snippet_pages()


# --- Small pages through the module's functions --------------------------------------------


@pytest.fixture(scope="module")
def config() -> Any:
    config = load_config(str(ROOT / "mkdocs.yml"))
    # File.generated records the plugin running; MkDocs sets it during its events.
    config.plugins._current_plugin = "tests"
    return config


def site_files(config: Any, pages: dict[str, str]) -> Files:
    files = [File.generated(config, src, content=text) for src, text in pages.items()]
    files.append(File.generated(config, "assets/figure.svg", content=b"<svg/>"))
    return Files(files)


def links_for(config: Any, files: Files, src: str, refs: dict[str, str] | None = None) -> Any:
    refs = refs or {}
    return hook.Links(src, SITE_URL, file_urls(files), refs.get)


PAGE = """# A page

Some prose with $a^{[1]}$ inline, a [link](other.md#a-heading), a
[cross-reference][shallownet.predict], and `[code](not-a-link.md)`.

<!-- eq: z1 | fn: compute_Z1 | test: tests/test_forward.py::test_z1 -->
$$
Z^{[1]} = W^{[1]} X + b^{[1]} \\tag{1}
$$

```pycon
>>> x = 2
>>> x + 1
3
>>> print("done")
done
```

![A figure with [brackets] in its text.](../assets/figure.svg)

!!! note "Worth knowing"
    The body of the note,
    on two lines.

<!-- plots: flower-accuracy -->

```pycon
>>> x * 10
20
>>> int("a")
Traceback (most recent call last):
  ...
ValueError: invalid literal for int() with base 10: 'a'
```
"""


def test_a_page_becomes_a_notebook(config: Any) -> None:
    files = site_files(config, {"guide/page.md": PAGE, "guide/other.md": "# Other\n"})
    plan, errors = hook.plan(PAGE, "guide/page.md")
    assert errors == []
    refs = {"shallownet.predict": "reference/api/#shallownet.predict"}
    notebook = hook.build_notebook(plan, links_for(config, files, "guide/page.md", refs), "")
    nbformat.validate(notebook)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds == ["markdown", "markdown", "code", "code", "markdown", "code", "code"]
    intro, prose, first, second, middle, third, fourth = notebook.cells
    assert intro.source.startswith("# A page\n")
    assert f"({SITE_URL}guide/page/)" in intro.source
    assert "%pip install git+https://github.com/" in intro.source  # no figure: numpy only
    assert "`raises-exception` raises an error on purpose" in intro.source
    assert "# A page" not in prose.source  # the title is the first cell's
    assert "$a^{[1]}$" in prose.source
    assert f"[link]({SITE_URL}guide/other/#a-heading)" in prose.source
    assert f"[cross-reference]({SITE_URL}reference/api/#shallownet.predict)" in prose.source
    assert "`[code](not-a-link.md)`" in prose.source
    assert "$$\nZ^{[1]} = W^{[1]} X + b^{[1]} \\tag{1}\n$$" in prose.source
    assert "<!--" not in prose.source and "eq:" not in prose.source
    assert (first.source, second.source) == ("x = 2\nx + 1", 'print("done")')
    assert f"[Figure: A figure with [brackets] in its text.]({SITE_URL}assets/figure.svg)" in (
        middle.source
    )
    assert "> **Worth knowing**\n>\n> The body of the note,\n> on two lines." in middle.source
    assert "!!!" not in middle.source
    assert f"*[See it on the site]({SITE_URL}guide/page/).*" in middle.source
    assert (third.source, fourth.source) == ("x * 10", 'int("a")')
    assert fourth.metadata["tags"] == ["raises-exception"]
    assert "tags" not in third.metadata
    for cell in notebook.cells:
        assert cell.get("outputs", []) == [] and cell.get("execution_count") is None


MULTILINE = (
    "# P\n\nColumn $i$ is $dz^{[l](i)} = \\frac{\\partial\n  \\mathcal{L}}{\\partial z^{[l](i)}}$,"
    " and `cache[1](x)\nstill code` is code,\nsee [there](TARGET).\n\n```pycon\n>>> 1\n1\n```\n"
)


def test_math_and_code_over_two_lines_are_kept_and_lines_still_counted(config: Any) -> None:
    page = MULTILINE.replace("TARGET", "other.md")
    files = site_files(config, {"p.md": page, "other.md": "# Other\n"})
    plan, errors = hook.plan(page, "p.md")
    assert errors == []
    prose = hook.build_notebook(plan, links_for(config, files, "p.md"), "").cells[1].source
    assert "$dz^{[l](i)} = \\frac{\\partial\n  \\mathcal{L}}{\\partial z^{[l](i)}}$" in prose
    assert "`cache[1](x)\nstill code`" in prose
    assert f"[there]({SITE_URL}other/)" in prose
    page = MULTILINE.replace("TARGET", "missing.md")
    plan, _ = hook.plan(page, "p.md")
    with pytest.raises(hook.LinkError, match=r"^p\.md:6: the link points at missing\.md"):
        hook.build_notebook(plan, links_for(config, site_files(config, {"p.md": page}), "p.md"), "")


def test_the_same_page_gives_the_same_bytes(config: Any) -> None:
    files = site_files(config, {"guide/page.md": PAGE, "guide/other.md": "# Other\n"})
    refs = {"shallownet.predict": "reference/api/#shallownet.predict"}
    written = {
        nbformat.writes(
            hook.build_notebook(
                hook.plan(PAGE, "guide/page.md")[0],
                links_for(config, files, "guide/page.md", refs),
                "",
            )
        )
        for _ in range(2)
    }
    assert len(written) == 1


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        (
            "# P\n\nText.\n\n```pycon\n>>> print(parameters)\n{}\n```\n",
            "p.md:6: the snippet uses `parameters`, which no earlier snippet on this page defines",
        ),
        (
            "# P\n\n```pycon\n>>> import numpy as np\n>>> [np.ones(k) for k in sizes]\n[]\n```\n",
            "p.md:5: the snippet uses `sizes`",
        ),
        (
            "# P\n\n```pycon\n>>> x = (\n... 1\n>>> x = 1)\n```\n",
            "p.md:4: the snippet is not valid Python",
        ),
        ("# P\n\n```pycon\n>>>x = 1\n```\n", "p.md:3: doctest cannot split this snippet"),
        (
            "# P\n\n```pycon\n>>> x = 1  # doctest: +SKIP\n```\n",
            "p.md:4: the doctest directive +SKIP has no notebook equivalent",
        ),
    ],
)
def test_a_snippet_that_cannot_become_a_cell_fails_the_build(
    config: Any, markdown: str, message: str
) -> None:
    files = site_files(config, {"p.md": markdown})
    with pytest.raises(PluginError) as raised:
        config.plugins["shallownet"].notebook_plan(files, config)
    assert message in str(raised.value)


def test_names_from_earlier_snippets_of_the_page_are_fine() -> None:
    markdown = (
        "```pycon\n>>> import numpy as np\n>>> sizes = [1, 2]\n```\n\nText.\n\n"
        "```pycon\n>>> def f(k):\n...     return np.ones(k)\n>>> [f(k).shape for k in sizes]\n"
        "[(1,), (2,)]\n```\n"
    )
    plan, errors = hook.plan(markdown, "p.md")
    assert errors == [] and plan is not None


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("# P\n\nSee [there](missing.md).\n", "p.md:3: the link points at missing.md"),
        ("# P\n\n![A plot](img/none.svg)\n", "p.md:3: the link points at img/none.svg"),
        (
            "# P\n\nSee [it][shallownet.nothing].\n",
            "p.md:3: the cross-reference [shallownet.nothing]",
        ),
    ],
)
def test_a_link_to_nothing_fails(config: Any, markdown: str, message: str) -> None:
    page = markdown + "\n```pycon\n>>> 1\n1\n```\n"
    files = site_files(config, {"p.md": page})
    plan, errors = hook.plan(page, "p.md")
    assert errors == []
    with pytest.raises(hook.LinkError, match=message.replace("[", r"\[").replace("]", r"\]")):
        hook.build_notebook(plan, links_for(config, files, "p.md"), "")


def test_the_page_link_check_fails_without_the_link_or_with_a_wrong_one() -> None:
    good = '<a href="../flower.ipynb" download data-notebook title="Download as a notebook">'
    wrong = '<a href="../other.ipynb" download data-notebook>'
    page, notebook = "tutorial/flower/", "tutorial/flower.ipynb"
    assert hook.check_link(good, page, notebook, "tutorial/flower.md") == []
    assert (
        "no 'Download as a notebook' link" in hook.check_link("<p></p>", page, notebook, "t.md")[0]
    )
    assert "points at tutorial/other.ipynb" in hook.check_link(wrong, page, notebook, "t.md")[0]
    assert "has no snippets but links" in hook.check_link(good, page, None, "t.md")[0]


def test_the_sentence_about_the_notebook_goes_under_the_title_and_is_checked() -> None:
    sentence = hook.note("flower.ipynb", figures=True)
    assert "reruns its examples and draws its figures" in sentence
    assert "draws" not in hook.note("index.ipynb", figures=False)
    html = '<h1 id="t">Title</h1>\n<p>First.</p>'
    assert hook.insert_note(html, sentence) == f'<h1 id="t">Title</h1>\n{sentence}\n<p>First.</p>'
    assert hook.insert_note("<p>No title.</p>", sentence) == f"{sentence}\n<p>No title.</p>"
    noted = hook.insert_note(html, sentence)
    assert hook.check_note(noted, True, "p.md") == []
    assert hook.check_note(html, False, "p.md") == []
    assert "0 sentences telling of it" in hook.check_note(html, True, "p.md")[0]
    assert "2 sentences" in hook.check_note(noted + sentence, True, "p.md")[0]
    assert "has no notebook but a sentence" in hook.check_note(noted, False, "p.md")[0]


# --- The built site ------------------------------------------------------------------------


def page_url(src: str) -> str:
    """The page's address relative to the site, as use_directory_urls makes it."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def groups(src: str) -> list[Any]:
    """The page's groups of examples that its notebook holds: all but the solutions'."""
    text = (DOCS / src).read_text(encoding="utf-8")
    solutions = hook.solution_blocks(text.split("\n"))
    return [
        group
        for fence in pycon_examples.fences(text, src)
        if not any(first <= fence.line <= last for first, last in solutions)
        for group in fence.groups
    ]


def is_figure(cell: Any) -> bool:
    """Whether a code cell draws a figure of the page (or computes its table)."""
    return hook.FIGURE in cell.metadata.get("tags", [])


def is_exercise(cell: Any) -> bool:
    """Whether a code cell is an exercise's placeholder or its check."""
    return bool({hook.EXERCISE, hook.EXERCISE_CHECK} & set(cell.metadata.get("tags", [])))


def page_figures(src: str) -> list[str]:
    """The page's figures and block markers, in page order, read from its Markdown."""
    names = []
    for line in (DOCS / src).read_text(encoding="utf-8").split("\n"):
        image = re.fullmatch(r"!\[[^\]]*\]\(\.\./assets/plots/([\w-]+)\.svg\)", line)
        if image:
            names.append(image[1])
        elif line.strip() in {f"<!-- plots: {name} -->" for name in plots.BLOCK_MARKERS}:
            names.append(line.strip().removeprefix("<!-- plots: ").removesuffix(" -->"))
    return names


def test_the_pages_have_snippets_to_turn_into_notebooks() -> None:
    assert len(PAGES) >= 10, PAGES
    assert "tutorial/flower.md" in PAGES and "index.md" in PAGES


def test_every_page_with_snippets_has_its_notebook_and_links_to_it(built_site: Path) -> None:
    for path in sorted(DOCS.rglob("*.md")):
        src = path.relative_to(DOCS).as_posix()
        html = (built_site / page_url(src) / "index.html").read_text(encoding="utf-8")
        notebook_path = built_site / hook.notebook_uri(src)
        hrefs = hook.notebook_links(html)
        if src not in PAGES:
            assert not notebook_path.exists() and hrefs == [], src
            assert hook.NOTE_ATTRIBUTE not in html, src
            continue
        assert notebook_path.is_file(), f"{src}: no notebook in the built site"
        assert len(hrefs) == 1, f"{src}: {hrefs}"
        assert html.count(hook.NOTE_ATTRIBUTE) == 1, src
        sentence = html.split(hook.NOTE_ATTRIBUTE, 1)[1].split("</p>", 1)[0]
        assert "This page is also a Jupyter notebook" in sentence, src
        assert f"<code>{notebook_path.name}</code>" in sentence, src
        assert ("draws its figures" in sentence) == bool(page_figures(src)), src
        assert html.index("</h1>") < html.index(hook.NOTE_ATTRIBUTE), src  # under the title
        assert (built_site / page_url(src) / hrefs[0]).resolve() == notebook_path.resolve()
        notebook = nbformat.read(notebook_path, as_version=4)
        nbformat.validate(notebook)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        snippets = [cell for cell in code if not is_figure(cell) and not is_exercise(cell)]
        assert [cell.source for cell in snippets] == [group.source for group in groups(src)], src
        drawn = [cell.source for cell in code if is_figure(cell)]
        assert drawn == [plots.NOTEBOOK_CELLS[name] for name in page_figures(src)], src
        assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
        prose = "".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
        for left in ("](../", ".md)", ".md#", "<!--"):  # relative links, directives
            assert left not in prose, f"{src}: {left!r} left in the notebook's Markdown"


# --- Every notebook in a kernel ------------------------------------------------------------


def cell_output(cell: Any) -> tuple[str, tuple[str, str] | None, list[str]]:
    """A code cell's printed text, its error (name, message) if any, and anything else."""
    text, error, other = "", None, []
    for output in cell.outputs:
        if output.output_type == "stream" and output.name == "stdout":
            text += output.text
        elif output.output_type == "execute_result":
            text += output.data.get("text/plain", "") + "\n"
        elif output.output_type == "error":
            error = (output.ename, output.evalue)
        elif output.output_type == "display_data" and "image/png" in output.data:
            pass  # a figure: the kernel shows it under the cell, where the page cannot
        else:
            other.append(f"{output.output_type} {output.get('name', '')}: {output}")
    return text, error, other


def mismatch(src: str, group: Any, cell: Any) -> str | None:
    """How the cell's output differs from the page's, or None when it matches."""
    snippet = group.last
    flags = pycon_examples.OPTIONFLAGS
    for option, on in snippet.options.items():
        flags = flags | option if on else flags & ~option
    checker = doctest.OutputChecker()
    text, error, other = cell_output(cell)
    where = f"{src}:{snippet.line}"
    if other:
        return f"{where}: output the page does not show: {other}"
    if snippet.exc_msg:
        name, _, message = snippet.exc_msg.partition(":")
        expected = (name.rsplit(".", 1)[-1], message.strip())
        if error is None:
            return f"{where}: expected {expected[0]}: {expected[1]}, and the cell raised nothing"
        if error[0] != expected[0] or not checker.check_output(
            expected[1] + "\n", error[1] + "\n", flags
        ):
            return f"{where}: expected {expected[0]}: {expected[1]}\n  got {error[0]}: {error[1]}"
        return None
    if error is not None:
        return f"{where}: raised {error[0]}: {error[1]}"
    if not checker.check_output(snippet.want, text, flags):
        return f"{where}: expected\n{snippet.want}got\n{text}"
    return None


def compare(
    src: str, page_groups: list[Any], notebook: Any, stopped: Exception | None
) -> list[str]:
    """Each code cell's output against its page example's, as "page:line: ..." problems."""
    code = [
        cell
        for cell in notebook.cells
        if cell.cell_type == "code" and not is_figure(cell) and not is_exercise(cell)
    ]
    if len(code) != len(page_groups):
        return [f"{src}: {len(code)} code cells for {len(page_groups)} groups of examples"]
    problems = []
    for group, cell in zip(page_groups, code, strict=True):
        if cell.get("execution_count") is None:
            problems.append(f"{src}:{group.line}: not run, since an earlier cell failed")
            break
        problem = mismatch(src, group, cell)
        if problem:
            problems.append(problem)
    if stopped is not None and not problems:
        problems.append(f"{src}: the kernel stopped: {stopped}")
    return problems


def executed(source: str, outputs: list[dict[str, Any]]) -> Any:
    cell = nbformat.v4.new_code_cell(source, outputs=[nbformat.from_dict(o) for o in outputs])
    cell.execution_count = 1
    return cell


def stream(text: str, name: str = "stdout") -> dict[str, Any]:
    return {"output_type": "stream", "name": name, "text": text}


def result(text: str) -> dict[str, Any]:
    return {
        "output_type": "execute_result",
        "execution_count": 1,
        "metadata": {},
        "data": {"text/plain": text},
    }


def error(name: str, message: str) -> dict[str, Any]:
    return {"output_type": "error", "ename": name, "evalue": message, "traceback": []}


COMPARED = """```pycon
>>> t = (2, 400)
>>> t
(2, 400)
>>> print(f"cost = {0.2194651:.6f}")
cost = 0.219...
>>> int("a")
Traceback (most recent call last):
  ...
ValueError: invalid literal for int() with base 10: 'a'
```
"""


@pytest.mark.parametrize(
    ("outputs", "problem"),
    [
        (
            [
                [result("(2, 400)")],
                [stream("cost = 0.219465\n")],
                [error("ValueError", "invalid literal for int() with base 10: 'a'")],
            ],
            None,
        ),
        (
            [
                [result("(2,  400)")],
                [stream("cost = 0.219\n")],
                [error("ValueError", "invalid literal for int() with base 10: 'a'")],
            ],
            None,
        ),
        ([[result("(2, 401)")], [], []], "p.md:3: expected\n(2, 400)\ngot\n(2, 401)"),
        ([[result("(2, 400)")], [stream("cost = 0.220000\n")], []], "p.md:5: expected"),
        (
            [[result("(2, 400)")], [stream("cost = 0.2194\n"), stream("careful\n", "stderr")], []],
            "p.md:5: output the page does not show",
        ),
        (
            [
                [result("(2, 400)")],
                [stream("cost = 0.2194\n")],
                [error("ValueError", "another message")],
            ],
            "p.md:7: expected ValueError",
        ),
        (
            [[result("(2, 400)")], [stream("cost = 0.2194\n")], [result("1")]],
            "p.md:7: expected ValueError: invalid literal for int() with base 10: 'a', and the cell raised nothing",
        ),
        ([[error("NameError", "name 't' is not defined")], [], []], "p.md:3: raised NameError"),
    ],
)
def test_the_comparison_honours_the_doctest_flags_and_names_the_line(
    outputs: list[list[dict[str, Any]]], problem: str | None
) -> None:
    page_groups = [
        group for fence in pycon_examples.fences(COMPARED, "p.md") for group in fence.groups
    ]
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        executed(group.source, out) for group, out in zip(page_groups, outputs, strict=True)
    ]
    problems = compare("p.md", page_groups, notebook, None)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) >= 1 and problems[0].startswith(problem), problems


def test_a_notebook_that_prints_otherwise_fails_with_its_page_and_line(
    config: Any, kernel_home: Path
) -> None:
    page = "# P\n\n```pycon\n>>> x = 2\n>>> x + 1\n4\n>>> print(x)\n2\n>>> 1 / 0\n0\n>>> print(x)\n2\n```\n"
    files = site_files(config, {"p.md": page})
    plan, errors = hook.plan(page, "p.md")
    assert errors == []
    notebook = hook.build_notebook(plan, links_for(config, files, "p.md"), "")
    stopped = run(notebook, kernel_home)
    page_groups = [group for fence in pycon_examples.fences(page, "p.md") for group in fence.groups]
    assert compare("p.md", page_groups, notebook, stopped) == [
        "p.md:5: expected\n4\ngot\n3\n",
        "p.md:9: raised ZeroDivisionError: division by zero",
        "p.md:11: not run, since an earlier cell failed",
    ]


def figure_problems(src: str, notebook: Any) -> list[str]:
    """Each figure cell, run, shows one image and nothing else; the table's cell prints a
    line per hidden size and shows nothing else."""
    problems = []
    for cell in (cell for cell in notebook.cells if cell.cell_type == "code" and is_figure(cell)):
        (name,) = (key for key, code in plots.NOTEBOOK_CELLS.items() if code == cell.source)
        if cell.get("execution_count") is None:
            problems.append(f"{src}: the cell of {name!r} did not run")
            continue
        text, error, other = cell_output(cell)
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        if error is not None:
            problems.append(f"{src}: the cell of {name!r} raised {error[0]}: {error[1]}")
        elif other:
            problems.append(f"{src}: the cell of {name!r} showed {other}")
        elif name == "hidden-sizes-table":
            lines = text.splitlines()
            expected = [f"{n_h:>2} hidden units: training accuracy " for n_h in plots.HIDDEN_SIZES]
            if (
                images
                or [line[: len(e)] for line, e in zip(lines, expected, strict=False)] != (expected)
                or len(lines) != len(expected)
            ):
                problems.append(f"{src}: the table's cell printed {text!r}")
        elif name == "held-out-table":
            lines = text.splitlines()
            expected = [f"{n_h:>2} hidden units: training " for n_h in plots.HIDDEN_SIZES]
            if images or [line[:16] for line in lines] != [e[:16] for e in expected]:
                problems.append(f"{src}: the held-out table's cell printed {text!r}")
        elif len(images) != 1 or text:
            problems.append(f"{src}: the cell of {name!r} showed {len(images)} images, {text!r}")
    return problems


@pytest.mark.parametrize("src", PAGES)
def test_the_notebook_runs_in_a_kernel_with_the_pages_outputs(
    src: str, built_site: Path, kernel_home: Path
) -> None:
    notebook = nbformat.read(built_site / hook.notebook_uri(src), as_version=4)
    stopped = run(notebook, kernel_home)
    problems = compare(src, groups(src), notebook, stopped)
    problems += figure_problems(src, notebook)
    # each exercise, left as its placeholder, is "not implemented yet", and the rest runs
    problems += exercise_problems(src, notebook, "{name} is not implemented yet.\n")
    assert problems == [], "\n".join(problems)


def exercise_problems(src: str, notebook: Any, expected: str) -> list[str]:
    """What each exercise's check cell printed, against ``expected`` (its name filled in)."""
    exercises = hook.page_exercises((DOCS / src).read_text(encoding="utf-8"), src)
    checks = [
        cell for cell in notebook.cells if hook.EXERCISE_CHECK in cell.metadata.get("tags", [])
    ]
    if len(checks) != len(exercises):
        return [f"{src}: {len(checks)} check cells for {len(exercises)} Implement exercises"]
    problems = []
    for exercise, cell in zip(exercises, checks, strict=True):
        text, error, other = cell_output(cell)
        want = expected.format(name=exercise.name)
        if error is not None or other or not text.startswith(want):
            problems.append(f"{src}:{exercise.line}: the check of {exercise.name} printed {text!r}")
    return problems


EXERCISE_PAGES = [
    src for src in PAGES if hook.page_exercises((DOCS / src).read_text(encoding="utf-8"), src)
]


def test_the_exercises_are_in_the_notebooks_without_their_solutions(built_site: Path) -> None:
    assert len(EXERCISE_PAGES) >= 8, EXERCISE_PAGES
    for src in EXERCISE_PAGES:
        notebook = nbformat.read(built_site / hook.notebook_uri(src), as_version=4)
        everything = "\n".join(cell.source for cell in notebook.cells)
        for exercise in hook.page_exercises((DOCS / src).read_text(encoding="utf-8"), src):
            assert exercise.solution not in everything, (src, exercise.name)
            assert exercise.placeholder in everything, (src, exercise.name)
        assert "**Solution**" not in everything, src
        assert "??? success" not in everything, src


@pytest.mark.parametrize("src", EXERCISE_PAGES)
def test_the_notebook_runs_with_the_page_s_solutions_filled_in(
    src: str, built_site: Path, kernel_home: Path
) -> None:
    """The learner's way through: each placeholder replaced by the page's solution, every
    check passes, and the page's outputs hold as before."""
    notebook = nbformat.read(built_site / hook.notebook_uri(src), as_version=4)
    exercises = hook.page_exercises((DOCS / src).read_text(encoding="utf-8"), src)
    placeholders = [
        cell for cell in notebook.cells if hook.EXERCISE in cell.metadata.get("tags", [])
    ]
    assert len(placeholders) == len(exercises)
    for exercise, cell in zip(exercises, placeholders, strict=True):
        cell.source = exercise.solution
    stopped = run(notebook, kernel_home)
    problems = compare(src, groups(src), notebook, stopped)
    problems += exercise_problems(src, notebook, "{name} agrees with shallownet on ")
    assert problems == [], "\n".join(problems)


def test_every_figure_of_the_site_is_drawn_by_a_notebook_cell() -> None:
    """Every plot that a page shows has its cell in that page's notebook (checked above,
    per page), and every plot the build draws is shown by a page with snippets."""
    shown = {name for src in PAGES for name in page_figures(src)}
    drawn = {name.removesuffix(".svg") for name in plots.LIGHT_PLOTS}
    assert drawn | plots.BLOCK_MARKERS == shown
    assert len(page_figures("tutorial/flower.md")) == 5
    assert len(page_figures("explanation/gradient-descent.md")) == 2
    assert len(page_figures("beyond/curvature.md")) == 3


FIGURES = """# P

```pycon
>>> import numpy as np
>>> import shallownet as sn
>>> X, Y = sn.load_planar_dataset()
```

![The flower.](../assets/plots/flower.svg)

Some text, and the table:

<!-- plots: hidden-sizes-table -->

![The sizes.](../assets/plots/hidden-sizes.svg)
"""


def test_a_figure_becomes_a_cell_that_calls_its_helper(config: Any) -> None:
    files = site_files(config, {"guide/p.md": FIGURES})
    files.append(File.generated(config, "assets/plots/flower.svg", content=b"<svg/>"))
    plan, errors = hook.plan(FIGURES, "guide/p.md")
    assert errors == []
    notebook = hook.build_notebook(plan, links_for(config, files, "guide/p.md"), "")
    kinds = [(cell.cell_type, cell.metadata.get("tags")) for cell in notebook.cells]
    figure = ("code", [hook.FIGURE])
    prose, code = ("markdown", None), ("code", None)
    assert kinds == [prose, code, figure, prose, figure, figure]
    cells = notebook.cells
    # the figures need matplotlib: the plot extra
    assert '%pip install "shallownet[plot] @ git+https://github.com/' in cells[0].source
    assert cells[2].source == 'ax = sn.plot_dataset(X, Y, name="The flower")'
    assert cells[3].source == "Some text, and the table:"
    assert "sn.nn_model(X, Y, n_h=n_h, num_iterations=5000)" in cells[4].source
    assert cells[5].source == "fig = sn.plot_hidden_sizes(X, Y, trained)"
    prose = "".join(cell.source for cell in cells if cell.cell_type == "markdown")
    assert "assets/plots" not in prose and "See it on the site" not in prose


def test_a_figure_above_the_snippet_that_computes_it_fails(config: Any) -> None:
    page = FIGURES.replace("<!-- plots: hidden-sizes-table -->", "")
    _, errors = hook.plan(page, "p.md")
    assert errors == [
        "p.md:15: the notebook draws 'hidden-sizes' here with `trained`, which no earlier "
        "snippet on this page defines: move the figure below the snippet that computes it"
    ]


def test_a_figure_under_a_cell_is_not_an_unexpected_output() -> None:
    """matplotlib's figure (display_data with image/png) is what a notebook shows for a
    plotting snippet; any other display_data still counts as output the page lacks."""
    figure = {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBOR"}}
    html = {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<b>x</b>"}}
    assert cell_output(executed("plot()", [figure])) == ("", None, [])
    assert cell_output(executed("show()", [html]))[2] != []

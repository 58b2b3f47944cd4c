"""Every display equation is anchored, linked to its code, and checked.

A page writes an equation as an HTML comment, then the ``$$`` block::

    <!-- eq: dZ2 | fn: compute_dZ2 | test: tests/test_backward.py::test_dZ2_matches_finite_differences -->
    $$
    dZ^{[2]} = A^{[2]} - Y \\tag{1}
    $$

The ``eq`` directive is read by `shallownet_site.source` (one grammar for every directive),
and a ``$$`` line counts only outside fenced code as that module reads it: a four-backtick
fence can show an equation as code. On GitHub the comment is invisible. On the site
`rewrite` turns it into

- a stable anchor ``#eq-dZ2`` that autorefs can target (docstrings link back with
  ``[equation (1)][eq-dZ2]``);
- a caption under the equation that links to ``shallownet.compute_dZ2`` on the API
  page and names the test that checks the code against the equation.

The build fails (these are errors, not warnings) when:

- a ``$$`` block on a page has no ``<!-- eq: ... -->`` line;
- two equations share an id;
- ``fn`` (or a name in ``see``) is not exported by ``shallownet``;
- the function's docstring does not show the same equation (TeX compared after
  dropping ``\\tag`` and white space) or does not link back to ``eq-<id>``;
- the named test file or test function does not exist.

The marker ``<!-- equations-index -->`` (docs/reference/equations.md) becomes the equations
sheet: every equation typeset, named by its function's docstring summary, with the same
kind of caption, linking to the equation on its page (`sheet`).

Links from the caption to the API pages are autorefs cross-references, so
``mkdocs build --strict`` also fails on a renamed function. Everything here is a pure
function of the sources: the MkDocs plugin (`shallownet_site.plugin`) keeps the build's
`Registry` and calls `collect` and `check` in ``on_config``, `rewrite` in
``on_page_markdown`` and `drop_empty_anchors` in ``on_page_content``; the tests call the
same functions on the sources without building; `shallownet_site.extension.EquationsExtension`
runs `rewrite` in plain Python-Markdown.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import shallownet
from shallownet_site import SiteError, source

#: The sources of the package imported above; in a checkout, the repository's shallownet/,
#: and its parent the folder that the tests' names (``tests/test_backward.py::…``) start from.
PACKAGE = Path(shallownet.__file__).resolve().parent
ROOT = PACKAGE.parent

TAG = re.compile(r"\\tag\{[^}]*\}")
DISPLAY = re.compile(r"\$\$(.*?)\$\$", re.S)
#: The API reference shows the equations in docstrings, which link back to their pages.
NO_EQUATION_PREFIX = "reference/api/"
#: The directive's form, as the errors quote it.
FORM = "'<!-- eq: id | fn: function | test: file::test -->'"


@dataclass
class Equation:
    """One display equation of the site."""

    id: str
    page: str
    line: int
    tex: str
    fn: str
    see: list[str] = field(default_factory=list)
    test: str = ""
    number: str = ""

    @property
    def anchor(self) -> str:
        return f"eq-{self.id}"

    @property
    def test_kind(self) -> str:
        name = self.test.rsplit("::", 1)[-1]
        if "finite_differences" in name:
            return "finite-difference check"
        if "equals" in name or "matches_page" in name:
            return "comparison of two forms"
        if "shape" in name:
            return "shape assertion"
        return "value check"


def normalize(tex: str) -> str:
    """TeX without ``\\tag{}``, white space and a trailing comma or full stop."""
    return re.sub(r"\s+", "", TAG.sub("", tex)).rstrip(".,")


@dataclass(frozen=True)
class Block:
    """A ``$$`` block of a page, outside fenced code: its lines (0-based, both ``$$`` lines)."""

    start: int
    end: int | None  # the closing ``$$`` line; None when the block never closes


def display_blocks(lines: list[str]) -> list[Block]:
    """The ``$$`` blocks of a page's lines, outside fenced code (`shallownet_site.source`)."""
    in_code = source.code_lines(lines)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if not in_code[i] and lines[i].strip() == "$$":
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "$$"), None)
            blocks.append(Block(i, end))
            if end is None:
                break
            i = end
        i += 1
    return blocks


def parse_markdown(text: str, src: str) -> tuple[list[Equation], list[str]]:
    """Return the equations of one page's Markdown and the errors found in it."""
    equations: list[Equation] = []
    errors: list[str] = []
    lines = text.splitlines()
    pending: dict[int, source.Directive] = {}  # the 0-based line of each eq directive
    for directive in source.directives("\n".join(lines), src):
        if directive.name != "eq":
            continue
        if not directive.standalone:
            errors.append(f"{src}:{directive.line}: an eq directive must be alone on its line")
            continue
        pending[directive.line - 1] = directive
    for block in display_blocks(lines):
        i = block.start
        if block.end is None:
            errors.append(f"{src}:{i + 1}: unclosed $$ block")
            break
        tex = "\n".join(lines[i + 1 : block.end])
        above = pending.get(i - 1)
        if above is None:
            errors.append(f"{src}:{i + 1}: display equation without an {FORM} line above it")
            continue
        fields = above.fields
        number = re.search(r"\\tag\{([^}]*)\}", tex)
        equations.append(
            Equation(
                id=fields.get("eq", ""),
                page=src,
                line=i + 1,
                tex=tex,
                fn=fields.get("fn", ""),
                see=[s.strip() for s in fields.get("see", "").split(",") if s.strip()],
                test=fields.get("test", ""),
                number=number.group(1) if number else "",
            )
        )
    return equations, errors


def parse_equations(path: Path, src: str) -> tuple[list[Equation], list[str]]:
    """Return the equations of the Markdown page at ``path`` and the errors found in it."""
    return parse_markdown(path.read_text(encoding="utf-8"), src)


def public_docstrings() -> dict[str, str]:
    """Docstrings of everything ``shallownet`` exports, read from the source with ast.

    Reading the source rather than importing keeps ``mkdocs serve`` in step with
    edits to the package.
    """
    init = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    exported: set[str] = set()
    for node in init.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
            and isinstance(node.value, ast.List | ast.Tuple)
        ):
            exported = {ast.literal_eval(e) for e in node.value.elts}
    docs: dict[str, str] = {}
    for module in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name in exported:
                docs[node.name] = ast.get_docstring(node) or ""
    for name in exported - docs.keys():
        docs[name] = ""
    return docs


def test_line(test: str) -> int | None:
    """The line of the test function ``tests/file.py::test_name``, or None if it does not exist."""
    if "::" not in test:
        return None
    file, name = test.split("::", 1)
    name = name.split("[", 1)[0]
    path = ROOT / file
    if not path.is_file():
        return None
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node.lineno
    return None


def test_exists(test: str) -> bool:
    """Whether ``tests/file.py::test_name`` names a test function that exists."""
    return test_line(test) is not None


def check(equations: list[Equation], docstrings: Mapping[str, str]) -> list[str]:
    """Every cross-check between the pages, the package and the tests."""
    errors: list[str] = []
    seen: dict[str, Equation] = {}
    for eq in equations:
        where = f"{eq.page}:{eq.line}"
        if not re.fullmatch(r"[A-Za-z0-9-]+", eq.id):
            errors.append(f"{where}: equation id {eq.id!r} must be letters, digits and '-'")
        if eq.id in seen:
            errors.append(f"{where}: equation id {eq.id!r} already used at {seen[eq.id].page}")
        seen[eq.id] = eq
        for name in [eq.fn, *eq.see]:
            if name not in docstrings:
                errors.append(
                    f"{where}: eq-{eq.id} links to {name!r}, which shallownet does not export"
                )
        if eq.fn in docstrings:
            doc = docstrings[eq.fn]
            if f"][{eq.anchor}]" not in doc:
                errors.append(
                    f"{where}: the docstring of {eq.fn} does not link back with [...][{eq.anchor}]"
                )
            shown = {normalize(block) for block in DISPLAY.findall(doc)}
            if normalize(eq.tex) not in shown:
                errors.append(
                    f"{where}: the docstring of {eq.fn} does not show equation eq-{eq.id} "
                    f"as the page writes it:\n{eq.tex.strip()}"
                )
        if not test_exists(eq.test):
            errors.append(f"{where}: eq-{eq.id} names test {eq.test!r}, which does not exist")
    return errors


def collect(docs_dir: Path) -> tuple[list[Equation], list[str]]:
    """Parse every page under ``docs_dir``."""
    equations: list[Equation] = []
    errors: list[str] = []
    for path in sorted(docs_dir.rglob("*.md")):
        src = path.relative_to(docs_dir).as_posix()
        if src.startswith(NO_EQUATION_PREFIX):
            continue
        found, errs = parse_equations(path, src)
        equations += found
        errors += errs
    return equations, errors


def source_url(repo_url: str) -> str:
    """The repository's ``blob/main/`` address, for links to the tests' lines (GitHub only)."""
    repo = repo_url.rstrip("/")
    return f"{repo}/blob/main/" if repo.startswith("https://github.com/") else ""


def caption(eq: Equation, source_url: str = "", target: str = "") -> str:
    """The Markdown under an equation: its number, its code and its test.

    With ``source_url`` (the repository's ``blob/main/`` address), the test's name links
    to its line in the repository. ``target`` replaces the link to the equation's own
    anchor (the equations sheet links to the equation on its page instead).
    """
    links = ", ".join(f"[`{name}`][shallownet.{name}]" for name in [eq.fn, *eq.see])
    label = f"({eq.number})" if eq.number else "¶"
    file, name = eq.test.split("::", 1)
    test = f"`{name}`"
    if source_url:
        test = f'[{test}]({source_url}{file}#L{test_line(eq.test)} "The test\'s source")'
    target = target or f'[{label}](#{eq.anchor} "Link to this equation")'
    return (
        f"{target}{{ .eq-number }} "
        f"computed by {links} · checked by {test} in `{file}`, a {eq.test_kind}\n"
        "{ .eq-links }"
    )


@dataclass
class Registry:
    """What one build knows of the site's equations: each page's, and the pages' order."""

    pages: dict[str, list[Equation]] = field(default_factory=dict)  # by page, in page order
    nav_order: dict[str, int] = field(default_factory=dict)  # each page's place in the nav
    titles: dict[str, str] = field(default_factory=dict)  # each page's title in the nav
    source_url: str = ""  # see `caption`

    @classmethod
    def of(cls, equations: list[Equation], source_url: str = "") -> Registry:
        pages: dict[str, list[Equation]] = {}
        for eq in equations:
            pages.setdefault(eq.page, []).append(eq)
        return cls(pages, source_url=source_url)

    def missing_from_nav(self) -> list[str]:
        """The pages with equations that the nav does not list."""
        return sorted(set(self.pages) - self.nav_order.keys())


def load(docs_dir: Path, repo_url: str = "") -> Registry:
    """Every equation of the site, checked against the package and the tests.

    Raises `SiteError` with every error found, one per line.
    """
    equations, errors = collect(docs_dir)
    errors += check(equations, public_docstrings())
    if errors:
        raise SiteError("Equation checks failed:\n  " + "\n  ".join(errors))
    return Registry.of(equations, source_url(repo_url))


INDEX_MARKER = "<!-- equations-index -->"
#: A Markdown link ``[text][ref]`` (autorefs' syntax, as the docstrings write it).
REF_LINK = re.compile(r"\[([^\]]*)\]\[([^\]]*)\]")
#: A docstring summary's clause that only names the equation: ``, [equation (1)][eq-dZ2]``
#: before a punctuation mark or the end.
EQUATION_CLAUSE = re.compile(r"[,:]\s*\[[^\]]*\]\[eq-[A-Za-z0-9-]+\](?=[.,:;]|\s*$)")


def summary(docstring: str) -> str:
    """A docstring's summary: its first paragraph, on one line."""
    return " ".join(docstring.strip().split("\n\n", 1)[0].split())


def equation_name(eq: Equation, docstrings: Mapping[str, str]) -> str:
    """A readable name for ``eq``, from the summary line of the function that computes it.

    ``The output error, [equation (1)][eq-dZ2].`` becomes ``The output error.``: the
    clause that only names an equation goes (the sheet shows the number and the link),
    and every other link keeps its text, since the name sits beside the sheet's own links.
    """
    name = EQUATION_CLAUSE.sub("", summary(docstrings.get(eq.fn, "")))
    name = REF_LINK.sub(r"\1", name).strip()
    return name or eq.fn


def sheet(docstrings: Mapping[str, str], registry: Registry) -> str:
    """Every equation typeset, page by page in nav order: its name, the display math, and
    a caption linking to the equation on its page, its function and its test.

    Each page's section is wrapped in ``data-search-exclude`` (Material's search skips it),
    so that search finds each formula on its own page, not here. No ``eq-`` anchor is made
    here: those stay unique to the equations' pages. ``\\tag`` is kept, so the numbers
    show.
    """
    parts: list[str] = []
    for page in sorted(registry.pages, key=lambda page: registry.nav_order[page]):
        title = registry.titles.get(page, page)
        parts += [f"## {title} {{ data-search-exclude }}", ""]
        parts += ['<div class="eq-sheet" markdown data-search-exclude>', ""]
        for eq in registry.pages[page]:
            number = f"({eq.number}) " if eq.number else ""
            parts += [
                f"**{number}{equation_name(eq, docstrings)}**",
                "{ .eq-sheet-name }",
                "",
                "$$",
                eq.tex.strip("\n"),
                "$$",
                "",
                caption(eq, registry.source_url, target=f"[{number}in {title}][{eq.anchor}]"),
                "",
            ]
        parts += ["</div>", ""]
    return "\n".join(parts)


def rewrite(markdown: str, src: str, registry: Registry) -> str:
    """A page's Markdown with each equation anchored and captioned, its ``eq`` directives
    dropped, and the ``equations-index`` marker replaced by the `sheet`.

    The equations are those `load` found on the page ``src``, in page order.
    """
    if src.startswith(NO_EQUATION_PREFIX):
        return markdown
    lines = markdown.splitlines()
    drop = {
        directive.line - 1
        for directive in source.directives("\n".join(lines), src)
        if directive.name == "eq" and directive.standalone
    }
    blocks = {block.start: block for block in display_blocks(lines)}
    out: list[str] = []
    queue = list(registry.pages.get(src, []))
    i = 0
    while i < len(lines):
        if i in drop:
            i += 1
            continue
        block = blocks.get(i)
        if block is not None:
            if block.end is None or not queue:  # cannot happen: load parsed the same file
                raise SiteError(f"{src}:{i + 1}: equation not registered")
            eq = queue.pop(0)
            out += [
                f"[](){{#{eq.anchor}}}",
                "",
                *lines[i : block.end + 1],
                "",
                caption(eq, registry.source_url),
                "",
            ]
            i = block.end + 1
            continue
        out.append(lines[i])
        i += 1
    markdown = "\n".join(out) + "\n"
    if INDEX_MARKER in markdown:  # after the loop: the sheet's $$ blocks are not this page's
        markdown = markdown.replace(INDEX_MARKER, sheet(public_docstrings(), registry))
    return markdown


EMPTY_ANCHOR = re.compile(r'<a href="" id="(eq-[A-Za-z0-9-]+)"></a>')


def drop_empty_anchors(html: str) -> str:
    """``[](){#eq-x}`` renders as an empty link; keep the anchor, drop the empty ``href``.

    An ``<a href="">`` with no text is a link without a name for screen readers and an
    empty stop for keyboard users. autorefs has registered the anchor by now.
    """
    return EMPTY_ANCHOR.sub(r'<a id="\1"></a>', html)

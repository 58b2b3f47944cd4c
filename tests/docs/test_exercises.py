"""Exercises (issue 23): the tutorial and every explanation page but Performance end with them.

Read from the built pages, as the reader gets them: the last section of the article is
"Exercises", a numbered list of 2 to 4 exercises, each of a kind the page names in bold
(Derive, Predict, then run, Implement) and each with one worked solution that is
collapsed until the reader opens it. The code of the solutions runs with every other
snippet, in ``test_snippets.py``, and prints what the solution shows.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"

#: The learner's path: the tutorial and the explanation pages; Performance is about the
#: project, not a lesson. The pages past the notes (docs/beyond/) end with exercises too.
EXPLANATION = sorted(
    str(path.relative_to(DOCS))
    for folder in ("explanation", "beyond")
    for path in (DOCS / folder).glob("*.md")
    if path.name != "performance.md"
)
PAGES = ["tutorial/flower.md", *EXPLANATION]
KINDS = ("Derive.", "Predict, then run.", "Implement.")


class Article(HTMLParser):
    """The article's h2 ids in order, and the exercises after the last one."""

    def __init__(self) -> None:
        super().__init__()
        self.h2: list[str] = []
        self.depth = 0  # inside <article>
        self.list_depth = 0  # <ol>/<ul> nesting inside the exercises section
        self.exercises: list[dict[str, object]] = []
        self.in_strong = False
        self.in_summary = False

    @property
    def in_exercises(self) -> bool:
        return bool(self.h2) and self.h2[-1] == "exercises"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag == "h2":
            self.h2.append(attributes.get("id") or "")
        if not self.in_exercises:
            return
        if tag in ("ol", "ul"):
            self.list_depth += 1
        if tag == "li" and self.list_depth == 1:
            self.exercises.append({"lead": "", "solutions": []})
        if not self.exercises:
            return
        current = self.exercises[-1]
        if tag == "strong" and not current["lead"]:
            self.in_strong = True
        if tag == "details":
            solutions = current["solutions"]
            assert isinstance(solutions, list)
            solutions.append({"open": "open" in attributes, "summary": ""})
        if tag == "summary":
            self.in_summary = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag in ("ol", "ul") and self.in_exercises and self.list_depth:
            self.list_depth -= 1
        if tag == "strong":
            self.in_strong = False
        if tag == "summary":
            self.in_summary = False

    def handle_data(self, data: str) -> None:
        if not self.exercises:
            return
        current = self.exercises[-1]
        if self.in_strong:
            current["lead"] = str(current["lead"]) + data
        if self.in_summary:
            solutions = current["solutions"]
            assert isinstance(solutions, list)
            solutions[-1]["summary"] += data.strip()


def article(built_site: Path, page: str) -> Article:
    html = built_site / page.removesuffix(".md") / "index.html"
    parsed = Article()
    parsed.feed(html.read_text(encoding="utf-8"))
    return parsed


#: Every page of the path and of "Beyond the notes": a page added to either section must
#: get its exercises too, and a page that leaves it must be removed here on purpose.
PATH_PAGES = 17


def test_the_path_has_every_page() -> None:
    assert len(PAGES) == PATH_PAGES, PAGES


@pytest.mark.parametrize("page", PAGES)
def test_the_page_ends_with_exercises(built_site: Path, page: str) -> None:
    h2 = article(built_site, page).h2
    # the tutorial keeps its "Where next" links below them
    expected = ["exercises", "where-next"] if page.startswith("tutorial/") else ["exercises"]
    assert h2[-len(expected) :] == expected, h2


@pytest.mark.parametrize("page", PAGES)
def test_each_exercise_has_a_kind_and_one_collapsed_solution(built_site: Path, page: str) -> None:
    exercises = article_exercises(built_site, page)
    assert 2 <= len(exercises) <= 4, f"{page}: {len(exercises)} exercises"
    for number, exercise in enumerate(exercises, 1):
        assert str(exercise["lead"]).strip() in KINDS, (page, number, exercise["lead"])
        solutions = exercise["solutions"]
        assert isinstance(solutions, list)
        assert [s["summary"] for s in solutions] == ["Solution"], (page, number, solutions)
        assert not solutions[0]["open"], f"{page}: the solution of exercise {number} is open"


def article_exercises(built_site: Path, page: str) -> list[dict[str, object]]:
    """The exercises of the page's "Exercises" section, up to the next h2."""
    parsed = Article()
    html = (built_site / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    start = html.index('<h2 id="exercises">')
    following = html.find("<h2", start + 1)
    end = following if following != -1 else html.index("</article>")
    parsed.feed("<article>" + html[start:end] + "</article>")
    return parsed.exercises


def test_the_exercises_span_the_three_kinds(built_site: Path) -> None:
    kinds = {
        str(exercise["lead"]).strip()
        for page in PAGES
        for exercise in article_exercises(built_site, page)
    }
    assert kinds == set(KINDS)

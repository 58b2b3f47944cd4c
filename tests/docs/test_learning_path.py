"""The learning path: the Explanation section read top to bottom meets no idea before its page.

The path is the order of the Explanation section in ``mkdocs.yml``. Two rules are
mechanical enough to check on the Markdown sources:

- a link from a page of the path to an *equation* of a later page (``later.md#eq-…``)
  stands in a sentence that says the reader will meet it there ("you will derive this on
  …"), since the page cannot lean on an equation the reader has not seen;
- the curvature material (Hessians, eigenvalues, sharpness) lives in the "Beyond the
  notes" section: a page of the path names it only in a sentence that links there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

#: What a sentence says when it points ahead, in the site's words.
FORWARD = re.compile(
    r"you will (derive|meet|see|find|learn)|derived on|derives? (it|them|this)|"
    r"comes? (later|on)|later page|page after|next page",
    re.IGNORECASE,
)
CURVATURE = re.compile(r"Hessian|eigen|sharpness", re.IGNORECASE)
LINK = re.compile(r"\]\((?P<page>[a-z0-9-]+\.md)(?P<anchor>#[^)\s]*)?\)")
FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.MULTILINE | re.DOTALL)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its ``!!python/name:`` tags read as plain strings."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _section(title: str) -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for entry in config["nav"]:
        if isinstance(entry, dict) and title in entry:
            return [next(iter(item.values())) for item in entry[title]]
    raise AssertionError(f"no {title!r} section in mkdocs.yml's nav")


PATH = _section("Explanation")
BEYOND = _section("Beyond the notes")


def _prose(page: str) -> str:
    """The page's Markdown without its fenced code (snippets and solutions' code)."""
    return FENCE.sub("", (DOCS / page).read_text(encoding="utf-8"))


def _sentences(text: str) -> list[str]:
    """Sentences, roughly: split at a full stop, a colon or a blank line before a capital."""
    return re.split(r"(?<=[.:;!?])\s+(?=[A-Z(\[*`$])|\n\s*\n", text)


def test_the_path_and_beyond_are_separate_sections() -> None:
    assert PATH[0] == "explanation/parameters.md", PATH
    assert all(page.startswith("explanation/") for page in PATH), PATH
    assert BEYOND and all(page.startswith("beyond/") for page in BEYOND), BEYOND
    assert "explanation/performance.md" not in PATH


@pytest.mark.parametrize("page", PATH)
def test_a_later_equation_is_announced_as_later(page: str) -> None:
    here = PATH.index(page)
    later = {Path(other).name for other in PATH[here + 1 :]}
    unannounced = [
        sentence.strip()
        for sentence in _sentences(_prose(page))
        for link in LINK.finditer(sentence)
        if link["page"] in later
        and (link["anchor"] or "").startswith("#eq-")
        and not FORWARD.search(sentence)
    ]
    assert not unannounced, "\n\n".join(unannounced)


@pytest.mark.parametrize("page", PATH)
def test_curvature_is_named_only_to_point_beyond(page: str) -> None:
    stray = [
        sentence.strip()
        for sentence in _sentences(_prose(page))
        if CURVATURE.search(sentence) and "../beyond/" not in sentence
    ]
    assert not stray, "\n\n".join(stray)


def test_the_rules_catch_what_they_forbid() -> None:
    """The two rules, on sentences that break them and on sentences that keep them."""
    bad = "Then dZ1 follows from [(4)](backpropagation.md#eq-dZ1)."
    good = "You will derive it on [Backpropagation](backpropagation.md#eq-dZ1)."
    assert LINK.search(bad) and not FORWARD.search(bad)
    assert LINK.search(good) and FORWARD.search(good)
    assert CURVATURE.search("The Hessian's largest eigenvalue.")
    assert len(_sentences("One. Two [x](a.md). Three")) == 3

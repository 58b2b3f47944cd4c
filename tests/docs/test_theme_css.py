"""The theme's stylesheet without its rules for content tabs (shallownet_site.theme_css, #25)."""

from __future__ import annotations

from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import tinycss2
from shallownet_site import theme_css


def selectors(css: str) -> set[str]:
    """Every selector of a stylesheet, inside @media and @supports too, as written."""
    found: set[str] = set()
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            parts: list[list[tinycss2.ast.Node]] = [[]]
            for token in rule.prelude:  # split at the commas outside :is(), :not()
                if token.type == "literal" and token.value == ",":
                    parts.append([])
                else:
                    parts[-1].append(token)
            found.update(" ".join(tinycss2.serialize(part).split()) for part in parts)
        elif rule.type == "at-rule" and rule.content is not None:
            found |= selectors(tinycss2.serialize(rule.content))
    return found


SHEET = """
.a, .tabbed-set > input:nth-child(2):checked ~ .tabbed-labels > :nth-child(2) { color: red }
.md-typeset .tabbed-labels > label { x: 1 }
.b :is(.c, .tabbed-block) { y: 2 }
:root { --md-tabbed-icon--next: url("x.svg") }
[class*="tabbed-"] { z: 3 }
@media screen and (max-width: 44.984375em) {
  .md-content__inner > .tabbed-set .tabbed-labels { w: 4 }
  .md-typeset .d { v: 5 }
}
@media print { .tabbed-set > input { u: 6 } }
@supports selector(:has(a)) { .tabbed-set:has(a) { t: 7 } .e { s: 8 } }
@layer x { .tabbed-content { r: 9 } }
@font-face { font-family: "F"; src: url("f.woff2") }
"""


def test_prune_drops_each_selector_that_names_a_tab_class_and_keeps_the_rest() -> None:
    css, removed = theme_css.prune(SHEET)
    assert removed == 6
    assert selectors(css) == {
        ".a",
        ".b :is(.c, .tabbed-block)",  # also matches .b .c: kept
        ":root",
        '[class*="tabbed-"]',  # an attribute, not a class: kept
        ".md-typeset .d",
        ".e",
    }
    assert "@media print" not in css and "@layer" not in css  # left empty
    assert '@font-face { font-family: "F"; src: url("f.woff2") }' in css
    assert "--md-tabbed-icon--next" in css  # a custom property's name is no selector
    assert "color: red" in css and "s: 8" in css


def theme_stylesheet() -> str:
    """Material's main stylesheet, as the installed theme has it."""
    folder = resources.files("material") / "templates" / theme_css.STYLESHEETS
    [sheet] = [
        f for f in folder.iterdir() if f.name.startswith("main.") and f.name.endswith(".min.css")
    ]
    return sheet.read_text(encoding="utf-8")


class Classes(HTMLParser):
    """Every class of a page's elements."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.classes.update((dict(attrs).get("class") or "").split())


def test_the_built_site_has_the_themes_rules_but_those_for_tabs_and_no_tabs(
    built_site: Path,
) -> None:
    """Every selector of the installed theme's stylesheet that names no tab class is in
    the built site's copy, and none that does; no page of the site has an element with a
    tab class, which a removed rule could have styled; the source map is gone."""
    [built] = (built_site / theme_css.STYLESHEETS).glob("main.*.min.css")
    theirs, ours = selectors(theme_stylesheet()), selectors(built.read_text(encoding="utf-8"))
    tabs = {s for s in theirs if ".tabbed-" in s}
    assert len(tabs) > 100, "the theme has no rules for tabs: the check is on nothing"
    assert ours == theirs - tabs
    classes: set[str] = set()
    for page in built_site.rglob("*.html"):
        parser = Classes()
        parser.feed(page.read_text(encoding="utf-8"))
        classes |= parser.classes
    assert "md-typeset" in classes
    assert {c for c in classes if c.startswith(theme_css.PREFIX)} == set()
    assert not built.with_name(built.name + ".map").exists()


def fake_site(tmp_path: Path, css: str) -> Path:
    folder = tmp_path / theme_css.STYLESHEETS
    folder.mkdir(parents=True)
    (folder / "main.0123abcd.min.css").write_text(css, encoding="utf-8")
    (folder / "main.0123abcd.min.css.map").write_text("{}", encoding="utf-8")
    return folder / "main.0123abcd.min.css"


def test_a_site_with_content_tabs_keeps_the_themes_stylesheet(tmp_path: Path) -> None:
    sheet = fake_site(tmp_path, SHEET)
    assert theme_css.prune_site(tmp_path, ["toc", theme_css.EXTENSION]) == 0
    assert sheet.read_text(encoding="utf-8") == SHEET
    assert sheet.with_name(sheet.name + ".map").exists()


def test_a_rebuild_over_the_pruned_stylesheet_leaves_it(tmp_path: Path) -> None:
    """mkdocs serve's rebuilds can keep the pruned file: nothing more to remove, no error."""
    sheet = fake_site(tmp_path, SHEET)
    assert theme_css.prune_site(tmp_path, []) == 6
    pruned = sheet.read_text(encoding="utf-8")
    assert not sheet.with_name(sheet.name + ".map").exists()
    assert theme_css.prune_site(tmp_path, []) == 0
    assert sheet.read_text(encoding="utf-8") == pruned

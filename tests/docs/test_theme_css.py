"""The theme's stylesheets as the build leaves them (shallownet_site.theme_css, #25): the main
one without its rules for content tabs, the palette's with its rule for switching palettes
keyed to the site's own attribute, which a reader's switch sets."""

from __future__ import annotations

from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
import tinycss2
from browser_support import open_page
from playwright.sync_api import Page
from shallownet_site import SiteError, theme_css


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


def theme_stylesheet(name: str = "main") -> str:
    """Material's stylesheet ``name`` (main, palette), as the installed theme has it."""
    folder = resources.files("material") / "templates" / theme_css.STYLESHEETS
    [sheet] = [
        f for f in folder.iterdir() if f.name.startswith(f"{name}.") and f.name.endswith(".min.css")
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


def test_the_built_site_keys_the_themes_rule_for_switching_palettes_to_its_own_attribute(
    built_site: Path,
) -> None:
    """The built palette stylesheet has every selector of the theme's, with
    ``data-md-color-switching`` renamed ``data-sn-color-switching``, and nothing else."""
    [built] = (built_site / theme_css.STYLESHEETS).glob("palette.*.min.css")
    theirs = selectors(theme_stylesheet("palette"))
    ours = selectors(built.read_text(encoding="utf-8"))
    switching = {s for s in theirs if theme_css.SWITCHING in s}
    assert len(switching) >= 3, "the theme has no rule for switching: the check is on nothing"
    renamed = {s.replace(theme_css.SWITCHING, theme_css.OUR_SWITCHING) for s in switching}
    assert ours == (theirs - switching) | renamed
    assert not built.with_name(built.name + ".map").exists()


def test_rekeying_without_the_script_that_sets_the_attribute_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / theme_css.STYLESHEETS
    folder.mkdir(parents=True)
    sheet = folder / "palette.0123abcd.min.css"
    sheet.write_text("[data-md-color-switching] *{transition-duration:0s}", encoding="utf-8")
    with pytest.raises(SiteError, match=r"palette-switch\.js must be in extra_javascript"):
        theme_css.rekey_site(tmp_path, ["javascripts/a11y.js"])
    assert theme_css.rekey_site(tmp_path, [theme_css.SWITCH_SCRIPT]) == 1
    assert theme_css.rekey_site(tmp_path, [theme_css.SWITCH_SCRIPT]) == 0  # a rebuild over it


#: The CSS transitions running on the page, as [property, element's tag].
TRANSITIONS_JS = """() => document.getAnimations()
  .filter((a) => a instanceof CSSTransition)
  .map((a) => [a.transitionProperty, a.effect.target.tagName])"""


@pytest.mark.browser
def test_a_readers_switch_of_palettes_changes_the_colours_at_once(phone: Page) -> None:
    """A switch starts no transition, as the theme means it to, although the page has
    transitions of colour that the theme's rule stops; the same change of palette without
    the site's attribute starts them (the check can fail)."""
    open_page(phone, "explanation/backpropagation/")
    link = "() => getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration"
    assert phone.evaluate(link) != "0s", "no transition to stop: the check is on nothing"
    assert phone.evaluate(TRANSITIONS_JS) == []
    # a click on the visible toggle, without moving the mouse over it (no hover transition)
    phone.locator("form[data-md-component=palette] label:not([hidden])").dispatch_event("click")
    assert phone.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
    assert phone.evaluate(TRANSITIONS_JS) == []
    phone.wait_for_function("() => !document.body.hasAttribute('data-sn-color-switching')")
    # the theme's change of palette alone, as its start makes it: the colours fade
    phone.evaluate(
        "() => { document.body.setAttribute('data-md-color-scheme', 'default');"
        " document.body.offsetHeight; }"
    )
    assert ["color", "A"] in phone.evaluate(TRANSITIONS_JS)

"""The theme's stylesheets, lighter on every page's start (#25).

Material's ``main.css`` styles ``pymdownx.tabbed``'s content tabs with 232 selectors (the
installed theme's), many such as
``.md-typeset .tabbed-set > input:nth-child(7):checked ~ .tabbed-labels > :nth-child(7)``.
The browser files a rule under the last part of its selector; ``:nth-child(7)`` names no
tag, class or id, so such a selector is tried on every element of the page, each time the
page is styled again. Chromium's selector statistics of the playground's load put 41% of
the time spent matching selectors in the rules for tabs (``docs/project/performance.md``),
on a site with no content tabs.

`prune` drops every selector that names a ``tabbed-`` class, and every rule left with none,
as a CSS parser reads the file (``tinycss2``), inside every at-rule's block too.
`prune_site` does it to the built site's copy of the theme's stylesheet, unless the site
turns ``pymdownx.tabbed`` on; the stylesheet's source map, which would no longer match (the
file does not name it), goes.

The theme's palette stylesheet turns every transition off while ``<body>`` has the
attribute ``data-md-color-switching`` (``[data-md-color-switching] * {transition-duration:
0s !important}``), so that a switch of palettes changes the colours at once. The theme's
bundle sets that attribute and takes it off again on every page load too, as it starts, and
each of the two changes made the browser style every element of the page again: 32-38 ms
and 25-27 ms of backpropagation's start, unthrottled (``docs/project/performance.md``).
`rekey_site` rewrites the rule's selectors to ``data-sn-color-switching``, an attribute that
only the site's ``javascripts/palette-switch.js`` sets, when the reader switches palettes.
The build fails if that script is not among the site's ``extra_javascript``.
"""

from __future__ import annotations

from pathlib import Path

import tinycss2  # type: ignore[import-untyped]
from tinycss2.ast import Node, QualifiedRule  # type: ignore[import-untyped]

from shallownet_site import SiteError

#: The classes that only content tabs carry (pymdownx.tabbed's markup and Material's rules).
PREFIX = "tabbed-"

#: The extension whose markup those rules style: with it on, nothing is pruned.
EXTENSION = "pymdownx.tabbed"

#: Where the theme's stylesheet sits in the built site.
STYLESHEETS = "assets/stylesheets"

#: The attribute the theme sets on <body> as it starts and while it switches palettes...
SWITCHING = "data-md-color-switching"
#: ...and the one its rule reads after `rekey`, which the site's script sets on a switch.
OUR_SWITCHING = "data-sn-color-switching"
#: The site's script that sets it (an ``extra_javascript`` entry).
SWITCH_SCRIPT = "javascripts/palette-switch.js"


def _selectors(prelude: list[Node]) -> list[list[Node]]:
    """A rule's selector list, split at its top-level commas."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _names_a_tab_class(selector: list[Node]) -> bool:
    """Whether a selector names a class that starts with `PREFIX` (``.tabbed-set``) in its
    own compounds. One named only inside a function (``:is()``, ``:not()``) does not count:
    ``:not(.tabbed-set)`` matches other elements, so such a selector is kept."""
    previous: Node | None = None
    for token in selector:
        if (
            token.type == "ident"
            and token.value.startswith(PREFIX)
            and previous is not None
            and previous.type == "literal"
            and previous.value == "."
        ):
            return True
        previous = token
    return False


def names_a_tab_class(selector: str) -> bool:
    """Whether one selector, as text, is one that `prune` drops (the selector statistics of
    ``benchmarks/bench_selectors.py`` name selectors so).

    >>> names_a_tab_class(".md-typeset .tabbed-set > input"), names_a_tab_class(":not(.tabbed-set)")
    (True, False)
    """
    return _names_a_tab_class(tinycss2.parse_component_value_list(selector))


def _prune_rules(rules: list[Node]) -> tuple[list[Node], int]:
    """The rules without the selectors for tabs, and how many selectors went; inside every
    at-rule with a block (``@media``, ``@supports``, ``@layer``), whose rules are rewritten
    only when one of theirs went."""
    kept: list[Node] = []
    removed = 0
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = _selectors(rule.prelude)
            others = [s for s in selectors if not _names_a_tab_class(s)]
            removed += len(selectors) - len(others)
            if not others:
                continue
            if len(others) < len(selectors):
                comma = tinycss2.parse_component_value_list(",")
                rule.prelude = [token for s in others for token in (*comma, *s)][1:]
        elif rule.type == "at-rule" and rule.content is not None:
            inner, count = _prune_rules(tinycss2.parse_rule_list(rule.content))
            if count:
                removed += count
                if not any(r.type in {"qualified-rule", "at-rule"} for r in inner):
                    continue  # a block left empty
                rule.content = tinycss2.parse_component_value_list(tinycss2.serialize(inner))
        kept.append(rule)
    return kept, removed


def prune(css: str) -> tuple[str, int]:
    """``css`` without the selectors that name a ``tabbed-`` class, and their number.

    >>> prune(".a,.tabbed-set>input{color:red}.tabbed-labels{x:1}@media print{.tabbed-set{y:2}}")
    ('.a{color:red}', 3)
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False)
    kept, removed = _prune_rules(rules)
    return tinycss2.serialize(kept), removed


def prune_site(site_dir: Path, extensions: list[str]) -> int:
    """Prune the built site's copy of the theme's stylesheet (``main.<hash>.min.css``) and
    drop its source map; the number of selectors removed. Nothing when ``extensions``
    (the site's ``markdown_extensions``) holds `EXTENSION`."""
    if EXTENSION in extensions:
        return 0
    found = sorted((site_dir / STYLESHEETS).glob("main.*.min.css"))
    if len(found) != 1:
        raise SiteError(f"theme_css: expected one main.*.min.css in {STYLESHEETS}, found {found}")
    path = found[0]
    text, removed = prune(path.read_text(encoding="utf-8"))
    if removed:  # none on a rebuild that kept the pruned file (mkdocs serve --dirty)
        path.write_text(text, encoding="utf-8")
        # the source map points into the file as the theme wrote it
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    return removed


def _rekey_nodes(nodes: list[Node]) -> int:
    """Rename `SWITCHING` to `OUR_SWITCHING` in every attribute selector among ``nodes``,
    and in the blocks and functions inside them; how many were renamed."""
    renamed = 0
    for node in nodes:
        if node.type == "[] block":
            for token in node.content:
                if token.type == "ident" and token.value == SWITCHING:
                    token.value = OUR_SWITCHING
                    renamed += 1
        elif node.type == "function":
            renamed += _rekey_nodes(node.arguments)
        elif node.type in {"() block", "{} block"}:
            renamed += _rekey_nodes(node.content)
    return renamed


def rekey(css: str) -> tuple[str, int]:
    """``css`` with every attribute selector ``[data-md-color-switching]`` renamed
    ``[data-sn-color-switching]``, in every rule and at-rule; and how many were renamed.

    >>> rekey("@media screen{[data-md-color-switching] *{transition-duration:0s}}")
    ('@media screen{[data-sn-color-switching] *{transition-duration:0s}}', 1)
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False)
    renamed = 0
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            renamed += _rekey_nodes(rule.prelude)
        elif rule.type == "at-rule" and rule.content is not None:
            renamed += _rekey_nodes(rule.content)
    return tinycss2.serialize(rules), renamed


def rekey_site(site_dir: Path, extra_javascript: list[str]) -> int:
    """Rekey the built site's copy of the theme's palette stylesheet
    (``palette.<hash>.min.css``) and drop its source map; the number of selectors renamed.
    A `SiteError` if `SWITCH_SCRIPT`, which sets the new attribute, is not in
    ``extra_javascript``: the switch would then fade the colours."""
    if SWITCH_SCRIPT not in extra_javascript:
        raise SiteError(
            f"theme_css: {SWITCH_SCRIPT} must be in extra_javascript: it sets {OUR_SWITCHING}, "
            f"which the theme's rule for switching palettes reads once the build rekeys it"
        )
    found = sorted((site_dir / STYLESHEETS).glob("palette.*.min.css"))
    if len(found) != 1:
        raise SiteError(
            f"theme_css: expected one palette.*.min.css in {STYLESHEETS}, found {found}"
        )
    path = found[0]
    text, renamed = rekey(path.read_text(encoding="utf-8"))
    if renamed:  # none on a rebuild that kept the rekeyed file
        path.write_text(text, encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    return renamed

"""The page rewrites as Python-Markdown extensions, which any generator that runs
Python-Markdown (MkDocs, Zensical, plain ``markdown.markdown()``) can load.

- `PlotsExtension`: each plot image paired with its dark twin, and every ``<!-- plots: NAME
  -->`` marker replaced by its text (`shallownet_site.plots`), before the page is parsed.
- `EquationsExtension`: each equation anchored and captioned, and the equations sheet in
  place of its marker (`shallownet_site.equations.rewrite`), after the plots' rewrite.

The MkDocs plugin calls the same functions (`shallownet_site.plots.pair_dark_twins`,
`shallownet_site.plots.replace_markers`, `shallownet_site.equations.rewrite`) from its
``on_page_markdown``: mkdocstrings renders
docstrings with the site's ``markdown_extensions``, and these rewrites are for pages.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from shallownet_site import equations, plots

#: Before pymdownx.snippets (32) and Python-Markdown's whitespace normalisation (30): the
#: page's text as written, as MkDocs' ``on_page_markdown`` sees it.
PRIORITY = 35
#: Just after the plots' rewrite, as the plugin runs them.
EQUATIONS_PRIORITY = 34


class _PlotsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, markers: dict[str, str], page: str) -> None:
        super().__init__(md)
        self.markers = markers
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "assets/plots/" in text:
            text = plots.pair_dark_twins(text)
        if "plots:" in text:
            text = plots.replace_markers(text, self.markers, self.page)
        return text.split("\n")


class PlotsExtension(Extension):
    """Plot images with their dark twins, and the plots' numbers in place of their markers.

    ``markers`` maps each marker name to its text (`shallownet_site.plots.Plots.markers`);
    ``page`` names the page in errors.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "markers": [{}, "marker name -> its text"],
            "page": ["<page>", "the page's name, for errors"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        markers = self.getConfig("markers")
        page = self.getConfig("page")
        md.preprocessors.register(
            _PlotsPreprocessor(md, markers, page), "shallownet_plots", PRIORITY
        )


class _EquationsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, registry: equations.Registry, page: str) -> None:
        super().__init__(md)
        self.registry = registry
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        text = equations.rewrite("\n".join(lines), self.page, self.registry)
        return text.split("\n")


class EquationsExtension(Extension):
    """Each equation of ``page`` anchored and captioned, and the equations sheet.

    ``registry`` is what `shallownet_site.equations.load` found in the site's pages, with
    the nav's order and titles filled in for the sheet; ``page`` is the page's path under
    docs/, as the registry names it.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "registry": [equations.Registry(), "the site's equations (equations.load)"],
            "page": ["<page>", "the page's path under docs/"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        registry = self.getConfig("registry")
        page = self.getConfig("page")
        md.preprocessors.register(
            _EquationsPreprocessor(md, registry, page), "shallownet_equations", EQUATIONS_PRIORITY
        )

"""Images below the first screen load lazily: a Python-Markdown extension (issue #25).

Every ``<img>`` of a page gets ``loading="lazy"`` unless it sits in one of the page's first
`FIRST_SCREEN_BLOCKS` top-level blocks (the title counts): an image there may be the
largest contentful paint, which a lazy image delays, and Lighthouse flags. The browser
still fetches a lazy image well before it scrolls into view (Chromium: 1250 px ahead on a
fast connection, 2500 px on a slow one), and never fetches one that is ``display: none``,
such as the dark twin of a plot in the light palette (``#only-dark``).

An image that says otherwise keeps its word: ``![...](...){ loading=eager }`` (attr_list).

Works on the element tree that Python-Markdown builds, after attr_list, so it sees both
images of a plot's pair (`shallownet_site.plots.pair_dark_twins`), however written. Load it
by name in ``mkdocs.yml``'s ``markdown_extensions`` (``shallownet_site.lazy_images``) or
pass `LazyImagesExtension` to ``markdown.markdown()``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: On a phone (Lighthouse's 412 x 823 px), the header, a page's title and two short
#: paragraphs fill about the first screen; the explanation pages whose diagram is their
#: first image have it as the third block.
FIRST_SCREEN_BLOCKS = 3
#: After attr_list (8) and the inline patterns (20), before the serializer.
PRIORITY = 5


class _LazyImages(Treeprocessor):
    def __init__(self, md: Markdown, first_screen: int) -> None:
        super().__init__(md)
        self.first_screen = first_screen

    def run(self, root: etree.Element) -> None:
        for block in list(root)[self.first_screen :]:
            for image in block.iter("img"):
                if image.get("loading") is None:
                    image.set("loading", "lazy")


class LazyImagesExtension(Extension):
    """``loading="lazy"`` on every image after the first ``first_screen`` blocks."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "first_screen": [FIRST_SCREEN_BLOCKS, "top-level blocks whose images load at once"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            _LazyImages(md, int(self.getConfig("first_screen"))), "shallownet_lazy_images", PRIORITY
        )


def makeExtension(**kwargs: Any) -> LazyImagesExtension:  # the name Python-Markdown looks for
    return LazyImagesExtension(**kwargs)

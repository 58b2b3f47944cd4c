"""Every image's size in its ``<img>``: a Python-Markdown extension (issue #25).

Without ``width`` and ``height`` the browser knows an image's box only once the file has
loaded, so the text below it moves when it arrives (layout shift, which Lighthouse flags
as "Image elements do not have explicit width and height"), and a lazy image
(`shallownet_site.lazy_images`) has no height at all until it scrolls near. With them,
the browser reserves the box from the start. The theme's ``.md-typeset img { max-width:
100%; height: auto }`` keeps the image responsive: the attributes give the box its aspect
ratio, and a narrow screen scales it down.

The size is read from the image file itself, at build time:

- SVG: the root ``<svg>``'s ``width`` and ``height`` in CSS pixels (units ``px``, ``pt``,
  ``pc``, ``in``, ``cm``, ``mm`` or none), as a browser sizes an ``<img>`` of it; where
  they are missing or in percent, its ``viewBox``, as the browser falls back to. Read with
  an XML parser, which stops at the root element.
- PNG: the width and height of its ``IHDR`` chunk.

An image that gives its own ``width`` or ``height`` (``{ width=300 }``, attr_list) keeps
them. The extension is handed ``read``, which maps an image's ``src`` as written in the
page to the file's bytes (None for a file it does not know, such as another site's
image). Under MkDocs the plugin passes one that resolves the ``src`` against the page and
finds the file among the site's files, the plots drawn by the build included
(`shallownet_site.plots` adds them in ``on_files``, before any page is rendered).
"""

from __future__ import annotations

import io
import posixpath
import struct
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from shallownet_site import SiteError

#: CSS pixels per unit (CSS Values 4: 1in = 96px = 72pt = 6pc = 2.54cm).
CSS_PX = {
    "": 1.0,
    "px": 1.0,
    "pt": 96 / 72,
    "pc": 16.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 9.6 / 2.54,
}
SVG = "{http://www.w3.org/2000/svg}svg"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: After attr_list (8), so that an author's ``{ width=... }`` is seen, and before MkDocs
#: rewrites the ``src`` relative to the page's URL (0).
PRIORITY = 6


def _length(value: str | None) -> float | None:
    """A length in CSS pixels; None for a missing, percent or unknown one."""
    if value is None:
        return None
    value = value.strip()
    number = value.rstrip("abcdefghijklmnopqrstuvwxyz%")
    unit = value[len(number) :]
    if unit not in CSS_PX:
        return None
    try:
        length = float(number) * CSS_PX[unit]
    except ValueError:
        return None
    return length if length > 0 else None


def svg_size(content: bytes) -> tuple[float, float]:
    """The size of an SVG image in CSS pixels, from its root element."""
    _, root = next(etree.iterparse(io.BytesIO(content), events=("start",)))
    if root.tag != SVG:
        raise ValueError(f"the root element is {root.tag}, not an SVG <svg>")
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = [float(n) for n in (root.get("viewBox") or "").replace(",", " ").split()]
    if width is not None and height is not None:
        return width, height
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        raise ValueError("no width and height in absolute units, and no viewBox")
    if width is not None:
        return width, width * box[3] / box[2]
    if height is not None:
        return height * box[2] / box[3], height
    return box[2], box[3]


def png_size(content: bytes) -> tuple[float, float]:
    """The size of a PNG image in pixels, from its IHDR chunk (the first, by the format)."""
    if content[12:16] != b"IHDR":
        raise ValueError("no IHDR chunk after the signature")
    width, height = struct.unpack(">II", content[16:24])
    return float(width), float(height)


def image_size(content: bytes, name: str = "<image>") -> tuple[int, int]:
    """The whole-pixel ``width`` and ``height`` attributes for an image file's content."""
    try:
        if content.startswith(PNG_SIGNATURE):
            width, height = png_size(content)
        else:
            width, height = svg_size(content)
    except (ValueError, etree.ParseError, struct.error, StopIteration) as error:
        raise SiteError(f"{name}: cannot read the image's size (SVG or PNG): {error}") from error
    return max(1, round(width)), max(1, round(height))


def source_path(page: str, src: str) -> str | None:
    """The path under the docs folder of the file that ``src``, written in the page whose
    path is ``page``, points at; None for an absolute URL or path, or one outside docs."""
    url = urlsplit(src)
    if url.scheme or url.netloc or not url.path or url.path.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(url.path)))
    return None if path.startswith("../") or path == ".." else path


class _ImageSizes(Treeprocessor):
    def __init__(self, md: Markdown, read: Callable[[str], bytes | None]) -> None:
        super().__init__(md)
        self.read = read

    def run(self, root: etree.Element) -> None:
        for image in root.iter("img"):
            src = image.get("src", "")
            if image.get("width") is not None or image.get("height") is not None:
                continue
            content = self.read(src)
            if content is None:
                continue
            width, height = image_size(content, src)
            image.set("width", str(width))
            image.set("height", str(height))


class ImageSizesExtension(Extension):
    """``width`` and ``height`` on every image whose file ``read`` finds."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "read": [lambda src: None, "an image's src, as written -> the file's bytes, or None"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(
            _ImageSizes(md, self.getConfig("read")), "shallownet_image_sizes", PRIORITY
        )


def makeExtension(**kwargs: Any) -> ImageSizesExtension:  # the name Python-Markdown looks for
    return ImageSizesExtension(**kwargs)

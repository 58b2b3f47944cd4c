"""Every image of the site carries its file's size (``shallownet_site.image_sizes``).

With ``width`` and ``height`` the browser reserves an image's box before the file arrives,
so nothing below it moves when it does, and a lazy image has its height from the start.
The theme's ``max-width: 100%; height: auto`` keeps it inside a phone's width.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from browser_support import open_page
from PIL import Image
from playwright.sync_api import Page
from shallownet_site import SiteError
from shallownet_site.image_sizes import ImageSizesExtension, image_size, source_path

SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


def svg(attributes: str) -> bytes:
    return f'<?xml version="1.0"?>\n<svg {SVG_NS} {attributes}><rect/></svg>'.encode()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("attributes", "size"),
    [
        ('width="432pt" height="331.2pt" viewBox="0 0 432 331.2"', (576, 442)),  # matplotlib
        ('viewBox="0 0 900 340" width="900" height="340"', (900, 340)),  # the diagrams
        ('width="2in" height="1in"', (192, 96)),
        ('viewBox="0 0 300 150"', (300, 150)),
        ('width="100%" height="100%" viewBox="0, 0, 40, 30"', (40, 30)),
        ('width="120px" viewBox="0 0 40 30"', (120, 90)),
    ],
)
def test_the_size_of_an_svg_in_css_pixels(attributes: str, size: tuple[int, int]) -> None:
    assert image_size(svg(attributes)) == size


def test_the_size_of_a_png() -> None:
    assert image_size(png(37, 12)) == (37, 12)


@pytest.mark.parametrize(
    "content",
    [svg('width="100%"'), b"<html><body/></html>", b"not an image", b"\x89PNG\r\n\x1a\n"],
)
def test_a_file_without_a_size_stops_the_build(content: bytes) -> None:
    with pytest.raises(SiteError, match=r"a\.svg: cannot read the image's size"):
        image_size(content, "a.svg")


def test_the_extension_sizes_the_images_it_can_read_and_keeps_an_authors_size() -> None:
    files = {"assets/a.svg": svg('viewBox="0 0 300 150"'), "assets/b.png": png(8, 4)}
    page = "guide/page.md"

    def read(src: str) -> bytes | None:
        path = source_path(page, src)
        return None if path is None else files.get(path)

    text = (
        "![A](../assets/a.svg#only-light)\n\n![B](../assets/b%2Epng)\n\n"
        "![C](../assets/a.svg){ width=100 }\n\n![D](https://example.org/d.svg)\n"
    )
    html = markdown.markdown(text, extensions=["attr_list", ImageSizesExtension(read=read)])
    assert '<img alt="A" height="150" src="../assets/a.svg#only-light" width="300" />' in html
    assert '<img alt="B" height="4" src="../assets/b%2Epng" width="8" />' in html
    assert '<img alt="C" src="../assets/a.svg" width="100" />' in html
    assert '<img alt="D" src="https://example.org/d.svg" />' in html
    assert source_path(page, "../../outside.svg") is None
    assert source_path(page, "/abs.svg") is None


class Images(HTMLParser):
    """The attributes of every <img> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))


def viewbox_ratio(file: Path) -> float:
    """Width over height of an SVG's viewBox, read on its own (not from width and height)."""
    box = [
        float(n) for n in etree.parse(file).getroot().get("viewBox", "").replace(",", " ").split()
    ]
    return box[2] / box[3]


def test_every_image_of_the_built_site_has_its_files_width_and_height(built_site: Path) -> None:
    """Each <img> has width and height in whole pixels whose ratio is its file's viewBox's,
    within the rounding to whole pixels."""
    checked: list[str] = []
    problems: list[str] = []
    for page in sorted(built_site.rglob("*.html")):
        parser = Images()
        parser.feed(page.read_text(encoding="utf-8"))
        for attributes in parser.images:
            src = attributes.get("src") or ""
            where = f"{page.relative_to(built_site)}: {src}"
            if src.startswith("data:"):
                continue
            file = (page.parent / unquote(urlsplit(src).path)).resolve()
            width, height = attributes.get("width"), attributes.get("height")
            if width is None or height is None or not (width.isdigit() and height.isdigit()):
                problems.append(f"{where}: width={width!r} height={height!r}")
                continue
            ratio = viewbox_ratio(file)
            w, h = int(width), int(height)
            # a whole-pixel size is within half a pixel of the exact one in each direction
            if not (w - 0.5) / (h + 0.5) <= ratio <= (w + 0.5) / (h - 0.5):
                problems.append(f"{where}: {w} x {h} for a viewBox of ratio {ratio:.4f}")
            checked.append(where)
    assert problems == [], "\n  ".join(["", *problems])
    assert len(checked) >= 20, checked


#: Each shown image's box before its file has loaded, its box once loaded, its file's own
#: size, and the width of the article it sits in.
BOXES_JS = """async () => {
  const shown = Array.from(document.querySelectorAll("article img"))
    .filter((img) => getComputedStyle(img).display !== "none");
  const box = (img) => { const r = img.getBoundingClientRect(); return [r.width, r.height]; };
  const before = shown.map((img) => [img.complete && img.naturalWidth > 0, box(img)]);
  for (const img of shown) { img.loading = "eager"; }
  await Promise.all(shown.map((img) => img.decode()));
  const article = document.querySelector("article").getBoundingClientRect().width;
  return shown.map((img, i) => ({
    src: img.getAttribute("src"), loadedBefore: before[i][0], before: before[i][1],
    after: box(img), natural: [img.naturalWidth, img.naturalHeight], article,
  }));
}"""


@pytest.mark.browser
def test_images_have_their_box_before_they_load_and_fit_a_phone(phone: Page) -> None:
    """On the tutorial at 390 px, each plot of the shown palette has its final box while its
    file is not loaded yet (lazy, far below), within the rounding of the attributes to
    whole pixels, that box is the file's aspect ratio, and it
    is no wider than the article: height: auto scales it down with its width."""
    open_page(phone, "tutorial/flower/")
    boxes = phone.evaluate(BOXES_JS)
    assert len(boxes) >= 4, boxes
    assert any(not box["loadedBefore"] for box in boxes), boxes
    for box in boxes:
        (width, height), (natural_w, natural_h) = box["after"], box["natural"]
        # the attributes' whole pixels against the file's exact size: a fraction of a pixel
        assert box["before"][0] == width and abs(box["before"][1] - height) <= 1, box
        assert 0 < width <= box["article"] < natural_w, box
        assert abs(height - width * natural_h / natural_w) <= 1, box

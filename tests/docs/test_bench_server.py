"""The server of ``benchmarks/bench_lighthouse.py`` answers as GitHub Pages does.

No timing: the benchmark prints Lighthouse's numbers and asserts nothing. This checks only
that what it measures is served like the real site: gzip for text, ``max-age=600``, the
``site_url`` path, a folder's slash, the site's own 404 page.
"""

from __future__ import annotations

import gzip
import http.client
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_lighthouse.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_lighthouse", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def base(bench: ModuleType, tmp_path: Path) -> Iterator[str]:
    (tmp_path / "page").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>" * 50, encoding="utf-8")
    (tmp_path / "page" / "index.html").write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(b"\x00woff2")
    with bench.serve(tmp_path, "/shallownet/") as url:
        yield url


def get(url: str, path: str, gzip_ok: bool = True) -> tuple[http.client.HTTPResponse, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    headers = {"Accept-Encoding": "gzip, deflate"} if gzip_ok else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_text_is_gzipped_and_cached_for_ten_minutes(base: str) -> None:
    response, body = get(base, "/shallownet/")
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "max-age=600"
    assert response.headers["Content-Type"].startswith("text/html")
    assert gzip.decompress(body) == b"<p>home</p>" * 50

    plain, plain_body = get(base, "/shallownet/page/", gzip_ok=False)
    assert "Content-Encoding" not in plain.headers and plain_body == b"<p>page</p>"

    font, _ = get(base, "/shallownet/font.woff2")
    assert "Content-Encoding" not in font.headers
    assert font.headers["Cache-Control"] == "max-age=600"


def test_folders_redirect_to_their_slash_and_missing_files_get_the_404_page(base: str) -> None:
    for path, location in (
        ("/shallownet/page", "/shallownet/page/"),
        ("/shallownet", "/shallownet/"),
    ):
        response, body = get(base, path)
        assert (response.status, response.headers["Location"]) == (301, location)
    for path in ("/shallownet/nothing/", "/page/", "/shallownet/../index.html"):
        response, body = get(base, path)
        assert response.status == 404
        assert gzip.decompress(body) == b"<p>not here</p>"

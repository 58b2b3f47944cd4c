"""The site with its math in MathJax's SVG output, for a side-by-side measure (issue #25).

    python benchmarks/math_forms.py /tmp/site-svg
    python benchmarks/bench_lighthouse.py --before /tmp/site-chtml --compare svg=/tmp/site-svg

Builds the site without the math step (the plugin's ``features`` without ``mathjax``), so
that each page holds its TeX, then puts in place of every equation MathJax 3.2.2's SVG
output with a global glyph cache (one ``<svg>`` of glyph paths per page, which each
equation's ``<use>`` elements point to) and assistive MathML, with MathJax's SVG
stylesheet. The other two forms need no script: MathML is the site as built
(``shallownet_site.mathjax``), and CommonHTML the site of a commit before issue #25's
change (9fca6ab). Nothing here is used by the site.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "machinery"))
from shallownet_site import mathjax  # noqa: E402

PLUGIN_LINE = re.compile(r"^  - shallownet$", re.M)


def build_without_math(target: Path) -> None:
    """``mkdocs build --strict`` of the site into ``target``, its math left as TeX."""
    head, plugins = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:", 1)
    features = "plots, notebooks, playground, equations, search"  # all but mathjax
    plugins, count = PLUGIN_LINE.subn(f"  - shallownet:\n      features: [{features}]", plugins, 1)
    assert count == 1, "mkdocs.yml's plugin line changed"
    config = f"{head}\nplugins:{plugins}"
    with tempfile.NamedTemporaryFile("w", suffix=".yml", dir=ROOT, delete=False) as file:
        file.write(f"site_dir: {target}\n{config}")
    try:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", file.name],
            cwd=ROOT,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    finally:
        Path(file.name).unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("target", type=Path, help="where to write the SVG site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shallownet-math-forms-") as tmp:
        raw = Path(tmp, "site")
        build_without_math(raw)
        pages: dict[str, list[tuple[str, bool]]] = {}
        for path in sorted(raw.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            found = [
                mathjax.split(text[e.body_start : e.body_end], e.tag)
                for e in mathjax.MathFinder(text).elements
            ]
            pages[path.relative_to(raw).as_posix()] = [item for item in found if item]
        (Path(tmp) / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
        script = Path(__file__).with_name("math_forms") / "svg.cjs"
        command = [str(mathjax.node_executable()), str(script), str(mathjax.mathjax_es5())]
        answer = subprocess.run(
            [*command, str(Path(tmp) / "pages.json")], capture_output=True, text=True, check=True
        ).stdout
        svg = json.loads(answer)
        css = svg.pop("__css")
        if args.target.exists():
            shutil.rmtree(args.target)
        shutil.copytree(raw, args.target)
    (args.target / "assets" / "svg.css").write_text(css, encoding="utf-8")
    for page, forms in svg.items():
        path = args.target / page
        text = path.read_text(encoding="utf-8")
        elements = [
            element
            for element in mathjax.MathFinder(text).elements
            if mathjax.split(text[element.body_start : element.body_end], element.tag)
        ]
        text = mathjax.splice(text, list(zip(elements, forms["items"], strict=True)))
        up = "../" * page.count("/")
        text = text.replace(
            "</head>", f'<link rel="stylesheet" href="{up}assets/svg.css"></head>', 1
        )
        cache = forms["cache"]
        text = re.sub(r"(<body[^>]*>)", lambda m, cache=cache: m[1] + cache, text, count=1)
        path.write_text(text, encoding="utf-8")
    print(f"{args.target}: {sum(len(f['items']) for f in svg.values())} equations as SVG")


if __name__ == "__main__":
    main()

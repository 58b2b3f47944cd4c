"""MkDocs hook: serve MathJax 3.2.2 from the site itself, so math renders offline.

MathJax comes from the PyPI wheel ``django-static-mathjax`` (pinned in
``pyproject.toml``), which is nothing but MathJax's static files. After every build
this hook copies the part of its ``es5/`` folder that the site uses into
``site/assets/mathjax/``:

- ``tex-mml-chtml.js``, the combined component that ``extra_javascript`` loads
  (TeX input, CommonHTML output, the context menu and assistive MathML);
- ``output/chtml/fonts/woff-v2/``, the fonts that CommonHTML output requests;
- ``input/tex/extensions/``, the TeX packages that MathJax's ``autoload`` fetches at
  run time the first time a page uses one of their macros (``\\href`` loads
  ``html.js``, ``\\cancel`` loads ``cancel.js``, and so on).

Nothing of MathJax is committed. The speech-rule engine (``sre/``) and the
explorer (``a11y/explorer.js``), which only load when a reader turns them on in
MathJax's context menu, are left out: 4 MB for a feature nobody here needs.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

#: Where the copy lands, relative to the site folder; ``extra_javascript`` names
#: ``assets/mathjax/tex-mml-chtml.js``.
TARGET = Path("assets", "mathjax")
#: Files and folders under MathJax's ``es5/`` that the site loads.
PARTS = (
    "tex-mml-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
)
EXPECTED_VERSION = "3.2.2"


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
        if (es5 / "tex-mml-chtml.js").is_file():
            return es5
    raise PluginError(
        "the 'mathjax' package found has no static/mathjax/es5/tex-mml-chtml.js; "
        "is it django-static-mathjax==3.2.2.1?"
    )


def copy_mathjax(site_dir: Path) -> Path:
    """Copy MathJax's needed files into ``site_dir``; return the folder written."""
    es5 = mathjax_es5()
    code = (es5 / "tex-mml-chtml.js").read_text(encoding="utf-8", errors="replace")
    if f'VERSION="{EXPECTED_VERSION}"' not in code:
        raise PluginError(f"{es5} is not MathJax {EXPECTED_VERSION}")
    target = site_dir / TARGET
    if target.exists():
        shutil.rmtree(target)
    for part in PARTS:
        source = es5 / part
        if not source.exists():
            raise PluginError(f"MathJax file missing: {source}")
        destination = target / part
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination)
        else:
            shutil.copy2(source, destination)
    return target


def on_post_build(config: Any, **kwargs: Any) -> None:
    copy_mathjax(Path(config["site_dir"]))

"""The machinery without MkDocs: its Markdown extensions in plain ``markdown.markdown()``,
and its generated files from ``python -m shallownet_site generate OUTDIR``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import markdown
import numpy as np
import pytest
from shallownet_site import SiteError, equations, playground
from shallownet_site.extension import EquationsExtension, PlotsExtension

import shallownet as sn

MARKERS = {
    "flower-accuracy": "90.75%",
    "hidden-sizes-table": "| n | acc |\n| -: | -: |\n| 4 | 90% |",
}


def test_the_plots_extension_renders_a_page_with_plain_markdown() -> None:
    page = (
        "# P\n\nIt reaches <!-- plots: flower-accuracy -->.\n\n"
        "<!-- plots: hidden-sizes-table -->\n\n"
        "![The flower](../assets/plots/flower.svg)\n\n"
        "```\n<!-- plots: flower-accuracy -->\n```\n"
    )
    html = markdown.markdown(
        page, extensions=["tables", "fenced_code", PlotsExtension(markers=MARKERS, page="p.md")]
    )
    assert "<p>It reaches 90.75%.</p>" in html
    assert ">4</td>" in html and ">90%</td>" in html
    assert 'src="../assets/plots/flower.svg#only-light"' in html
    assert 'src="../assets/plots/flower-dark.svg#only-dark"' in html
    assert "&lt;!-- plots: flower-accuracy --&gt;" in html  # in code: left as written


def test_the_plots_extension_names_an_unknown_marker() -> None:
    with pytest.raises(SiteError, match=r"p\.md:1: unknown plots marker 'nope'"):
        markdown.markdown(
            "<!-- plots: nope -->", extensions=[PlotsExtension(markers=MARKERS, page="p.md")]
        )


EQUATION_PAGE = """\
# P

<!-- eq: dZ2 | fn: compute_dZ2 | test: tests/test_backward.py::test_dZ2_matches_finite_differences -->
$$
dZ^{[2]} = A^{[2]} - Y \\tag{1}
$$

````markdown
```
$$
shown = \\text{as code}
$$
````
"""


def test_the_equations_extension_renders_a_page_with_plain_markdown() -> None:
    """The equation gets its anchor and caption; the $$ block in the four-backtick fence,
    after a three-backtick line, stays code (shallownet_site.source reads the fences)."""
    found, errors = equations.parse_markdown(EQUATION_PAGE, "p.md")
    assert errors == [] and [eq.id for eq in found] == ["dZ2"]
    registry = equations.Registry.of(found, "https://github.com/o/r/blob/main/")
    html = markdown.markdown(
        EQUATION_PAGE,
        extensions=["attr_list", "fenced_code", EquationsExtension(registry=registry, page="p.md")],
    )
    assert "<!-- eq:" not in html
    assert 'href="#eq-dZ2"' in html and "test_dZ2_matches_finite_differences" in html
    assert 'href="https://github.com/o/r/blob/main/tests/test_backward.py#L' in html
    assert "$$\nshown = \\text{as code}\n$$\n</code></pre>" in html
    assert html.count("eq-dZ2") == 2  # the anchor and the caption's link, not the code


GENERATE = """
import sys
from shallownet_site.generate import main
code = main(["generate", sys.argv[1]])
assert not [name for name in sys.modules if name == "mkdocs" or name.startswith("mkdocs.")]
print("no mkdocs")
sys.exit(code)
"""


@pytest.mark.slow
def test_generate_writes_the_generated_files_without_mkdocs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", GENERATE, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no mkdocs" in result.stdout
    data = json.loads((tmp_path / "playground/data/datasets.json").read_text(encoding="utf-8"))
    X, Y = sn.load_planar_dataset()
    assert np.array_equal(np.array(data["datasets"]["flower"]["X"]), X)
    assert np.array_equal(np.array(data["datasets"]["flower"]["Y"]), Y)
    assert list(data["datasets"]) == list(playground.DATASETS)
    seed = json.loads((tmp_path / "playground/data/seed-2.json").read_text(encoding="utf-8"))
    W1 = sn.initialize_parameters(2, 4, 1, seed=2)["W1"]
    assert np.array_equal(np.array(seed["parameters"]["4"]["W1"]), W1)
    svg = (tmp_path / "assets/plots/flower.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert (tmp_path / "assets/plots/flower-dark.svg").is_file()

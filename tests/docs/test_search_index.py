"""shallownet_site.search: TeX as readable search text, and the index it writes.

The functions are tested on their own (fast); the last tests read the index of the site
built by ``mkdocs build --strict`` (conftest's ``built_site``). The search box itself is
tested in a browser by ``test_search.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from shallownet_site import mathjax, search

ROOT = Path(__file__).resolve().parents[2]


# tex_to_text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        # backpropagation's equations (1) to (3), as the course writes them in plain text
        (r"dZ^{[2]} = A^{[2]} - Y \tag{1}", "dZ[2] = A[2] − Y (1)"),
        (r"dW^{[2]} = \frac{1}{m} \, dZ^{[2]} A^{[1]T} \tag{2}", "dW[2] = 1/m dZ[2] A[1]ᵀ (2)"),
        (
            r"db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dz^{[2](i)} \tag{3}",
            "db[2] = 1/m Σ_(i=1)^m dz[2](i) (3)",
        ),
        (r"\frac{\partial J}{\partial W^{[1]}}", "∂J/∂W[1]"),
        (
            r"H_{jk} = \frac{\partial^2 J}{\partial \theta_j \, \partial \theta_k}",
            "H_(jk) = (∂² J)/(∂θ_j ∂θ_k)",
        ),
        (r"\sigma(z) = \frac{1}{1 + e^{-z}}", "σ(z) = 1/(1 + e^(−z))"),
        (r"W^{[1]} \in \mathbb{R}^{n^{[1]} \times n^{[0]}}", "W[1] ∈ ℝ^(n[1] × n[0])"),
        (r"\theta := \theta - \alpha \, d\theta", "θ := θ − α dθ"),
        (r"\tanh^2(z) + \log a + \max(0, z)", "tanh²(z) + log a + max(0, z)"),
        (r"\mathcal{L}^{(i)}(\hat{y}, y)", "ℒ(i)(ŷ, y)"),
        (r"\lVert x \rVert_2", "‖x ‖₂"),
        (r"\text{repeat } \mathtt{num\_iterations} \text{ times:}", "repeat num_iterations times:"),
        (r"\begin{bmatrix} y^{(1)} & y^{(2)} \end{bmatrix}", "[y(1) y(2)]"),
        (
            r"g'(z) = \begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{if } z \le 0 \end{cases}",
            "g'(z) = {1 if z > 0 ; 0 if z ≤ 0}",
        ),
        (r"\underbrace{W^{[2]T}}_{(n^{[1]}, n^{[2]})}", "W[2]ᵀ ((n[1], n[2]))"),
        # not on the site yet, but in TeX that links or colours an equation
        (r"\href{#eq-dZ2}{dZ^{[2]}} = A^{[2]} - Y", "dZ[2] = A[2] − Y"),
        (r"{\color{red} x} + \textcolor{blue}{y} + \boxed{z} + A^\top", "x + y + z + Aᵀ"),
        (r"\sqrt{x^2 + 1} + \sqrt[3]{8}", "√(x² + 1) + ³√8"),
    ],
)
def test_tex_reads_as_text(tex: str, text: str) -> None:
    assert search.tex_to_text(tex) == text


@pytest.mark.parametrize(
    "tex",
    [
        r"\nocommand{x}",  # a macro with no readable form: TeX would leak into the previews
        r"\begin{tabular}{cc} a \end{tabular}",
        r"\frac{1}{m",  # does not parse
        r"x^",
    ],
)
def test_unreadable_tex_is_an_error(tex: str) -> None:
    with pytest.raises(search.UnreadableTeX):
        search.tex_to_text(tex)


def test_course_names_are_the_assignments_spellings() -> None:
    text = search.tex_to_text(r"dW^{[1]} = \frac{1}{m} dZ^{[1]} X^T, \quad g^{[1]\prime}(Z^{[1]})")
    assert search.course_names(text) == ["dW1", "dZ1", "g1", "Z1"]
    assert search.bracketed("dZ2") == "dZ[2]"


# The index ---------------------------------------------------------------------------------


def test_math_in_the_index_becomes_text_and_code_stays_code() -> None:
    html = (
        r"<p>Column \(i\) of \(dZ^{[2]}\) is \(a^{[2](i)} &gt; 0.5\)</p> "
        r"\[ Y = \begin{bmatrix} a &amp; b \end{bmatrix} \] "
        r"<pre><code>$$ \frac{1}{m} $$ and \(x\)</code></pre> <code>\(W^{[1]}\)</code>"
    )
    result = search.readable_html(html)
    assert result.text == (
        "<p>Column i of dZ[2] is a[2](i) &gt; 0.5</p> Y = [a b] "
        r"<pre><code>$$ \frac{1}{m} $$ and \(x\)</code></pre> <code>\(W^{[1]}\)</code>"
    )
    assert result.names == ["dZ2", "a2"]
    assert result.problems == []


def test_the_index_is_rewritten_and_a_problem_named() -> None:
    index: dict[str, Any] = {
        "docs": [
            {"location": "p/", "title": "P", "text": r"\(W^{[1]}\) and \(W^{[1]}\)"},
            {"location": "p/#s", "title": r"On \(b^{[2]}\)", "text": r"\(\nocommand\)"},
        ]
    }
    problems = search.rewrite_index(index)
    assert [doc["text"] for doc in index["docs"]] == ["W[1] and W[1]", r"\(\nocommand\)"]
    assert index["docs"][0]["names"] == "W1"
    assert index["docs"][1]["title"] == "On b[2]"
    assert index["docs"][1]["names"] == "b2"
    assert len(problems) == 1 and problems[0].startswith("p/#s: no readable form for \\nocommand")


def test_equation_ids_go_to_their_section() -> None:
    page = (
        '<h1 id="backpropagation">B</h1><a id="eq-Z1"></a>'
        '<h2 id="the-output-layer">O</h2><a id="eq-dZ2"></a><a id="eq-dW2"></a>'
        '<h3 id="not-indexed">N</h3><a id="eq-db2"></a><a id="eq-lr-dz"></a>'
    )
    locations = {"b/", "b/#the-output-layer"}
    assert search.section_equations(page, "b/", locations) == {
        "b/": ["Z1"],
        "b/#the-output-layer": ["dZ2", "dW2", "db2"],
    }


def test_source_listings_are_kept_out_of_the_index() -> None:
    html = '<details class="mkdocstrings-source"><summary>Source code</summary></details>'
    assert search.exclude_source_listings(html).startswith(
        '<details class="mkdocstrings-source" data-search-exclude>'
    )


# The separator of mkdocs.yml, run by JavaScript as the search worker runs it ---------------


def separator() -> str:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^\s+separator: '(.*)'$", config, re.M)
    assert match is not None, "no search separator in mkdocs.yml"
    return match[1].replace("''", "'")


SPLIT_JS = """
const [separator, text] = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(text.split(new RegExp(separator, "g")).filter(Boolean)));
"""


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("dZ[2] = A[2] − Y (1)", ["dZ[2]", "A[2]", "Y", "1"]),
        ("shallownet.backward_propagation", ["shallownet", "backward_propagation"]),
        ('parameters["W1"], keepdims=True', ["parameters", "W1", "keepdims", "True"]),
        ("α = 1.2. The [0, 1] range", ["α", "1.2", "The", "0", "1", "range"]),
        ("x &gt;&gt;&gt; y &amp; z", ["x", "y", "z"]),
    ],
)
def test_the_separator_keeps_the_courses_names_whole(text: str, tokens: list[str]) -> None:
    result = subprocess.run(
        [str(mathjax.node_executable()), "-e", SPLIT_JS],
        input=json.dumps([separator(), text]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(result.stdout) == tokens


# The built site ----------------------------------------------------------------------------


def test_the_built_index_has_text_for_math_and_the_fields_it_searches(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert {"names", "equations"} <= set(index["config"]["fields"])
    leaks = []
    for doc in index["docs"]:
        outside_code = search.CODE.sub("", doc["title"] + " " + doc["text"])
        if search.INDEXED_MATH.search(outside_code):
            leaks.append(doc["location"])
    assert leaks == [], f"TeX left outside code in {leaks}"
    docs = {doc["location"]: doc for doc in index["docs"]}
    output_layer = docs["explanation/backpropagation/#the-output-layer"]
    assert output_layer["equations"].split()[:2] == ["dZ2", "dZ[2]"]
    assert "dZ[2] = A[2] − Y (1)" in output_layer["text"]
    titles = [doc["title"] for doc in index["docs"] if "#" not in doc["location"]]
    assert len(titles) == len(set(titles)), f"two pages with one title: {titles}"


def test_the_search_worker_is_patched_once(built_site: Path) -> None:
    (worker,) = built_site.glob(search.WORKER_GLOB)
    assert worker.read_text(encoding="utf-8").count(search.WORKER_MARKER) == 1
    search.patch_worker(built_site)  # as a rebuild by mkdocs serve would
    assert worker.read_text(encoding="utf-8").count(search.WORKER_MARKER) == 1

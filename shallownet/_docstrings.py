r"""Docstrings that read well in ``help()`` and Jupyter's ``?``, as the site keeps its links.

The docstrings are written for the site: mkdocstrings renders their Markdown, links
``[equation (1)][eq-dZ2]`` back to the page's equation, and typesets ``$$ ... $$``.
A terminal or a notebook shows ``__doc__`` as plain text, where that syntax is noise.
`plain` rewrites it, and ``shallownet/__init__.py`` applies it to every public function
and class once, at import. mkdocstrings reads the docstrings from the source files
(griffe's static analysis), so the site still gets the Markdown.

- A cross-reference ``[text][id]`` or ``[text][]`` becomes ``text``, and a relative
  link ``[text](page.md)`` becomes ``text``: neither resolves outside the site.
- A display equation ``$$ ... $$`` becomes its TeX, indented under the paragraph
  before it, without the ``$$``.
- Inline math ``$...$`` stays: it is short and reads as TeX.
- Example lines (from a ``>>>`` line to the next blank line) are left exactly as they
  are, so doctest finds and runs the same examples in ``__doc__``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

#: ``[text][id]`` or ``[text][]``; the text may hold one level of brackets, the id is a
#: Python path or an anchor id (``eq-dZ2``), never TeX.
CROSS_REFERENCE = re.compile(
    r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\[(?:[A-Za-z_][\w.:-]*)?\]"
)
#: ``[text](target)`` to a page of the site or a web address; ``[1](i)`` in TeX is not one.
LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?:[^()\s]+\.md(?:#[^()\s]*)?|https?://[^()\s]+)\)")
#: A ``$$ ... $$`` on one line.
ONE_LINE_DISPLAY = re.compile(r"^(?P<indent>\s*)\$\$(?P<tex>.+?)\$\$\s*$")
#: How far a display equation's TeX is indented beyond its ``$$``.
TEX_INDENT = "    "


def plain(doc: str) -> str:
    """``doc`` with the site's Markdown syntax replaced by text that reads in a terminal.

    Args:
        doc: A docstring written for the site.

    Returns:
        The docstring without cross-references and ``$$``; examples untouched.

    Examples:
        >>> from shallownet._docstrings import plain
        >>> print(plain("The output error, [equation (1)][eq-dZ2].\\n\\n$$\\ndZ = A - Y\\n$$\\n"))
        The output error, equation (1).
        <BLANKLINE>
            dZ = A - Y
        <BLANKLINE>
    """
    lines: list[str] = []
    in_example = in_display = False
    for line in doc.split("\n"):
        stripped = line.strip()
        if in_example or stripped.startswith(">>>"):
            in_example = stripped != ""
            lines.append(line)
        elif stripped == "$$":
            in_display = not in_display
        elif in_display:
            lines.append(TEX_INDENT + line if stripped else line)
        elif match := ONE_LINE_DISPLAY.match(line):
            lines.append(f"{match['indent']}{TEX_INDENT}{match['tex'].strip()}")
        else:
            line = CROSS_REFERENCE.sub(r"\g<text>", line)
            lines.append(LINK.sub(r"\g<text>", line))
    return "\n".join(lines)


def make_plain(namespace: dict[str, Any], names: Iterable[str]) -> None:
    """Rewrite, with `plain`, the docstring of each function and class in ``names``.

    Args:
        namespace: The package's globals.
        names: The public names, ``__all__``.
    """
    for name in names:
        obj = namespace[name]
        if callable(obj) and isinstance(getattr(obj, "__doc__", None), str):
            obj.__doc__ = plain(obj.__doc__)

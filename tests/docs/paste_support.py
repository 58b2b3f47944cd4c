"""What the copy button of a console block copies, and whether the plain REPL takes it.

``copied_text`` is ``shallownetSourceLines`` of ``docs/javascripts/copy-pycon.js`` in
Python: the block's source lines without their ``>>> `` and ``... `` prompts, a bare
prompt as an empty line, output lines dropped. The browser test checks the script's
real output against it; the snippet tests use it to check every block without a browser.

``paste_problems`` feeds that text to the plain ``python`` prompt's rules, line by line,
as a terminal sends a paste. `code.InteractiveConsole` compiles each line with the
prompt's own rules (``codeop``, the ``single`` mode of the interactive interpreter): a
statement waits for more lines while it is open, an empty line closes an indented block,
and a line that cannot continue the open statement is a ``SyntaxError``. Nothing is
executed here.
"""

from __future__ import annotations

import code
import inspect
import sys
from collections.abc import Iterator
from types import ModuleType


def copied_text(block: str) -> str:
    """The text the copy button puts on the clipboard for the console block ``block``."""
    source = []
    for line in block.removesuffix("\n").split("\n"):
        if line.startswith((">>> ", "... ")):
            source.append(line[4:])
        elif line in {">>>", "..."}:
            source.append("")
    return "\n".join(source) + "\n"


class _DryConsole(code.InteractiveConsole):
    """The prompt's line-by-line compilation, recording syntax errors, running nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []
        self.line = 0

    def runcode(self, code: object) -> None:
        return None

    def showsyntaxerror(self, filename: str | None = None, **kwargs: object) -> None:
        error = sys.exc_info()[1]
        message = getattr(error, "msg", error)
        self.errors.append(f"pasted line {self.line}: {type(error).__name__}: {message}")


def paste_problems(text: str) -> list[str]:
    """Why ``text``, pasted into the plain ``python`` prompt, would not run as written.

    Empty when every statement compiles where the prompt ends it, and the last one is
    complete once the text ends (a paste that leaves the prompt at ``...`` would swallow
    the next block's first line).
    """
    console = _DryConsole()
    waiting = False
    for number, line in enumerate(text.removesuffix("\n").split("\n"), start=1):
        console.line = number
        waiting = console.push(line)
    if waiting:
        console.errors.append("the paste ends inside a statement: the prompt still waits at ...")
    return console.errors


def docstring_blocks(module: ModuleType) -> Iterator[tuple[str, str]]:
    """Each console block of the docstrings that ``module`` exports, as the API pages show it.

    mkdocstrings shows a docstring's ``Examples:`` as one code block per run of lines
    that starts at a ``>>>`` prompt and ends at an empty line. Yields ``(name, block)``.
    """
    for name in module.__all__:
        obj = getattr(module, name)
        doc = inspect.getdoc(obj)
        if not doc or (inspect.getmodule(obj) or module).__name__.split(".")[0] != "shallownet":
            continue
        block: list[str] = []
        for line in [*doc.splitlines(), ""]:
            stripped = line.strip()
            if block and stripped:
                block.append(stripped)
            elif block:
                yield name, "\n".join(block) + "\n"
                block = []
            elif stripped.startswith(">>>"):
                block.append(stripped)

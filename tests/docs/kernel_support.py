"""Run a notebook in a Jupyter kernel: the generated notebooks, and the copied snippets.

Used by ``tests/docs/test_notebooks.py`` and ``tests/docs/test_browser.py``; the fixture
``kernel_home`` (``conftest.py``) gives the kernel its own folders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def run(notebook: Any, folder: Path) -> Exception | None:
    """Run every cell in order in a fresh ipykernel kernel, in ``folder``.

    Returns the error that stopped the run (a cell that raised without the
    ``raises-exception`` tag), or None.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    try:
        client.execute()
    except CellExecutionError as error:
        return error
    return None

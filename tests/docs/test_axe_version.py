"""The browser tests audit with the axe-core that Lighthouse runs (``browser_support.AXE_LOCK``).

Lighthouse's accessibility score is axe-core's verdict; an older axe in the tests passed
what Lighthouse failed (``aria-prohibited-attr`` on a ``<label>``, new in axe-core 4.14).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from browser_support import AXE_LOCK, ROOT

LIGHTHOUSE_LOCK = ROOT / "benchmarks" / "lighthouse" / "package-lock.json"


def locked_axe(lock: Path) -> dict[str, Any]:
    entry: dict[str, Any] = json.loads(lock.read_text(encoding="utf-8"))["packages"][
        "node_modules/axe-core"
    ]
    return entry


def test_the_tests_axe_core_is_lighthouses() -> None:
    """Same version, same integrity hash: a change to either lock must change the other."""
    ours = locked_axe(AXE_LOCK / "package-lock.json")
    lighthouses = locked_axe(LIGHTHOUSE_LOCK)
    assert (ours["version"], ours["integrity"]) == (
        lighthouses["version"],
        lighthouses["integrity"],
    )
    assert json.loads((AXE_LOCK / "package.json").read_text())["dependencies"] == {
        "axe-core": ours["version"]
    }

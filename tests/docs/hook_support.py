"""The site's MkDocs hooks, loaded by their path for the tests.

``docs/hooks/`` is not a package: MkDocs imports each hook from its file. The tests do
the same, once per module name, and leave the module in ``sys.modules`` as MkDocs does,
since dataclasses look their module up there, and the notebooks hook imports the shared
``pycon_examples`` parser by that name.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

HOOKS = Path(__file__).resolve().parents[2] / "docs" / "hooks"


def load_hook(filename: str, name: str | None = None) -> ModuleType:
    """``docs/hooks/<filename>`` as a module named ``name`` (by default from the file)."""
    name = name or f"shallownet_docs_{Path(filename).stem}_hook"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HOOKS / filename)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

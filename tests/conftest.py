"""Hypothesis settings: CI replays a fixed set of examples, local runs explore new ones.

With CI=true the examples are derandomized, so a run on the same code always draws the
same inputs and a red CI means a real change. Locally every run draws new inputs and
remembers failures in .hypothesis/, which is how new edge cases are found.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

"""The README's quick start is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if not line.startswith("#")]


def test_quick_start_is_two_commands_from_a_bare_python() -> None:
    serve, test = quick_start_commands()
    for command in (serve, test):
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert serve.endswith("mkdocs serve")
    assert test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, test = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()

"""The README's quick start is what CI runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
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
        assert command.startswith(
            "python3 -m venv --upgrade-deps .venv && .venv/bin/pip install -q uv=="
        )
        assert "uv sync -q --locked" in command  # from the lock, and only if it is current
    assert serve.endswith("mkdocs serve")
    assert test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, test = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def notebook_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Running a page's notebook", 1)[1].split("\n#", 1)[0]
    (block,) = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    return [line.split("#")[0].strip() for line in block.splitlines()]


def test_the_readme_runs_a_downloaded_notebook(built_site: Path, kernel_home: Path) -> None:
    """``jupyter execute`` as the README writes it runs the tutorial's notebook to the end."""
    install, _open, execute = notebook_commands()
    assert install.startswith('pip install "shallownet[notebook] @ git+')
    notebook = execute.split()[-1]
    assert execute == f"jupyter execute {notebook}"
    (kernel_home / notebook).write_bytes((built_site / "tutorial" / notebook).read_bytes())
    bin_dir = Path(sys.executable).parent  # the venv's jupyter, as an activated venv finds it
    result = subprocess.run(
        execute.split(),
        cwd=kernel_home,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"Executing {notebook}" in result.stderr, result.stderr  # it ran, and to the end:
    # jupyter execute exits with 1 when a cell raises

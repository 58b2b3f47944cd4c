"""The developer's loop: the Makefile's targets, the pre-commit hooks, the contributing page."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRIBUTING = ROOT / "docs" / "project" / "contributing.md"


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", f"PY={sys.executable}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def targets_named(text: str) -> set[str]:
    return set(re.findall(r"`make (\w+)`", text))


def test_every_target_the_contributing_page_names_exists() -> None:
    named = targets_named(CONTRIBUTING.read_text(encoding="utf-8"))
    assert {"fast", "docs", "browser", "lint", "types", "test", "ci"} <= named, named
    for target in sorted(named):
        dry_run = make("-n", target)
        assert dry_run.returncode == 0, f"make {target}: {dry_run.stderr}"


def test_a_target_that_does_not_exist_fails_the_check() -> None:
    assert make("-n", "no-such-target").returncode != 0


def test_the_fast_target_is_every_unit_test_and_docstring_example() -> None:
    """``make fast`` collects every test module outside tests/docs and every package module
    with a docstring example, and nothing of the site's tests."""
    dry_run = make("-n", "fast")
    (command,) = [line for line in dry_run.stdout.splitlines() if "pytest" in line]
    collected = subprocess.run(
        [*shlex.split(command), "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    files = {m[1] for line in collected.splitlines() if (m := re.match(r"([\w/.-]+\.py)", line))}
    assert not [f for f in files if f.startswith("tests/docs/")], files
    units = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").glob("test_*.py")}
    assert units <= files, units - files
    assert "shallownet/backward.py" in files and "shallownet/model.py" in files, files


def test_pre_commit_runs_only_what_the_project_installs() -> None:
    """The hooks are local (nothing to download) and each runs a make target or a tool of
    the project's environment."""
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    pytest.importorskip("pre_commit")
    validate = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert re.findall(r"^\s*- repo: (\S+)", config, re.M) == ["local"]
    entries = re.findall(r"^\s*entry: (.+)$", config, re.M)
    assert len(entries) >= 4, entries
    for entry in entries:
        program, *rest = shlex.split(entry)
        if program == "make":
            assert make("-n", rest[0]).returncode == 0, entry
        else:
            assert program.startswith(".venv/bin/"), entry
            assert (Path(sys.executable).parent / Path(program).name).is_file(), entry

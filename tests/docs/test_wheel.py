"""The package outside the clone: it builds as a wheel and an sdist, and the wheel runs the tutorial.

Issue 19: a learner installs the package from a wheel (or a git URL, which cannot be tried
offline) into their own environment. This test builds both distributions with ``build``,
installs the wheel into a fresh virtual environment in a temporary folder, outside the
source tree, and runs every ```` ```pycon ```` example of the tutorial there, with the
standard library's doctest, against the outputs the page shows.

The fresh environment gets numpy from the test environment, the very files the other
tests use, through a ``.pth`` line to a folder that holds only numpy; pip installs the
wheel with ``--no-index``, so nothing is resolved anew. Python runs in isolated mode
(``-I``), so neither the clone nor the working directory is on its path.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from pathlib import Path

import pytest
from shallownet_site import source

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial" / "flower.md"

pytestmark = pytest.mark.slow
PIP = [sys.executable, "-m", "pip"]  # the test environment's pip, installing into another

# Runs in the fresh environment, which has no pytest and no sybil: the examples arrive as
# JSON on stdin and run with doctest, in one namespace, in page order, with the snippet
# tests' flags.
RUNNER = textwrap.dedent(
    """
    import doctest, json, sys
    import shallownet
    print("shallownet from", shallownet.__file__, file=sys.stderr)
    examples = [
        doctest.Example(e["source"], e["want"], e["exc_msg"], lineno=e["line"],
                        options={int(k): v for k, v in e["options"].items()})
        for e in json.load(sys.stdin)
    ]
    test = doctest.DocTest(examples, {"__name__": "__tutorial__"}, "flower.md", "flower.md", 0, None)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    print(json.dumps({"attempted": runner.tries, "failed": runner.failures}))
    """
)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and the sdist, built from the working tree with ``python -m build``."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out


def test_the_wheel_holds_the_package_and_nothing_else(dist: Path) -> None:
    (wheel,) = dist.glob("shallownet-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"shallownet", wheel.name.split("-py3")[0] + ".dist-info"}, tops
    assert "shallownet/py.typed" in names  # mypy sees the annotations of an installed copy
    metadata = zipfile.ZipFile(wheel).read(wheel.name.split("-py3")[0] + ".dist-info/METADATA")
    requires = [
        line for line in metadata.decode().splitlines() if line.startswith("Requires-Dist:")
    ]
    core = [line for line in requires if "extra ==" not in line]
    assert core == ["Requires-Dist: numpy>=1.26"], core  # the lightest install is numpy only
    # the site's machinery (docs/machinery, a dependency group) is neither in it nor required
    assert not [name for name in names if "shallownet_site" in name], names
    assert not [line for line in requires if "shallownet-site" in line], requires


def test_the_sdist_holds_the_sources_and_tests(dist: Path) -> None:
    (sdist,) = dist.glob("shallownet-*.tar.gz")
    names = {name.split("/", 1)[1] for name in tarfile.open(sdist).getnames() if "/" in name}
    sources = {str(path.relative_to(ROOT)) for path in (ROOT / "shallownet").glob("*.py")} | {
        "pyproject.toml",
        "README.md",
    }
    assert sources <= names, sorted(sources - names)
    assert not any(name.startswith("docs/") for name in names)  # the site is not shipped


def test_the_wheel_runs_the_tutorial_outside_the_tree(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("shallownet-*.whl")
    env_dir = tmp_path / "learner-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [str(python), "-I", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )

    # numpy, the only dependency, from the files the tests use: no resolve, no download
    import numpy

    numpy_home = Path(numpy.__file__).parent.parent
    only_numpy = tmp_path / "numpy-of-the-tests"
    only_numpy.mkdir()
    for path in numpy_home.iterdir():
        if path.name == "numpy" or path.name.startswith(("numpy.", "numpy-")):
            (only_numpy / path.name).symlink_to(path)
    (site_packages / "numpy-of-the-tests.pth").write_text(f"{only_numpy}\n")

    subprocess.run(
        [*PIP, "--python", str(python), "install", "--no-index", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )

    snippets = [
        {
            "source": snippet.source,
            "want": snippet.want,
            "exc_msg": snippet.exc_msg,
            "line": snippet.line,
            "options": snippet.options,
        }
        for fence in source.fences(TUTORIAL.read_text(encoding="utf-8"), str(TUTORIAL))
        for snippet in fence.snippets
    ]
    assert len(snippets) >= 20, len(snippets)
    result = subprocess.run(
        [str(python), "-I", "-c", RUNNER],
        input=json.dumps(snippets),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert f"shallownet from {site_packages}" in result.stderr, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary == {"attempted": len(snippets), "failed": 0}, result.stdout[-3000:]

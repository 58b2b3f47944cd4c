"""The site's generated files, written without MkDocs: ``python -m shallownet_site generate OUTDIR``.

A pre-build step for another generator (see the README's "Moving to another generator"):
it writes, under ``OUTDIR``, the same files that the MkDocs plugin adds to the site, at
the same paths relative to the site's root:

- ``assets/plots/*.svg`` (`shallownet_site.plots`, from its cache when the code is unchanged);
- ``playground/data/*.json`` (`shallownet_site.playground`);

This module does not import MkDocs, and neither do the modules it calls.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from shallownet_site import playground, plots


def generated_files() -> dict[str, bytes]:
    """Every generated file, by its path under the site's root."""
    files: dict[str, bytes] = {}
    for name, content in plots.cached_plots().files.items():
        files[f"{plots.DEST}/{name}"] = content
    for name, text in playground.files_content().items():
        files[f"{playground.DEST}/{name}"] = text.encode("utf-8")
    return files


def write(outdir: Path) -> list[Path]:
    """Write `generated_files` under ``outdir``; the paths written, in order."""
    written: list[Path] = []
    for uri, content in generated_files().items():
        path = outdir / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m shallownet_site", description="The shallownet site's machinery."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="write the site's generated files")
    generate.add_argument("outdir", type=Path, help="the folder to write them under")
    arguments = parser.parse_args(argv)
    written = write(arguments.outdir)
    print(f"wrote {len(written)} files under {arguments.outdir}")
    return 0

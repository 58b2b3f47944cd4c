# A developer's loop: the checks of .ci/run, one at a time, fastest first.
#   make setup     the virtual environment, as the README's quick start makes it
#   make fast      unit tests and docstring examples, without the slow trainings (seconds)
#   make docs      mkdocs build --strict into site/
#   make serve     the site at http://127.0.0.1:8000/shallownet/, rebuilt on every edit
#   make site      the site's tests that need no browser: snippets, links, build, notebooks
#   make browser   the browser tests (Debian's chromium)
#   make lint      ruff check and ruff format --check, and the GitHub workflows' checks
#   make types     mypy --strict
#   make check     lint, types and fast: what pre-commit runs before a push
#   make test      every test, as the README's test command runs them
#   make ci        .ci/run itself, install of Debian packages included
#   make screenshot  the README's screenshot, regenerated from a fresh build
# PY names the interpreter of the environment: make fast PY=python3 runs outside .venv.

PY ?= .venv/bin/python
PYTEST = $(PY) -m pytest

.PHONY: setup fast docs serve site browser lint types check test ci screenshot

setup:
	python3 -m venv --upgrade-deps .venv && .venv/bin/pip install -q uv==0.13.9 && .venv/bin/uv sync -q --locked --extra dev --inexact

fast:
	$(PYTEST) -q -m "not slow" --ignore=tests/docs tests shallownet

docs:
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

serve:
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve

site:
	$(PYTEST) -q -m "not browser" tests/docs

browser:
	$(PYTEST) -q -m browser tests/docs

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(dir $(PY))zizmor --offline --persona pedantic .github/
	$(dir $(PY))check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(dir $(PY))check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml

types:
	$(PY) -m mypy

check: lint types fast

test:
	$(PYTEST)

ci:
	bash .ci/run

screenshot:
	$(PY) tests/docs/readme_screenshot.py

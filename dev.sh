#!/usr/bin/env bash
# Developer entry point: `bash dev.sh serve` builds and serves the site; `bash dev.sh test` runs every test.
# Both set up what they need first (a .venv with the project installed, node_modules from package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
export NO_MKDOCS_2_WARNING=1  # MkDocs 1.6 is pinned on purpose; its "MkDocs 2" banner is noise here

setup() {
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv || { echo "Creating .venv failed: on Debian run 'apt-get install -y python3-venv'." >&2; exit 1; }
  fi
  if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[dev]'
    touch .venv/.installed
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  pyodide_wheels
}

# Pure-Python wheels of pytest (the venv's version) and hypothesis (newest pure release) for Python 3.14, so that
# tests/pyodide/ can run the engine tests inside Pyodide under Node without any network access at test time.
pyodide_wheels() {
  local dir=.cache/pyodide-wheels pytest_version
  pytest_version=$(.venv/bin/python -c 'import importlib.metadata as m; print(m.version("pytest"))')
  if [ "$(cat "$dir/.complete" 2>/dev/null)" != "pytest==$pytest_version" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    .venv/bin/python -m pip download -q --disable-pip-version-check --dest "$dir" \
      --only-binary=:all: --python-version 3.14 --implementation py --abi none --platform any \
      "pytest==$pytest_version" hypothesis
    echo "pytest==$pytest_version" > "$dir/.complete"
  fi
}

case "${1:-}" in
  setup)
    setup ;;
  serve)
    setup
    exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000 ;;
  build)
    setup
    exec .venv/bin/mkdocs build --strict ;;
  test)
    shift
    setup
    if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
      echo "Browser tests need Debian's Chromium: sudo apt-get install -y chromium" >&2
      exit 1
    fi
    exec .venv/bin/python -m pytest "$@" ;;
  *)
    echo "usage: bash dev.sh serve|test|build|setup" >&2
    exit 64 ;;
esac

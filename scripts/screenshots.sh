#!/usr/bin/env bash
# Screenshots of `htctl serve` (gallery and a bot page after generating) into docs/screenshots/.
#   bash scripts/screenshots.sh [--store ./ht-data] [--bot htctl_sample] [--out DIR]
# Needs Debian's chromium and chromium-driver (scripts/install-tools.sh) and selenium (.[test]).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
[ -x "$python" ] || python=python3
exec "$python" scripts/screenshots.py "$@"

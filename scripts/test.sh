#!/usr/bin/env bash
# Install the test dependencies (into .venv) and the helm/kubectl binaries (into .tools), then
# run lint and the whole test suite. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
# torch is pinned to the CPU build that lies on these machines' disk; a range would pull CUDA.
.venv/bin/pip install -q --disable-pip-version-check torch==2.13.0 -e '.[test]'

bash scripts/install-tools.sh
export PATH="$PWD/.tools/bin:$PWD/.venv/bin:$PATH"

ruff check .
ruff format --check .
if [ -f Dockerfile ]; then hadolint Dockerfile && echo "hadolint: Dockerfile clean"; fi

pytest "$@"

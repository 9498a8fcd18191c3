#!/usr/bin/env bash
# Install the locked test dependencies (into .venv) and the helm/kubectl binaries (into
# .tools), then run lint and the whole test suite. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
pip=(.venv/bin/pip install -q --disable-pip-version-check)
# torch is pinned to the CPU build that lies on these machines' disk; a range would pull CUDA.
# It stays outside the lock; everything else comes from requirements/test.txt, hash-checked
# (scripts/lock.sh refreshes it), then the project itself without dependencies, and pip check
# proves the lock fits this torch.
"${pip[@]}" torch==2.13.0
"${pip[@]}" --require-hashes -r requirements/test.txt
"${pip[@]}" --no-deps -e .
.venv/bin/pip check

bash scripts/install-tools.sh
export PATH="$PWD/.tools/bin:$PWD/.venv/bin:$PATH"

ruff check .
ruff format --check .
lint-imports  # the layers of job/ ([tool.importlinter] in pyproject.toml)
if [ -f Dockerfile ]; then hadolint Dockerfile && echo "hadolint: Dockerfile clean"; fi

pytest "$@"

#!/usr/bin/env bash
# Build here, with network, the wheels that benchmarks/gpu_check.sh needs on the GPU machine
# (Python 3.12 with torch, transformers, peft and accelerate; no network), into .whl/ at the
# repository root, which git ignores and the device tool's `run` carries (64 MiB with the tree).
#
#   benchmarks/gpu_wheels.sh            # then the one `run` call in benchmarks/README.md
#
# Versions are this virtualenv's, so the GPU runs what the tests run. deepspeed has no wheel on
# PyPI: its sdist is built here without its C++/CUDA ops (DS_BUILD_OPS=0: they are JIT-built on
# first use, and the train stage uses torch's fused AdamW, none of them). The GPU image lacks
# deepspeed's hjson and pydantic (with pydantic-core, annotated-types, typing-inspection), and
# boto3 for an s3:// store (with botocore, s3transfer, jmespath); the rest is there.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DEST=${1:-.whl}
LIMIT_MIB=${HT_WHEELS_LIMIT_MIB:-48}  # the tree and the sample archive need the rest of 64

exclude=$(git rev-parse --git-path info/exclude)
grep -qxF "/$DEST/" "$exclude" 2>/dev/null || echo "/$DEST/" >>"$exclude"
rm -rf "$DEST" && mkdir -p "$DEST"

version() { "$PYTHON" -c "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))" "$1"; }

binary=(hjson pydantic pydantic-core annotated-types typing-inspection boto3 botocore s3transfer jmespath)
pins=()
for name in "${binary[@]}"; do pins+=("$name==$(version "$name")"); done
"$PYTHON" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
  --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
  --platform manylinux2014_x86_64 -d "$DEST" "${pins[@]}"

ds="deepspeed==$(version deepspeed)"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
DS_BUILD_OPS=0 "$PYTHON" -m pip wheel -q --no-deps --no-build-isolation --no-binary deepspeed \
  -w "$build" "$ds"
cp "$build"/deepspeed-*.whl "$DEST"/
case $(basename "$DEST"/deepspeed-*.whl) in
  *-py3-none-any.whl) ;;
  *) echo "deepspeed built a platform wheel: it may not install on the GPU's Python 3.12" >&2 ;;
esac

ls -l "$DEST"
total=$(du -cb "$DEST"/*.whl | tail -1 | cut -f1)
echo "wheels: $(ls "$DEST"/*.whl | wc -l) files, $((total / 1024 / 1024)) MiB in $DEST"
if ((total > LIMIT_MIB * 1024 * 1024)); then
  echo "over ${LIMIT_MIB} MiB: the tree and the wheels must fit run's 64 MiB" >&2
  exit 1
fi

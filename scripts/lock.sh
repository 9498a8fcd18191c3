#!/usr/bin/env bash
# Refresh the locks requirements/{runtime,cluster,test}.txt from pyproject.toml: every package
# pinned, with the sha256 of each of its files on PyPI, for Python >= 3.11 on any platform.
#
#   bash scripts/lock.sh                  # after any change to dependencies or extras
#   bash scripts/lock.sh --upgrade        # also move every pin to the newest allowed release
#
# Without --upgrade, uv keeps each package at its locked version when pyproject.toml still allows
# it, so adding one dependency changes only what that dependency needs.
#
# The tool is uv (pinned below, installed into .tools/uv): it resolves all three sets in seconds,
# writes pip's requirements format with hashes (so pip installs the lock, in the image and in CI,
# with no other tool) and resolves for every platform and Python at once (--universal).
#
# torch stays outside the locks (the image's base or the user's CUDA build provides it), but the
# locks are resolved together with torch==$HT_TORCH_VERSION, so every pin is compatible with it.
# The CPU build is used for that: its dependencies are the CUDA build's minus nvidia-* and
# triton, which a CUDA torch brings itself. Its wheel is looked for where pip finds it here
# (find-links, /opt/wheels) and otherwise on PyTorch's CPU index.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION="0.13.9"
PACKAGING_VERSION="26.4"
TORCH_VERSION="${HT_TORCH_VERSION:-2.13.0}"
PYTHON_MIN="3.11"
tools=".tools/uv"

log() { printf '[lock] %s\n' "$*" >&2; }

if [[ "$("$tools/bin/uv" --version 2>/dev/null)" != "uv $UV_VERSION"* ]] ||
  ! "$tools/bin/python" -c "import packaging" 2>/dev/null; then
  log "installing uv $UV_VERSION into $tools"
  python3 -m venv "$tools"
  "$tools/bin/pip" install -q --disable-pip-version-check \
    "uv==$UV_VERSION" "packaging==$PACKAGING_VERSION"
fi
uv="$tools/bin/uv"
py="$tools/bin/python"

torch_links="${HT_TORCH_FIND_LINKS:-${PIP_FIND_LINKS:-$(python3 -m pip config get global.find-links 2>/dev/null || true)}}"
if [[ -z "$torch_links" ]] || ! compgen -G "$torch_links/torch-${TORCH_VERSION}+cpu-*.whl" >/dev/null; then
  torch_links="https://download.pytorch.org/whl/cpu/torch/"
fi
log "torch==${TORCH_VERSION}+cpu from $torch_links (resolved against, not locked)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "torch==${TORCH_VERSION}+cpu" >"$work/torch.txt"

# The machine's CA bundle: HTTPS to PyPI may pass a TLS-inspecting proxy (pip is told the same
# by its configuration).
export SSL_CERT_FILE="${SSL_CERT_FILE:-$(python3 -m pip config get global.cert 2>/dev/null || true)}"
[[ -n "$SSL_CERT_FILE" ]] || unset SSL_CERT_FILE

lock_set() { # lock_set NAME EXTRAS [CONSTRAINT]: write requirements/NAME.txt
  local name="$1" extras="$2" constraint="${3:-}" args=()
  IFS=, read -ra list <<<"$extras"
  for extra in "${list[@]}"; do args+=(--extra "$extra"); done
  [[ -n "$constraint" ]] && args+=(--constraint "$constraint")
  [[ -f "requirements/$name.txt" ]] && cp "requirements/$name.txt" "$work/$name.txt"
  "$uv" pip compile pyproject.toml "${args[@]}" \
    --universal --python-version "$PYTHON_MIN" --generate-hashes \
    --index-url https://pypi.org/simple --find-links "$torch_links" \
    --constraint "$work/torch.txt" --no-emit-package torch \
    --custom-compile-command "bash scripts/lock.sh" \
    --quiet "${UPGRADE[@]}" -o "$work/$name.txt"
  {
    echo "# Lock set '$name': pyproject.toml's dependencies + extras [$extras], torch excluded."
    echo "# Install: pip install --require-hashes -r requirements/$name.txt, then the project with"
    echo "# --no-deps. Refresh: bash scripts/lock.sh (tests/test_lock.py checks these inputs)."
    "$py" scripts/lock_sets.py inputs "$name"
    cat "$work/$name.txt"
  } >"requirements/$name.txt"
  log "requirements/$name.txt: $(grep -c '^[a-z0-9]' "requirements/$name.txt") packages"
}

UPGRADE=()
[[ "${1:-}" == "--upgrade" ]] && UPGRADE=(--upgrade)
mkdir -p requirements
# test first: the smaller sets are constrained to its pins, so CI tests the versions the image
# and the users install.
sets="$("$py" scripts/lock_sets.py sets)"
lock_set test "$(awk '$1 == "test" {print $2}' <<<"$sets")"
while read -r name extras; do
  [[ "$name" == test ]] && continue
  lock_set "$name" "$extras" requirements/test.txt
done <<<"$sets"

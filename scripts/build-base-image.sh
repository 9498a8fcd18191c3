#!/usr/bin/env bash
# Build a local stand-in for the official PyTorch image, for machines that reach no container
# registry: Debian bookworm (debootstrap) + Python 3.11 in /opt/venv + the CPU torch 2.13.0 wheel
# that pip finds on this machine's disk. Like pytorch/pytorch, it ships torch and a Python whose
# pip may install more, so the Dockerfile runs on it unchanged (BASE_IMAGE=<this tag>).
#
# It also carries what the CPU path needs and the CUDA image does not: g++ and the Python headers,
# because DeepSpeed's CPU accelerator JIT-builds its shared-memory comm op with the system
# compiler the first time it starts. And the machine's CA certificates, because this machine's
# HTTPS to PyPI goes through a TLS-inspecting proxy; a base for a real registry would not.
#
#   scripts/build-base-image.sh [--force]      # prints the image tag on its last line
#
# Needs root and the Debian packages debootstrap, podman and runc. Idempotent: an existing image
# is kept unless --force.
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH_VERSION="${HT_TORCH_VERSION:-2.13.0}"
PIP_VERSION="26.3"
PY="python3.11"
PYTHON_TAG="localhost/htctl-python:bookworm-py3.11"
BASE_TAG="${HT_BASE_IMAGE:-localhost/htctl-base:bookworm-py3.11-torch${TORCH_VERSION}-cpu}"
MIRROR="${HT_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
DEBIAN_PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
state="${HT_PODMAN_DIR:-/var/lib/htctl-podman}"
podman=(scripts/podman.sh)

log() { printf '[build-base-image] %s\n' "$*" >&2; }

if [[ "${1:-}" != "--force" ]] && "${podman[@]}" image exists "$BASE_TAG"; then
  log "$BASE_TAG already built (--force rebuilds it)"
  echo "$BASE_TAG"
  exit 0
fi

work="$state/base-build"
rm -rf "$work"
mkdir -p "$work/context"

if [[ "${1:-}" == "--force" ]] || ! "${podman[@]}" image exists "$PYTHON_TAG"; then
  rootfs="$work/rootfs"
  log "debootstrap bookworm into $rootfs (a few minutes)"
  debootstrap --variant=minbase \
    --include="${PY},${PY}-venv,python3-distutils,${PY}-dev,g++,ca-certificates,passwd" \
    bookworm "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 ||
    {
      tail -n 30 "$work/debootstrap.log" >&2
      exit 1
    }

  # The machine's extra CAs (its egress proxy), so pip inside builds can verify PyPI.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
    chroot "$rootfs" update-ca-certificates >/dev/null
  fi
  chroot "$rootfs" "$PY" -m venv /opt/venv
  chroot "$rootfs" /opt/venv/bin/python -m pip --version >/dev/null
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/usr/share/doc/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*

  log "importing $PYTHON_TAG"
  tar -C "$rootfs" --numeric-owner -c . |
    "${podman[@]}" import \
      --change "ENV PATH=/opt/venv/bin:$DEBIAN_PATH" \
      --change 'ENV LANG=C.UTF-8' \
      --change 'CMD ["python"]' \
      - "$PYTHON_TAG" >/dev/null
  rm -rf "$rootfs"
fi

# torch from where pip finds it on this machine (/opt/wheels here): the CPU build. A machine
# without it would download the CUDA build of the same release, which works too but is large.
log "fetching torch==${TORCH_VERSION} as pip resolves it on this machine"
python3 -m pip download --quiet --no-deps --only-binary=:all: \
  --python-version 3.11 --platform manylinux_2_28_x86_64 \
  -d "$work/context" "torch==${TORCH_VERSION}"
wheel="$(cd "$work/context" && ls torch-*.whl)"
case "$wheel" in
  *+cpu*) log "torch wheel: $wheel" ;;
  *) log "warning: $wheel is not a +cpu build; the base image will be large" ;;
esac

cat >"$work/context/Containerfile" <<CONTAINERFILE
FROM ${PYTHON_TAG}
# The wheel is bind-mounted, not copied, so it never becomes a layer of its own. A current pip,
# as the official images carry: bookworm's 23.0 backtracks through dozens of old releases.
RUN --mount=type=bind,source=.,target=/ctx \\
    pip install --no-cache-dir --disable-pip-version-check "pip==${PIP_VERSION}" \\
    && pip install --no-cache-dir --disable-pip-version-check /ctx/${wheel} \\
    && python -c "import torch; print('torch', torch.__version__)"
CONTAINERFILE

log "building $BASE_TAG"
"${podman[@]}" build --network host --layers=false -t "$BASE_TAG" \
  -f "$work/context/Containerfile" "$work/context" >&2
rm -rf "$work"
echo "$BASE_TAG"

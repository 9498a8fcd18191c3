# syntax=docker/dockerfile:1
# The htctl job image: one Kubernetes Job per bot runs `htctl run BOT ...` in it.
#
#   docker build -t htctl .                                    # GPU image (official PyTorch base)
#   docker build --build-arg BASE_IMAGE=<image with torch> .   # any base with Python >= 3.11 + torch
#
# BASE_IMAGE must ship Python >= 3.11 with torch already installed: the image keeps that torch
# (its CUDA build is most of the image) and never installs another one over it. The default is the
# official PyTorch CUDA *runtime* image of the torch release the project is developed against
# (2.13.0): no CUDA compiler, which nothing here needs (see docs/image.md). Pinned by digest, so a
# re-pushed tag cannot change the image under a build; the tag stays for readers and registries
# that list by tag. To move it: README, "Container image".
#   tag:    pytorch/pytorch:2.13.0-cuda12.6-cudnn9-runtime
ARG BASE_IMAGE=pytorch/pytorch:2.13.0-cuda12.6-cudnn9-runtime@sha256:6acf597eeb8e376a96580dde4952f37cc017fef732bb40bfc73f28f25e3f64b4
#
# Every Python package but torch comes from requirements/runtime.txt, the lock (scripts/lock.sh),
# with --require-hashes: two builds install the same files, whatever PyPI serves that day.

# ---------------------------------------------------------------------------------------------
# builder: wheels for the project and for DeepSpeed, the one dependency published only as sdist.
FROM ${BASE_IMAGE} AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

ARG SETUPTOOLS_VERSION=84.2.1
ARG WHEEL_VERSION=0.48.0

WORKDIR /build
RUN python -c "import torch" \
    || { echo "BASE_IMAGE has no torch: use an image that ships it (docs/image.md)" >&2; exit 1; } \
    && python -m pip install --no-cache-dir \
        "setuptools==${SETUPTOOLS_VERSION}" "wheel==${WHEEL_VERSION}"

# DeepSpeed's setup.py imports torch: build it against the base's torch (build isolation would
# download another torch) and compile no ops (DS_BUILD_OPS=0), so no CUDA compiler is needed here
# or at run time. Its version and sdist hash are the lock's entry, cut out of the lock by awk (an
# entry ends at the first line without a trailing backslash).
COPY requirements/runtime.txt ./requirements/
RUN awk '/^deepspeed==/ {p = 1} p {print} p && !/\\$/ {exit}' requirements/runtime.txt \
        > /tmp/deepspeed.txt \
    && grep -q '^deepspeed==' /tmp/deepspeed.txt \
    && DS_BUILD_OPS=0 python -m pip wheel --no-cache-dir --no-deps --no-build-isolation \
        --require-hashes --wheel-dir /wheels -r /tmp/deepspeed.txt

COPY pyproject.toml README.md ./
COPY job ./job
RUN python -m pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /wheels .

# ---------------------------------------------------------------------------------------------
# runtime: the base plus wheels only; no compiler, no pip cache, no sources.
FROM ${BASE_IMAGE}

ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
ARG BASE_IMAGE
LABEL org.opencontainers.image.title="htctl" \
      org.opencontainers.image.description="huggingtweets as batch infrastructure: scrape, prepare, fine-tune (DeepSpeed) and publish one bot" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="${BASE_IMAGE}" \
      org.opencontainers.image.documentation="docs/image.md"

# Every writable path lives under /cache or /tmp, so the Job can run with a read-only root
# filesystem and mount emptyDirs there (and a Memory emptyDir on /dev/shm). LOGNAME answers
# getpass.getuser() (torch and triton cache paths) when a pod runs as a UID with no passwd entry.
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOME=/tmp/home \
    LOGNAME=htctl \
    XDG_CACHE_HOME=/cache \
    HF_HOME=/cache/huggingface \
    HF_HUB_CACHE=/cache/huggingface/hub \
    TORCH_EXTENSIONS_DIR=/cache/torch_extensions \
    TRITON_CACHE_DIR=/cache/triton \
    MPLCONFIGDIR=/cache/matplotlib \
    HT_CACHE_DIR=/cache/htctl \
    WANDB_DIR=/tmp

# 1. The lock minus DeepSpeed (built above), hash-checked: pip installs nothing the lock does not
#    name with a hash, so it can never replace the base's torch, which the lock leaves out. The
#    lock holds the hub and wandb extras (a Job can log to Weights & Biases when asked to, about
#    73 MB, docs/image.md) and not the Kubernetes client, which Jobs never import.
# 2. The DeepSpeed and project wheels from the builder, by path, without dependencies.
# 3. pip check: the lock's pins must fit the base's torch (and each other), or the build stops.
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    --mount=type=bind,source=requirements/runtime.txt,target=/tmp/runtime.txt \
    awk '/^deepspeed==/ {skip = 1} skip && !/\\$/ {skip = 0; next} !skip' /tmp/runtime.txt \
        > /tmp/locked.txt \
    && python -m pip install --no-cache-dir --require-hashes --only-binary=:all: \
        -r /tmp/locked.txt \
    && python -m pip install --no-cache-dir --no-index --no-deps \
        /wheels/deepspeed-*.whl /wheels/htctl-*.whl \
    && python -m pip check \
    && rm -f /tmp/locked.txt \
    && htctl --help > /dev/null

RUN useradd --uid 10001 --user-group --no-create-home --home-dir /tmp/home \
        --shell /usr/sbin/nologin htctl \
    && mkdir -p /cache /work \
    && chown 10001:10001 /cache /work

# The default local store (./ht-data) lands in /work: mount a volume there to keep it.
WORKDIR /work
USER 10001:10001

ENTRYPOINT ["htctl"]
CMD ["--help"]

#!/usr/bin/env bash
# Build the job image with podman and run the pipeline in it the way a Kubernetes Job does:
# as the image's non-root user, read-only root filesystem, tmpfs on /tmp, /cache and /dev/shm.
#
#   1. a local base image (scripts/build-base-image.sh: debootstrap + Python + the CPU torch
#      wheel from this machine's disk), because no container registry is reachable here;
#   2. `podman build` of the Dockerfile on that base (every package but torch from the lock,
#      requirements/runtime.txt, hash-checked), timed and measured, then a check that the image
#      holds exactly the locked versions and no Kubernetes client;
#   3. `htctl run` with the offline `tiny` model on the sample archive (mounted read-only) into a
#      store folder on the host, with no network at all;
#   4. the same into moto's S3 server on the host network (AWS_ENDPOINT_URL, dummy credentials);
#   5. `htctl generate` from the S3 store, which must print the samples asked for.
#
# Exits non-zero if any step fails. Takes many minutes (not part of .ci/run). Needs root; installs
# podman, runc and debootstrap with apt-get when missing. Settings (environment):
#   SMOKE_UNTIL=publish|prepare   last pipeline stage to run (default publish; prepare skips step 5)
#   HT_PODMAN_DIR                 podman's images and build cache (default /var/lib/htctl-podman)
#   HT_BASE_IMAGE                 use this base instead of building the local one
#   SMOKE_KEEP=1                  keep the host store folder for inspection
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

UNTIL="${SMOKE_UNTIL:-publish}"
IMAGE="${SMOKE_IMAGE:-localhost/htctl:smoke}"
BOT="htctl_sample"
BUCKET="htctl-smoke"
state="${HT_PODMAN_DIR:-/var/lib/htctl-podman}"
podman=("$repo/scripts/podman.sh")
work=""
moto_pid=""
containers=(htctl-smoke-local htctl-smoke-s3 htctl-smoke-generate)

log() { printf '\n[image-smoke] %s\n' "$*" >&2; }
fail() {
  printf '[image-smoke] FAILED: %s\n' "$*" >&2
  exit 1
}

case "$UNTIL" in
  prepare | publish) ;;
  *) fail "SMOKE_UNTIL must be prepare or publish, not '$UNTIL'" ;;
esac

cleanup() {
  local rc=$?
  for name in "${containers[@]}"; do
    "${podman[@]}" rm --force --ignore "$name" >/dev/null 2>&1 || true
  done
  if [[ -n "$moto_pid" ]]; then
    kill "$moto_pid" 2>/dev/null || true
    wait "$moto_pid" 2>/dev/null || true
  fi
  if [[ -n "$work" && "${SMOKE_KEEP:-0}" != 1 ]]; then
    rm -rf "$work"
  elif [[ -n "$work" ]]; then
    log "kept $work"
  fi
  exit "$rc"
}
trap cleanup EXIT

install_host_packages() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v fuse-overlayfs >/dev/null || missing+=(fuse-overlayfs)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  [[ $(id -u) -eq 0 ]] || fail "needs root to install ${missing[*]}"
  log "installing ${missing[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    podman runc debootstrap uidmap fuse-overlayfs slirp4netns >/dev/null
}

# moto's server and boto3 for the S3 step: the project's venv has them after scripts/test.sh;
# otherwise a small venv of our own under the podman state folder.
host_python() {
  if [[ -x "$repo/.venv/bin/moto_server" ]]; then
    echo "$repo/.venv/bin"
    return
  fi
  local venv="$state/smoke-venv"
  if [[ ! -x "$venv/bin/moto_server" ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "moto[server]>=5" boto3 >&2
  fi
  echo "$venv/bin"
}

# One container run shaped like the Job's pod: image user, read-only root, writable tmpfs only
# where the Job has emptyDirs. exec on /cache because DeepSpeed loads the op it JIT-builds there;
# U hands /cache to the image user (with mode=1777, podman 4.3 here left it root-owned, 0755).
run_job() {
  local name="htctl-smoke-$1"
  shift
  "${podman[@]}" rm --force --ignore "$name" >/dev/null
  "${podman[@]}" run --rm --name "$name" \
    --read-only \
    --cap-drop ALL --security-opt no-new-privileges \
    --tmpfs /tmp:rw,exec,mode=1777,size=2g \
    --tmpfs /cache:rw,exec,U,size=2g \
    --shm-size 1g \
    -v "$repo/examples/sample-archive:/data/sample-archive:ro" \
    "$@"
}

free_port() {
  "$1/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

s3_has() { # s3_has BIN KEY: exit 0 when the key exists in the smoke bucket
  "$1/python" - "$2" <<'PY'
import sys, boto3
s3 = boto3.client("s3")
try:
    s3.head_object(Bucket="htctl-smoke", Key=sys.argv[1])
except s3.exceptions.ClientError:
    sys.exit(1)
PY
}

check_local_bot() { # check_local_bot FOLDER: the stage's marker and, after publish, the manifest
  local bot="$1"
  if [[ "$UNTIL" == prepare ]]; then
    [[ -s "$bot/dataset/stats.json" ]] || fail "no dataset/stats.json in the host store"
    return
  fi
  [[ -s "$bot/manifest.json" ]] || fail "no manifest.json in the host store"
  python3 - "$bot" <<'PY' || fail "manifest.json does not match the files in the host store"
import hashlib, json, pathlib, sys
bot = pathlib.Path(sys.argv[1])
manifest = json.loads((bot / "manifest.json").read_text())
files = manifest["files"]
for entry in files:  # bytes live under the entry's store key, named by its logical path
    data = (bot / entry.get("key", entry["path"])).read_bytes()
    assert len(data) == entry["size"], entry["path"]
    assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
assert any(e["path"].startswith("model/") for e in files), "no model files in the manifest"
count = len(files)
print(f"manifest: {count} files, sizes and sha256 match")
PY
}

main() {
  install_host_packages
  mkdir -p "$state"
  work="$(mktemp -d "$state/smoke.XXXXXX")"

  local base
  if [[ -n "${HT_BASE_IMAGE:-}" ]] && "${podman[@]}" image exists "$HT_BASE_IMAGE"; then
    base="$HT_BASE_IMAGE"
  else
    log "base image (built once, then reused)"
    base="$(bash scripts/build-base-image.sh | tail -n 1)"
  fi

  log "building $IMAGE on $base"
  local started build_s
  started=$(date +%s)
  "${podman[@]}" build --network host \
    --build-arg BASE_IMAGE="$base" \
    --build-arg REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
    --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    -t "$IMAGE" . >&2 || fail "podman build"
  build_s=$(($(date +%s) - started))
  # Earlier smoke images, untagged by this build, and the builder stage's cache with them.
  "${podman[@]}" image prune --force >/dev/null

  local size base_size user
  size=$("${podman[@]}" image inspect --format '{{.Size}}' "$IMAGE")
  base_size=$("${podman[@]}" image inspect --format '{{.Size}}' "$base")
  user=$("${podman[@]}" image inspect --format '{{.Config.User}}' "$IMAGE")
  [[ "$user" == 10001* ]] || fail "image user is '$user', expected the non-root 10001"

  log "the image holds the lock: every locked package at its locked version, no Kubernetes client"
  "${podman[@]}" run --rm -i --network none --read-only --entrypoint python \
    -v "$repo/requirements/runtime.txt:/tmp/runtime.txt:ro" "$IMAGE" - <<'PY' ||
import sys
from importlib.metadata import distributions
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
text = open("/tmp/runtime.txt").read().replace("\\\n", " ")
wrong, count = [], 0
for line in text.splitlines():
    line = line.split(" --hash", 1)[0].strip()
    if not line or line.startswith("#"):
        continue
    req = Requirement(line)
    if req.marker is not None and not req.marker.evaluate():
        continue  # another platform's or Python's pin
    count += 1
    have = installed.get(canonicalize_name(req.name))
    if have is None or not req.specifier.contains(have, prereleases=True):
        wrong.append(f"{req.name}: locked {req.specifier}, installed {have}")
if "kubernetes" in installed:
    wrong.append("kubernetes is installed, but Jobs never import it")
if wrong:
    sys.exit("\n".join(wrong))
print(f"lock: {count} locked packages at their locked versions; no kubernetes client")
PY
    fail "the image's packages differ from requirements/runtime.txt"

  local bin port
  bin="$(host_python)"

  log "1/3 htctl run (tiny, until $UNTIL) into a host folder, no network"
  local store="$work/store"
  mkdir -p "$store"
  chown 10001:10001 "$store"
  run_job local --network none -v "$store:/store:rw" \
    "$IMAGE" run "$BOT" --source archive:/data/sample-archive --base-model tiny \
    --store /store --until "$UNTIL" || fail "htctl run into the host folder"
  check_local_bot "$store/$BOT"

  log "2/3 htctl run (tiny, until $UNTIL) into moto S3 on the host network"
  port=$(free_port "$bin")
  "$bin/moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
  moto_pid=$!
  export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=smoke \
    AWS_SECRET_ACCESS_KEY=smoke AWS_DEFAULT_REGION=us-east-1
  for _ in $(seq 50); do
    "$bin/python" -c "import boto3; boto3.client('s3').create_bucket(Bucket='$BUCKET')" \
      2>/dev/null && break
    sleep 0.2
  done
  s3_env=(-e AWS_ENDPOINT_URL -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_DEFAULT_REGION)
  run_job s3 --network host "${s3_env[@]}" \
    "$IMAGE" run "$BOT" --source archive:/data/sample-archive --base-model tiny \
    --store "s3://$BUCKET/bots" --until "$UNTIL" || fail "htctl run into S3"
  if [[ "$UNTIL" == prepare ]]; then
    s3_has "$bin" "bots/$BOT/dataset/stats.json" || fail "no dataset/stats.json in S3"
    log "3/3 htctl generate skipped: SMOKE_UNTIL=prepare"
  else
    s3_has "$bin" "bots/$BOT/manifest.json" || fail "no manifest.json in S3"
    log "3/3 htctl generate from the S3 store"
    local samples
    samples=$(run_job generate --network host "${s3_env[@]}" \
      "$IMAGE" generate "$BOT" "My dream is" -n 3 --seed 1 --store "s3://$BUCKET/bots") ||
      fail "htctl generate"
    printf '%s\n' "$samples"
    [[ $(grep -c . <<<"$samples") -eq 3 ]] || fail "htctl generate printed no 3 samples"
  fi

  log "passed"
  printf 'image          %s (user %s)\n' "$IMAGE" "$user"
  printf 'base           %s\n' "$base"
  printf 'build seconds  %s\n' "$build_s"
  printf 'image size     %s MB (base %s MB, added %s MB)\n' \
    $((size / 1000000)) $((base_size / 1000000)) $(((size - base_size) / 1000000))
  "${podman[@]}" history --format '{{.Size}}\t{{.CreatedBy}}' "$IMAGE" |
    head -n 20 | cut -c1-110
}

main "$@"

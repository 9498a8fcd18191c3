"""The Helm chart in tests: the real helm binary, `helm template`, and the values and bots that
the chart tests and the serve chart tests share."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
CHART = ROOT / "charts" / "huggingtweets"
BOTS = [
    "karpathy",
    "elonmusk+Karpathy",
    "@_under_score",
    "a_b",
    "a+b",
    "ABCDEFGHIJKLMNO+abcdefghijklmnp+zzzzzzzzzzzzzzz+yyyyyyyyyyyyyyy",
    "x:dril, bsky:alice.bsky.social",
    "mastodon:Bob@example.social",
    "archive:ab=/data/$(AWS_SECRET_ACCESS_KEY).zip",
]


def helm_binary() -> str:
    found = shutil.which("helm") or shutil.which("helm", path=str(ROOT / ".tools" / "bin"))
    if not found:
        pytest.fail("helm is not installed: run scripts/install-tools.sh (CI does)")
    return found


def helm(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "HELM_CACHE_HOME": "/tmp/helm-cache", "HELM_CONFIG_HOME": "/tmp/helm-cfg"}
    out = subprocess.run(
        [helm_binary(), *args], capture_output=True, text=True, env=env, timeout=120
    )
    if check:
        assert out.returncode == 0, out.stderr
    return out


def template(*args: str) -> list[dict]:
    out = helm("template", "bots", str(CHART), "--namespace", "default", *args)
    return [d for d in yaml.safe_load_all(out.stdout) if d]


def configmap_settings(values: dict, tmp_path: Path) -> dict:
    """The settings.yaml of the ConfigMap the chart renders from ``values``, read back as htctl
    reads a config file."""
    from job.settings import read_config_file

    values_file = tmp_path / "values.yaml"
    values_file.write_text(yaml.safe_dump(values))
    cm = next(d for d in template("-f", str(values_file)) if d["kind"] == "ConfigMap")
    settings_file = tmp_path / "settings.yaml"
    settings_file.write_text(cm["data"]["settings.yaml"])
    return read_config_file(settings_file)


VALUES = {
    "bots": BOTS,
    "store": "s3://bucket/prefix",
    "image": "registry.example/htctl:1.2.3",
    "baseModel": "s3://bucket/models/gpt2",
    "gpusPerJob": 1,
    "cpu": "6",
    "memory": "48Gi",
    "shmSize": "16Gi",
    "tmpSize": "2Gi",
    "cacheSize": "8Gi",
    "ephemeralStorage": "10Gi",
    "s3Secret": "s3-creds",
    "xSecret": "x-creds",
    "xSecretKey": "token",
    "envSecrets": ["hub-token", "wandb.key"],
    "env": {
        "AWS_DEFAULT_REGION": "eu-west-1",
        "HT_X_API_URL": "https://x.example",
        "HT_HUB_REPO": "myorg/{bot}",
        "GREETING": "costs $5, not $(AWS_SECRET_ACCESS_KEY)",
    },
    "nodeSelector": {"nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"},
    "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
    "affinity": {
        "nodeAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [
                    {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]}
                ]
            }
        }
    },
    "imagePullSecrets": [{"name": "regcred"}],
    "podLabels": {"team": "ml", "example.com/cost-center": "42"},
    "podAnnotations": {"example.com/owner": "ml team", "note": "$(not expanded)"},
    "gpuResource": "nvidia.com/mig-1g.10gb",
    "resources": {"requests": {"cpu": 8, "memory": "40Gi"}, "limits": {"cpu": "16"}},
    "runAsUser": 1000680000,
    "priorityClassName": "batch-low",
    "queueName": "gpu-queue",
    "serviceAccountName": "s3-reader",
    "activeDeadlineSeconds": 7200,
    "terminationGracePeriodSeconds": 900,
    "backoffLimit": 5,
    "ttlSecondsAfterFinished": 3600,
}

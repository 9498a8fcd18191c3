"""Cluster settings: one name everywhere (docs/kubernetes.md "Settings").

Every setting is a field of :class:`Settings` and has three spellings derived from one name:
the chart value ``gpusPerJob`` (camelCase, also the key in a ``--config`` YAML file, so a Helm
values.yaml works as a config file), the flag ``--gpus-per-job`` and the environment variable
``HT_GPUS_PER_JOB``. Precedence: flag > environment > config file > default.

Values given as text (flags, environment) are parsed by the field's type: integers, numbers,
booleans (true/false/1/0/yes/no) and, for maps and lists, YAML or JSON
(``--node-selector '{gpu: a100}'``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from job.errors import BadInput

DEFAULT_IMAGE = "ghcr.io/htctl/htctl:0.1.0"


def _doc(help_text: str, **kw: Any) -> dict[str, Any]:
    return {"help": help_text, **kw}


@dataclass(frozen=True)
class Settings:
    """What a Job needs to run one bot, and how htctl talks to the cluster."""

    store: str = field(
        default="", metadata=_doc("Required: the store every Job writes to, s3://bucket/prefix.")
    )
    image: str = field(default=DEFAULT_IMAGE, metadata=_doc("Job image (ENTRYPOINT htctl)."))
    imagePullPolicy: str = field(default="IfNotPresent", metadata=_doc("Image pull policy."))
    namespace: str = field(default="default", metadata=_doc("Namespace of the Jobs."))
    gpusPerJob: int = field(
        default=1, metadata=_doc("GPUs per Job; N > 1 trains under torchrun with N processes.")
    )
    baseModel: str = field(default="gpt2", metadata=_doc("Base model: hub id, store path or tiny."))
    s3Secret: str = field(
        default="",
        metadata=_doc("Secret loaded with envFrom: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ..."),
    )
    xSecret: str = field(
        default="", metadata=_doc("Secret holding the X bearer token (HT_X_BEARER_TOKEN).")
    )
    xSecretKey: str = field(
        default="HT_X_BEARER_TOKEN", metadata=_doc("Key of the token in xSecret.")
    )
    envSecrets: list = field(
        default_factory=list,
        metadata=_doc(
            "Secrets loaded whole with envFrom after s3Secret, for the optional destinations: "
            "HF_TOKEN, WANDB_API_KEY."
        ),
    )
    env: dict = field(
        default_factory=dict,
        metadata=_doc("Extra plain env for the Job (no secrets), e.g. {AWS_ENDPOINT_URL: ...}."),
    )
    cpu: str = field(default="4", metadata=_doc("CPU request per Job."))
    memory: str = field(default="32Gi", metadata=_doc("Memory request and limit per Job."))
    shmSize: str = field(default="8Gi", metadata=_doc("Size of /dev/shm (memory-backed)."))
    nodeSelector: dict = field(default_factory=dict, metadata=_doc("Pod nodeSelector (YAML)."))
    tolerations: list = field(default_factory=list, metadata=_doc("Pod tolerations (YAML)."))
    priorityClassName: str = field(default="", metadata=_doc("Pod priority class."))
    queueName: str = field(
        default="", metadata=_doc("Kueue LocalQueue (label kueue.x-k8s.io/queue-name).")
    )
    serviceAccountName: str = field(
        default="", metadata=_doc("Service account of the Job's pod (e.g. for IRSA S3 access).")
    )
    activeDeadlineSeconds: int = field(
        default=86400, metadata=_doc("Job deadline in seconds (0: none).")
    )
    terminationGracePeriodSeconds: int = field(
        default=600,
        metadata=_doc("Seconds a pod gets after SIGTERM to save and upload a checkpoint."),
    )
    backoffLimit: int = field(default=3, metadata=_doc("Retries of exit 4 and crashes."))
    ttlSecondsAfterFinished: int = field(
        default=604800, metadata=_doc("Seconds a finished Job is kept (-1: forever).")
    )
    refresh: bool = field(
        default=False, metadata=_doc("Jobs run `htctl refresh BOT` instead of `htctl run`.")
    )
    argoTemplate: str = field(
        default="huggingtweets", metadata=_doc("WorkflowTemplate that --via argo submits from.")
    )
    qps: float = field(default=20.0, metadata=_doc("htctl only: API requests per second."))
    burst: int = field(default=40, metadata=_doc("htctl only: API request burst."))
    concurrency: int = field(default=8, metadata=_doc("htctl only: parallel API requests."))
    kubeContext: str = field(default="", metadata=_doc("htctl only: kubeconfig context."))


FIELDS = {f.name: f for f in fields(Settings)}


def flag_name(name: str) -> str:
    """``gpusPerJob`` -> ``--gpus-per-job``."""
    return "--" + re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def env_name(name: str) -> str:
    """``gpusPerJob`` -> ``HT_GPUS_PER_JOB``."""
    return "HT_" + re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def field_type(name: str) -> type:
    default = Settings()
    return type(getattr(default, name))


def parse_value(name: str, value: Any, origin: str) -> Any:
    """Coerce ``value`` (text from a flag or env, or YAML from a file) to the field's type."""
    kind = field_type(name)
    try:
        if kind is bool:
            return _parse_bool(value)
        if kind in (int, float):
            if isinstance(value, bool) or not re.fullmatch(r"-?\d+(\.\d+)?", str(value).strip()):
                raise ValueError("a whole number" if kind is int else "a number")
            return kind(float(value)) if kind is float else int(str(value).strip())
        if kind in (dict, list):
            parsed = yaml.safe_load(value) if isinstance(value, str) else value
            if parsed is None:
                parsed = kind()
            if not isinstance(parsed, kind):
                raise ValueError(f"a {'map' if kind is dict else 'list'} (YAML or JSON)")
            return parsed
        if isinstance(value, dict | list):
            raise ValueError("text")
        return "" if value is None else str(value)
    except (ValueError, TypeError, yaml.YAMLError) as err:
        raise BadInput(f"invalid {origin} value {value!r}: expected {err}") from None


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("true or false")


def read_config_file(path: str | Path) -> dict[str, Any]:
    """A YAML file with the chart's camelCase keys; keys that are not settings are ignored, so
    a Helm values.yaml (with bots:, argo: ...) is a valid config file."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"config file not found: {p}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise BadInput(f"cannot read config file {p}: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadInput(f"config file {p} must be a YAML map of settings")
    return {k: parse_value(k, v, f"{p}: {k}") for k, v in data.items() if k in FIELDS}


def load_settings(
    flags: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    config_file: str | Path | None = None,
) -> Settings:
    """Merge defaults < config file < environment (``HT_*``) < flags (None means not given)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    config_file = config_file or environ.get("HT_CONFIG") or None
    if config_file:
        values.update(read_config_file(config_file))
    for name in FIELDS:
        key = env_name(name)
        if key in environ:
            values[name] = parse_value(name, environ[key], key)
    for name, value in (flags or {}).items():
        if value is not None:
            values[name] = parse_value(name, value, flag_name(name))
    settings = replace(Settings(), **values)
    validate(settings)
    return settings


# A Secret's name: a DNS-1123 subdomain.
SECRET_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def _check_secret_names(setting: str, names: list) -> None:
    """Each item must name a Secret; the message shows the first that does not."""
    for name in names:
        if not (isinstance(name, str) and len(name) <= 253 and SECRET_NAME.fullmatch(name)):
            raise BadInput(
                f"invalid settings: {setting} item {name!r} is not a Secret name "
                "(lower-case letters, digits, '-' and '.', at most 253 characters)"
            )


def validate(s: Settings) -> None:
    checks = [
        (s.gpusPerJob >= 0, "gpusPerJob must be 0 or more"),
        (s.backoffLimit >= 0, "backoffLimit must be 0 or more"),
        (s.activeDeadlineSeconds >= 0, "activeDeadlineSeconds must be 0 (none) or more"),
        (s.terminationGracePeriodSeconds >= 0, "terminationGracePeriodSeconds must be 0 or more"),
        (s.ttlSecondsAfterFinished >= -1, "ttlSecondsAfterFinished must be -1 (keep) or more"),
        (s.qps > 0 and s.burst >= 1, "qps must be positive and burst at least 1"),
        (s.concurrency >= 1, "concurrency must be at least 1"),
        (bool(s.image), "image must be set"),
        (bool(re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", s.namespace)), "invalid namespace"),
        (s.imagePullPolicy in ("Always", "IfNotPresent", "Never"), "invalid imagePullPolicy"),
        (all(isinstance(v, str) for v in s.env.values()), "env values must be strings"),
        (all(isinstance(t, dict) for t in s.tolerations), "tolerations must be maps"),
    ]
    for ok, message in checks:
        if not ok:
            raise BadInput(f"invalid settings: {message}")
    _check_secret_names("envSecrets", s.envSecrets)


def require_store(s: Settings) -> str:
    """Jobs run in pods with a read-only root: they need a shared store such as S3."""
    if not s.store:
        raise BadInput("no store set: give --store s3://bucket/prefix (or HT_STORE, or store:)")
    return s.store


def settings_table() -> list[tuple[str, str, str, str, str]]:
    """(chart value, flag, env, default, help) for every setting: the README table."""
    default = Settings()
    rows = []
    for name, f in FIELDS.items():
        value = getattr(default, name)
        shown = repr(value) if not isinstance(value, str) else (value or '""')
        rows.append((name, flag_name(name), env_name(name), shown, f.metadata["help"]))
    return rows

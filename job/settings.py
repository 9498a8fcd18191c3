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

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from job import config
from job.errors import BadInput
from job.settings_checks import validate
from job.settings_model import (  # noqa: F401 - job.settings is where callers find them
    DEFAULT_GPU_RESOURCE,
    DEFAULT_IMAGE,
    DEFAULT_RUN_AS,
    FIELDS,
    PROJECT_URL,
    Settings,
)


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
    if FIELDS[name].metadata.get("nullable") and (
        value is None or str(value).strip().lower() in ("", "null", "none", "~")
    ):
        return None
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
    environ = config.environ() if environ is None else environ
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

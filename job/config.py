"""htctl's own settings from the process environment, read in one place.

Every ``HT_*`` variable (and the few third-party variables htctl decides on, such as ``RANK``)
is read through this module; nothing else in ``job/`` touches ``os.environ`` to make a
decision. Like httpx's ``trust_env``, there is one switch: ``environ()`` is the only reader, so
a test or an embedding program can hand a mapping of its own to :func:`use_environ`.

Values are checked when read: a bad value is a ``ConfigError`` (exit 3) whose one line names the
variable, before any work starts. Callers read a setting once, near the entry point, and pass
the value down; library functions take plain parameters.

Adding a setting: read it with one of the typed readers below (``text``, ``flag``, ``number``,
``whole``), in the module that owns the setting's default, and document it in the README.
Variables that only third-party libraries read (``OMP_NUM_THREADS``, ``WANDB_*``, ``HF_*``,
``AWS_*``, ``DS_ACCELERATOR``) are written to ``os.environ`` where the library needs them.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Mapping

from job.errors import ConfigError

log = logging.getLogger("htctl")

_ENVIRON: Mapping[str, str] | None = None
_WARNED: set[str] = set()  # deprecated names already warned about: one line per process

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def environ() -> Mapping[str, str]:
    """The environment htctl reads its settings from (the process's, unless replaced)."""
    return os.environ if _ENVIRON is None else _ENVIRON


def use_environ(mapping: Mapping[str, str] | None) -> None:
    """Read settings from ``mapping`` instead of the process environment (``None``: back)."""
    global _ENVIRON
    _ENVIRON = mapping


def text(name: str, default: str | None = None) -> str | None:
    """The variable's value, stripped; ``default`` when unset or blank."""
    raw = environ().get(name, "").strip()
    return raw or default


def is_set(name: str) -> bool:
    return name in environ()


def flag(name: str, default: bool = False) -> bool:
    """1/true/yes/on or 0/false/no/off (any case); anything else is a ConfigError."""
    raw = environ().get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} must be 1 or 0")


def number(
    name: str,
    default: float,
    minimum: float = 0,
    maximum: float = math.inf,
    whole: bool = False,
) -> float:
    """A finite number within bounds; ``nan``/``inf`` parse as floats but are never sane."""
    raw = environ().get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        kind = "whole number" if whole else "number"
        raise ConfigError(f"{name}={raw!r} is not a {kind}") from None
    if not math.isfinite(value):
        raise ConfigError(f"{name}={raw!r} is not a finite number")
    if whole and not value.is_integer():
        raise ConfigError(f"{name}={raw!r} is not a whole number")
    if value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum:g}")
    if value > maximum:
        raise ConfigError(f"{name}={raw!r} must be at most {maximum:g}")
    return value


def whole(name: str, default: int, minimum: int = 0, maximum: float = math.inf) -> int:
    """A whole number within bounds (``3``, ``3.0``; not ``3.5``)."""
    return int(number(name, default, minimum=minimum, maximum=maximum, whole=True))


def renamed(new: str, old: str) -> str | None:
    """``new``'s value, else the deprecated ``old``'s with a one-line warning."""
    value = text(new)
    if value is not None:
        return value
    value = text(old)
    if value is not None and old not in _WARNED:
        _WARNED.add(old)
        log.warning("%s is deprecated: set %s instead", old, new)
    return value

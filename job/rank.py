"""Which process of a torchrun launch this is, read once from the environment torchrun sets.

``Rank.from_env()`` is the one reader of ``RANK``, ``WORLD_SIZE`` and ``LOCAL_RANK``: a
command reads it at its entry and passes the value down (``RunOptions.rank``), so the pipeline,
training, refresh and the lease agree on one answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from job import config
from job.errors import ConfigError


@dataclass(frozen=True)
class Rank:
    index: int = 0
    world_size: int = 1
    local_index: int = 0
    under_torchrun: bool = False  # torchrun started this process (it sets RANK)

    @classmethod
    def from_env(cls) -> Rank:
        """This process's rank; ``Rank()`` (one process, not launched) outside torchrun."""
        if not config.is_set("RANK"):
            return cls()
        return cls(
            index=_whole("RANK", 0),
            world_size=_whole("WORLD_SIZE", 1, minimum=1),
            local_index=_whole("LOCAL_RANK", 0),
            under_torchrun=True,
        )

    @property
    def is_primary(self) -> bool:
        """Rank 0: the one that scrapes, prepares, publishes and promotes; the others train."""
        return self.index == 0


def _whole(name: str, default: int, minimum: int = 0) -> int:
    raw = config.text(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a process rank") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw!r} is not a process rank")
    return value

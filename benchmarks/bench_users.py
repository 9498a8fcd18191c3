"""The users.txt the benchmarks feed to htctl: ``n`` bots with handles of every shape."""

from __future__ import annotations


def users(n: int) -> str:
    # handles of every shape: 15 characters, underscores, case, multi-handle bots
    lines = []
    for i in range(n):
        if i % 10 == 0:
            lines.append(f"Bench_{i:06d}+other_{i:06d}")
        else:
            lines.append(f"bench_user_{i:04d}"[:15] if i < 10000 else f"b{i}")
    return "\n".join(lines) + "\n"

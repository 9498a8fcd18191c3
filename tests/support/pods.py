"""What every pod htctl renders must hold, the Jobs' and the serve Deployment's alike."""

from __future__ import annotations


def assert_hardened(pod: dict, container: dict) -> None:
    """Non-root with the runtime's seccomp profile; no privilege escalation, a read-only root
    and no capabilities in the container."""
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "runAsNonRoot": True,
        "capabilities": {"drop": ["ALL"]},
    }

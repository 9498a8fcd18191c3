"""Kubernetes fixtures (a pytest plugin): a fresh API server on loopback and a kubeconfig."""

from __future__ import annotations

import pytest


@pytest.fixture
def kube():
    """A fresh Kubernetes API on loopback with namespace "default"."""
    from tests.servers.kube import KubeServer  # kmock loads only for the tests that use it

    with KubeServer() as server:
        yield server


@pytest.fixture
def kube_env(kube, tmp_path):
    """Environment for htctl in a subprocess: a kubeconfig pointing at ``kube``."""
    return {"KUBECONFIG": str(kube.write_kubeconfig(tmp_path / "kubeconfig"))}


@pytest.fixture
def cluster(kube, tmp_path):
    """Bots in every state, and a local store where only 'succeeded' is complete."""
    from tests.support.kube_cluster import build_cluster

    return build_cluster(kube, tmp_path)

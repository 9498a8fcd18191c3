"""The suite's settings: no real service reachable, and the fixture plugins.

Helpers live in tests/support/ (import them from there), fixtures in its ``*_fixtures.py``
plugins below, and every fake server (S3 proxies, X, Bluesky, Mastodon, the Hub, Kubernetes) in
tests/servers/.
"""

from __future__ import annotations

import os

# Tests never reach a real service: no credentials or endpoints leak in from the environment.
for _var in ("AWS_PROFILE", "HT_STORE", "HT_X_BEARER_TOKEN"):
    os.environ.pop(_var, None)
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("WANDB_MODE", "disabled")
# The fake APIs name avatars on real hosts (pbs.twimg.com ...): scrape fetches none unless a
# test turns it on (tests/test_avatar.py, against a local server).
os.environ["HT_AVATARS"] = "0"

pytest_plugins = [
    "tests.support.store_fixtures",
    "tests.support.cli_fixtures",
    "tests.support.kube_fixtures",
]

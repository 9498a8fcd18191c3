"""``--json``: stdout carries the JSON document and nothing else.

While a ``--json`` command works, file descriptor 1 points at stderr, so log lines, library
prints and even a compiler's output (DeepSpeed builds an op on first use) land on stderr; the
JSON is written to the real stdout at the end. A script can ``json.loads`` stdout as it is.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def stdout_for_json(enabled: bool) -> Iterator[None]:
    """Inside: everything written to stdout (Python or C) goes to stderr; outside: restored."""
    if not enabled:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    handlers = logging.getLogger("htctl").handlers
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        for handler in handlers:  # log_to_stdout may have run: logs stay on stderr after
            if isinstance(handler, logging.StreamHandler) and handler.stream is sys.stdout:
                handler.setStream(sys.stderr)


def echo_json(text: str) -> None:
    """The document, on the real stdout (after stdout_for_json has given fd 1 back)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()

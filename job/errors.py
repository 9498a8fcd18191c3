"""The error hierarchy: every expected failure is an HTError that carries its exit code.

The CLI turns an HTError into one line on stderr and ``sys.exit(err.exit_code)``; anything
else is a bug and keeps its traceback. Exit codes follow docs/exit-codes.md:

    2  bad input (retrying cannot help)
    3  configuration or permission
    4  transient failure that outlived its retries
"""

from __future__ import annotations


class HTError(Exception):
    """Base of every expected htctl failure."""

    exit_code = 1


class BadInput(HTError):
    """Usage, invalid handle, missing or corrupt input, unknown user, not enough data."""

    exit_code = 2


class InvalidHandle(BadInput):
    pass


class UnknownUser(BadInput):
    pass


class NotEnoughData(BadInput):
    pass


class ConfigError(HTError):
    """Missing token, 401/403, S3 access denied or missing bucket."""

    exit_code = 3


class TransientError(HTError):
    """Rate limit wait too long, 5xx or network errors after retries."""

    exit_code = 4


EXIT_OK = 0
EXIT_BAD_INPUT = BadInput.exit_code
EXIT_CONFIG = ConfigError.exit_code
EXIT_TRANSIENT = TransientError.exit_code


class Preempted(HTError):
    """SIGTERM (eviction, preemption) stopped training after a checkpoint went to the store.

    128 + SIGTERM, what a shell reports for a process killed by SIGTERM: the Job retries and
    the next run resumes from the checkpoint.
    """

    exit_code = 143


class LeaseHeld(TransientError):
    """Another writer holds the bot's lease (job.lease): retry later (a Job retries exit 4)."""


class LeaseLost(TransientError):
    """This run's lease expired and another writer took it over: stop before writing more."""


class Terminated(HTError):
    """SIGTERM outside training: the run stopped (its lease released); a rerun continues.

    128 + SIGTERM, as for Preempted.
    """

    exit_code = 143


class UnknownBot(BadInput):
    """No published bot of that name: no folder, or no manifest.json yet (incomplete)."""

"""The error hierarchy: every expected failure is an HTError that carries its exit code.

The CLI turns an HTError into one line on stderr and ``sys.exit(err.exit_code)``; anything
else is a bug and keeps its traceback (exit 1). Exit codes follow docs/exit-codes.md. Every
error class htctl raises is defined here, so this tree is the whole list:

    HTError                     1 (the base; never raised itself)
    + BadInput                  2  retrying cannot help
    | + InvalidHandle              a handle or bot that does not parse
    | + UnknownUser                the source has no such account
    | + NotEnoughData              data rule 6 (docs/data-rules.md)
    | + UnknownBot                 no published bot of that name
    | + CorruptManifest            a manifest htctl did not write (corrupt or hostile store)
    | + UnexpectedAnswer           an API answered, but not with what it documents
    + ConfigError               3  configuration or permission
    | + InsecureTransport          plain http:// to a remote host without the opt-in
    + TransientError            4  a retry (a rerun, a retried Job) may cure it
    | + LeaseHeld                  another writer holds the bot's lease
    | + LeaseLost                  this run's lease was taken over
    | + StaleManifest              the store changed while being read (a refresh landed)
    | + AlreadyExists              a Kubernetes object was created meanwhile by someone else
    + Preempted               143  SIGTERM in training, after a checkpoint went to the store
    + Terminated              143  SIGTERM outside training (the lease released)
    + RanksFailed             the first failed rank's code (training under torchrun)

A new class subclasses BadInput, ConfigError or TransientError (its code follows from what it
means) and goes at the end of this file.
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


class CorruptManifest(BadInput):
    """A manifest that is not what htctl writes: the store is corrupt (or hostile)."""


class StaleManifest(TransientError):
    """A file no longer matches the manifest that was read: the bot changed meanwhile.

    Exit 4: the store kept changing while being read (a refresh switched the bot); reading
    again later gets a consistent bot.
    """


class UnexpectedAnswer(BadInput):
    """An API answered, but not with what it documents: wrong shape, too large, too deep.

    Exit 2: the same request would get the same answer, so a retried Job cannot help.
    """

    def __init__(self, service: str, detail: str):
        super().__init__(f"unexpected answer from {service}: {detail}")


class InsecureTransport(ConfigError):
    """Plain http:// to a host that is not loopback, without the opt-in (exit 3)."""


class AlreadyExists(TransientError):
    """Kubernetes answered 409 to a create: another launch created the object meanwhile.

    ``htctl launch`` reports the Job as skipped; were it to escape, a rerun skips the Job.
    """


class RanksFailed(HTError):
    """Training under torchrun failed; the exit code is the first failed rank's."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code

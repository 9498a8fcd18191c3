"""The per-bot lease: one writer of a bot in a store at a time.

Every command that writes a bot (``htctl run``'s stages, ``htctl refresh``) holds the bot's
lease, the object ``<bot>/.lease.json`` (job.layout), from before its first write to after its
last, so two writers (a local run beside a Job, a Job beside an Argo step, two relaunches)
never interleave. Readers (``generate``, ``status``) never need it.

- Acquire: the lease object is created only if absent (S3 ``If-None-Match: *``; a local store
  links a complete file into place, which fails when the name exists). Of two writers racing
  for a free bot, exactly one creates it.
- Expiry: the lease names its holder (host, PID namespace, pid, a random token) and when it
  expires: ``HT_LEASE_TTL`` seconds (default 300) after the last renewal. A heartbeat thread
  renews it every TTL/5 while the holder works, so a long training keeps it, and a killed
  holder's lease runs out. A renewal replaces the lease only if it is still the version this
  holder wrote (S3 ``If-Match`` on its ETag; locally under an flock), so a holder whose lease
  was taken over (it stalled past the expiry) finds out and stops before its next stage.
- Takeover: an expired lease, an unreadable one, or one whose holder is a process of this host
  and PID namespace that no longer exists (a local run killed with SIGKILL), is replaced only
  if it is still the version that was read (``If-Match``): of two writers, exactly one wins.
- A second writer polls for up to ``HT_LEASE_WAIT`` seconds (default: the TTL, as long as a
  killed writer's lease can last, so the retry of an OOM-killed Job proceeds), then fails with
  LeaseHeld: exit 4, one line naming the holder; a Job retries it with backoff. It never
  writes before it holds the lease.
- Release: the lease is deleted, only if it is still ours (``If-Match``), on success, on error
  and on SIGTERM (outside training SIGTERM becomes Terminated, exit 143; training turns it into
  a checkpoint and Preempted).
- torchrun: the launching process holds the lease and gives its token to the ranks
  (``HT_LEASE_OWNER``); a rank checks that the lease is still its launcher's and works under
  it. Under a torchrun started by hand, rank 0 holds it and the other ranks only train.
- In one thread the lease is re-entrant: refresh holds it, and the pipeline it runs in a
  staging view of the store joins it.

Expiry compares the holder's clock with the next writer's: clocks seconds apart do not matter
against a TTL of minutes.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import secrets
import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from job import config, layout
from job.errors import LeaseHeld, LeaseLost, Terminated
from job.rank import Rank
from job.store import Store

log = logging.getLogger("htctl")

TTL_ENV = "HT_LEASE_TTL"
WAIT_ENV = "HT_LEASE_WAIT"
OWNER_ENV = "HT_LEASE_OWNER"  # the launcher's lease token, for its torchrun ranks
DEFAULT_TTL = 300.0
MIN_TTL = 1.0
RENEWALS_PER_TTL = 5
POLL_SECONDS = 3.0
MAX_LEASE_BYTES = 4096  # a lease is about 250 bytes; anything bigger is not one of ours
ATTEMPTS = 5  # rounds of create / read / take over before giving up on a lease in flux


def _here() -> tuple[str, str]:
    """This host's name and PID namespace (Linux; "" elsewhere, where pids are not compared)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    return socket.gethostname(), namespace


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _epoch(text: object) -> float:
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _printable(text: str, limit: int = 64) -> str:
    """Text from the store, safe for the one error line: no control characters, bounded."""
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


@dataclass(frozen=True)
class Holder:
    """What a lease object says: whose it is and until when."""

    bot: str
    host: str
    pid: int
    token: str
    acquired_at: float
    expires_at: float
    pid_namespace: str = ""  # with host: where pid means this process (containers share hosts)

    def to_bytes(self) -> bytes:
        value = {
            "bot": self.bot,
            "owner": {
                "host": self.host,
                "pid": self.pid,
                "pid_namespace": self.pid_namespace,
                "token": self.token,
            },
            "acquired_at": _iso(self.acquired_at),
            "expires_at": _iso(self.expires_at),
        }
        return (json.dumps(value, indent=2) + "\n").encode()

    @classmethod
    def parse(cls, data: bytes) -> Holder | None:
        """The holder, or None for anything htctl did not write (corrupt, oversized, hostile)."""
        if len(data) > MAX_LEASE_BYTES:
            return None
        try:
            value = json.loads(data)
            owner = value["owner"]
            return cls(
                bot=str(value["bot"]),
                host=str(owner["host"]),
                pid=int(owner["pid"]),
                token=str(owner["token"]),
                acquired_at=_epoch(value["acquired_at"]),
                expires_at=_epoch(value["expires_at"]),
                pid_namespace=str(owner.get("pid_namespace", "")),
            )
        except (ValueError, KeyError, TypeError, OverflowError, RecursionError):
            return None

    def is_live(self, now: float) -> bool:
        """Not expired, and not a holder that is known dead: a process of this host and PID
        namespace that no longer exists (a local run killed with SIGKILL) holds nothing."""
        if self.expires_at <= now:
            return False
        if not self.pid_namespace or (self.host, self.pid_namespace) != _here():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # exists, owned by someone else
            return True
        return True

    def describe(self) -> str:
        """For the error line: never the token (it would let a reader pose as the holder)."""
        return (
            f"host {_printable(self.host)}, pid {self.pid}, since {_iso(self.acquired_at)}, "
            f"expires {_iso(self.expires_at)}"
        )


class Lease:
    """One bot's lease in one store, as this process holds it.

    ``role`` is "owner" (acquired here: renewed and released here), "joined" (a torchrun rank
    working under its launcher's lease) or "none" (a rank > 0 of a torchrun started by hand,
    which only trains while rank 0 holds the lease).
    """

    def __init__(
        self,
        store: Store,
        bot: str,
        ttl: float = DEFAULT_TTL,
        *,
        role: str = "owner",
        token: str | None = None,
    ):
        self.store = store
        self.bot = bot
        self.ttl = ttl
        self.role = role
        self.key = layout.lease(bot)
        self.token = token or secrets.token_hex(16)
        self._holder: Holder | None = None
        self._tag: str | None = None  # the version of the lease object this process wrote last
        self._lost: str | None = None  # who took the lease over, once a renewal found out
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    @property
    def where(self) -> str:
        return f"{self.store.uri.rstrip('/')}/{self.key}"

    @property
    def held(self) -> bool:
        return self._tag is not None and self._lost is None

    def _mine(self) -> Holder:
        now = time.time()
        host, namespace = _here()
        return Holder(self.bot, host, os.getpid(), self.token, now, now + self.ttl, namespace)

    def read(self) -> tuple[Holder | None, str] | None:
        """The lease object as stored: (holder or None when unreadable, tag); None when absent."""
        try:
            data, tag = self.store.read_tagged(self.key, MAX_LEASE_BYTES)
        except FileNotFoundError:
            return None
        holder = Holder.parse(data)
        if holder is not None and holder.bot != self.bot:
            holder = None  # a lease copied from another bot is not this bot's
        return holder, tag

    def _take(self, holder: Holder, tag: str) -> None:
        self._holder, self._tag = holder, tag

    def try_acquire(self) -> Holder | None:
        """Take the lease when it is free or expired: None when this process holds it now,
        else the live holder. Does not wait and starts no heartbeat."""
        for _ in range(ATTEMPTS):
            mine = self._mine()
            tag = self.store.create_if_absent(self.key, mine.to_bytes())
            if tag is not None:
                self._take(mine, tag)
                return None
            current = self.read()
            if current is None:
                continue  # released between the two calls: try to create it again
            holder, tag = current
            if holder is not None and holder.token == self.token:
                # Ours: a retried request met the lease its first try had written.
                self._take(holder, tag)
                return None
            if holder is not None and holder.is_live(time.time()):
                return holder
            # Expired, dead or unreadable: replace exactly the version read. If another writer
            # took it over (or it was released) first, the condition fails: look again.
            tag = self.store.replace_if_match(self.key, mine.to_bytes(), tag)
            if tag is not None:
                was = holder.describe() if holder else "an unreadable lease"
                log.warning("%s: took over the stale lease %s (%s)", self.bot, self.where, was)
                self._take(mine, tag)
                return None
        raise LeaseHeld(f"bot {self.bot}: its lease {self.where} kept changing hands; retry later")

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lease, polling for up to ``wait`` seconds; LeaseHeld if it stays held.
        Then renew it in the background until release()."""
        deadline = time.monotonic() + wait
        announced = False
        while (holder := self.try_acquire()) is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                waited = f" after waiting {wait:g} s" if wait > 0 else ""
                raise LeaseHeld(
                    f"bot {self.bot} is being written by another htctl ({holder.describe()}; "
                    f"lease {self.where}){waited}: retry later, or set {WAIT_ENV}=SECONDS to wait"
                )
            if not announced:
                log.info(
                    "%s: waiting up to %g s for the lease (%s)", self.bot, wait, holder.describe()
                )
                announced = True
            time.sleep(min(POLL_SECONDS, left))
        self._heartbeat = threading.Thread(target=self._beat, name=f"lease-{self.bot}", daemon=True)
        self._heartbeat.start()

    def _beat(self) -> None:
        interval = self.ttl / RENEWALS_PER_TTL
        while not self._stop.wait(interval):
            try:
                if not self.renew():
                    return
            except Exception as err:  # noqa: BLE001 - a store hiccup: the next beat tries again
                log.warning("%s: could not renew the lease %s: %s", self.bot, self.where, err)

    def renew(self) -> bool:
        """Push the expiry forward, only if the lease is still the version we wrote; False
        (and ensure_held() raises from now on) when another writer took it over."""
        with self._lock:
            if not self.held or self._holder is None:
                return False
            renewed = replace(self._holder, expires_at=time.time() + self.ttl)
            tag = self.store.replace_if_match(self.key, renewed.to_bytes(), self._tag or "")
            if tag is not None:
                self._take(renewed, tag)
                return True
            current = self.read()
            holder = current[0] if current else None
            if current is not None and holder is not None and holder.token == self.token:
                self._take(holder, current[1])  # our write went through, its answer was lost
                return True
            self._lost = holder.describe() if holder else "nobody (the lease was deleted)"
            log.error("%s: lost the lease %s to %s", self.bot, self.where, self._lost)
            return False

    def ensure_held(self) -> None:
        """Before each stage: renew the lease now; LeaseLost when another writer took it over
        (this holder stalled past its expiry), so nothing more is written. A rank trusts its
        launcher (or rank 0), which renews."""
        if self.role != "owner":
            return
        if self._lost is None and self.renew():
            return
        raise LeaseLost(
            f"bot {self.bot}: this run's lease {self.where} expired and was taken over "
            f"({self._lost}); stopped before writing more ({TTL_ENV} is {self.ttl:g} s)"
        )

    def release(self) -> None:
        """Stop renewing and delete the lease if it is still ours. Never raises: a lease that
        cannot be deleted now expires on its own."""
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join()
        with self._lock:
            tag, self._tag = self._tag, None
            if tag is None or self._lost is not None:
                return
        try:
            if not self.store.delete_if_match(self.key, tag):
                log.warning("%s: the lease %s was no longer ours at release", self.bot, self.where)
        except Exception as err:  # noqa: BLE001 - the run's own outcome matters more
            expires = _iso(self._holder.expires_at) if self._holder else "soon"
            log.warning(
                "%s: could not release the lease %s (%s); it expires %s",
                self.bot,
                self.where,
                err,
                expires,
            )

    def child_env(self) -> dict[str, str]:
        """For the torchrun ranks this process launches: they work under this lease."""
        return {OWNER_ENV: self.token}

    @classmethod
    def join(cls, store: Store, bot: str, token: str) -> Lease:
        """A rank's view of its launcher's lease; LeaseLost when it is someone else's now."""
        lease = cls(store, bot, role="joined", token=token)
        current = lease.read()
        holder = current[0] if current else None
        if holder is None or holder.token != token:
            now = holder.describe() if holder else "no valid lease"
            raise LeaseLost(
                f"bot {bot}: the lease {lease.where} is no longer this launcher's ({now}); "
                "stopped before writing"
            )
        return lease


# The leases this thread holds, by bot: a nested hold() of the same bot joins the outer one.
_held: contextvars.ContextVar[dict[str, Lease]] = contextvars.ContextVar("htctl_leases")


def _open_lease(store: Store, bot: str, rank: Rank) -> tuple[Lease, float | None]:
    """The lease this process works under, and how long to wait for it (None: nothing to
    acquire, a rank works under its launcher's lease or rank 0's)."""
    if rank.under_torchrun:
        token = config.text(OWNER_ENV)
        if token:
            return Lease.join(store, bot, token), None
        if not rank.is_primary:
            return Lease(store, bot, role="none"), None
    ttl = config.number(TTL_ENV, DEFAULT_TTL, minimum=MIN_TTL)
    # By default a writer waits as long as a killed writer's lease can last: the retry of a
    # Job whose pod was OOM-killed proceeds, and a second live writer fails after that.
    return Lease(store, bot, ttl), config.number(WAIT_ENV, ttl)


@contextmanager
def hold(store: Store, bot: str, rank: Rank | None = None) -> Iterator[Lease]:
    """Hold ``bot``'s lease in ``store`` around a block that writes the bot (see the module
    doc). Released when the block ends, however it ends; SIGTERM ends it with Terminated.
    ``rank``: this process's torchrun rank (read from the environment when not given)."""
    held = _held.get({})
    if bot in held:
        yield held[bot]
        return
    lease, wait = _open_lease(store, bot, rank or Rank.from_env())
    previous = _on_sigterm_raise(bot)
    reset = _held.set({**held, bot: lease})
    try:
        if wait is not None:
            lease.acquire(wait)
        yield lease
    finally:
        _held.reset(reset)
        _release(lease, previous)


def _on_sigterm_raise(bot: str):
    """SIGTERM (Kubernetes eviction, deletion) raises Terminated here, so the lease is released
    on the way out; training installs its own handler (a checkpoint first) around its loop.
    Returns the handler to put back, or None off the main thread (signals reach only that)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: unwinding must not be cut short
        raise Terminated(
            f"{bot}: stopped by SIGTERM (the bot's lease is released); a rerun continues from "
            "the last finished stage"
        )

    return signal.signal(signal.SIGTERM, stop)


def _release(lease: Lease, previous) -> None:
    """Release an owned lease with SIGTERM held off (the process is finishing anyway), then
    put the earlier SIGTERM handler back."""
    if previous is not None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        if lease.role == "owner":
            lease.release()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)

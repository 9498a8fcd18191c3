"""The per-bot lease (job.lease): two writers of one bot in one store never interleave.

Each case is real: a lease held by this test process (or a lease object written as another
holder, a dead one or a hostile one would leave it), then the real CLI as the second writer
against a local folder and against moto's S3 server. Races run real threads against the real
conditional writes: link(2) and flock on a local folder, ``If-None-Match``/``If-Match`` on S3.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from job import layout
from job.bots import parse_bot
from job.errors import LeaseHeld, LeaseLost
from job.lease import OWNER_ENV, Holder, Lease, hold
from job.options import RunOptions
from job.pipeline import run
from job.sources import bind_sources
from job.store import open_store
from tests.servers.stalling import StallingX
from tests.support.archives import synthetic_posts
from tests.support.cli import ROOT, assert_one_error_line
from tests.support.publishing import BOT as PUBLISHED
from tests.support.publishing import make_trained_bot, publish_bot
from tests.support.stores import PREPARE_KEYS, store_snapshot
from tests.support.training import BOT as SAMPLE_BOT
from tests.support.training import sigterm_during_training, tiny_run_args

BOT = "alice"
LEASE = layout.lease(BOT)
NO_WAIT = {"HT_LEASE_WAIT": "0"}


@pytest.fixture
def alice_archive(make_archive):
    return make_archive(synthetic_posts(150, seed=1), form="zip", username="alice")


def writer(htctl, store_uri, archive, *extra, command="run", env=None):
    """The second writer: ``htctl run|refresh alice`` up to prepare (no training)."""
    args = [command, BOT, "--source", f"archive:{archive}", "--until", "prepare"]
    return htctl(*args, "--store", store_uri, *extra, env=env)


@pytest.fixture
def held(store_uri):
    """This test process holds alice's lease (renewed by its heartbeat) during the test."""
    lease = Lease(open_store(store_uri), BOT, ttl=60)
    lease.acquire(0)
    yield lease
    lease.release()


def write_lease(store_uri: str, **fields) -> bytes:
    """A lease object as another holder left it; ``raw`` replaces the whole content."""
    if "raw" in fields:
        data = fields["raw"]
    else:
        now = time.time()
        holder = {
            "bot": BOT,
            "host": "other-pod",
            "pid": 4242,
            "token": "f" * 32,
            "acquired_at": now - 60,
            "expires_at": now + 600,
        } | fields
        data = Holder(**holder).to_bytes()
    open_store(store_uri).write_bytes(LEASE, data)
    return data


def lease_exists(store_uri: str) -> bool:
    return open_store(store_uri).exists(LEASE)


# --- a second writer while the lease is held ----------------------------------------------------


def test_a_second_run_fails_with_exit_4_naming_the_holder_and_leaves_the_store_alone(
    htctl, store_uri, alice_archive, held
):
    before = store_snapshot(store_uri)
    assert set(before) == {LEASE}
    result = writer(htctl, store_uri, alice_archive, env=NO_WAIT)
    error = assert_one_error_line(
        result, 4, "bot alice is being written by another htctl", socket.gethostname()[:64]
    )
    assert f"pid {os.getpid()}" in error
    assert LEASE in error and "HT_LEASE_WAIT" in error
    assert held.token not in error  # the token would let anyone pose as the holder
    assert store_snapshot(store_uri) == before  # not a byte written, the lease untouched


def test_a_second_run_with_force_is_refused_just_the_same(
    htctl, local_store_uri, alice_archive, make_archive
):
    assert writer(htctl, local_store_uri, alice_archive).returncode == 0
    lease = Lease(open_store(local_store_uri), BOT, ttl=60)
    lease.acquire(0)
    try:
        before = store_snapshot(local_store_uri)
        other = make_archive(synthetic_posts(150, seed=9), form="zip", username="alice")
        result = writer(htctl, local_store_uri, other, "--force", env=NO_WAIT)
        assert_one_error_line(result, 4, "being written by another htctl")
        assert store_snapshot(local_store_uri) == before  # stats.json still vouches for run 1
    finally:
        lease.release()


def test_a_refresh_beside_a_run_is_refused(htctl, store_uri, alice_archive, held):
    before = store_snapshot(store_uri)
    result = writer(htctl, store_uri, alice_archive, command="refresh", env=NO_WAIT)
    assert_one_error_line(result, 4, "being written by another htctl", f"pid {os.getpid()}")
    assert store_snapshot(store_uri) == before


def test_a_second_writer_waits_for_the_lease_and_then_runs(
    local_store_uri, alice_archive, tmp_path
):
    """HT_LEASE_WAIT: it polls while the holder works and goes on once the lease is free."""
    lease = Lease(open_store(local_store_uri), BOT, ttl=60)
    lease.acquire(0)
    out = tmp_path / "waiter.log"
    args = ["run", BOT, "--source", f"archive:{alice_archive}", "--until", "prepare"]
    with out.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "job", *args, "--store", local_store_uri],
            stdout=log,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "HT_LEASE_WAIT": "120"},
        )
        try:
            wait_for(lambda: "waiting up to 120 s" in out.read_text(), proc, "the wait")
            assert set(store_snapshot(local_store_uri)) == {LEASE}  # it wrote nothing yet
            lease.release()
            _, stderr = proc.communicate(timeout=120)
        finally:
            lease.release()
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, stderr
    assert set(store_snapshot(local_store_uri)) == PREPARE_KEYS


def test_a_waiting_writer_gives_up_after_its_wait(htctl, store_uri, alice_archive, held):
    start = time.monotonic()
    result = writer(htctl, store_uri, alice_archive, env={"HT_LEASE_WAIT": "4"})
    assert time.monotonic() - start >= 4
    assert_one_error_line(result, 4, "being written by another htctl", "after waiting 4 s")


@pytest.mark.parametrize(
    ("name", "value"), [("HT_LEASE_WAIT", "soon"), ("HT_LEASE_TTL", "0"), ("HT_LEASE_WAIT", "-1")]
)
def test_bad_lease_settings_are_exit_3_before_anything_is_written(
    htctl, local_store_uri, alice_archive, name, value
):
    result = writer(htctl, local_store_uri, alice_archive, env={name: value})
    assert_one_error_line(result, 3, name)
    assert not Path(local_store_uri).exists()


# --- stale leases: expired, dead, unreadable -----------------------------------------------------


def test_an_expired_lease_is_taken_over(htctl, store_uri, alice_archive):
    now = time.time()
    write_lease(store_uri, acquired_at=now - 4000, expires_at=now - 5)
    result = writer(htctl, store_uri, alice_archive, env=NO_WAIT)
    assert result.returncode == 0, result.stderr
    assert "took over the stale lease" in result.stdout and "other-pod" in result.stdout
    assert set(store_snapshot(store_uri)) == PREPARE_KEYS  # and released at the end


def test_the_lease_of_a_killed_local_run_is_taken_over_at_once(
    htctl, local_store_uri, alice_archive
):
    """kill -9 leaves the lease; a rerun on the same host sees its holder is gone."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    here = os.readlink("/proc/self/ns/pid")
    write_lease(local_store_uri, host=socket.gethostname(), pid=dead.pid, pid_namespace=here)
    result = writer(htctl, local_store_uri, alice_archive, env=NO_WAIT)
    assert result.returncode == 0, result.stderr
    assert set(store_snapshot(local_store_uri)) == PREPARE_KEYS


def test_a_lease_of_another_host_is_not_judged_by_its_pid(htctl, local_store_uri, alice_archive):
    """A pid means nothing on another host (another pod): only expiry frees its lease."""
    here = os.readlink("/proc/self/ns/pid")
    write_lease(local_store_uri, host="other-pod", pid=999_999, pid_namespace=here)
    result = writer(htctl, local_store_uri, alice_archive, env=NO_WAIT)
    assert_one_error_line(result, 4, "host other-pod, pid 999999")


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"bot": "alice"}', b"x" * 10_000, b"", b"[" * 4000],
    ids=["truncated", "list", "no-owner", "oversized", "empty", "deeply-nested"],
)
def test_an_unreadable_lease_is_taken_over(htctl, store_uri, alice_archive, content):
    write_lease(store_uri, raw=content)
    result = writer(htctl, store_uri, alice_archive, env=NO_WAIT)
    assert result.returncode == 0, result.stderr
    assert "took over the stale lease" in result.stdout and "unreadable" in result.stdout
    assert set(store_snapshot(store_uri)) == PREPARE_KEYS


def test_a_hostile_holder_name_cannot_forge_error_lines(htctl, local_store_uri, alice_archive):
    write_lease(local_store_uri, host="pod\nhtctl: error: all good\x1b[2J")
    result = writer(htctl, local_store_uri, alice_archive, env=NO_WAIT)
    error = assert_one_error_line(result, 4, "host pod?htctl: error: all good?[2J")
    assert "\x1b" not in error


def test_a_lease_copied_from_another_bot_is_not_this_bots(htctl, local_store_uri, alice_archive):
    write_lease(local_store_uri, bot="bob")
    result = writer(htctl, local_store_uri, alice_archive, env=NO_WAIT)
    assert result.returncode == 0, result.stderr


# --- release: on success, on failure, on SIGTERM ----------------------------------------------


def test_released_on_success(htctl, store_uri, alice_archive):
    result = writer(htctl, store_uri, alice_archive, env=NO_WAIT)
    assert result.returncode == 0, result.stderr
    assert set(store_snapshot(store_uri)) == PREPARE_KEYS
    assert writer(htctl, store_uri, alice_archive, env=NO_WAIT).returncode == 0  # free again


def test_released_on_bad_input_and_the_store_is_as_before(htctl, store_uri, tmp_path):
    bogus = tmp_path / "export.zip"
    bogus.write_bytes(b"PK\x03\x04 broken")
    result = writer(htctl, store_uri, bogus, env=NO_WAIT)
    assert_one_error_line(result, 2, "corrupt archive")
    assert store_snapshot(store_uri) == {}
    if not store_uri.startswith("s3://"):
        assert not Path(store_uri).exists()  # not even the folder the lease needed


def test_released_on_sigterm_outside_training(store_uri):
    """SIGTERM (Kubernetes deletes or evicts the pod) while scrape waits on the X API: exit
    143, one line, the lease released, nothing else written."""
    StallingX.arrived.clear()
    StallingX.done.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), StallingX)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        **NO_WAIT,
        "HT_X_API_URL": f"http://127.0.0.1:{server.server_port}",
        "HT_X_BEARER_TOKEN": "test-token",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "job", "run", BOT, "--until", "scrape", "--store", store_uri],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        assert StallingX.arrived.wait(120), "htctl never asked the X API"
        assert lease_exists(store_uri)  # held while scrape works
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        StallingX.done.set()
        server.shutdown()
        if proc.poll() is None:
            proc.kill()
    result = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    assert_one_error_line(result, 143, "stopped by SIGTERM", "lease is released")
    assert store_snapshot(store_uri) == {}


@pytest.mark.slow
def test_released_on_sigterm_during_training(sample_archive, local_store_uri, tmp_path):
    """Training turns SIGTERM into a checkpoint and exit 143; the lease goes with it."""

    args = tiny_run_args(
        sample_archive, local_store_uri, "--max-steps", "80", "--checkpoint-every", "0"
    )
    rc, stdout, stderr = sigterm_during_training(args, tmp_path, steps=80)
    assert rc == 143, stdout[-3000:]
    assert stderr[-1].startswith("htctl: error: ") and "SIGTERM" in stderr[-1]
    store = open_store(local_store_uri)
    assert store.exists(f"{SAMPLE_BOT}/checkpoints/latest.json")
    assert not store.exists(layout.lease(SAMPLE_BOT))


# --- races: exactly one winner ------------------------------------------------------------------


@pytest.fixture(scope="module")
def serial_moto_url():
    """moto's S3 served one request at a time. S3 applies a conditional write atomically;
    moto's threaded server checks the condition and writes in two steps, so two racing PUTs
    can both pass there, which S3 never allows. Served serially, moto is as atomic as S3."""
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    app = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", 0, app, threaded=False, request_handler=MotoRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(params=["local", "s3"])
def race_store_uri(request, tmp_path, monkeypatch):
    if request.param == "local":
        return str(tmp_path / "store")
    import boto3

    request.getfixturevalue("s3_env")
    monkeypatch.setenv("AWS_ENDPOINT_URL", request.getfixturevalue("serial_moto_url"))
    bucket = f"ht-race-{os.urandom(6).hex()}"
    boto3.client("s3").create_bucket(Bucket=bucket)
    return f"s3://{bucket}/bots"


def race(store_uri: str, threads: int = 4) -> list[Lease]:
    """``threads`` writers try to take alice's lease at the same moment; returns the winners."""
    leases = [Lease(open_store(store_uri), BOT, ttl=60) for _ in range(threads)]
    start = threading.Barrier(threads)
    outcome: dict[int, object] = {}

    def contend(i: int) -> None:
        start.wait()
        try:
            outcome[i] = leases[i].try_acquire()
        except Exception as err:  # noqa: BLE001 - reported by the assertion below
            outcome[i] = err

    workers = [threading.Thread(target=contend, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert all(not isinstance(v, Exception) for v in outcome.values()), outcome
    assert len(outcome) == threads
    return [leases[i] for i, holder in outcome.items() if holder is None]


def stored_token(store_uri: str, bot: str = BOT) -> str:
    return json.loads(open_store(store_uri).read_bytes(layout.lease(bot)))["owner"]["token"]


@pytest.mark.parametrize("round_", range(3))
def test_of_writers_racing_for_a_free_bot_exactly_one_wins(race_store_uri, round_):
    winners = race(race_store_uri)
    assert len(winners) == 1
    assert stored_token(race_store_uri) == winners[0].token
    winners[0].release()
    assert not lease_exists(race_store_uri)


@pytest.mark.parametrize("round_", range(3))
def test_of_writers_taking_over_an_expired_lease_exactly_one_wins(race_store_uri, round_):
    now = time.time()
    write_lease(race_store_uri, acquired_at=now - 4000, expires_at=now - 1)
    winners = race(race_store_uri)
    assert len(winners) == 1
    assert stored_token(race_store_uri) == winners[0].token
    winners[0].release()


# --- the holder: heartbeat, loss, torchrun ranks, nesting ---------------------------------------


def test_the_heartbeat_keeps_a_long_holder_s_lease(store_uri):
    """A holder working longer than the TTL keeps its lease: it is renewed, never expired."""
    store = open_store(store_uri)
    lease = Lease(store, BOT, ttl=2.5)
    lease.acquire(0)
    try:
        first = Holder.parse(store.read_bytes(LEASE))
        time.sleep(5.5)  # more than twice the TTL
        renewed = Holder.parse(store.read_bytes(LEASE))
        assert renewed.token == lease.token
        assert renewed.expires_at > first.expires_at + 1
        assert renewed.acquired_at == first.acquired_at
        assert Lease(store, BOT).try_acquire().token == lease.token  # live: nobody takes it
        lease.ensure_held()
    finally:
        lease.release()
    assert not store.exists(LEASE)


def test_a_holder_whose_lease_was_taken_over_stops_and_leaves_the_new_lease(store_uri):
    store = open_store(store_uri)
    stalled = Lease(store, BOT, ttl=0.2)
    assert stalled.try_acquire() is None  # no heartbeat: as if the process had stalled
    time.sleep(0.4)
    other = Lease(store, BOT, ttl=60)
    assert other.try_acquire() is None  # took over the expired lease
    assert stalled.renew() is False
    with pytest.raises(LeaseLost, match="expired and was taken over"):
        stalled.ensure_held()
    stalled.release()
    assert stored_token(store_uri) == other.token  # the new holder's lease is untouched
    other.release()
    assert not store.exists(LEASE)


def test_a_lost_lease_stops_the_pipeline_before_its_next_stage(
    local_store_uri, alice_archive, monkeypatch
):
    store = open_store(local_store_uri)
    bot = bind_sources(parse_bot(BOT), [f"archive:{alice_archive}"])
    import job.pipeline as pipeline

    scrape = pipeline.RUNNERS["scrape"]

    def scrape_then_lose_the_lease(store, bot, options):
        scrape(store, bot, options)
        # Another writer took the lease over meanwhile (this one stalled past its expiry).
        now = time.time()
        write_lease(local_store_uri, acquired_at=now, expires_at=now + 600)

    monkeypatch.setitem(pipeline.RUNNERS, "scrape", scrape_then_lose_the_lease)
    with pytest.raises(LeaseLost, match="taken over .*host other-pod"):
        run(store, bot, RunOptions(until="prepare"))
    assert not store.exists(layout.stats(BOT))  # prepare never ran
    assert Holder.parse(store.read_bytes(LEASE)).host == "other-pod"


def test_a_torchrun_rank_works_under_its_launcher_s_lease(store_uri, held, monkeypatch):
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv(OWNER_ENV, held.child_env()[OWNER_ENV])
    with hold(open_store(store_uri), BOT) as lease:
        assert lease.role == "joined"
        lease.ensure_held()
    assert stored_token(store_uri) == held.token  # the rank neither took nor released it


def test_a_rank_whose_launcher_lost_the_lease_refuses(store_uri, held, monkeypatch):
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv(OWNER_ENV, "0" * 32)
    with (
        pytest.raises(LeaseLost, match="no longer this launcher's"),
        hold(open_store(store_uri), BOT),
    ):
        pytest.fail("a rank worked under a lease that is not its launcher's")


def test_ranks_of_a_hand_started_torchrun_leave_the_lease_to_rank_0(local_store_uri, monkeypatch):
    monkeypatch.setenv("RANK", "1")
    monkeypatch.delenv(OWNER_ENV, raising=False)
    with hold(open_store(local_store_uri), BOT) as lease:
        assert lease.role == "none"
        assert not lease_exists(local_store_uri)
    monkeypatch.setenv("RANK", "0")
    with hold(open_store(local_store_uri), BOT) as lease:
        assert lease.role == "owner" and lease_exists(local_store_uri)


def test_the_lease_is_reentrant_in_one_thread_but_not_across_threads(local_store_uri, monkeypatch):
    store = open_store(local_store_uri)
    monkeypatch.setenv("HT_LEASE_WAIT", "0")
    with hold(store, BOT) as outer:
        with hold(store, BOT) as inner:  # refresh -> the pipeline in its staging view
            assert inner is outer
        assert lease_exists(local_store_uri)  # the inner block released nothing
        seen: list[object] = []

        def other_thread() -> None:
            try:
                with hold(store, BOT):
                    seen.append("entered")
            except LeaseHeld as err:
                seen.append(err)

        t = threading.Thread(target=other_thread)
        t.start()
        t.join(60)
        assert len(seen) == 1 and isinstance(seen[0], LeaseHeld)
    assert not lease_exists(local_store_uri)


def test_a_refresh_of_a_new_bot_runs_the_pipeline_under_its_own_lease(
    htctl, store_uri, alice_archive
):
    result = writer(htctl, store_uri, alice_archive, command="refresh", env=NO_WAIT)
    assert result.returncode == 0, result.stderr
    assert set(store_snapshot(store_uri)) == PREPARE_KEYS


def test_readers_never_need_the_lease(htctl, local_store_uri, tmp_path):
    """``generate`` reads a published bot while a writer holds its lease (a refresh, say)."""

    store = make_trained_bot(local_store_uri, tmp_path)
    publish_bot(store)
    lease = Lease(store, PUBLISHED, ttl=60)
    lease.acquire(0)
    try:
        result = htctl("generate", PUBLISHED, "My dream is", "--store", local_store_uri)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("My dream is")
        assert stored_token(local_store_uri, PUBLISHED) == lease.token
    finally:
        lease.release()


# --- helpers --------------------------------------------------------------------------------


def wait_for(condition, proc: subprocess.Popen, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if proc.poll() is not None:
            raise AssertionError(f"htctl exited ({proc.returncode}) before {what}")
        time.sleep(0.05)
    raise AssertionError(f"no {what} within {timeout}s")


def test_lease_times_are_written_as_utc():
    data = Holder(BOT, "h", 1, "t", 0.0, 60.0).to_bytes()
    value = json.loads(data)
    assert value["expires_at"] == "1970-01-01T00:01:00Z"
    assert datetime.fromisoformat(value["expires_at"]).tzinfo == UTC

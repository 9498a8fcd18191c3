"""Remote APIs as hostile input: X, Bluesky and Mastodon servers that misbehave on purpose.

Each case is a real local server (tests/servers/) answering the way a broken or hostile API
does: paging that never ends, bodies too big or too deep to read, answers of the wrong shape,
error bodies that echo the bearer token, ids that try to climb out of the request path, and
plain http:// to a host that is not loopback. Logic cases run in-process; the exit code and the
one stderr line are checked through the real CLI (``htctl run --until scrape``) in a subprocess.
A test that ends at all shows the progress check or cap worked: without one, these servers
page forever.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator

import pytest

from job.bots import Handle
from job.errors import ConfigError, InsecureTransport, TransientError, UnexpectedAnswer
from job.layout import raw_posts
from job.redact import redact
from job.sources import http, paging
from job.sources.bsky import BlueskySource
from job.sources.http import ApiClient
from job.sources.mastodon import MastodonSource
from job.sources.policy import RetryPolicy
from job.sources.x import XSource
from tests.servers.bsky import BskyServer
from tests.servers.mastodon import MastodonServer
from tests.servers.x_api import XApiServer, tweet
from tests.support.cli import assert_one_error_line
from tests.support.stores import store_snapshot

TOKEN = "tok-HOSTILE-3f9a77c1-never-print-me"
BSKY = "writer.bsky.social"


def sentence(i: int) -> str:
    return f"thinking out loud about idea number {i} and why it matters to builders"


def numbered(n: int) -> list[dict]:
    """``n`` plain posts, newest (highest id) first, like a timeline."""
    return [tweet(i, sentence(i)) for i in range(n - 1, -1, -1)]


@pytest.fixture
def logged():
    """Records of the htctl logger (the CLI may have stopped its propagation to the root)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.INFO)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("htctl")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield records
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def messages(records: list[logging.LogRecord], level: int) -> list[str]:
    return [r.getMessage() for r in records if r.levelno == level]


@pytest.fixture
def x_server(monkeypatch) -> Iterator[Callable[..., XApiServer]]:
    """Starts an X API server (``XApiServer``'s keyword arguments) with the environment that
    points XSource at it; every server started is stopped when the test ends."""
    started: list[XApiServer] = []

    def start(**kwargs) -> XApiServer:
        server = XApiServer(token=TOKEN, **kwargs).start()
        started.append(server)
        for key, value in x_env(server).items():
            monkeypatch.setenv(key, value)
        return server

    yield start
    for server in started:
        server.stop()


def x_env(server: XApiServer) -> dict[str, str]:
    return {
        "HT_X_API_URL": server.url,
        "HT_X_BEARER_TOKEN": TOKEN,
        "HT_X_RETRIES": "2",
        "HT_X_BACKOFF": "0",
    }


def x_fetch(handle: str = "writer") -> list[dict]:
    return XSource.from_env(sleep=lambda s: None).fetch(Handle(handle)).posts


def ids(posts: list[dict]) -> list[str]:
    return [p["id"] for p in posts]


# --- paging that never ends: X ---------------------------------------------------------------


def test_x_empty_page_with_a_next_token_ends_paging_with_a_log_line(x_server, logged):
    x_api = x_server(paging="empty_with_token")
    x_api.add_user("writer", numbered(150))
    posts = x_fetch()

    assert ids(posts) == [str(i) for i in range(149, -1, -1)]
    assert len(x_api.timeline_requests()) == 3  # 100, 50, then the empty page ends it
    assert any("empty page" in m for m in messages(logged, logging.INFO)), logged


def test_x_repeated_next_token_ends_paging_with_a_warning_keeping_what_was_fetched(
    x_server, logged
):
    x_api = x_server(paging="repeat_token")
    x_api.add_user("writer", numbered(250))
    posts = x_fetch()

    assert ids(posts) == [str(i) for i in range(249, 49, -1)]  # pages 1 and 2, each once
    assert len(x_api.timeline_requests()) == 2
    warnings = messages(logged, logging.WARNING)
    assert any("cursor" in m and "a second time" in m for m in warnings), warnings


def test_x_repeated_page_under_new_tokens_ends_paging_without_duplicates(x_server, logged):
    x_api = x_server(paging="repeat_page")
    x_api.add_user("writer", numbered(250))
    posts = x_fetch()

    assert ids(posts) == [str(i) for i in range(249, 149, -1)]
    assert len(x_api.timeline_requests()) == 2
    assert any("repeated a page" in m for m in messages(logged, logging.WARNING))


def test_x_cli_empty_page_with_token_is_a_normal_end_and_stores_every_post(htctl, tmp_path):
    with XApiServer(token=TOKEN, paging="empty_with_token") as x_api:
        x_api.add_user("writer", numbered(150))
        store = tmp_path / "store"
        result = htctl(
            "run", "writer", "--until", "scrape", "--store", str(store), env=x_env(x_api)
        )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = (store / raw_posts("writer", "writer")).read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [str(i) for i in range(149, -1, -1)]


# --- paging that never ends: Bluesky ---------------------------------------------------------


def bsky_fill(account, n: int) -> None:
    for i in range(n):
        account.post(f"bluesky post number {i} about gardens rivers and quiet mornings")


def bsky_fetch(server: BskyServer, max_posts: int | None = 3200) -> list[dict]:
    policy = RetryPolicy(attempts=2, backoff=0)
    source = BlueskySource(server.url, policy=policy, max_posts=max_posts, sleep=lambda s: None)
    return source.fetch(Handle(BSKY, source="bsky")).posts


def feed_requests(server: BskyServer) -> list:
    return server.paths("getAuthorFeed")


def test_bsky_repeated_cursor_ends_paging_with_a_warning(logged):
    with BskyServer(paging="repeat_cursor") as bsky:
        bsky_fill(bsky.add_account(BSKY), 250)
        posts = bsky_fetch(bsky)

    assert len(posts) == 200 == len(set(ids(posts)))
    assert len(feed_requests(bsky)) == 2
    assert any("a second time" in m for m in messages(logged, logging.WARNING))


def test_bsky_cursor_that_always_returns_the_first_page_ends_paging(logged):
    with BskyServer(paging="repeat_page") as bsky:
        bsky_fill(bsky.add_account(BSKY), 250)
        posts = bsky_fetch(bsky)

    assert len(posts) == 100 == len(set(ids(posts)))
    assert len(feed_requests(bsky)) == 2
    assert any("repeated a page" in m for m in messages(logged, logging.WARNING))


def test_bsky_endless_feed_read_in_full_stops_at_the_page_cap(monkeypatch, logged):
    monkeypatch.setattr(paging, "MAX_PAGES", 7)  # the real cap (5,000 pages) works the same way
    with BskyServer(paging="endless") as bsky:
        bsky_fill(bsky.add_account(BSKY), 30)
        posts = bsky_fetch(bsky, max_posts=None)  # HT_BSKY_MAX_POSTS=0: "all"

    assert len(posts) == 700 == len(set(ids(posts)))
    assert len(feed_requests(bsky)) == 7
    assert any("reached the cap" in m for m in messages(logged, logging.WARNING))


def test_bsky_endless_feed_stops_at_the_post_cap(monkeypatch):
    monkeypatch.setattr(paging, "MAX_ITEMS", 250)
    with BskyServer(paging="endless") as bsky:
        bsky_fill(bsky.add_account(BSKY), 10)
        posts = bsky_fetch(bsky, max_posts=None)

    assert len(posts) == 250
    assert len(feed_requests(bsky)) == 3


# --- paging that never ends: Mastodon --------------------------------------------------------

ACCT = "writer@example.social"


def masto_fill(account, n: int) -> None:
    for i in range(n):
        account.text(f"mastodon status number {i} about harbors lanterns and autumn")


def masto_fetch(server: MastodonServer) -> list[dict]:
    policy = RetryPolicy(attempts=2, backoff=0)
    source = MastodonSource(server.url, policy=policy, sleep=lambda s: None)
    return source.fetch(Handle(ACCT, source="mastodon")).posts


def test_mastodon_link_loop_ends_paging_with_a_warning(logged):
    with MastodonServer() as masto:
        masto.link_loop = True
        masto_fill(masto.add_account("writer"), 100)
        posts = masto_fetch(masto)

    assert len(posts) == 80 == len(set(ids(posts)))  # pages 1 and 2; page 2 links to itself
    assert len(masto.paths("/statuses")) == 2
    assert any("a second time" in m for m in messages(logged, logging.WARNING))


def test_mastodon_next_link_to_another_host_is_never_followed(logged):
    with MastodonServer() as masto, MastodonServer() as elsewhere:
        elsewhere_port = elsewhere.url.rsplit(":", 1)[1]
        masto.link_base = f"http://localhost:{elsewhere_port}"  # another host than 127.0.0.1
        masto_fill(masto.add_account("writer"), 100)
        posts = masto_fetch(masto)

    assert elsewhere.requests == []
    assert len(posts) == 40  # the first page, then paging ends
    assert len(masto.paths("/statuses")) == 1
    assert any("points elsewhere" in m for m in messages(logged, logging.WARNING))


# --- unbounded and unreadable bodies ---------------------------------------------------------


@pytest.mark.parametrize("declared", [False, True], ids=["streamed", "content-length"])
def test_x_body_over_16_mib_is_one_unexpected_answer_without_reading_it_all(x_server, declared):
    x_api = x_server()
    x_api.add_user("writer", numbered(5))
    size = http.MAX_BODY_BYTES + 4 * 2**20
    x_api.fault(200, match="/tweets", stream_bytes=size, declare_length=declared)
    with pytest.raises(UnexpectedAnswer, match="larger than 16 MiB") as caught:
        x_fetch()

    assert caught.value.exit_code == 2
    assert "unexpected answer from X API" in str(caught.value)
    assert len(x_api.timeline_requests()) == 1  # not retried: the same request, the same body


def test_x_deeply_nested_json_is_an_unexpected_answer_not_a_recursion_error(x_server):
    x_api = x_server()
    x_api.add_user("writer", numbered(5))
    x_api.fault(200, match="/tweets", raw=b"[" * 200_000 + b"]" * 200_000)
    with pytest.raises(UnexpectedAnswer, match="nested too deeply"):
        x_fetch()


def test_bsky_deeply_nested_profile_is_an_unexpected_answer():
    with BskyServer() as bsky:
        bsky.add_account(BSKY)
        bsky.fault(200, match="getProfile", raw=b'{"a":' * 100_000 + b"1" + b"}" * 100_000)
        with pytest.raises(UnexpectedAnswer, match="Bluesky API.*nested too deeply"):
            bsky_fetch(bsky)


# --- answers of the wrong shape --------------------------------------------------------------


def test_x_cli_tweet_without_text_is_exit_2_one_line_and_nothing_stored(htctl, tmp_path):
    with XApiServer(token=TOKEN) as x_api:
        posts = numbered(10)
        del posts[3]["text"]
        x_api.add_user("writer", posts)
        store = tmp_path / "store"
        result = htctl(
            "run", "writer", "--until", "scrape", "--store", str(store), env=x_env(x_api)
        )

    assert_one_error_line(result, 2, "unexpected answer from X API", "post 4", "has no text")
    assert not any(k.endswith(".jsonl") for k in store_snapshot(str(store)))


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"data": {"id": "1", "text": "one post, not a list"}, "meta": {}}, "is not a list"),
        ({"data": [None, tweet(1, sentence(1))], "meta": {}}, "post 1 of page 1"),
        ({"data": [tweet(1, sentence(1)), 7], "meta": {}}, "post 2 of page 1"),
        ({"data": [{"text": "no id at all"}], "meta": {}}, "has no valid id"),
        ({"data": [tweet(1, sentence(1))], "meta": {"next_token": 5}}, "next_token"),
        (["a", "list", "for", "a", "page"], "not a JSON object"),
    ],
    ids=["data-object", "null-item", "number-item", "no-id", "token-number", "list-body"],
)
def test_x_timeline_of_the_wrong_shape_is_exit_2(x_server, body, needle):
    x_api = x_server()
    x_api.add_user("writer", numbered(5))
    x_api.fault(200, match="/tweets", body=body)
    with pytest.raises(UnexpectedAnswer, match=needle) as caught:
        x_fetch()
    assert caught.value.exit_code == 2


def test_x_user_of_the_wrong_shape_is_exit_2(x_server):
    x_api = x_server()
    x_api.fault(200, match="/by/username", body={"data": {"id": ["1"], "username": "writer"}})
    with pytest.raises(UnexpectedAnswer, match="no valid id"):
        x_fetch()


def test_bsky_feed_item_without_a_post_is_exit_2():
    with BskyServer() as bsky:
        bsky_fill(bsky.add_account(BSKY), 3)
        bsky.fault(200, match="getAuthorFeed", body={"feed": [{"post": None}], "cursor": "x"})
        with pytest.raises(UnexpectedAnswer, match="item 1 of page 1 .* no post object"):
            bsky_fetch(bsky)


def test_mastodon_status_list_with_a_null_is_exit_2():
    with MastodonServer() as masto:
        masto_fill(masto.add_account("writer"), 3)
        masto.fault(200, match="/statuses", body=[None])
        with pytest.raises(UnexpectedAnswer, match="status 1 of page 1 .* not an object"):
            masto_fetch(masto)


# --- secrets and requests --------------------------------------------------------------------


def test_x_cli_token_echoed_in_a_4xx_body_never_reaches_the_error_line(htctl, tmp_path):
    with XApiServer(token=TOKEN) as x_api:
        x_api.add_user("writer", numbered(5))
        x_api.fault(400, match="/tweets", echo=True)
        result = htctl(
            "run", "writer", "--until", "scrape", "--store", str(tmp_path / "s"), env=x_env(x_api)
        )

    error = assert_one_error_line(result, 2, "X API rejected", "HTTP 400")
    assert "Bearer ***" in error  # the echo was there, and masked
    assert TOKEN not in result.stderr + result.stdout


def test_x_token_echoed_in_a_401_body_is_masked(x_server):
    x_api = x_server()
    x_api.fault(401, echo=True)
    with pytest.raises(ConfigError) as caught:
        x_fetch()
    assert "Bearer ***" in str(caught.value)
    assert TOKEN not in str(caught.value)


def test_redact_masks_configured_secrets_and_their_url_encoded_form(monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_abc/def+ghi=")
    monkeypatch.setenv("WANDB_API_KEY", "short")  # under 8 characters: not a secret to mask

    line = redact("token hf_abc/def+ghi= or hf_abc%2Fdef%2Bghi%3D and key short", ["extra-1234"])

    assert line == "token *** or *** and key short"
    assert redact("extra-1234 leaked", ["extra-1234"]) == "*** leaked"


def test_x_user_id_from_the_api_stays_one_path_segment(x_server):
    x_api = x_server()
    x_api.add_user("writer", numbered(5), user_id="../../admin")
    posts = x_fetch()

    assert len(posts) == 5
    assert [r.path for r in x_api.timeline_requests()] == ["/2/users/..%2F..%2Fadmin/tweets"]
    assert not any(r.path.startswith("/admin") for r in x_api.requests)


def test_x_user_id_of_dots_is_not_a_step_up_the_path(x_server):
    x_api = x_server()
    x_api.add_user("writer", numbered(5), user_id="..")
    posts = x_fetch()

    assert len(posts) == 5
    assert [r.path for r in x_api.timeline_requests()] == ["/2/users/%2E%2E/tweets"]


def test_x_cli_plain_http_to_a_remote_host_is_refused_before_connecting(htctl, tmp_path):
    env = {"HT_X_API_URL": "http://x-api.invalid", "HT_X_BEARER_TOKEN": TOKEN}
    result = htctl("run", "writer", "--until", "scrape", "--store", str(tmp_path / "s"), env=env)

    # Exit 3 at once: a connection attempt to .invalid would have been a retried exit 4.
    assert_one_error_line(result, 3, "HT_X_API_URL", "plain http://", "HT_ALLOW_INSECURE_HTTP")
    assert TOKEN not in result.stderr + result.stdout


def test_plain_http_opt_in_lets_the_request_go(monkeypatch):
    monkeypatch.setenv("HT_X_API_URL", "http://x-api.invalid")
    monkeypatch.setenv("HT_X_BEARER_TOKEN", TOKEN)
    monkeypatch.setenv("HT_X_RETRIES", "1")
    monkeypatch.setenv("HT_ALLOW_INSECURE_HTTP", "1")

    with pytest.raises(TransientError, match="ConnectError"):  # it tried: the name is unknown
        x_fetch()


def test_plain_http_to_localhost_by_name_is_allowed(monkeypatch, x_server):
    x_api = x_server()
    x_api.add_user("writer", numbered(3))
    monkeypatch.setenv("HT_X_API_URL", x_api.url.replace("127.0.0.1", "localhost"))
    assert len(x_fetch()) == 3


def test_redirect_to_plain_http_off_loopback_is_refused(x_server):
    x_api = x_server()
    x_api.add_user("writer", numbered(3))
    x_api.fault(302, {"Location": "http://x-api.invalid/2/users/1000/tweets"}, match="/tweets")
    with pytest.raises(InsecureTransport, match="plain http://"):
        x_fetch()


def test_client_refuses_plain_http_base_url_directly():
    with pytest.raises(InsecureTransport, match="x-api.invalid"):
        ApiClient("http://x-api.invalid", "X API")


# --- numeric settings ------------------------------------------------------------------------


def test_x_cli_retries_nan_is_one_line_naming_the_setting(htctl, tmp_path):
    with XApiServer(token=TOKEN) as x_api:
        env = {**x_env(x_api), "HT_X_RETRIES": "nan"}
        result = htctl(
            "run", "writer", "--until", "scrape", "--store", str(tmp_path / "s"), env=env
        )

    assert_one_error_line(result, 3, "HT_X_RETRIES", "nan")
    assert x_api.requests == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HT_X_RETRIES", "inf"),
        ("HT_X_RETRIES", "-1"),
        ("HT_X_RETRIES", "1e9"),
        ("HT_X_RETRIES", "2.5"),
        ("HT_X_BACKOFF", "nan"),
        ("HT_X_MAX_RATE_WAIT", "1e400"),
        ("HT_X_MAX_RATE_WAIT", "-5"),
    ],
)
def test_bad_numeric_x_settings_are_config_errors_naming_the_setting(monkeypatch, name, value):
    monkeypatch.setenv("HT_X_BEARER_TOKEN", TOKEN)
    monkeypatch.setenv(name, value)

    with pytest.raises(ConfigError, match=name):
        XSource.from_env()


@pytest.mark.parametrize("name", ["HT_BSKY_MAX_POSTS", "HT_BSKY_RETRIES", "HT_BSKY_BACKOFF"])
def test_bad_numeric_bsky_settings_are_config_errors_naming_the_setting(monkeypatch, name):
    monkeypatch.setenv(name, "nan")

    with pytest.raises(ConfigError, match=name):
        BlueskySource.from_env()


@pytest.mark.parametrize("name", ["HT_MASTODON_MAX_POSTS", "HT_MASTODON_MAX_RATE_WAIT"])
def test_bad_numeric_mastodon_settings_are_config_errors_naming_the_setting(monkeypatch, name):
    monkeypatch.setenv(name, "inf")

    with pytest.raises(ConfigError, match=name):
        MastodonSource.from_env()

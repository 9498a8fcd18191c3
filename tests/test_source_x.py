"""The X API v2 source against a real local server speaking API v2 (tests/servers/x_api.py).

In-process tests inject ``sleep`` so rate-limit and backoff waits are recorded, not slept;
exit codes are checked through the real CLI in a subprocess, as a user or a pod meets them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from job.bots import Handle
from job.errors import BadInput, ConfigError, TransientError, UnknownUser
from job.sources.http import ApiClient
from job.sources.policy import RetryPolicy, seconds_until_reset
from job.sources.x import MAX_POSTS, XSource
from tests.servers.x_api import DROP, XApiServer, tweet

TOKEN = "tok-SECRET-6d1f0c9a-do-not-print"


@pytest.fixture
def x_api():
    with XApiServer(token=TOKEN) as server:
        yield server


@pytest.fixture
def x_env(x_api, monkeypatch):
    """Settings for an in-process XSource and for the CLI subprocess."""
    env = {
        "HT_X_API_URL": x_api.url,
        "HT_X_BEARER_TOKEN": TOKEN,
        "HT_X_RETRIES": "4",
        "HT_X_BACKOFF": "0.05",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


class Sleeps(list):
    """A ``sleep`` that records how long it was asked to wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def sentence(i: int) -> str:
    return f"thinking out loud about idea number {i} and why it matters to builders"


def numbered(n: int, start: int = 0) -> list[dict]:
    """``n`` plain posts, newest (highest id) first, like a timeline."""
    return [tweet(i, sentence(i)) for i in range(start + n - 1, start - 1, -1)]


def fetch(handle: str, sleeps: Sleeps | None = None):
    return XSource.from_env(sleep=sleeps if sleeps is not None else Sleeps()).fetch(Handle(handle))


# --- pagination, cap, fields ------------------------------------------------------------------


def test_pagination_reads_every_page_in_order_with_the_documented_params(x_api, x_env):
    x_api.add_user("Writer", numbered(250))

    fetched = fetch("writer")

    assert [p["id"] for p in fetched.posts] == [str(i) for i in range(249, -1, -1)]
    pages = x_api.timeline_requests()
    assert len(pages) == 3
    assert all(r.params["max_results"] == "100" for r in pages)
    assert "pagination_token" not in pages[0].params
    assert [r.params.get("pagination_token") for r in pages[1:]] == ["p64", "pc8"]
    fields = set(pages[0].params["tweet.fields"].split(","))
    assert {"created_at", "lang", "referenced_tweets", "note_tweet"} <= fields
    assert all(r.headers["Authorization"] == f"Bearer {TOKEN}" for r in x_api.requests)


def test_posts_are_raw_dicts_with_the_store_fields(x_api, x_env):
    x_api.add_user("writer", [tweet(7, "hello there friends of the timeline", lang="fr")])

    (post,) = fetch("writer").posts

    assert post["id"] == "7"
    assert post["text"] == "hello there friends of the timeline"
    assert post["created_at"] == "2024-01-01T00:07:00.000Z"
    assert post["lang"] == "fr"
    assert post["is_retweet"] is False
    assert post["source"] == "x"


def test_profile_has_display_name_and_the_400x400_avatar(x_api, x_env):
    x_api.add_user(
        "Writer",
        numbered(5),
        name="Writer Person",
        profile_image_url="https://pbs.twimg.com/profile_images/1/me_normal.jpg",
    )

    profile = fetch("writer").profile

    assert profile.handle == "Writer"
    assert profile.display_name == "Writer Person"
    assert profile.avatar_url == "https://pbs.twimg.com/profile_images/1/me_400x400.jpg"
    assert profile.source == "x"
    lookup = x_api.requests[0]
    assert lookup.path == "/2/users/by/username/writer"
    assert "profile_image_url" in lookup.params["user.fields"]


def test_stops_at_the_apis_3200_most_recent_posts(x_api, x_env):
    x_api.add_user("prolific", numbered(3500))

    posts = fetch("prolific").posts

    assert len(posts) == MAX_POSTS == 3200
    assert posts[0]["id"] == "3499"
    assert len(x_api.timeline_requests()) == 32


def test_stops_at_3200_even_when_the_server_offers_more(x_api, x_env):
    x_api.cap = None  # a server that keeps handing out next_token past the documented depth
    x_api.add_user("prolific", numbered(3500))

    posts = fetch("prolific").posts

    assert len(posts) == 3200
    assert len({p["id"] for p in posts}) == 3200
    assert len(x_api.timeline_requests()) == 32


def test_empty_timeline_gives_no_posts(x_api, x_env):
    x_api.add_user("quiet", [])

    fetched = fetch("quiet")

    assert fetched.posts == []
    assert len(x_api.timeline_requests()) == 1


def test_retweets_are_detected_from_referenced_tweets(x_api, x_env):
    x_api.add_user(
        "writer",
        [
            tweet(4, "RT @other: a retweet of someone else's words here", retweet_of="99"),
            tweet(3, "a reply that is my own words", reply_to="98"),
            tweet(2, "RT @fake: typed by hand, not a retweet for the API"),
            tweet(1, "an ordinary post of mine"),
        ],
    )

    posts = fetch("writer").posts

    assert [p["is_retweet"] for p in posts] == [True, False, False, False]
    assert posts[0]["referenced_tweets"] == [{"type": "retweeted", "id": "99"}]
    assert posts[1]["referenced_tweets"] == [{"type": "replied_to", "id": "98"}]
    assert posts[1]["conversation_id"] == "98"


def test_long_posts_use_the_note_tweet_text(x_api, x_env):
    full = "a long post " * 40 + "that ends here"
    x_api.add_user(
        "writer",
        [tweet(2, full[:270] + "…", note=full), tweet(1, "short and complete post")],
    )

    posts = fetch("writer").posts

    assert posts[0]["text"] == full
    assert posts[1]["text"] == "short and complete post"


# --- errors in the body, auth, settings -------------------------------------------------------


def test_unknown_user_is_unknown_user(x_api, x_env):
    with pytest.raises(UnknownUser, match=r"unknown X user @nobody: Could not find user"):
        fetch("nobody")
    assert x_api.timeline_requests() == []


def test_suspended_user_is_unknown_user(x_api, x_env):
    x_api.add_user("banned", numbered(10), suspended=True)

    with pytest.raises(UnknownUser, match="suspended"):
        fetch("banned")


def test_protected_user_is_bad_input(x_api, x_env):
    x_api.add_user("private", numbered(10), protected=True)

    with pytest.raises(BadInput, match="protected"):
        fetch("private")


def test_missing_token_is_config_error_before_any_request(x_api, x_env, monkeypatch):
    monkeypatch.delenv("HT_X_BEARER_TOKEN")

    with pytest.raises(ConfigError, match="HT_X_BEARER_TOKEN"):
        fetch("writer")
    assert x_api.requests == []


def test_wrong_token_is_config_error(x_api, x_env, monkeypatch):
    monkeypatch.setenv("HT_X_BEARER_TOKEN", "not-the-token")
    x_api.add_user("writer", numbered(5))

    with pytest.raises(ConfigError, match="HTTP 401"):
        fetch("writer")


def test_403_is_config_error(x_api, x_env):
    x_api.add_user("writer", numbered(5))
    x_api.fail(403)

    with pytest.raises(ConfigError, match="HTTP 403"):
        fetch("writer")


@pytest.mark.parametrize(
    ("name", "value"),
    [("HT_X_API_URL", "api.x.com"), ("HT_X_MAX_RATE_WAIT", "soon"), ("HT_X_RETRIES", "0")],
)
def test_bad_settings_are_config_errors_naming_the_setting(x_env, monkeypatch, name, value):
    monkeypatch.setenv(name, value)

    with pytest.raises(ConfigError, match=name):
        XSource.from_env()


# --- rate limits and retries ------------------------------------------------------------------


def test_429_waits_for_the_reset_then_succeeds(x_api, x_env):
    x_api.add_user("writer", numbered(150))
    x_api.rate_limit(reset_in=30, match="/tweets")
    sleeps = Sleeps()

    posts = fetch("writer", sleeps).posts

    assert len(posts) == 150
    assert len(sleeps) == 1
    assert 29 <= sleeps[0] <= 32  # until the reset header's second, plus a margin
    assert len(x_api.timeline_requests()) == 3  # the 429, then both pages


def test_429_beyond_the_bound_is_transient_without_waiting(x_api, x_env, monkeypatch):
    monkeypatch.setenv("HT_X_MAX_RATE_WAIT", "60")
    x_api.add_user("writer", numbered(10))
    x_api.rate_limit(reset_in=120)
    sleeps = Sleeps()

    with pytest.raises(TransientError, match="HT_X_MAX_RATE_WAIT"):
        fetch("writer", sleeps)
    assert sleeps == []


def test_5xx_is_retried_with_growing_backoff_then_succeeds(x_api, x_env):
    x_api.add_user("writer", numbered(10))
    x_api.fail(503, times=2)
    x_api.fail(500, times=1, match="/tweets")
    sleeps = Sleeps()

    posts = fetch("writer", sleeps).posts

    assert len(posts) == 10
    assert len(sleeps) == 3
    # doubling and half jittered; the timeline request starts its own count again
    assert sleeps[0] <= 0.05 <= sleeps[1] <= 0.1
    assert sleeps[2] <= 0.05


def test_dropped_connections_are_retried(x_api, x_env):
    x_api.add_user("writer", numbered(10))
    x_api.fail(DROP, times=2)
    sleeps = Sleeps()

    assert len(fetch("writer", sleeps).posts) == 10
    assert len(sleeps) == 2


def test_5xx_forever_is_transient_after_the_bounded_attempts(x_api, x_env):
    x_api.add_user("writer", numbered(10))
    x_api.fail(502, times=100)
    sleeps = Sleeps()

    with pytest.raises(TransientError, match="after 4 attempts: HTTP 502"):
        fetch("writer", sleeps)
    assert len(x_api.requests) == 4
    assert len(sleeps) == 3


@pytest.mark.parametrize(
    ("reset_header", "header", "form"),
    [
        ("ratelimit-reset", "ratelimit-reset", "epoch"),  # Bluesky
        ("ratelimit-reset", "ratelimit-reset", "delta"),  # IETF draft
        ("x-ratelimit-reset", "x-ratelimit-reset", "iso"),  # Mastodon
        ("ratelimit-reset", "retry-after", "http-date"),  # the fallback every API may send
    ],
)
def test_http_client_reads_each_reset_header_form(x_api, reset_header, header, form):
    """The shared client the Bluesky and Mastodon sources use, against the same real server."""
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=40)
    value = {
        "epoch": str(int(when.timestamp())),
        "delta": "40",
        "iso": when.isoformat().replace("+00:00", ".000Z"),
        "http-date": when.strftime("%a, %d %b %Y %H:%M:%S GMT"),
    }[form]
    x_api.add_user("u")
    x_api.fail(429, **{header: value})
    sleeps = Sleeps()
    policy = RetryPolicy(reset_header=reset_header)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with ApiClient(x_api.url, "Test API", headers=headers, policy=policy, sleep=sleeps) as client:
        body = client.get_json("/2/users/by/username/u")

    assert body["data"]["username"] == "u"
    assert len(sleeps) == 1
    assert 38 <= sleeps[0] <= 42


def test_http_client_gives_up_on_a_server_stuck_at_429(x_api):
    x_api.fail(429, times=100, **{"x-rate-limit-reset": "0"})  # "reset" long past, still 429
    sleeps = Sleeps()
    policy = RetryPolicy(rate_waits=3, rate_margin=0.5)
    client = ApiClient(x_api.url, "Test API", policy=policy, sleep=sleeps)
    with client, pytest.raises(TransientError, match="still rate-limited .* after 3 waits"):
        client.get("/2/users/by/username/u")

    assert sleeps == [0.5, 0.5, 0.5]
    assert len(x_api.requests) == 4


def test_http_client_retries_a_429_without_reset_time_with_backoff(x_api):
    x_api.add_user("u")
    x_api.fail(429)  # the server sends x-rate-limit-reset, but this client reads another header
    sleeps = Sleeps()
    policy = RetryPolicy(reset_header="ratelimit-reset", backoff=0.2)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with ApiClient(x_api.url, "Test API", headers=headers, policy=policy, sleep=sleeps) as client:
        assert client.get_json("/2/users/by/username/u")["data"]["id"]

    assert len(sleeps) == 1
    assert 0.1 <= sleeps[0] <= 0.2


def test_http_client_other_4xx_is_bad_input_with_the_apis_detail(x_api):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with ApiClient(x_api.url, "Test API", headers=headers) as client:
        assert client.get("/2/nothing/here").status_code == 404
        with pytest.raises(BadInput, match="HTTP 404: Not Found"):
            client.get_json("/2/nothing/here")


def test_reset_header_forms_parse_to_seconds_from_now():
    now = 1_700_000_000.0
    assert seconds_until_reset("1700000030", now) == 30
    assert seconds_until_reset("30", now) == 30
    iso = datetime.fromtimestamp(now + 80, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert seconds_until_reset(iso, now) == 80
    assert seconds_until_reset(iso.removesuffix("Z"), now) == 80  # no zone: UTC
    assert seconds_until_reset("1699999000", now) == 0  # a reset in the past: go now
    assert seconds_until_reset("soon", now) is None
    assert seconds_until_reset(None, now) is None


# --- through the real CLI ---------------------------------------------------------------------


def assert_clean_failure(result, code: int, store: Path, bot: str, phrase: str) -> None:
    """Exit code, one error line (no traceback), no token anywhere, no raw data in the store."""
    assert result.returncode == code, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("htctl: error:")]
    assert len(errors) == 1, result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == errors[0]
    assert phrase in errors[0]
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stdout + result.stderr
    assert not (store / bot / "raw").exists()
    assert not list(store.rglob("*.meta.json"))


def run_until_prepare(htctl, handle: str, store: Path, env: dict, *extra: str):
    return htctl("run", handle, "--until", "prepare", "--store", str(store), *extra, env=env)


def test_cli_unknown_user_exits_2(htctl, x_api, x_env, tmp_path):
    result = run_until_prepare(htctl, "nobody", tmp_path / "store", x_env)

    assert_clean_failure(result, 2, tmp_path / "store", "nobody", "unknown X user @nobody")


def test_cli_wrong_token_exits_3_and_never_prints_it(htctl, x_api, x_env, tmp_path):
    x_api.token = "the-server-wants-another-token"
    x_api.add_user("writer", numbered(5))

    result = run_until_prepare(htctl, "writer", tmp_path / "store", x_env)

    assert_clean_failure(result, 3, tmp_path / "store", "writer", "HTTP 401")


def test_cli_wrong_token_with_verbose_detail_never_prints_it(htctl, x_api, x_env, tmp_path):
    x_api.token = "the-server-wants-another-token"
    x_api.add_user("writer", numbered(5))

    result = htctl("-v", "run", "writer", "--until", "prepare", "--store", str(tmp_path), env=x_env)

    assert result.returncode == 3
    assert TOKEN not in result.stdout + result.stderr


def test_cli_missing_token_exits_3_before_any_request(htctl, x_api, x_env, tmp_path):
    env = {**x_env, "HT_X_BEARER_TOKEN": ""}

    result = run_until_prepare(htctl, "writer", tmp_path / "store", env)

    assert_clean_failure(result, 3, tmp_path / "store", "writer", "HT_X_BEARER_TOKEN")
    assert x_api.requests == []


def test_cli_rate_limit_beyond_the_bound_exits_4(htctl, x_api, x_env, tmp_path):
    x_api.add_user("writer", numbered(5))
    x_api.rate_limit(reset_in=3600)  # the default bound, HT_X_MAX_RATE_WAIT, is 900 s

    result = run_until_prepare(htctl, "writer", tmp_path / "store", x_env)

    assert_clean_failure(result, 4, tmp_path / "store", "writer", "rate limit")


def test_cli_5xx_forever_exits_4(htctl, x_api, x_env, tmp_path):
    x_api.add_user("writer", numbered(5))
    x_api.fail(503, times=100)

    result = run_until_prepare(htctl, "writer", tmp_path / "store", x_env)

    assert_clean_failure(result, 4, tmp_path / "store", "writer", "HTTP 503")
    assert len(x_api.requests) == 4  # HT_X_RETRIES


def test_cli_fetch_writes_raw_and_stats_that_follow_the_data_rules(htctl, x_api, x_env, tmp_path):
    retweets = [tweet(1000 + i, f"RT @pal: their words {i}", retweet_of=str(i)) for i in range(20)]
    shorts = [tweet(2000 + i, text) for i, text in enumerate(["ok", "so true", "https://t.co/x"])]
    kept = numbered(150)
    kept.append(tweet(3000, "see https://t.co/abc", note="a long note " * 30 + "ending"))
    x_api.add_user("Writer", retweets + shorts + kept, name="Writer Person")
    x_api.rate_limit(reset_in=0, match="/tweets")  # a reset already past: retried at once
    store = tmp_path / "store"

    result = run_until_prepare(htctl, "writer", store, x_env)

    assert result.returncode == 0, result.stderr
    assert TOKEN not in result.stdout + result.stderr
    raw = [
        json.loads(line) for line in (store / "writer/raw/writer.jsonl").read_text().splitlines()
    ]
    assert len(raw) == 20 + 3 + 151
    assert sum(p["is_retweet"] for p in raw) == 20
    assert any(p["text"].startswith("a long note a long note") for p in raw)
    meta = json.loads((store / "writer/raw/writer.meta.json").read_text())
    assert meta["display_name"] == "Writer Person"
    assert meta["avatar_url"].endswith("_400x400.jpg")
    assert meta["source"] == "x"
    stats = json.loads((store / "writer/dataset/stats.json").read_text())
    counts = stats["handles"]["writer"]
    assert counts == {"downloaded": 174, "retweets": 20, "short": 3, "kept": 151}
    assert counts["downloaded"] == counts["retweets"] + counts["short"] + counts["kept"]

"""The Mastodon source against a local instance API (tests/servers/mastodon.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from job.bots import parse_handle
from job.errors import ConfigError, TransientError, UnknownUser
from job.rules import clean, curate, fix_text
from job.sources.mastodon import MastodonSource, html_to_text
from job.sources.policy import RetryPolicy
from tests.servers.mastodon import (
    MastodonServer,
    hashtag_html,
    iso_time,
    link_html,
    mention_html,
)

ACCT = "alice@example.social"
WORDS = "the quick brown fox jumps over the lazy dog while thinking about {n} small things"


@pytest.fixture
def masto():
    with MastodonServer() as server:
        yield server


def source(server, sleeps: list | None = None, **policy) -> MastodonSource:
    policy = {"backoff": 0.0, "reset_header": "x-ratelimit-reset", **policy}
    return MastodonSource(
        base_url=server.url,
        policy=RetryPolicy(**policy),
        sleep=(sleeps if sleeps is not None else []).append,
    )


def fill(account, n: int) -> None:
    for i in range(n):
        account.text(WORDS.format(n=i))


def fetch(server, acct: str = ACCT, since_id: str | None = None, **kwargs):
    return source(server, **kwargs).fetch(parse_handle(f"mastodon:{acct}"), since_id=since_id)


def test_reads_every_page_through_the_link_header(masto):
    fill(masto.add_account("alice"), 100)
    fetched = fetch(masto)
    assert len(fetched.posts) == 100
    pages = masto.paths("/statuses")
    assert len(pages) == 3  # 40 + 40 + 20: the short page has no rel="next"
    assert all(r.params["limit"] == "40" for r in pages)
    assert "max_id" not in pages[0].params
    assert pages[1].params["max_id"] == fetched.posts[39]["id"]
    assert pages[2].params["max_id"] == fetched.posts[79]["id"]
    assert fetched.posts[0]["text"] == WORDS.format(n=99)
    assert masto.paths("/lookup")[0].params == {"acct": "alice"}


def test_profile_from_the_account_lookup(masto):
    account = masto.add_account("alice", display_name="Alice Liddell")
    fill(account, 2)
    profile = fetch(masto).profile
    assert profile.display_name == "Alice Liddell"
    assert profile.avatar_url == account.as_api()["avatar"]
    assert profile.handle == ACCT and profile.source == "mastodon"


def test_reblogs_are_retweets_and_counted_like_x(masto):
    account = masto.add_account("alice")
    fill(account, 4)
    account.reblog("<p>someone else said many words here</p>")
    posts = fetch(masto).posts
    assert posts[0]["is_retweet"] and posts[0]["reblogged_from"] == "other@elsewhere.social"
    assert posts[0]["text"] == "someone else said many words here"
    counts = curate(posts).counts
    assert (counts.downloaded, counts.retweets, counts.short, counts.kept) == (5, 1, 0, 4)


def test_html_becomes_text_with_line_breaks_links_mentions_and_hashtags(masto):
    account = masto.add_account("alice")
    url = "https://example.com/a/rather/long/path?q=1&r=2"
    account.status(
        f"<p>first line<br />second line {link_html(url)}</p>"
        f"<p>hi {mention_html('bob', 'example.social')} {hashtag_html('python', 'example.social')}"
        ' and <a href="https://example.com/doc">the docs</a></p>'
    )
    post = fetch(masto).posts[0]
    assert post["text"] == (
        f"first line\nsecond line {url.replace('&', '&amp;')}\n\nhi @bob #python and the docs"
    )
    assert clean(fix_text(post["text"])) == "first line second line hi @bob #python and the docs"


def test_entities_are_decoded_once_then_escaped_like_x(masto):
    account = masto.add_account("alice")
    account.text("fish & chips <3 and a literal &amp; too")  # escaped by the server as HTML
    post = fetch(masto).posts[0]
    assert post["text"] == "fish &amp; chips &lt;3 and a literal &amp;amp; too"
    assert fix_text(post["text"]) == "fish & chips <3 and a literal &amp; too"


def test_quote_fallback_links_are_dropped():
    html = (
        '<p>my own words on this<span class="quote-inline"><br/>RE: '
        '<a href="https://x.social/@b/1">x.social/@b/1</a></span></p>'
    )
    assert html_to_text(html) == "my own words on this"


def test_unknown_account_is_unknown_user(masto):
    with pytest.raises(UnknownUser, match="unknown Mastodon account @ghost@example.social"):
        fetch(masto, "ghost@example.social")


def test_suspended_account_is_unknown_user(masto):
    masto.add_account("alice", suspended=True)
    with pytest.raises(UnknownUser, match="suspended"):
        fetch(masto)


def test_instance_without_public_api_is_config_error(masto):
    masto.add_account("alice")
    masto.require_auth = True
    with pytest.raises(ConfigError, match="without logging in"):
        fetch(masto)


def test_429_waits_for_the_iso_reset_then_succeeds(masto):
    fill(masto.add_account("alice"), 50)
    reset = iso_time(datetime.now(UTC) + timedelta(seconds=20))
    masto.fault(429, {"X-RateLimit-Reset": reset}, {"error": "Too many requests"}, "/statuses")
    sleeps: list[float] = []
    assert len(fetch(masto, sleeps=sleeps).posts) == 50
    assert len(sleeps) == 1 and 15 <= sleeps[0] <= 22


def test_429_beyond_the_bound_is_transient(masto):
    fill(masto.add_account("alice"), 5)
    reset = iso_time(datetime.now(UTC) + timedelta(hours=1))
    masto.fault(429, {"X-RateLimit-Reset": reset}, match="/lookup")
    with pytest.raises(TransientError, match="resets in"):
        fetch(masto, max_rate_wait=60)


def test_5xx_is_retried_then_succeeds(masto):
    fill(masto.add_account("alice"), 45)
    masto.fault(500, match="/statuses")
    masto.fault(0, match="/statuses")
    sleeps: list[float] = []
    assert len(fetch(masto, sleeps=sleeps).posts) == 45
    assert len(sleeps) == 2


def test_since_id_returns_only_newer_statuses(masto):
    account = masto.add_account("alice")
    fill(account, 60)
    newest = fetch(masto).posts[0]["id"]
    account.text("something new and worth saying")
    account.reblog("<p>a fresh boost</p>")
    newer = fetch(masto, since_id=newest).posts
    assert [p["text"] for p in newer] == ["a fresh boost", "something new and worth saying"]
    assert masto.paths("/statuses")[-1].params["since_id"] == newest


def _cli_env(server, **extra: str) -> dict[str, str]:
    return {"HT_MASTODON_API_URL": server.url, "HT_MASTODON_BACKOFF": "0", **extra}


def test_cli_run_until_prepare_writes_raw_and_stats_like_x(htctl, masto, tmp_path):
    account = masto.add_account("Alice")
    fill(account, 85)
    account.reblog("<p>boosted words from somebody else</p>")
    account.text("gm")
    store = tmp_path / "store"
    result = htctl(
        "run", "mastodon:Alice@Example.Social", "--until", "prepare", "--store", str(store),
        env=_cli_env(masto),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    bot = store / "alice@example.social"
    assert len((bot / "raw/alice@example.social.jsonl").read_text().splitlines()) == 87
    stats = json.loads((bot / "dataset/stats.json").read_text())
    assert stats["handles"]["alice@example.social"] == {
        "downloaded": 87,
        "retweets": 1,
        "short": 1,
        "kept": 85,
    }


def test_cli_unknown_account_exits_2(htctl, masto, tmp_path):
    result = htctl("run", f"mastodon:{ACCT}", "--store", str(tmp_path / "s"), env=_cli_env(masto))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "unknown Mastodon account" in result.stderr


def test_cli_5xx_forever_exits_4(htctl, masto, tmp_path):
    masto.add_account("alice")
    for _ in range(2):
        masto.fault(502, match="/lookup")
    env = _cli_env(masto, HT_MASTODON_RETRIES="2")
    result = htctl("run", f"mastodon:{ACCT}", "--store", str(tmp_path / "s"), env=env)
    assert result.returncode == 4, result.stderr


def test_cli_instance_requiring_login_exits_3(htctl, masto, tmp_path):
    masto.add_account("alice")
    masto.require_auth = True
    result = htctl("run", f"mastodon:{ACCT}", "--store", str(tmp_path / "s"), env=_cli_env(masto))
    assert result.returncode == 3, result.stderr

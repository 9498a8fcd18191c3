"""The Bluesky source against a local AT Protocol AppView server (tests/servers/bsky.py)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from job.bots import parse_handle
from job.errors import TransientError, UnknownUser
from job.rules import clean, curate, fix_text
from job.sources.bsky import BlueskySource, expand_links
from job.sources.policy import RetryPolicy
from tests.servers.bsky import BskyServer, link_facet

HANDLE = "alice.bsky.social"
WORDS = "the quick brown fox jumps over the lazy dog while thinking about {n} small things"


@pytest.fixture
def bsky():
    with BskyServer() as server:
        yield server


def source(server: BskyServer, sleeps: list | None = None, **policy) -> BlueskySource:
    policy = {"backoff": 0.0, "reset_header": "ratelimit-reset", **policy}
    return BlueskySource(
        base_url=server.url,
        policy=RetryPolicy(**policy),
        sleep=(sleeps if sleeps is not None else []).append,
    )


def fill(account, n: int) -> None:
    for i in range(n):
        account.post(WORDS.format(n=i))


def fetch(server, handle: str = HANDLE, **kwargs):
    return source(server, **kwargs).fetch(parse_handle(f"bsky:{handle}"))


def test_reads_every_page_with_the_cursor_and_documented_params(bsky):
    fill(bsky.add_account(HANDLE), 250)
    fetched = fetch(bsky)
    assert len(fetched.posts) == 250
    feeds = bsky.paths("getAuthorFeed")
    assert len(feeds) == 3
    assert all(r.params["limit"] == "100" for r in feeds)
    assert all(r.params["filter"] == "posts_with_replies" for r in feeds)
    assert "cursor" not in feeds[0].params
    assert feeds[1].params["cursor"] and feeds[2].params["cursor"] != feeds[1].params["cursor"]
    # newest first, as the feed serves them, and every id distinct
    assert fetched.posts[0]["text"] == WORDS.format(n=249)
    assert len({p["id"] for p in fetched.posts}) == 250


def test_stops_on_an_empty_page_that_still_carries_a_cursor():
    with BskyServer(trailing_cursor=True) as server:
        fill(server.add_account(HANDLE), 100)
        assert len(fetch(server).posts) == 100
        assert len(server.paths("getAuthorFeed")) == 2


def test_profile_gives_display_name_avatar_and_did(bsky):
    account = bsky.add_account(HANDLE, display_name="Alice A.")
    fill(account, 3)
    profile = fetch(bsky).profile
    assert profile.display_name == "Alice A."
    assert profile.avatar_url == account.avatar
    assert profile.extra["did"] == account.did
    assert profile.source == "bsky"


def test_reposts_are_retweets_and_counted_like_x(bsky):
    account = bsky.add_account(HANDLE)
    fill(account, 5)
    account.repost("somebody else wrote these many words here")
    account.repost("and another reposted post with words")
    posts = fetch(bsky).posts
    assert [p["is_retweet"] for p in posts[:2]] == [True, True]
    assert posts[0]["reposted_from"] == "someone.bsky.social"
    counts = curate(posts).counts
    assert (counts.downloaded, counts.retweets, counts.kept) == (7, 2, 5)


def test_replies_and_quote_posts_keep_their_own_text(bsky):
    account = bsky.add_account(HANDLE)
    parent = "at://did:plc:bob/app.bsky.feed.post/3kabc"
    account.post("I fully agree with you on this point", reply_to=parent)
    account.post("this take is worth reading twice", quote=parent)
    quote, reply = fetch(bsky).posts
    assert reply["text"] == "I fully agree with you on this point" and reply["is_reply"]
    assert quote["text"] == "this take is worth reading twice" and quote["is_quote"]
    assert not quote["is_retweet"] and not reply["is_retweet"]


def test_link_facets_put_the_full_uri_in_place_so_the_rules_remove_it(bsky):
    account = bsky.add_account(HANDLE)
    text = "héllo 🌍 read example.com/some/pa... and tell me more"
    url = "https://example.com/some/path?x=1"
    account.post(text, facets=[link_facet(text, "example.com/some/pa...", url)])
    glued = "see:example.org/x now friends"
    account.post(glued, facets=[link_facet(glued, "example.org/x", "https://example.org/x")])
    glued_post, post = fetch(bsky).posts
    assert post["text"] == f"héllo 🌍 read {url} and tell me more"
    assert clean(fix_text(post["text"])) == "héllo 🌍 read and tell me more"
    assert clean(fix_text(glued_post["text"])) == "see:now friends"  # URL+space goes, as on X


def test_bad_facets_leave_the_text_as_written():
    text = "plain words 🌍 here"
    inside_emoji = {"index": {"byteStart": 13, "byteEnd": 14}}
    inside_emoji["features"] = [{"$type": "app.bsky.richtext.facet#link", "uri": "https://a.b"}]
    beyond = {
        "index": {"byteStart": 5, "byteEnd": 500},
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://a.b"}],
    }
    mention = {
        "index": {"byteStart": 0, "byteEnd": 5},
        "features": [{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:x"}],
    }
    assert expand_links(text, [inside_emoji, beyond, mention, "junk"]) == text


def test_text_is_escaped_like_x_so_the_rules_give_back_what_was_written(bsky):
    account = bsky.add_account(HANDLE)
    account.post("fish & chips <3 and a literal &amp; too")
    post = fetch(bsky).posts[0]
    assert post["text"] == "fish &amp; chips &lt;3 and a literal &amp;amp; too"
    assert fix_text(post["text"]) == "fish & chips <3 and a literal &amp; too"


def test_unknown_account_is_unknown_user(bsky):
    with pytest.raises(UnknownUser, match="Profile not found"):
        fetch(bsky, "nobody.bsky.social")


def test_taken_down_account_is_unknown_user(bsky):
    bsky.add_account(HANDLE, takedown=True)
    with pytest.raises(UnknownUser, match="AccountTakedown"):
        fetch(bsky)


def test_429_waits_for_ratelimit_reset_then_succeeds(bsky):
    fill(bsky.add_account(HANDLE), 150)
    reset = int(time.time()) + 30
    bsky.fault(429, {"ratelimit-reset": str(reset)}, {"error": "RateLimitExceeded"}, "Feed")
    sleeps: list[float] = []
    assert len(fetch(bsky, sleeps=sleeps).posts) == 150
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 32
    assert len(bsky.paths("getAuthorFeed")) == 3  # the refused page was asked again


def test_429_beyond_the_bound_is_transient_without_waiting(bsky):
    fill(bsky.add_account(HANDLE), 3)
    bsky.fault(429, {"ratelimit-reset": str(int(time.time()) + 3600)}, match="Profile")
    sleeps: list[float] = []
    with pytest.raises(TransientError, match="resets in"):
        fetch(bsky, sleeps=sleeps, max_rate_wait=60)
    assert sleeps == []


def test_5xx_and_dropped_connections_are_retried(bsky):
    fill(bsky.add_account(HANDLE), 3)
    bsky.fault(502, match="Feed")
    bsky.fault(0, match="Feed")
    bsky.fault(503, match="Profile")
    sleeps: list[float] = []
    assert len(fetch(bsky, sleeps=sleeps).posts) == 3
    assert len(sleeps) == 3


def test_5xx_forever_is_transient(bsky):
    fill(bsky.add_account(HANDLE), 3)
    for _ in range(3):
        bsky.fault(500, match="Profile")
    with pytest.raises(TransientError, match="after 3 attempts"):
        fetch(bsky, attempts=3)


def test_since_id_returns_only_newer_items(bsky):
    account = bsky.add_account(HANDLE)
    fill(account, 120)
    first = fetch(bsky).posts
    account.post("a brand new post with enough words")
    account.repost("a brand new repost of somebody")
    newer = source(bsky).fetch(parse_handle(f"bsky:{HANDLE}"), since_id=first[0]["id"])
    assert [p["text"] for p in newer.posts] == [
        "a brand new repost of somebody",
        "a brand new post with enough words",
    ]
    assert len(bsky.paths("getAuthorFeed")) == 3  # 2 pages, then 1: it stopped early


def test_max_posts_caps_the_feed(bsky):
    fill(bsky.add_account(HANDLE), 250)
    capped = BlueskySource(base_url=bsky.url, max_posts=120).fetch(parse_handle(f"bsky:{HANDLE}"))
    assert len(capped.posts) == 120
    assert len(bsky.paths("getAuthorFeed")) == 2


def _cli_env(server: BskyServer, **extra: str) -> dict[str, str]:
    return {"HT_BSKY_API_URL": server.url, "HT_BSKY_BACKOFF": "0", **extra}


def test_cli_run_until_prepare_writes_raw_and_stats_like_x(htctl, bsky, tmp_path):
    account = bsky.add_account("Alice.bsky.social")
    fill(account, 80)
    account.repost("words of somebody else entirely here")
    account.post("gm")
    store = tmp_path / "store"
    result = htctl(
        "run", "bsky:Alice.bsky.social", "--until", "prepare", "--store", str(store),
        env=_cli_env(bsky),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    bot = store / "alice.bsky.social"
    lines = (bot / "raw/alice.bsky.social.jsonl").read_text().splitlines()
    assert len(lines) == 82
    stats = json.loads((bot / "dataset/stats.json").read_text())
    assert stats["handles"]["alice.bsky.social"] == {
        "downloaded": 82,
        "retweets": 1,
        "short": 1,
        "kept": 80,
    }
    meta = json.loads((bot / "raw/alice.bsky.social.meta.json").read_text())
    assert meta["source"] == "bsky" and meta["avatar_url"] == account.avatar


def test_cli_unknown_account_exits_2(htctl, bsky, tmp_path):
    result = htctl(
        "run", "bsky:ghost.bsky.social", "--store", str(tmp_path / "s"), env=_cli_env(bsky)
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Profile not found" in result.stderr
    assert not Path(tmp_path / "s/ghost.bsky.social/raw").exists()


def test_cli_5xx_forever_exits_4(htctl, bsky, tmp_path):
    fill(bsky.add_account(HANDLE), 3)
    for _ in range(2):
        bsky.fault(503, match="Profile")
    env = _cli_env(bsky, HT_BSKY_RETRIES="2")
    result = htctl("run", f"bsky:{HANDLE}", "--store", str(tmp_path / "s"), env=env)
    assert result.returncode == 4, result.stderr
    assert "after 2 attempts" in result.stderr.splitlines()[-1]


def test_cli_rate_limit_beyond_the_bound_exits_4(htctl, bsky, tmp_path):
    fill(bsky.add_account(HANDLE), 3)
    bsky.fault(429, {"ratelimit-reset": str(int(time.time()) + 3600)}, match="Feed")
    env = _cli_env(bsky, HT_BSKY_MAX_RATE_WAIT="5")
    result = htctl("run", f"bsky:{HANDLE}", "--store", str(tmp_path / "s"), env=env)
    assert result.returncode == 4, result.stderr
    assert "HT_BSKY_MAX_RATE_WAIT" in result.stderr

"""Handle syntax: every source's form, strict validation, keys, spec round trips, uniqueness."""

from __future__ import annotations

import itertools
import re

import pytest

from job.bots import Handle, parse_bot, parse_handle, parse_users_text
from job.errors import BadInput, InvalidHandle
from job.sources import bind_sources

VALID = {
    # text: (source, name, location, key)
    "karpathy": ("x", "karpathy", None, "karpathy"),
    "@Karpathy": ("x", "Karpathy", None, "karpathy"),
    "x:karpathy": ("x", "karpathy", None, "karpathy"),
    "x:@elon_Musk": ("x", "elon_Musk", None, "elon_musk"),
    "archive:karpathy=exports/k.zip": ("archive", "karpathy", "exports/k.zip", "karpathy"),
    "archive:Karpathy=/abs/path=with=eq.zip": (
        "archive",
        "Karpathy",
        "/abs/path=with=eq.zip",
        "karpathy",
    ),
    "bsky:alice.bsky.social": ("bsky", "alice.bsky.social", None, "alice.bsky.social"),
    "bsky:@Alice.Bsky.Social": ("bsky", "Alice.Bsky.Social", None, "alice.bsky.social"),
    "bsky:jay-graber.example.com": (
        "bsky",
        "jay-graber.example.com",
        None,
        "jay-graber.example.com",
    ),
    "mastodon:user@example.social": (
        "mastodon",
        "user@example.social",
        None,
        "user@example.social",
    ),
    "mastodon:@Gargron@Mastodon.Social": (
        "mastodon",
        "Gargron@Mastodon.Social",
        None,
        "gargron@mastodon.social",
    ),
    "mastodon:a_b.c@sub.my-host.org": (
        "mastodon",
        "a_b.c@sub.my-host.org",
        None,
        "a_b.c@sub.my-host.org",
    ),
    "file:me=posts.jsonl": ("file", "me", "posts.jsonl", "me"),
    "file:My_Posts_2024=~/out/p.csv": ("file", "My_Posts_2024", "~/out/p.csv", "my_posts_2024"),
}

INVALID = [
    "not-a-handle!",
    "sixteencharsssss",
    "alice.bsky.social",  # a Bluesky handle needs bsky:
    "user@example.social",  # a Mastodon account needs mastodon:
    "twitter:karpathy",  # unknown source
    "x:",
    "x:alice.bsky.social",
    "bsky:alice",  # one label is not a domain
    "bsky:alice..bsky.social",
    "bsky:-alice.bsky.social",
    "bsky:alice.bsky.123",  # the top-level label starts with a letter
    "bsky:alice.bsky.social/x",
    "bsky:../etc.passwd",
    "bsky:" + "a" * 64 + ".com",  # a label is at most 63 characters
    "bsky:" + ".".join(["abcdefghij"] * 20) + ".com",  # longer than 200
    "mastodon:user",
    "mastodon:user@",
    "mastodon:@example.social",
    "mastodon:us/er@example.social",
    "mastodon:a..b@example.social",
    "mastodon:user@localhost",  # an instance is a domain name
    "mastodon:user@ex ample.social",
    "archive:karpathy",  # archive needs =PATH
    "archive:karpathy=",
    "archive:=path.zip",
    "archive:not-x!=p.zip",
    "file:me",
    "file:me/../x=p.txt",
    "file:" + "a" * 31 + "=p.txt",
]


@pytest.mark.parametrize("text", VALID)
def test_each_syntax_parses_to_its_source_name_location_and_key(text):
    handle = parse_handle(text)
    assert (handle.source, handle.name, handle.location, handle.key) == VALID[text]


@pytest.mark.parametrize("text", VALID)
def test_spec_parses_back_to_the_same_handle(text):
    handle = parse_handle(text)
    assert parse_handle(handle.spec) == handle
    assert parse_bot(handle.spec).handles == (handle,)


@pytest.mark.parametrize("text", INVALID)
def test_invalid_handles_are_refused(text):
    with pytest.raises(InvalidHandle):
        parse_handle(text)


def test_plain_domains_and_accounts_get_a_hint():
    with pytest.raises(InvalidHandle, match="write bsky:alice.bsky.social"):
        parse_handle("alice.bsky.social")
    with pytest.raises(InvalidHandle, match="write mastodon:u@example.social"):
        parse_handle("@u@example.social")


def test_x_bot_names_are_unchanged():
    assert parse_bot("Karpathy+elonmusk").name == "elonmusk-karpathy"
    assert parse_bot("x:karpathy").name == parse_bot("@karpathy").name == "karpathy"
    assert parse_bot("archive:karpathy=a.zip").name == "karpathy"


def test_mixed_bot_spec_round_trips_in_order():
    text = "bsky:alice.bsky.social+karpathy+mastodon:bob@example.social+file:me=p.txt"
    bot = parse_bot(text)
    assert bot.spec == text
    assert parse_bot(bot.spec) == bot
    assert bot.name == "alice.bsky.social-bob@example.social-karpathy-me"
    assert bot.keys == ["alice.bsky.social", "karpathy", "bob@example.social", "me"]


def test_keys_and_bot_names_are_safe_store_path_parts():
    for text in VALID:
        bot = parse_bot(text)
        for part in [*bot.keys, bot.name]:
            assert "/" not in part and ".." not in part.split("/")
            assert not re.search(r"\s", part) and part == part.lower()


def test_keys_of_the_three_families_are_disjoint():
    # X-like names (x, archive, file: a person's name), Bluesky domains, Mastodon accounts
    family = {
        "x": r"[a-z0-9_]+",
        "archive": r"[a-z0-9_]+",
        "file": r"[a-z0-9_]+",
        "bsky": r"[a-z0-9-]+(\.[a-z0-9-]+)+",
        "mastodon": r"[a-z0-9_.-]+@[a-z0-9-]+(\.[a-z0-9-]+)+",
    }
    for text in VALID:
        handle = parse_handle(text)
        assert re.fullmatch(family[handle.source], handle.key), text
    # no string matches two families: X-like keys have no "." or "@", domains no "@"
    assert not re.fullmatch(family["bsky"], "user@example.social")
    assert not re.fullmatch(family["x"], "alice.bsky.social")


def test_bot_names_stay_unique_when_keys_hold_hyphens():
    # joined naively, both would be "a-b.bsky.social"
    one = parse_bot("a+bsky:b.bsky.social")
    two = parse_bot("bsky:a-b.bsky.social")
    assert one.name != two.name
    assert two.name == "a--b.bsky.social"
    handles = ["a", "bsky:b.bsky.social", "bsky:a-b.bsky.social", "bsky:b-c.bsky.social", "c"]
    bots = [
        parse_bot("+".join(combo))
        for size in (1, 2, 3)
        for combo in itertools.combinations(handles, size)
    ]
    names = [bot.name for bot in bots]
    assert len(names) == len(set(names))


def test_the_same_key_with_two_sources_is_refused():
    with pytest.raises(BadInput, match="twice with different sources"):
        parse_bot("karpathy+archive:karpathy=a.zip")
    assert len(parse_bot("karpathy+x:Karpathy+@KARPATHY").handles) == 1


def test_users_txt_accepts_every_syntax_and_names_bad_lines():
    text = (
        "karpathy  # an X handle\n"
        "bsky:alice.bsky.social, mastodon:bob@example.social\n"
        "file:me=posts.jsonl + x:elonmusk\n"
    )
    bots = parse_users_text(text)
    assert [b.name for b in bots] == [
        "karpathy",
        "alice.bsky.social-bob@example.social",
        "elonmusk-me",
    ]
    with pytest.raises(BadInput, match=r"users.txt:2: invalid Bluesky handle"):
        parse_users_text("karpathy\nbsky:nodots\n")


def test_overlong_bot_names_are_refused():
    many = "+".join(f"bsky:{'a' * 60}{i}.bsky.social" for i in range(5))
    with pytest.raises(BadInput, match="longer than"):
        parse_bot(many)


def test_source_option_binds_paths_and_checks_conflicts():
    bot = bind_sources(parse_bot("karpathy+elonmusk"), ["archive:k.zip", "file:e.csv"])
    assert [h.spec for h in bot.handles] == ["archive:karpathy=k.zip", "file:elonmusk=e.csv"]
    bsky = parse_bot("bsky:alice.bsky.social")
    assert bind_sources(bsky, ["bsky"]) == bsky
    with pytest.raises(BadInput, match="write bsky:HANDLE"):
        bind_sources(parse_bot("karpathy"), ["bsky"])
    with pytest.raises(BadInput, match="conflicts"):
        bind_sources(bsky, ["x"])
    with pytest.raises(BadInput, match="one per handle"):
        bind_sources(parse_bot("a+b"), ["x"])


def test_handle_is_a_value():
    assert Handle("karpathy") == parse_handle("@karpathy")
    assert hash(parse_handle("bsky:a.b.c")) == hash(parse_handle("bsky:a.b.c"))

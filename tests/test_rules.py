"""The data rules (docs/data-rules.md "The rules"): huggingtweets' own, kept exact.

Hand-written cases pin each rule; the real exports are checked against an oracle written here
from huggingtweets' notebook logic, independently of job.rules.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from job.bots import Handle
from job.rules import EOS, clean, curate, fix_text, is_short
from job.sources.archive import read_archive


def kept_text(text: str) -> str | None:
    """What one non-retweet post becomes, or None when it is dropped as short."""
    curated = curate([{"text": text, "is_retweet": False}])
    return curated.kept[0] if curated.kept else None


# --- URLs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://t.co/abc reading this later", "reading this later"),  # at the start
        ("reading https://t.co/abc this later", "reading this later"),  # in the middle
        ("reading this later https://t.co/abc", "reading this later"),  # at the end
        ("reading this later\nhttps://t.co/abc", "reading this later"),  # alone on a line
        ("first line\nhttps://t.co/abc\nthird line", "first line third line"),
        ("reading this\nhttps://t.co/abc later", "reading this later"),  # newline + URL + space
        ("see:https://t.co/x and more words", "see:and more words"),  # glued: joins the next
        ("plain http://example.com/a?b=c&d link here", "plain link here"),  # http: too
        ("two https://a.example/1 https://b.example/2 links here", "two links here"),
        ("https://only.example/x", ""),  # nothing but a URL
    ],
)
def test_urls_are_removed_wherever_they_stand(text, expected):
    assert clean(text) == expected


def test_url_deletion_order_matters_as_in_huggingtweets():
    # Pass (b) "URL + space" eats the space too, so the words on both sides join.
    assert clean("foohttps://x bar") == "foobar"
    assert clean("foohttp://x bar") == "foobar"


def test_a_bare_scheme_is_not_a_url():
    # "http:" needs at least one non-space character after it.
    assert clean("the http: prefix alone") == "the http: prefix alone"


def test_whitespace_is_folded_and_stripped():
    assert clean("  many   spaces\n\nand\tlines  ") == "many spaces and lines"


# --- entities ----------------------------------------------------------------------------------


def test_html_entities_are_unescaped():
    assert fix_text("fish &amp; chips &lt;3 &gt;_&gt;") == "fish & chips <3 >_>"


def test_only_the_three_entities_are_unescaped():
    assert (
        fix_text("&quot;quoted&quot; &#39;x&#39; &nbsp;") == "&quot;quoted&quot; &#39;x&#39; &nbsp;"
    )


def test_entities_are_fixed_before_cleaning_in_curate():
    assert kept_text("fish &amp; chips tonight https://t.co/a") == "fish & chips tonight"


# --- short posts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("two words", True),
        ("exactly three words", False),  # the boundary: 3 plain words are enough
        ("@alice two words", True),  # a mention doesn't count
        ("#tag two words", True),  # nor a hashtag
        ("two words https://t.co/x", True),  # the URL is gone before counting
        ("me@home is #here ok", True),  # any word containing @ or # doesn't count
        ("visit HTTPS-land right now", False),  # 'HTTPS-land' contains http (case-insensitive)
        ("visit HTTPLand today", True),
        ("look at Http stuff", False),  # 'Http' counts as boring -> 3 plain words left
        ("look Http stuff", True),
        ("", True),
    ],
)
def test_short_means_fewer_than_three_plain_words(text, short):
    assert is_short(clean(fix_text(text))) is short


def test_a_url_glued_to_a_word_glues_that_word_to_the_next():
    # Pass (b) removes "https://t.co/x " with its space: "see:" and "two" become one word.
    assert clean("see:https://t.co/x two more") == "see:two more"
    assert is_short(clean("see:https://t.co/x two more")) is True
    assert is_short(clean("see:https://t.co/x two more words")) is False


# --- retweets and counts -----------------------------------------------------------------------


def test_retweets_are_counted_then_dropped_before_anything_else():
    posts = [
        {"text": "RT @bob: a perfectly long and interesting post", "is_retweet": True},
        {"text": "my own long and interesting post", "is_retweet": False},
        {"text": "tiny", "is_retweet": False},
    ]
    curated = curate(posts)
    assert curated.counts.as_dict() == {"downloaded": 3, "retweets": 1, "short": 1, "kept": 1}
    assert curated.kept == ["my own long and interesting post"]


def test_a_retweet_that_would_be_short_counts_only_as_retweet():
    curated = curate([{"text": "RT @bob: hi", "is_retweet": True}])
    assert (curated.counts.retweets, curated.counts.short) == (1, 0)


def test_downloaded_is_retweets_plus_short_plus_kept():
    texts = [
        "one",
        "RT @x: whatever it says here",
        "three good words",
        "@a @b #c",
        "https://t.co/z",
        "a normal post with several words",
        "short post",
    ]
    posts = [{"text": t, "is_retweet": t.startswith("RT @")} for t in texts]
    counts = curate(posts).counts
    assert counts.downloaded == len(texts)
    assert counts.downloaded == counts.retweets + counts.short + counts.kept
    assert (counts.retweets, counts.short, counts.kept) == (1, 4, 2)


def test_kept_chars_counts_the_text_joined_by_the_separator():
    curated = curate([{"text": "aaa bbb ccc"}, {"text": "ddd eee fff"}])
    assert curated.kept_chars == len("aaa bbb ccc" + EOS + "ddd eee fff")


# --- the real exports against an independent oracle --------------------------------------------


def oracle_fix_text(text: str) -> str:
    text = text.replace("&amp;", "&")
    text = text.replace("&lt;", "<")
    return text.replace("&gt;", ">")


def oracle_clean_tweet(tweet: str) -> str:
    for w in ["http:", "https:"]:
        tweet = re.sub(f" {w}\\S+", "", tweet)
        tweet = re.sub(f"{w}\\S+ ", "", tweet)
        tweet = re.sub(f"\n{w}\\S+ ", "", tweet)
        tweet = re.sub(f"\n{w}\\S+", "", tweet)
        tweet = re.sub(f"{w}\\S+", "", tweet)
    tweet = re.sub(" +", " ", tweet)
    tweet = " ".join(tweet.split())
    return tweet.strip()


def oracle_boring_tweet(tweet: str) -> bool:
    boring_stuff = ["http", "@", "#"]
    not_boring = [w for w in tweet.split() if all(b not in w.lower() for b in boring_stuff)]
    return len(not_boring) < 3


def oracle_counts(texts: list[str]) -> tuple[dict, list[str]]:
    counts = {"downloaded": 0, "retweets": 0, "short": 0, "kept": 0}
    kept = []
    for text in texts:
        counts["downloaded"] += 1
        if text.startswith("RT @"):
            counts["retweets"] += 1
            continue
        tweet = oracle_clean_tweet(oracle_fix_text(text))
        if oracle_boring_tweet(tweet):
            counts["short"] += 1
            continue
        counts["kept"] += 1
        kept.append(tweet)
    return counts, kept


def raw_export_texts(folder: Path) -> list[str]:
    """The posts' texts read straight from the export's JS, without job.sources.archive."""
    texts = []
    for path in sorted((folder / "data").glob("tweet*.js")):
        body = path.read_text(encoding="utf-8-sig")
        items = json.loads(body[body.index("[") :])
        texts.extend((item.get("tweet") or item)["full_text"] for item in items)
    return texts


@pytest.mark.parametrize("user", ["andreruffert", "smithjd"])
def test_real_export_counts_equal_huggingtweets(real_archives, user):
    folder = real_archives / user
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    expected_counts, expected_kept = oracle_counts(raw_export_texts(folder))
    curated = curate(read_archive(folder, Handle(user)).posts)
    assert curated.counts.as_dict() == expected_counts
    assert curated.kept == expected_kept
    assert expected_counts["retweets"] > 0 and expected_counts["short"] > 0


def test_oracle_and_rules_agree_on_tricky_hand_written_posts():
    texts = [
        "foohttps://x bar baz",
        "a\nhttps://t.co/1 b c",
        "x https://t.co/1\nhttp://t.co/2 y z",
        "https://a https://b three words here",
        "&amp;&amp; &lt;tag&gt; words",
        "RT @someone: retweeted text here",
        " RT @someone: not a retweet by the rule",
        "Ünïcödé wörds ärë fïnë",
        "日本語 の 投稿 です",
        "tab\tseparated\u00a0nbsp words",
    ]
    expected_counts, expected_kept = oracle_counts(texts)
    posts = [{"text": t, "is_retweet": t.startswith("RT @")} for t in texts]
    curated = curate(posts)
    assert curated.counts.as_dict() == expected_counts
    assert curated.kept == expected_kept


@pytest.mark.parametrize("user", ["andreruffert", "smithjd"])
def test_htctl_run_on_a_real_export_writes_huggingtweets_counts(
    real_archives, user, htctl, tmp_path
):
    folder = real_archives / user
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    expected_counts, _ = oracle_counts(raw_export_texts(folder))
    store = tmp_path / "store"
    result = htctl(
        "run", user, "--source", f"archive:{folder}", "--until", "prepare", "--store", str(store)
    )
    assert result.returncode == 0, result.stderr
    stats = json.loads((store / user / "dataset" / "stats.json").read_text())
    assert stats["handles"] == {user: expected_counts}
    assert stats["train_posts"] + stats["valid_posts"] == expected_counts["kept"]

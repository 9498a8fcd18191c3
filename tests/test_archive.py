"""X "Download your data" exports: every layout X has shipped, and every way one can be broken."""

from __future__ import annotations

import zipfile

import pytest

from job.bots import Handle
from job.errors import BadInput
from job.rules import curate
from job.sources.archive import read_archive
from tests.support.archives import synthetic_posts
from tests.support.cli import assert_one_error_line

POSTS = synthetic_posts(25) + ["RT @someone: a retweet of theirs", "short one"]


def texts(fetched) -> list[str]:
    return [p["text"] for p in fetched.posts]


@pytest.mark.parametrize("form", ["folder", "zip"])
@pytest.mark.parametrize(
    "layout",
    [
        {},  # data/tweets.js with account.js
        {"posts_file": "tweet"},  # older exports: data/tweet.js
        {"parts": 3},  # tweets.js, tweets-part1.js, tweets-part2.js
        {"posts_file": "tweet", "parts": 2},
        {"top_folder": "twitter-2022-11-14-abc"},  # a zip made by hand around the folder
        {"wrapped": False},  # items without the {"tweet": {...}} wrapper
    ],
    ids=["tweets.js", "tweet.js", "split-parts", "tweet.js-parts", "top-folder", "unwrapped"],
)
def test_every_layout_gives_every_post_in_order(make_archive, form, layout):
    archive = make_archive(POSTS, form=form, username="Sample_User", **layout)
    fetched = read_archive(archive, Handle("sample_user"))
    assert texts(fetched) == POSTS
    assert [p["is_retweet"] for p in fetched.posts] == [t.startswith("RT @") for t in POSTS]
    assert {p["source"] for p in fetched.posts} == {"archive"}
    assert len({p["id"] for p in fetched.posts}) == len(POSTS)


def test_split_parts_are_read_in_numeric_order(make_archive):
    posts = synthetic_posts(24)
    archive = make_archive(posts, parts=12)  # tweets-part10.js must come after part9
    assert texts(read_archive(archive, Handle("anyone"))) == posts


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_account_js_gives_username_and_display_name(make_archive, form):
    archive = make_archive(POSTS, form=form, username="Sample_User", display_name="Sample Ü")
    profile = read_archive(archive, Handle("SAMPLE_user")).profile
    assert (profile.handle, profile.display_name, profile.source) == (
        "Sample_User",
        "Sample Ü",
        "archive",
    )


def test_without_account_js_the_handle_names_the_profile(make_archive):
    fetched = read_archive(make_archive(POSTS), Handle("Given_Name"))
    assert fetched.profile.handle == "Given_Name"
    assert fetched.profile.display_name == "Given_Name"
    assert texts(fetched) == POSTS


def test_profile_js_gives_the_avatar_url(make_archive):
    url = "https://pbs.twimg.com/profile_images/1/avatar.jpg"
    profile = read_archive(make_archive(POSTS, avatar=url), Handle("a")).profile
    assert profile.avatar_url == url


def test_an_avatar_path_inside_the_archive_is_not_a_url(make_archive):
    # Newer exports point into the zip; a card cannot show that, so it's kept aside.
    path = "./data/profile_media/abc.jpg"
    profile = read_archive(make_archive(POSTS, avatar=path), Handle("a")).profile
    assert profile.avatar_url is None
    assert profile.extra["avatar_in_archive"] == path


def test_tweets_js_wins_over_an_older_tweet_js_beside_it(make_archive, tmp_path):
    archive = make_archive(POSTS)
    (archive / "data" / "tweet.js").write_text("window.YTD.tweet.part0 = " + "[]")
    assert texts(read_archive(archive, Handle("a"))) == POSTS


def test_the_data_folder_itself_is_accepted(make_archive):
    archive = make_archive(POSTS, username="someone")
    assert texts(read_archive(archive / "data", Handle("someone"))) == POSTS


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_an_archive_of_another_user_is_refused(make_archive, form):
    archive = make_archive(POSTS, form=form, username="somebody_else")
    with pytest.raises(BadInput, match="belongs to @somebody_else, not @wanted"):
        read_archive(archive, Handle("wanted"))


# --- broken archives ---------------------------------------------------------------------------


def test_a_missing_path_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="archive not found"):
        read_archive(tmp_path / "nope.zip", Handle("a"))


def test_a_file_that_is_not_a_zip_is_bad_input(tmp_path):
    bogus = tmp_path / "export.zip"
    bogus.write_bytes(b"this is not a zip file at all")
    with pytest.raises(BadInput, match="not a readable zip"):
        read_archive(bogus, Handle("a"))


def test_a_truncated_zip_is_bad_input(make_archive, tmp_path):
    whole = make_archive(synthetic_posts(300), form="zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(BadInput, match="corrupt archive"):
        read_archive(cut, Handle("a"))


def test_a_zip_with_damaged_compressed_data_is_bad_input(make_archive, tmp_path):
    path = make_archive(synthetic_posts(300), form="zip")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("data/tweets.js")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 100, start + 300):  # inside the deflate stream, headers intact
        data[i] ^= 0x5A
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BadInput, match="corrupt archive .*data/tweets.js"):
        read_archive(damaged, Handle("a"))


@pytest.mark.parametrize(
    "content",
    [
        'window.YTD.tweets.part0 = [ {"tweet": ',  # cut short
        "this is not javascript",
        'window.YTD.tweets.part0 = {"tweet": {}}',  # not a list
    ],
    ids=["truncated", "garbage", "not-a-list"],
)
def test_a_corrupt_posts_file_is_bad_input(make_archive, content):
    archive = make_archive(POSTS)
    (archive / "data" / "tweets.js").write_text(content)
    with pytest.raises(BadInput, match="corrupt archive .*tweets.js"):
        read_archive(archive, Handle("a"))


def test_a_posts_file_that_is_not_utf8_is_bad_input(make_archive):
    archive = make_archive(POSTS)
    (archive / "data" / "tweets.js").write_bytes(b"window.YTD.tweets.part0 = [\xff\xfe]")
    with pytest.raises(BadInput, match="corrupt archive"):
        read_archive(archive, Handle("a"))


def test_a_corrupt_account_js_is_bad_input(make_archive):
    archive = make_archive(POSTS, username="a")
    (archive / "data" / "account.js").write_text("window.YTD.account.part0 = [{")
    with pytest.raises(BadInput, match="account.js"):
        read_archive(archive, Handle("a"))


def test_an_archive_without_a_posts_file_is_bad_input(tmp_path):
    folder = tmp_path / "export"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "account.js").write_text("window.YTD.account.part0 = []")
    with pytest.raises(BadInput, match="has no posts"):
        read_archive(folder, Handle("a"))


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_an_archive_with_zero_posts_is_bad_input(make_archive, form):
    with pytest.raises(BadInput, match="has no posts"):
        read_archive(make_archive([], form=form), Handle("a"))


def test_an_empty_zip_is_bad_input(tmp_path):
    empty = tmp_path / "empty.zip"
    zipfile.ZipFile(empty, "w").close()
    with pytest.raises(BadInput, match="has no posts"):
        read_archive(empty, Handle("a"))


def test_a_broken_archive_through_the_cli_is_one_line_and_exit_2(htctl, tmp_path):
    bogus = tmp_path / "export.zip"
    bogus.write_bytes(b"PK\x03\x04 broken")
    store = tmp_path / "store"
    result = htctl("run", "a", "--source", f"archive:{bogus}", "--store", str(store))
    assert_one_error_line(result, 2, "corrupt archive", str(bogus))
    assert not store.exists()


# --- the real exports --------------------------------------------------------------------------


def test_real_export_with_account_and_profile(real_archives):
    fetched = read_archive(real_archives / "andreruffert", Handle("AndreRuffert"))
    assert fetched.profile.handle == "andreruffert"
    assert fetched.profile.display_name == "André Ruffert"
    assert fetched.profile.extra.get("avatar_in_archive", "").endswith(".jpg")
    counts = curate(fetched.posts).counts
    assert 1000 < counts.downloaded < 3300
    assert 0 < counts.retweets < counts.downloaded
    assert counts.kept > counts.downloaded / 3


def test_real_export_without_account_js(real_archives):
    fetched = read_archive(real_archives / "smithjd", Handle("smithjd"))
    assert fetched.profile.handle == "smithjd"
    counts = curate(fetched.posts).counts
    assert 1000 < counts.downloaded < 3300
    assert counts.downloaded == counts.retweets + counts.short + counts.kept
    assert all(p["id"] for p in fetched.posts)


def test_real_export_is_refused_for_another_handle(real_archives):
    with pytest.raises(BadInput, match="belongs to @andreruffert"):
        read_archive(real_archives / "andreruffert", Handle("smithjd"))


def test_real_export_zipped_reads_the_same(real_archives, tmp_path):
    folder = real_archives / "andreruffert"
    zipped = tmp_path / "andreruffert.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in folder.rglob("*"):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    handle = Handle("andreruffert")
    assert read_archive(zipped, handle).posts == read_archive(folder, handle).posts

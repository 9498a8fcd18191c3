"""Archives and post files as hostile input (issue 10, classes 4, 5 and 8).

Each case builds a real input in the test: zip bombs and zips whose headers lie, links and
member names that leave the archive, JSON nested past Python's recursion limit, export items of
the wrong shape, over-long lines, and id-less posts through a refresh. Through the CLI a bad
input is exit 2 (a bad setting exit 3) with one stderr line, and nothing outside the store
changes; caps are lowered through their documented settings so the inputs stay small.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import resource
import stat
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from job import layout
from job.bots import Handle, parse_bot
from job.errors import BadInput, ConfigError
from job.post_merge import merge
from job.refresh import RefreshOptions, refresh
from job.sources.archive import Limits, read_archive, read_capped
from job.sources.base import max_posts_from_env
from job.sources.files import read_posts_file
from job.store import open_store
from tests.support.archives import synthetic_posts
from tests.support.cli import assert_one_error_line
from tests.support.publishing import publish_fake

MiB = 1024 * 1024
GOOD = synthetic_posts(200)  # enough text to train on


def item(text: str, i: int, **fields) -> dict:
    tweet = {"id_str": str(10**17 + i), "full_text": text, "created_at": "Mon Jan 01 2024"}
    return {"tweet": tweet | fields}


def good_items() -> list[dict]:
    return [item(text, i) for i, text in enumerate(GOOD)]


def tweets_js(items: list) -> str:
    return "window.YTD.tweets.part0 = " + json.dumps(items)


def write_folder(dest: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_text(text)
    return dest


def write_zip(dest: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dest


def tree(root: Path, skip: Path) -> dict[str, tuple[int, int]]:
    """Every file under root but the store, with what changes when it is written."""
    return {
        p.relative_to(root).as_posix(): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in root.rglob("*")
        if not p.is_relative_to(skip)
    }


@pytest.fixture
def refused(htctl, tmp_path):
    """``refused(source, code, *needles, env=...)``: htctl run fails the documented way, the
    store is not created and nothing else under tmp_path changed."""

    def run(source: str, code: int, *needles: str, env: dict | None = None) -> str:
        store = tmp_path / "store"
        before = tree(tmp_path, store)
        args = ["run", "a", "--source", source, "--store", str(store), "--until", "prepare"]
        result = htctl(*args, env=env)
        error = assert_one_error_line(result, code, *needles)
        assert not store.exists()
        assert tree(tmp_path, store) == before
        return error

    return run


# --- class 4: unbounded reads ------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_inflating(refused, tmp_path):
    bomb = write_zip(
        tmp_path / "bomb.zip",
        {"data/tweets.js": "window.YTD.tweets.part0 = [" + " " * (3 * MiB) + "]"},
    )
    assert bomb.stat().st_size < 64 * 1024  # small on disk, 3 MiB inflated
    refused(
        f"archive:{bomb}",
        2,
        str(bomb),
        "data/tweets.js is larger than the 1 MiB limit (HT_ARCHIVE_MAX_BYTES)",
        env={"HT_ARCHIVE_MAX_BYTES": str(MiB)},
    )


def lie_about_size(path: Path, name: str, claimed: int) -> None:
    """Rewrite the uncompressed size of ``name`` in its local and central headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
        central = data.find(b"PK\x01\x02" + data[zf.start_dir + 4 : zf.start_dir + 6])
    assert data[info.header_offset : info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, info.header_offset + 22, claimed)
    assert central == zf.start_dir  # the only member: its central entry comes first
    struct.pack_into("<I", data, central + 24, claimed)
    path.write_bytes(bytes(data))


def test_a_zip_whose_header_understates_a_member_is_refused(refused, tmp_path):
    body = tweets_js(good_items()) + " " * (2 * MiB)
    liar = write_zip(tmp_path / "liar.zip", {"data/tweets.js": body})
    lie_about_size(liar, "data/tweets.js", 1000)
    with zipfile.ZipFile(liar) as zf:
        assert zf.getinfo("data/tweets.js").file_size == 1000  # what a pre-check sees
    refused(
        f"archive:{liar}",
        2,
        f"corrupt archive {liar}: data/tweets.js",
        env={"HT_ARCHIVE_MAX_BYTES": str(MiB)},
    )


class CountingStream(io.RawIOBase):
    """An endless stream that counts what was read from it."""

    def __init__(self):
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"x" * len(buffer)
        self.given += len(buffer)
        return len(buffer)


def test_reading_stops_just_past_the_cap_whatever_was_declared():
    stream = CountingStream()
    with pytest.raises(BadInput, match="too large"):
        read_capped(stream, 3 * MiB + 5, lambda: BadInput("too large"))
    assert stream.given == 3 * MiB + 6


def test_all_files_of_an_export_together_have_a_cap(refused, tmp_path):
    half = GOOD[:100], GOOD[100:]
    parts = {
        "data/tweets.js": tweets_js([item(t, i) for i, t in enumerate(half[0])]),
        "data/tweets-part1.js": tweets_js([item(t, 100 + i) for i, t in enumerate(half[1])]),
    }
    archive = write_folder(tmp_path / "export", parts)
    total = sum(len(t) for t in parts.values())
    refused(
        f"archive:{archive}",
        2,
        "larger than the",
        "(HT_ARCHIVE_MAX_TOTAL_BYTES)",
        env={"HT_ARCHIVE_MAX_TOTAL_BYTES": str(total - 1)},
    )
    # the same export is read whole when the cap allows it
    limits = Limits(total_bytes=total)
    assert [p["text"] for p in read_archive(archive, Handle("a"), limits).posts] == GOOD


@pytest.mark.parametrize("form", ["zip", "folder"])
def test_an_export_with_too_many_members_is_refused(refused, tmp_path, form):
    files = {"data/tweets.js": tweets_js(good_items())}
    files |= {f"data/tweets_media/{i}.jpg": "x" for i in range(30)}
    if form == "zip":
        archive = write_zip(tmp_path / "many.zip", files)
    else:
        archive = write_folder(tmp_path / "many", files)
    refused(
        f"archive:{archive}",
        2,
        "more than 20",
        "HT_ARCHIVE_MAX_MEMBERS",
        env={"HT_ARCHIVE_MAX_MEMBERS": "20"},
    )


def test_a_bad_cap_setting_is_a_configuration_error(refused, tmp_path, monkeypatch):
    archive = write_folder(tmp_path / "export", {"data/tweets.js": tweets_js(good_items())})
    refused(
        f"archive:{archive}",
        3,
        "HT_ARCHIVE_MAX_BYTES='lots' is not a whole number",
        env={"HT_ARCHIVE_MAX_BYTES": "lots"},
    )
    monkeypatch.setenv("HT_ARCHIVE_MAX_MEMBERS", "0")
    with pytest.raises(ConfigError, match="HT_ARCHIVE_MAX_MEMBERS='0' must be at least 1"):
        Limits.from_env()


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_a_max_posts_setting_that_is_not_finite_is_a_configuration_error(monkeypatch, value):
    monkeypatch.setenv("HT_BSKY_MAX_POSTS", value)
    with pytest.raises(ConfigError, match="HT_BSKY_MAX_POSTS"):
        max_posts_from_env("HT_BSKY_MAX_POSTS")


def test_deeply_nested_json_in_an_export_is_bad_input(refused, tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    archive = write_folder(
        tmp_path / "export", {"data/tweets.js": "window.YTD.tweets.part0 = " + deep}
    )
    refused(f"archive:{archive}", 2, "data/tweets.js nests too deeply")


def test_deeply_nested_json_inside_one_post_is_bad_input(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    body = tweets_js(good_items())[:-1] + ', {"tweet": {"full_text": "x", "entities": ' + deep
    archive = write_folder(tmp_path / "export", {"data/tweets.js": body + "}}]"})
    with pytest.raises(BadInput, match="tweets.js nests too deeply"):
        read_archive(archive, Handle("a"))


# --- post files --------------------------------------------------------------------------------


def test_a_posts_file_line_longer_than_the_cap_names_the_line(htctl, tmp_path):
    path = tmp_path / "mine.jsonl"
    lines = [json.dumps({"text": t}) for t in GOOD[:3]] + [json.dumps({"text": "w " * 3000})]
    path.write_text("\n".join(lines) + "\n")
    store = tmp_path / "store"
    result = htctl(
        "run",
        f"file:me={path}",
        "--store",
        str(store),
        "--until",
        "prepare",
        env={"HT_POSTS_MAX_LINE_CHARS": "1000"},
    )
    assert_one_error_line(
        result, 2, f"{path}:4: a line longer than 1000 characters (HT_POSTS_MAX_LINE_CHARS)"
    )
    assert not store.exists()


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".jsonl"])
def test_a_posts_file_over_the_size_cap_is_refused_before_reading(htctl, tmp_path, suffix):
    path = tmp_path / f"mine{suffix}"
    header = "text\n" if suffix == ".csv" else ""
    lines = [json.dumps({"text": t}) for t in GOOD] if suffix == ".jsonl" else GOOD
    path.write_text(header + "\n".join(lines))
    store = tmp_path / "store"
    args = ["run", f"file:me={path}", "--store", str(store), "--until", "prepare"]
    result = htctl(*args, env={"HT_POSTS_FILE_MAX_BYTES": "4096"})
    assert_one_error_line(
        result,
        2,
        f"posts file {path} is larger than the 4096 bytes limit (HT_POSTS_FILE_MAX_BYTES)",
    )
    assert not store.exists()


def test_a_posts_file_that_never_ends_is_refused(tmp_path):
    endless = tmp_path / "endless.txt"
    endless.symlink_to("/dev/zero")
    store = tmp_path / "store"

    def two_gib_at_most() -> None:  # a reader without bounds fails here, not the machine
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    result = subprocess.run(
        [sys.executable, "-m", "job", "run", f"file:me={endless}", "--store", str(store)]
        + ["--until", "prepare"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=two_gib_at_most,
    )
    assert_one_error_line(result, 2, f"posts file {endless} is not a regular file")
    assert not store.exists()


def test_a_number_too_long_for_python_is_bad_input(tmp_path):
    huge = "9" * 5000  # past Python's int-from-string limit: ValueError, not JSONDecodeError
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"text": GOOD[0]}) + '\n{"text": "x", "id": ' + huge + "}\n")
    with pytest.raises(BadInput, match="p.jsonl:2: not valid JSON"):
        read_posts_file(path)
    body = tweets_js(good_items())[:-1] + ', {"tweet": {"full_text": "x", "id": ' + huge + "}}]"
    archive = write_folder(tmp_path / "export", {"data/tweets.js": body})
    with pytest.raises(BadInput, match="corrupt archive .*data/tweets.js is not valid JSON"):
        read_archive(archive, Handle("a"))


def test_deeply_nested_jsonl_names_the_line(tmp_path):
    path = tmp_path / "p.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text(json.dumps({"text": GOOD[0]}) + '\n{"text": "x", "more": ' + deep + "}\n")
    with pytest.raises(BadInput, match="p.jsonl:2: JSON nested too deeply"):
        read_posts_file(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"text": "x", "id": {"a": 1}}, "id must be a string or an integer"),
        ({"text": "x", "id": True}, "id must be a string or an integer"),
        ({"text": "x", "id": 1.5}, "id must be a string or an integer"),
        ({"text": "x", "created_at": 1700000000}, "created_at must be a string"),
        ({"text": "x", "lang": ["en"]}, "lang must be a string"),
        ({"text": None}, "no text string"),
    ],
    ids=["id-dict", "id-bool", "id-float", "created_at-number", "lang-list", "text-null"],
)
def test_a_jsonl_field_of_the_wrong_type_names_the_line(tmp_path, line, message):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"text": GOOD[0]}) + "\n" + json.dumps(line) + "\n")
    with pytest.raises(BadInput, match=f"p.jsonl:2: {message}"):
        read_posts_file(path)


# --- class 5: export items of the wrong shape --------------------------------------------------


def test_a_posts_file_that_holds_an_object_is_bad_input(refused, tmp_path):
    archive = write_folder(
        tmp_path / "export", {"data/tweets.js": 'window.YTD.tweets.part0 = {"data": {}}'}
    )
    refused(
        f"archive:{archive}", 2, f"corrupt archive {archive}: data/tweets.js", "not hold a list"
    )


BAD_ITEMS = [
    None,
    17,
    {"tweet": {"id_str": "9"}},  # no text
    {"tweet": {"id_str": "10", "full_text": None, "text": 5}},
    {"tweet": {"id": {"x": 1}, "full_text": "an id that is an object"}},
    {"tweet": {"id_str": "11", "full_text": "a date that is a number", "created_at": 5}},
    {"tweet": None},
]


def test_items_that_are_not_posts_are_skipped_and_counted(tmp_path, caplog):
    items = good_items()
    items[5:5] = BAD_ITEMS
    archive = write_folder(tmp_path / "export", {"data/tweets.js": tweets_js(items)})
    with caplog.at_level(logging.WARNING, logger="htctl"):
        fetched = read_archive(archive, Handle("a"))
    assert [p["text"] for p in fetched.posts] == GOOD
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"archive {archive}: data/tweets.js: skipped {len(BAD_ITEMS)} of {len(items)} items "
        "that are not usable posts (first: item 6: not an object)"
    ]


def test_skipped_items_leave_the_counts_of_the_rest_through_the_cli(htctl, tmp_path):
    items = good_items() + BAD_ITEMS
    archive = write_zip(tmp_path / "export.zip", {"data/tweets.js": tweets_js(items)})
    store = tmp_path / "store"
    result = htctl(
        "run", "a", "--source", f"archive:{archive}", "--store", str(store), "--until", "prepare"
    )
    assert result.returncode == 0, result.stderr
    assert f"skipped {len(BAD_ITEMS)} of {len(items)} items" in result.stdout
    stats = json.loads((store / "a/dataset/stats.json").read_text())
    assert stats["handles"]["a"]["downloaded"] == len(GOOD)


def test_an_export_whose_items_are_all_unusable_is_bad_input(refused, tmp_path):
    archive = write_folder(tmp_path / "export", {"data/tweets.js": tweets_js(BAD_ITEMS)})
    refused(
        f"archive:{archive}",
        2,
        f"archive {archive} has no posts: data/tweets.js: none of its {len(BAD_ITEMS)} items",
    )


def test_account_fields_of_the_wrong_type_are_ignored(tmp_path):
    account = {"account": {"username": {"x": 1}, "accountDisplayName": ["A"]}}
    profile = {"profile": {"avatarMediaUrl": 7}}
    archive = write_folder(
        tmp_path / "export",
        {
            "data/tweets.js": tweets_js(good_items()),
            "data/account.js": "window.YTD.account.part0 = " + json.dumps([account]),
            "data/profile.js": "window.YTD.profile.part0 = " + json.dumps([profile]),
        },
    )
    fetched = read_archive(archive, Handle("given"))
    assert (fetched.profile.handle, fetched.profile.display_name) == ("given", "given")
    assert fetched.profile.avatar_url is None and fetched.profile.extra == {}


def test_a_part_number_too_long_for_an_int_is_not_a_posts_file(tmp_path):
    archive = write_zip(
        tmp_path / "export.zip",
        {
            "data/tweets.js": tweets_js(good_items()),
            f"data/tweets-part{'9' * 5000}.js": tweets_js([item("never read", 999)]),
        },
    )
    assert [p["text"] for p in read_archive(archive, Handle("a")).posts] == GOOD


# --- class 8: links and names that leave the archive, id-less posts ---------------------------


def test_a_link_to_a_file_outside_the_folder_is_refused(refused, tmp_path):
    secret = write_folder(tmp_path / "outside", {"secret.js": tweets_js(good_items())})
    archive = tmp_path / "export"
    (archive / "data").mkdir(parents=True)
    (archive / "data" / "tweets.js").symlink_to(secret / "secret.js")
    refused(f"archive:{archive}", 2, "data/tweets.js is a link to a place outside the archive")


def test_a_linked_folder_outside_the_export_is_refused(refused, tmp_path):
    write_folder(tmp_path / "outside", {"tweets.js": tweets_js(good_items())})
    archive = tmp_path / "export"
    archive.mkdir()
    (archive / "data").symlink_to(tmp_path / "outside", target_is_directory=True)
    refused(f"archive:{archive}", 2, "data is a link to a place outside the archive")


def test_a_link_loop_is_refused(refused, tmp_path):
    archive = write_folder(tmp_path / "export", {"data/tweets.js": tweets_js(good_items())})
    (archive / "data" / "loop.js").symlink_to(archive / "data" / "loop.js")
    refused(f"archive:{archive}", 2, "data/loop.js is a link to a place outside the archive")


def test_a_link_that_stays_inside_the_folder_is_read(tmp_path):
    archive = write_folder(tmp_path / "export", {"backup/tweets.js": tweets_js(good_items())})
    (archive / "data").mkdir()
    (archive / "data" / "tweets.js").symlink_to(Path("..", "backup", "tweets.js"))
    assert [p["text"] for p in read_archive(archive, Handle("a")).posts] == GOOD


@pytest.mark.parametrize(
    "name",
    ["../../evil.js", "data/../../evil.js", "/tmp/evil.js", "..\\..\\evil.js", "C:/evil.js"],
)
def test_a_zip_member_named_outside_the_archive_is_refused(refused, tmp_path, name):
    archive = write_zip(
        tmp_path / "export.zip",
        {"data/tweets.js": tweets_js(good_items()), name: tweets_js(good_items())},
    )
    refused(f"archive:{archive}", 2, f"member {name!r} is named outside the archive")
    assert not (tmp_path.parent / "evil.js").exists() and not Path("/tmp/evil.js").exists()


def test_a_zip_member_that_is_a_symbolic_link_is_refused(refused, tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        link = zipfile.ZipInfo("data/tweets.js")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    refused(f"archive:{archive}", 2, "member 'data/tweets.js' is a symbolic link")


def idless(texts: list[str], when: str = "Mon Jan 01 2024") -> list[dict]:
    return [{"tweet": {"full_text": t, "created_at": when}} for t in texts]


def test_posts_without_an_id_get_a_stable_content_id(tmp_path):
    texts = [*GOOD, GOOD[0]]  # the same post twice stays two posts
    archive = write_folder(tmp_path / "export", {"data/tweets.js": tweets_js(idless(texts))})
    posts = read_archive(archive, Handle("a")).posts
    ids = [p["id"] for p in posts]
    digest = hashlib.sha256(json.dumps(["Mon Jan 01 2024", GOOD[0]]).encode()).hexdigest()
    assert ids[0] == f"noid:{digest[:16]}" and ids[-1] == f"noid:{digest[:16]}:2"
    assert len(set(ids)) == len(texts)
    assert [p["id"] for p in read_archive(archive, Handle("a")).posts] == ids  # stable


@pytest.mark.parametrize("source", ["archive", "file"])
def test_posts_without_an_id_stay_distinct_through_a_refresh(tmp_path, local_store_uri, source):
    first, more = GOOD[:150], synthetic_posts(40, seed=1)
    if source == "archive":
        path = tmp_path / "export"

        def write(texts: list[str]) -> None:
            write_folder(path, {"data/tweets.js": tweets_js(idless(texts))})
    else:
        path = tmp_path / "mine.jsonl"

        def write(texts: list[str]) -> None:
            path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))

    store = open_store(local_store_uri)
    spec = f"{source}:a={path}"
    write(first)
    publish_fake(store, spec)
    before = raw_posts(store)
    assert len(before) == 150 == len({p["id"] for p in before})

    write([*more, *first])  # an export made later: the new posts on top
    result = refresh(store, parse_bot(spec), RefreshOptions(until="prepare", min_growth=1.0))
    after = raw_posts(store)
    assert result.new_posts == {"a": 40}
    assert [p["text"] for p in after] == [*more, *first]
    assert len({p["id"] for p in after}) == 190
    assert {p["id"]: p["text"] for p in before}.items() <= {
        p["id"]: p["text"] for p in after
    }.items()


def raw_posts(store) -> list[dict]:
    lines = store.read_bytes(layout.raw_posts("a", "a")).decode().splitlines()
    return [json.loads(line) for line in lines]


def test_stored_posts_without_an_id_survive_a_merge():
    # raw data written before ids were derived holds "" ids: none may stand for another
    old = [{"id": "", "text": f"old {i}"} for i in range(3)] + [{"id": "5", "text": "five"}]
    new = [{"id": "7", "text": "seven"}, {"id": "5", "text": "five again"}]
    merged = merge(new, old)
    assert [p["text"] for p in merged] == ["seven", "five again", "old 0", "old 1", "old 2"]

"""Scrape stores the person's avatar (job/avatar.py) and publish draws it in predictions.png.

A local picture host (tests/servers/avatar.py) serves a real PNG and the hostile answers; every
failure is one warning line and a scrape that goes on without the picture.
"""

from __future__ import annotations

import json
import logging
import zipfile

import pytest

from job import avatar, layout
from job.bots import parse_bot
from job.card_inputs import avatar_bytes
from job.card_metadata import Account
from job.options import RunOptions
from job.pipeline import run
from job.scrape import scrape
from job.sources import bind_sources
from job.store import open_store, upload_tree, write_json
from tests.servers.avatar import AvatarServer, picture
from tests.servers.x_api import XApiServer, tweet
from tests.support.archives import synthetic_posts
from tests.support.publishing import GENERATION_DEFAULTS, metrics_fixture

TOKEN = "tok-AVATAR-3c9e-do-not-send"
POSTS = synthetic_posts(200, seed=3)


@pytest.fixture
def host(monkeypatch):
    monkeypatch.setenv("HT_AVATARS", "1")  # the suite's conftest turns avatars off
    with AvatarServer() as server:
        yield server


def archive_bot(make_archive, avatar_ref: str | None, **layout_options):
    path = make_archive(POSTS, username="alice", avatar=avatar_ref, **layout_options)
    return bind_sources(parse_bot("alice"), [f"archive:{path}"]), path


def avatar_keys(store, bot: str = "alice") -> list[str]:
    return [k for k in store.list(f"{bot}/raw/") if ".avatar." in k]


def avatar_warnings(caplog) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and "avatar" in r.getMessage()
    ]


# --- stored, then drawn -----------------------------------------------------------------------


def test_scrape_stores_the_avatar_before_the_marker_and_publish_draws_it(
    host, make_archive, local_store_uri, tmp_path
):
    from PIL import Image
    from transformers import GenerationConfig

    from job.models import save_tiny

    bot, _ = archive_bot(make_archive, f"{host.url}/avatar.png")
    store = open_store(local_store_uri)
    written: list[str] = []
    write_bytes = store.write_bytes
    store.write_bytes = lambda key, data: (written.append(key), write_bytes(key, data))[1]

    run(store, bot, RunOptions(until="prepare"))

    assert store.read_bytes("alice/raw/alice.avatar.png") == host.png
    assert written.index("alice/raw/alice.avatar.png") < written.index("alice/raw/alice.meta.json")
    person = Account("alice", "alice", None, {})
    assert avatar_bytes(store, "alice", [person]) == host.png
    assert [r.path for r in host.requests] == ["/avatar.png"]  # fetched once

    folder = save_tiny(tmp_path / "model")
    GenerationConfig(**GENERATION_DEFAULTS).save_pretrained(folder)
    upload_tree(store, layout.model_dir("alice"), folder)
    write_json(store, layout.metrics("alice"), metrics_fixture())
    run(store, bot, RunOptions())

    drawn = tmp_path / "predictions.png"
    drawn.write_bytes(store.read_bytes(layout.predictions_png("alice")))
    with Image.open(drawn) as image:
        assert image.convert("RGB").getpixel((40 + 24, 30 + 24)) == (255, 0, 0)  # the avatar


def test_the_extension_follows_the_decoded_format_and_replaces_an_older_picture(
    host, make_archive, local_store_uri
):
    bot, _ = archive_bot(make_archive, f"{host.url}/photo.gif")  # a JPEG behind a .gif URL
    store = open_store(local_store_uri)
    store.write_bytes("alice/raw/alice.avatar.png", picture("PNG", (0, 0, 255)))

    scrape(store, bot, RunOptions(force=True))

    assert avatar_keys(store) == ["alice/raw/alice.avatar.jpg"]
    assert store.read_bytes("alice/raw/alice.avatar.jpg") == host.jpeg


def test_no_token_or_credentials_reach_the_picture_host(host, local_store_uri, monkeypatch):
    with XApiServer(token=TOKEN) as x_api:
        monkeypatch.setenv("HT_X_API_URL", x_api.url)
        monkeypatch.setenv("HT_X_BEARER_TOKEN", TOKEN)
        texts = [
            tweet(i, f"thinking out loud about idea {i} and why it matters") for i in range(99)
        ]
        url = host.url.replace("http://", "http://user:secret@") + "/avatar.png"
        x_api.add_user("alice", texts, profile_image_url=url)
        store = open_store(local_store_uri)
        scrape(store, parse_bot("alice"), RunOptions())

    assert store.read_bytes("alice/raw/alice.avatar.png") == host.png
    [request] = host.requests
    assert request.header("Authorization") is None
    assert not any("secret" in v or TOKEN in v for v in request.headers.values())


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_an_archives_own_avatar_file_is_read_from_inside_it(
    form, host, make_archive, local_store_uri
):
    ref = "./data/profile_media/1-alice.jpg"
    bot, path = archive_bot(make_archive, ref, form=form)
    jpeg = picture("JPEG", (0, 128, 0))
    if form == "zip":
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("data/profile_media/1-alice.jpg", jpeg)
    else:
        (path / "data" / "profile_media").mkdir()
        (path / "data" / "profile_media" / "1-alice.jpg").write_bytes(jpeg)
    store = open_store(local_store_uri)

    scrape(store, bot, RunOptions())

    assert store.read_bytes("alice/raw/alice.avatar.jpg") == jpeg
    assert host.requests == []


def test_avatars_off_fetches_nothing(host, make_archive, local_store_uri, monkeypatch):
    monkeypatch.setenv("HT_AVATARS", "0")
    bot, _ = archive_bot(make_archive, f"{host.url}/avatar.png")
    store = open_store(local_store_uri)
    scrape(store, bot, RunOptions())
    assert avatar_keys(store) == [] and host.requests == []
    assert store.exists("alice/raw/alice.meta.json")


# --- hostile or broken: one warning, no picture, the scrape goes on ---------------------------


HOSTILE = {
    "404": ("/missing.png", "HTTP 404"),
    "too big": ("/big.png", "larger than"),
    "html": ("/page.html", "cannot identify image"),
    "plain http off the machine": ("http://avatar.invalid/a.png", "not loopback"),
    "hanging": ("/hang.png", "avatar host failed"),
    "outside the archive": ("../../etc/passwd", "named outside the archive"),
    "missing in the archive": ("./data/profile_media/none.jpg", "has no file"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_bad_avatar_is_one_warning_and_no_file(
    case, host, make_archive, local_store_uri, monkeypatch, caplog
):
    ref, why = HOSTILE[case]
    monkeypatch.setattr(avatar, "MAX_BYTES", 1000)  # /big.png holds 4 KiB
    monkeypatch.setattr(avatar, "TIMEOUT", 0.3)
    monkeypatch.setattr(avatar, "RETRY_AFTER", 0.01)
    bot, _ = archive_bot(make_archive, host.url + ref if ref.startswith("/") else ref)
    store = open_store(local_store_uri)

    with caplog.at_level(logging.WARNING, logger="htctl"):
        scrape(store, bot, RunOptions())

    [warning] = avatar_warnings(caplog)
    assert why in warning and warning.startswith("@alice: avatar")
    assert avatar_keys(store) == []
    meta = json.loads(store.read_bytes("alice/raw/alice.meta.json"))
    assert meta["posts"] == len(POSTS)
    if case == "plain http off the machine":
        assert host.requests == []
    if case == "hanging":
        assert len(host.requests) == 2  # the try and one retry, no more


def test_the_cli_run_exits_0_with_one_warning_line(htctl, host, make_archive, local_store_uri):
    _, path = archive_bot(make_archive, f"{host.url}/missing.png")
    result = htctl(
        "run", "alice", "--until", "prepare", "--store", local_store_uri,
        "--source", f"archive:{path}", env={"HT_AVATARS": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # a pipeline command logs to stdout; stderr is for errors
    lines = [line for line in result.stdout.splitlines() if "avatar" in line]
    assert len(lines) == 1 and "WARNING @alice: avatar" in lines[0], result.stdout
    assert "HTTP 404" in lines[0]
    assert avatar_keys(open_store(local_store_uri)) == []

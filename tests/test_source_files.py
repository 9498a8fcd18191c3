"""The file source: .jsonl, .csv and .txt exports of one's own posts, and their bad lines."""

from __future__ import annotations

import json

import pytest

from job.bots import parse_bot
from job.errors import BadInput
from job.rules import curate
from job.sources import source_for
from job.sources.files import read_posts_file

POSTS = [
    "my first post about the weather today",
    "RT @bob: somebody else wrote this one",
    "ok",
    "a post with a link https://example.com/x and words",
]


def fetch(path):
    handle = parse_bot(f"file:me={path}").handles[0]
    return source_for(handle).fetch(handle)


def test_jsonl_reads_text_and_the_optional_fields(tmp_path):
    path = tmp_path / "posts.jsonl"
    lines = [
        {"id": "a1", "text": POSTS[0], "created_at": "2024-01-01", "lang": "en"},
        {"text": POSTS[1], "is_retweet": True},
        {"text": POSTS[2]},
        {"text": POSTS[3], "is_retweet": False, "extra": [1, 2]},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n")
    fetched = fetch(path)
    assert [p["text"] for p in fetched.posts] == POSTS
    assert fetched.posts[0] == {
        "id": "a1",
        "text": POSTS[0],
        "created_at": "2024-01-01",
        "is_retweet": False,
        "lang": "en",
        "source": "file",
    }
    # no id: one derived from the content, the same on every read (README)
    assert fetched.posts[2]["id"].startswith("noid:")
    assert fetch(path).posts[2]["id"] == fetched.posts[2]["id"]
    assert fetched.profile.handle == "me" and fetched.profile.source == "file"
    counts = curate(fetched.posts).counts
    assert (counts.downloaded, counts.retweets, counts.short, counts.kept) == (4, 1, 1, 2)


def test_csv_reads_the_text_column_with_quotes_and_newlines(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text(
        "id,created_at,text,is_retweet\n"
        f"1,2024-01-01,{POSTS[0]},false\n"
        f'2,2024-01-02,"{POSTS[1]}",yes\n'
        f"3,,{POSTS[2]},\n"
        f'4,,"{POSTS[3]}, and ""quoted""\nsecond line",0\n',
        encoding="utf-8",
    )
    posts = read_posts_file(path)
    assert [p["is_retweet"] for p in posts] == [False, True, False, False]
    assert posts[3]["text"] == f'{POSTS[3]}, and "quoted"\nsecond line'
    assert [p["id"] for p in posts] == ["1", "2", "3", "4"]


def test_csv_with_only_a_text_column_and_a_bom(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("text\n" + "\n".join(POSTS) + "\n", encoding="utf-8-sig")
    assert [p["text"] for p in read_posts_file(path)] == POSTS


def test_txt_is_one_post_per_line_and_skips_blank_lines(tmp_path):
    path = tmp_path / "posts.TXT"
    path.write_text("\n".join([POSTS[0], "", POSTS[1], "   ", POSTS[2], POSTS[3]]))
    posts = read_posts_file(path)
    assert [p["text"] for p in posts] == POSTS
    ids = [p["id"] for p in posts]
    assert all(i.startswith("noid:") for i in ids) and len(set(ids)) == 4
    assert not posts[1]["is_retweet"]  # a text file cannot say; the archive rule is for X
    assert curate(posts).counts.short == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.jsonl", '{"text": "fine words here"}\n{"text": broken\n', "p.jsonl:2: not valid JSON"),
        ("p.jsonl", '{"text": "fine"}\n["a list"]\n', "p.jsonl:2: expected a JSON object"),
        ("p.jsonl", '\n\n{"id": 3}\n', "p.jsonl:3: no text string"),
        ("p.jsonl", '{"text": "x", "is_retweet": "yes"}\n', "p.jsonl:1: is_retweet must be"),
        ("p.csv", "id,body\n1,hello\n", "p.csv:1: no 'text' column"),
        ("p.csv", "text,id\nhello,1\nworld,2,extra\n", "p.csv:3: 3 fields, header has 2"),
        ("p.csv", 'text\n"never closed\n', "p.csv:"),
        ("p.csv", "text,is_retweet\nhello there,maybe\n", "p.csv:2: is_retweet 'maybe'"),
        ("p.txt", "", "holds no posts"),
        ("p.md", "text", "must end in .jsonl, .csv or .txt"),
    ],
)
def test_bad_files_are_bad_input_naming_the_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(BadInput, match=message.replace("[", r"\[")):
        read_posts_file(path)


def test_non_utf8_names_the_line(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(b"good line\nsecond good line\nbad \xff byte\n")
    with pytest.raises(BadInput, match="p.txt:3: not UTF-8"):
        read_posts_file(path)


def test_missing_file_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="not found"):
        fetch(tmp_path / "nope.jsonl")


def test_cli_file_source_until_prepare(htctl, tmp_path):
    path = tmp_path / "mine.txt"
    words = "today I wrote some words about {n} things that matter to me a lot"
    path.write_text("\n".join(words.format(n=i) for i in range(120)) + "\nok\n")
    store = tmp_path / "store"
    result = htctl("run", f"file:Me_Myself={path}", "--until", "prepare", "--store", str(store))
    assert result.returncode == 0, result.stderr
    stats = json.loads((store / "me_myself/dataset/stats.json").read_text())
    assert stats["handles"]["me_myself"] == {
        "downloaded": 121,
        "retweets": 0,
        "short": 1,
        "kept": 120,
    }


def test_cli_bad_file_exits_2_with_the_line(htctl, tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"text": "ok"}\nnot json\n')
    result = htctl("run", f"file:me={path}", "--store", str(tmp_path / "s"))
    assert result.returncode == 2
    assert "mine.jsonl:2" in result.stderr and result.stderr.strip().count("\n") == 0

"""Bot names and users.txt (docs/architecture.md "Bots and handles"); source syntaxes are
in test_handles.py."""

from __future__ import annotations

import pytest

from job.bots import parse_bot, parse_handle, parse_users_text, read_users_file
from job.errors import BadInput, InvalidHandle


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("karpathy", "karpathy"),
        ("@karpathy", "karpathy"),
        ("Karpathy", "karpathy"),
        ("karpathy+elonmusk", "elonmusk-karpathy"),
        ("ElonMusk+@Karpathy", "elonmusk-karpathy"),
        ("karpathy+KARPATHY+@karpathy", "karpathy"),
        ("c+a+b", "a-b-c"),
        ("b_2+a_1", "a_1-b_2"),
        ("  spaced  ", "spaced"),
    ],
)
def test_bot_name_is_lower_cased_deduplicated_sorted_and_joined(text, name):
    assert parse_bot(text).name == name


def test_handles_keep_the_typed_order_and_case():
    bot = parse_bot("Zed+@amy+zed")
    assert [h.name for h in bot.handles] == ["Zed", "amy"]
    assert bot.keys == ["zed", "amy"]


@pytest.mark.parametrize("text", ["a" * 15, "under_score", "A1_b2", "_"])
def test_valid_x_handles(text):
    assert parse_handle(text).name == text


@pytest.mark.parametrize("text", ["a" * 16, "with-dash", "dot.ted", "sp ace", "ü", "@", "a/b"])
def test_invalid_x_handles_are_refused(text):
    with pytest.raises(InvalidHandle):
        parse_handle(text)


def test_an_empty_bot_is_refused():
    with pytest.raises(BadInput, match="empty bot"):
        parse_bot(" + , ")


def test_users_txt_comments_blank_lines_and_separators():
    text = (
        "# my bots\n"
        "\n"
        "karpathy\n"
        "elonmusk karpathy   # two handles by whitespace\n"
        "   \n"
        "a_1,b_2\n"
        "@C+d\n"
        "e \t f\n"
    )
    bots = parse_users_text(text)
    assert [b.name for b in bots] == ["karpathy", "elonmusk-karpathy", "a_1-b_2", "c-d", "e-f"]


def test_users_txt_error_names_the_line_and_returns_nothing():
    text = "karpathy\n# comment\n\nnot-valid!\nelonmusk\n"
    with pytest.raises(BadInput, match=r"users\.txt:4: invalid handle 'not-valid!'"):
        parse_users_text(text)


def test_users_txt_reports_how_many_more_errors():
    with pytest.raises(BadInput, match=r":2: .* \(and 1 more\)"):
        parse_users_text("ok\nbad!\nalso-bad!\n")


def test_users_txt_repeated_bot_names_its_first_line():
    with pytest.raises(BadInput, match=r":3: bot a-b repeats line 1"):
        parse_users_text("a+b\nc\nB,A\n")


def test_users_txt_without_bots_is_refused():
    with pytest.raises(BadInput, match="no bots"):
        parse_users_text("# only comments\n\n")


def test_read_users_file_names_the_file(tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("alice\nbob carol\n")
    assert [b.name for b in read_users_file(users)] == ["alice", "bob-carol"]
    users.write_text("alice\nbad handle!\n")
    with pytest.raises(BadInput, match=f"{users}:2:"):
        read_users_file(users)


def test_read_users_file_missing_or_unreadable(tmp_path):
    with pytest.raises(BadInput, match="users file not found"):
        read_users_file(tmp_path / "absent.txt")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(BadInput, match="cannot read users file"):
        read_users_file(binary)


def test_users_txt_saved_with_a_byte_order_mark_reads_like_any_other(tmp_path):
    path = tmp_path / "users.txt"
    path.write_bytes("\ufeffalice\nbob+carol\n".encode())
    assert [bot.name for bot in read_users_file(path)] == ["alice", "bob-carol"]

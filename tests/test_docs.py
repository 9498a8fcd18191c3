"""The project stands alone (docs/README.md): whatever its code and docs cite is in the repository.

Over the repository's own text files: every cited ``*.md`` path exists; a cited section,
``docs/store.md "Markers"`` or ``docs/store.md#markers``, is a heading of that file, and
``README "Quickstart"`` one of README.md; and nothing outside tests/ points above the repository
root (``../`` past it, ``/work/shared``), where a fresh clone has nothing. tests/ holds hostile
paths as test data and reads the optional real archives beside the checkout
(tests/conftest.py), so only its citations are checked; this file's own examples are hostile on
purpose and are checked by running the checker on small trees instead.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

THIS_FILE = Path(__file__).resolve()
ROOT = THIS_FILE.parent.parent
SCANNED = (
    "job",
    "tests",
    "charts",
    "k8s",
    "scripts",
    "docs",
    "benchmarks",
    ".ci",
    "README.md",
    "Dockerfile",
    "pyproject.toml",
)
MAY_NAME_OUTSIDE = ("tests",)  # hostile paths as test data; the optional real archives
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".tpl", ".txt", ".json", ".sh", ".toml", ".cfg"}
TEXT_NAMES = {"Dockerfile", "run"}
SKIPPED_DIRS = {"__pycache__", ".venv", ".tools", "build", "node_modules"}

# A relative or absolute path ending in .md, not part of a URL or of a templated store path
# (``{bot}/README.md``, ``<store>/<bot>/README.md``), then an optional anchor or quoted section.
MD_CITATION = re.compile(
    r"(?<![\w.<>{}$*/@-])"
    r"(/?(?:(?:\.\.?|[\w-][\w.-]*)/)*[\w-][\w.-]*\.md)(?![\w/-])"
    r"(?:#([\w-]+)|\s+\"([^\"]{1,100})\")?"
)
README_SECTION = re.compile(r"\bREADME\s+\"([^\"]{1,100})\"")
CLIMBING_PATH = re.compile(r"(?<![\w./])((?:\.\./)+[^\s\"'`)\]},;]*)")
OUTSIDE_ABSOLUTE = re.compile(r"(?<![\w.])/work/shared\b(?![\w./-]*\.md\b)")  # .md: above
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def repo_files(root: Path) -> list[Path]:
    """The scanned text files under ``root``, in a stable order."""
    files: list[Path] = []
    for name in SCANNED:
        top = root / name
        candidates = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in candidates:
            if not path.is_file() or SKIPPED_DIRS.intersection(path.relative_to(root).parts):
                continue
            if path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES:
                files.append(path)
    return files


def headings(markdown: str) -> list[str]:
    """Heading texts of a Markdown file, outside code fences, without backticks."""
    found, fenced = [], False
    for line in markdown.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := HEADING.match(line)):
            found.append(m.group(1).replace("`", ""))
    return found


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to ``-``."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def base_of(root: Path, path: Path) -> Path:
    """What a relative path in ``path`` is relative to: a Markdown file's own folder (as links
    are rendered), else the repository root (code runs and comments speak from there)."""
    return path.parent if path.suffix == ".md" else root


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _section_problem(doc: Path, anchor: str | None, section: str | None) -> str | None:
    found = headings(doc.read_text(encoding="utf-8"))
    if anchor and anchor not in {slug(h) for h in found}:
        return f"has no heading with the anchor #{anchor}"
    if section and not any(_same_text(section, h) for h in found):
        return f'has no section "{" ".join(section.split())}"'
    return None


def prose(path: Path, text: str) -> list[tuple[int, str]]:
    """(first line, text) of what can cite in a file. In Python: comments and the string
    literals with whitespace in them (docstrings, messages); a one-word literal (``"p.md"``,
    ``"../escape"``) is data, such as a test's hostile file name. Elsewhere: the whole file."""
    if path.suffix != ".py":
        return [(1, text)]
    found = [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if len(node.value.split()) > 1
    ]
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            found.append((token.start[0], token.string))
    return sorted(found)


def _where(root: Path, path: Path, first_line: int, text: str, offset: int) -> str:
    return f"{path.relative_to(root)}:{first_line + text.count(chr(10), 0, offset)}"


def _md_problems(root: Path, path: Path, text: str) -> list[str]:
    problems = []
    for first_line, fragment in prose(path, text):
        for m in MD_CITATION.finditer(fragment):
            cited, anchor, section = m.groups()
            where = _where(root, path, first_line, fragment, m.start())
            target = (base_of(root, path) / cited).resolve()
            if cited.startswith("/") or not _inside(target, root):
                problems.append(f"{where}: cites {cited}, outside the repository")
            elif not target.is_file():
                problems.append(f"{where}: cites {cited}, which is not in the repository")
            elif (anchor or section) and (why := _section_problem(target, anchor, section)):
                problems.append(f"{where}: cites {cited}, which {why}")
        for m in README_SECTION.finditer(fragment):
            where = _where(root, path, first_line, fragment, m.start())
            readme = root / "README.md"
            why = _section_problem(readme, None, m.group(1)) if readme.is_file() else "is missing"
            if why:
                problems.append(f"{where}: cites README, which {why}")
    return problems


def _outside_problems(root: Path, path: Path, text: str) -> list[str]:
    problems = []
    for m in CLIMBING_PATH.finditer(text):
        if not _inside((base_of(root, path) / m.group(1)).resolve(), root):
            where = _where(root, path, 1, text, m.start())
            problems.append(f"{where}: {m.group(1)} is outside the repository")
    for m in OUTSIDE_ABSOLUTE.finditer(text):
        where = _where(root, path, 1, text, m.start())
        problems.append(f"{where}: names {m.group(0)}, outside the repository")
    return problems


def citation_problems(root: Path) -> list[str]:
    """One line per citation under ``root`` that a fresh clone of it could not follow."""
    root = root.resolve()
    problems = []
    for path in repo_files(root):
        if path == THIS_FILE:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        cited = _md_problems(root, path, text)
        problems += cited
        if path.relative_to(root).parts[0] not in MAY_NAME_OUTSIDE:
            # One line per place: a .md path outside the repository is already reported.
            places = {problem.split(": ", 1)[0] for problem in cited}
            outside = _outside_problems(root, path, text)
            problems += [p for p in outside if p.split(": ", 1)[0] not in places]
    return problems


def test_the_repository_cites_only_files_and_sections_it_holds():
    assert citation_problems(ROOT) == []


def test_every_docs_page_is_listed_in_the_docs_index():
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name != "README.md")
    assert pages, "docs/ has no pages"
    assert [p for p in pages if f"({p})" not in index] == []


# --- the checker itself, on small hostile trees ----------------------------------------------


def make_repo(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    base = {
        "README.md": "# htctl\n\n## Quickstart\n\nRun it.\n",
        "docs/README.md": "# Design\n\n[store.md](store.md)\n",
        "docs/store.md": "# The store\n\n## Markers\n\n```\n# Not a heading\n```\n",
        "job/__init__.py": '"""htctl."""\n',
    }
    for name, text in {**base, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_valid_citations_pass(tmp_path):
    root = make_repo(
        tmp_path,
        {
            "job/layout.py": '"""Keys (docs/store.md "Markers"), see README "Quickstart"."""\n'
            'CARD = f"{bot}/README.md"  # <store>/<bot>/README.md, a store key\n'
            'URL = "https://example.com/docs/elsewhere.md"\n',
            "docs/more.md": "[up](../README.md), [markers](store.md#markers)\n",
            "tests/test_x.py": 'KEYS = ["../escape", "a/../../b"]  # hostile keys as data\n',
            "k8s/job.yaml": "# see docs/store.md\nkind: Job\n",
        },
    )
    assert citation_problems(root) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("job/errors.py", '"""Exit codes follow design.md."""\n', "design.md, which is not in"),
        ("job/x.py", "# rules: ../shared/notes.md\n", "../shared/notes.md, outside the repository"),
        ("job/y.py", '"""See docs/nothere.md."""\n', "docs/nothere.md, which is not in"),
        ("job/z.py", '# docs/store.md "No such section"\n', 'has no section "No such section"'),
        ("tests/test_a.py", '"""Rules (design.md "Data")."""\n', "design.md, which is not in"),
        ("docs/more.md", "[x](store.md#no-such-anchor)\n", "no heading with the anchor"),
        ("docs/more2.md", "[x](store.md#not-a-heading)\n", "no heading with the anchor"),
        ("job/w.py", '# README "Nope"\n', 'cites README, which has no section "Nope"'),
        ("job/v.py", "# docs/../../notes.md\n", "docs/../../notes.md, outside the repository"),
        ("job/u.py", "# /work/shared/notes.md\n", "/work/shared/notes.md, outside the repository"),
        ("k8s/a.yaml", "path: /work/shared/data/x-archives\n", "names /work/shared, outside"),
        ("charts/t.tpl", "{{ .Files.Get ../../values.yaml }}\n", "../../values.yaml is outside"),
        ("scripts/s.sh", "cat ../../seed/000.txt\n", "../../seed/000.txt is outside"),
    ],
    ids=[
        "missing-bare-notes",
        "relative-outside",
        "missing-docs-page",
        "missing-section",
        "tests-cite-missing-notes",
        "missing-anchor",
        "anchor-only-in-a-code-fence",
        "missing-readme-section",
        "climbing-out-through-docs",
        "absolute-outside",
        "absolute-outside-data-path",
        "template-climbing-out",
        "script-climbing-out",
    ],
)
def test_a_citation_a_fresh_clone_cannot_follow_is_reported(tmp_path, name, text, expected):
    root = make_repo(tmp_path, {name: text})
    problems = citation_problems(root)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{name}:1: ")
    assert expected in problems[0]

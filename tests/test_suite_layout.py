"""The suite's own layout: shared code in tests/support/, fake servers in tests/servers/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
TEST_MODULES = sorted(TESTS.glob("test_*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):  # function-level imports included
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", TEST_MODULES, ids=lambda p: p.name)
def test_a_test_module_imports_no_other_test_module_nor_the_conftest(path):
    wrong = {
        name
        for name in imported_modules(path)
        if name == "tests.conftest" or name.startswith("tests.test_") or name == "conftest"
    }
    assert not wrong, f"{path.name} imports {sorted(wrong)}: move the helper to tests/support/"


@pytest.mark.parametrize("path", TEST_MODULES, ids=lambda p: p.name)
def test_a_test_module_defines_no_server_of_its_own(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    servers = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(
            isinstance(base, ast.Name | ast.Attribute)
            and (base.id if isinstance(base, ast.Name) else base.attr)
            in ("BaseHTTPRequestHandler", "ThreadingHTTPServer", "HTTPServer")
            for base in node.bases
        )
    ]
    assert not servers, f"{path.name} defines {servers}: fake servers live in tests/servers/"


def test_support_and_servers_import_no_test_module():
    for path in [*TESTS.glob("support/*.py"), *TESTS.glob("servers/*.py")]:
        wrong = {n for n in imported_modules(path) if n.startswith("tests.test_")}
        assert not wrong, f"{path.relative_to(TESTS)} imports {sorted(wrong)}"

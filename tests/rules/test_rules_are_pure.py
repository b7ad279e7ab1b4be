"""The rules package is pure Python: no Django anywhere, numpy only in the batch module."""

import ast
import subprocess
import sys
from pathlib import Path

import woonafspraken.rules

PACKAGE = Path(woonafspraken.rules.__file__).parent


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_module_of_the_rules_imports_django():
    for path in PACKAGE.rglob("*.py"):
        for module in imported_modules(path):
            assert module.split(".")[0] != "django", path


def test_only_the_batch_module_imports_numpy():
    for path in PACKAGE.rglob("*.py"):
        if path.name != "batch.py":
            for module in imported_modules(path):
                assert module.split(".")[0] != "numpy", path


def test_importing_the_rules_loads_neither_django_nor_numpy():
    code = (
        "import sys, woonafspraken.rules as r; r.huurtoeslag(2026, 1, 600, 20000); "
        "print(sorted(m for m in ('django', 'numpy') if m in sys.modules))"
    )
    source_root = PACKAGE.parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(source_root)},
    )
    assert result.stdout.strip() == "[]"

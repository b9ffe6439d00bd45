"""The direction of dependencies: ui → workflow → store/formats, Qt widgets only in ui/."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ozgdesk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules(*parts: str) -> list[Path]:
    return sorted(PACKAGE.joinpath(*parts).rglob("*.py"))


def test_qt_widgets_only_inside_ui() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.startswith("PySide6.QtWidgets") for name in _imports(path))
    ]
    assert offenders == []


def test_store_workflow_formats_do_not_import_qt_or_ui() -> None:
    offenders = []
    for layer in ("store", "workflow", "formats"):
        for path in _modules(layer):
            bad = {n for n in _imports(path) if n.startswith(("PySide6", "ozgdesk.ui"))}
            if bad:
                offenders.append(f"{path.relative_to(PACKAGE)}: {sorted(bad)}")
    assert offenders == []


def test_store_and_formats_do_not_import_workflow() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for layer in ("store", "formats")
        for path in _modules(layer)
        if any(n.startswith("ozgdesk.workflow") for n in _imports(path))
    ]
    assert offenders == []


def test_ui_has_no_sql_and_no_database_access() -> None:
    offenders = []
    for path in _modules("ui"):
        names = _imports(path)
        bad = {n for n in names if n.split(".")[0] in {"sqlite3", "sqlalchemy", "sqlmodel"}}
        allowed_store = ("ozgdesk.store.rows", "ozgdesk.store.project", "ozgdesk.store.errors")
        bad |= {
            n for n in names if n.startswith("ozgdesk.store.") and not n.startswith(allowed_store)
        }
        text = path.read_text(encoding="utf-8")
        if "SELECT " in text or "INSERT INTO" in text:
            bad.add("SQL text")
        if bad:
            offenders.append(f"{path.relative_to(PACKAGE)}: {sorted(bad)}")
    assert offenders == []


def test_only_the_store_opens_databases() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if "sqlite3.connect(" in path.read_text(encoding="utf-8")
        and path.relative_to(PACKAGE).parts[0] != "store"
    ]
    assert offenders == []

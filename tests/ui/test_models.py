"""Item models checked with pytest-qt's qtmodeltester."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ozgdesk.store.project import Project
from ozgdesk.ui.models.service_table import COL_KEY, ServiceFilterProxy, ServiceTableModel
from ozgdesk.workflow import overview


def test_service_table_model(qtmodeltester, project: Project) -> None:
    model = ServiceTableModel()
    model.set_rows(overview.catalogue_rows(project)[:400])
    qtmodeltester.check(model, force_py=True)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_service_filter_proxy(qtmodeltester, project: Project) -> None:
    model = ServiceTableModel()
    model.set_rows(overview.catalogue_rows(project)[:400])
    proxy = ServiceFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_criteria(text="genehmigung")
    assert 0 < proxy.rowCount() < 400
    qtmodeltester.check(proxy, force_py=True)
    proxy.sort(COL_KEY)
    qtmodeltester.check(proxy, force_py=True)


def test_keyless_services_are_marked(project: Project) -> None:
    model = ServiceTableModel()
    model.set_rows(overview.catalogue_rows(project))
    keyless = [r for r in range(model.rowCount()) if not model.row_at(r).key]
    assert len(keyless) == 434
    index = model.index(keyless[0], COL_KEY)
    assert model.data(index) == "ohne Schlüssel"
    assert "Kein gültiger LeiKa-Schlüssel" in model.data(index, Qt.ItemDataRole.ToolTipRole)

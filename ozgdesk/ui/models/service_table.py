"""The service catalogue as a Qt table model, with a filter proxy on top.

For a 50,000-row table to stay responsive, the expensive parts run in plain
Python over precomputed keys instead of per-row calls from C++ into Python:
the model itself sorts (a list sort with a precomputed key) and filters (a
substring test over precomputed folded text, narrowing the previous result
while the user types), and then resets. The QSortFilterProxyModel on top
forwards search, filters and sorting to the model and otherwise passes rows
through in C++, so views and tests talk to a standard proxy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ozgdesk.store.rows import ServiceRow
from ozgdesk.textnorm import fold, fold_cached
from ozgdesk.workflow.overview import search_text
from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT, Suggestion

ModelIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        ID_ROLE,
        SORT_ROLE,
    }
)

(
    COL_KEY,
    COL_NAME,
    COL_RELEVANCE,
    COL_SUGGESTION,
    COL_SUGGESTION_REASON,
    COL_OFFICE,
    COL_TYP,
    COL_OZG,
    COL_LEBENSLAGE,
    COL_THEMENFELD,
    COL_SDG1,
    COL_SDG2,
) = range(12)

# relevance filter values besides the decisions themselves
FILTER_UNDECIDED = "unentschieden"
FILTER_SUGGESTED = "mit Vorschlag"
FILTER_MISSING = "nicht mehr in Liste"
FILTER_RETIRED = "entfallen"
FILTER_NO_OFFICE = "(ohne Amt)"
EMPTY_CRITERIA: dict[str, object] = {
    "text": "",
    "themenfeld": None,
    "lebenslage": None,
    "typ": None,
    "relevance": None,
    "office": None,  # office name, or FILTER_NO_OFFICE
    "ids": None,  # only these service ids (a set: the services of an imported list)
}
# drag and drop of services (e.g. onto an office in step 2)
SERVICE_IDS_MIME = "application/x-ozgdesk-service-ids"

_GREY = QBrush(QColor("#6b6b6b"))
_RELEVANCE_COLOURS = {
    RELEVANT: QBrush(QColor("#dff2df")),
    NOT_RELEVANT: QBrush(QColor("#ececec")),
    CHECK: QBrush(QColor("#fdf0cf")),
}


class ServiceTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # all services in sort order, with parallel lists of precomputed text
        self._all: list[ServiceRow] = []
        self._hay: list[str] = []
        self._names: list[str] = []
        self._position: dict[int, int] = {}  # service id -> index into _all
        self._shown: list[int] = []  # indexes into _all of the rows the view shows
        self._criteria: dict[str, object] = dict(EMPTY_CRITERIA)
        self._text_cache: tuple[tuple[str, ...], list[int]] | None = None
        self._suggestions: dict[int, Suggestion] = {}
        self._headers = [
            self.tr("LeiKa-Schlüssel"),
            self.tr("Leistung"),
            self.tr("Relevanz"),
            self.tr("Vorschlag"),
            self.tr("Begründung des Vorschlags"),
            self.tr("Amt"),
            self.tr("Typ"),
            self.tr("OZG-Leistung"),
            self.tr("Lebenslage"),
            self.tr("Themenfeld"),
            self.tr("SDG 1"),
            self.tr("SDG 2"),
        ]
        self._without_key = self.tr("ohne Schlüssel")
        self._yes = self.tr("ja")
        self._undecided = self.tr("–")
        self._missing = self.tr(" (nicht mehr in der Liste)")
        self._retired = self.tr(" (entfallen)")
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- data --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ServiceRow], names: Sequence[str] | None = None) -> None:
        """Show ``rows``; ``names`` are their names folded (``fold``), if known. The search
        texts come later (``set_search_texts``) or are built on the first search."""
        self.beginResetModel()
        self._all = list(rows)
        self._hay = []
        self._names = list(names) if names is not None else [fold_cached(r.name) for r in self._all]
        self._position = {r.id: i for i, r in enumerate(self._all)}
        self._text_cache = None
        self._shown = self._match()
        self.endResetModel()

    def set_search_texts(self, texts: dict[int, str]) -> None:
        """Take the search texts (``overview.search_texts``) of the rows shown, unless a
        search has built them already or a row is missing."""
        if self._hay:
            return
        try:
            self._hay = [texts[r.id] for r in self._all]
        except KeyError:
            self._hay = []
        self._text_cache = None

    def prepare_search(self) -> None:
        """Build the folded search text of every row (once; the first search does it)."""
        if len(self._hay) != len(self._all):
            self._hay = [search_text(r) for r in self._all]
            self._text_cache = None

    def update_rows(self, rows: Iterable[ServiceRow]) -> None:
        """Replace changed services (by id) and tell the views; call
        :meth:`apply_filter` afterwards if they may no longer match."""
        changed = []
        for row in rows:
            position = self._position.get(row.id)
            if position is None:
                continue
            self._all[position] = row
            if self._hay:
                self._hay[position] = search_text(row)
            self._names[position] = fold(row.name)
            changed.append(position)
        self._text_cache = None
        if changed and self._shown:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._shown) - 1, self.columnCount() - 1)
            )

    def set_suggestions(self, suggestions: dict[int, Suggestion]) -> None:
        self._suggestions = dict(suggestions)
        if self._shown:
            last = len(self._shown) - 1
            self.dataChanged.emit(
                self.index(0, COL_SUGGESTION), self.index(last, COL_SUGGESTION_REASON)
            )

    def suggestions(self) -> dict[int, Suggestion]:
        return self._suggestions

    def row_at(self, row: int) -> ServiceRow:
        """The service in view row ``row``."""
        return self._all[self._shown[row]]

    def row_by_id(self, service_id: int) -> ServiceRow | None:
        position = self._position.get(service_id)
        return self._all[position] if position is not None else None

    def all_rows(self) -> list[ServiceRow]:
        """Every service, shown or filtered out."""
        return list(self._all)

    def shown_ids(self) -> list[int]:
        all_rows = self._all
        return [all_rows[i].id for i in self._shown]

    def total(self) -> int:
        return len(self._all)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [SERVICE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._all[self._shown[r]].id for r in rows if 0 <= r < len(self._shown)]
        data = QMimeData()
        data.setData(SERVICE_IDS_MIME, QByteArray(",".join(map(str, ids)).encode("ascii")))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        # copy only: a move would make the table remove the dragged rows afterwards
        return Qt.DropAction.CopyAction

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid():
            return None
        visible = index.row()
        if not 0 <= visible < len(self._shown):
            return None
        position = self._shown[visible]
        row = self._all[position]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == SORT_ROLE:
            return self._sort_key(position, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return _RELEVANCE_COLOURS.get(row.relevance) if column == COL_RELEVANCE else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return (
                _GREY
                if (column == COL_KEY and not row.key)
                or column in (COL_SUGGESTION, COL_SUGGESTION_REASON)
                or (column == COL_NAME and row.retired)
                else None
            )
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if column == COL_KEY and not row.key else None
        return None

    def _display(self, row: ServiceRow, column: int) -> str:
        if column == COL_KEY:
            return row.key or self._without_key
        if column == COL_NAME:
            return (
                row.name
                + (self._retired if row.retired else "")
                + (self._missing if row.missing else "")
            )
        if column == COL_RELEVANCE:
            return row.relevance or self._undecided
        if column == COL_SUGGESTION:
            suggestion = self._suggestions.get(row.id)
            return suggestion.relevance if suggestion else ""
        if column == COL_SUGGESTION_REASON:
            suggestion = self._suggestions.get(row.id)
            return suggestion.reason if suggestion else ""
        if column == COL_OFFICE:
            return row.office
        if column == COL_TYP:
            return row.typ
        if column == COL_OZG:
            return row.ozg
        if column == COL_LEBENSLAGE:
            return row.lebenslage
        if column == COL_THEMENFELD:
            return row.themenfeld
        if column == COL_SDG1:
            return self._yes if row.sdg1 else ""
        if column == COL_SDG2:
            return self._yes if row.sdg2 else ""
        return ""

    def _tooltip(self, row: ServiceRow, column: int) -> str:
        if column == COL_KEY and not row.key:
            return self.tr("Kein gültiger LeiKa-Schlüssel (Quelle: „%1“)").replace(
                "%1", row.key_raw or "leer"
            )
        if column == COL_RELEVANCE and row.relevance:
            return row.relevance_reason or row.relevance
        if column in (COL_SUGGESTION, COL_SUGGESTION_REASON):
            suggestion = self._suggestions.get(row.id)
            if suggestion:
                return (
                    self.tr("Vorschlag „%1“: %2")
                    .replace("%1", suggestion.relevance)
                    .replace("%2", suggestion.reason)
                )
            return ""
        return self._display(row, column)

    def _sort_key(self, position: int, column: int):
        row = self._all[position]
        name = self._names[position]
        if column == COL_KEY:
            # services with a key first, in key order; the others by their name
            return (0, row.key, "") if row.key else (1, "", name)
        if column == COL_SDG1:
            return (not row.sdg1, name)
        if column == COL_SDG2:
            return (not row.sdg2, name)
        if column == COL_NAME:
            return (name, row.id)
        text = self._display(row, column)
        if column == COL_RELEVANCE and not row.relevance:
            text = ""
        return (text == "", fold(text), name)

    # -- sorting and filtering (the proxy forwards to these) -------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._headers)) or not self._all:
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self._all[self._shown[i.row()]].id for i in old_persistent]
        keys = [self._sort_key(i, column) for i in range(len(self._all))]
        order_index = sorted(
            range(len(self._all)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        shown = {self._all[i].id for i in self._shown}
        self._all = [self._all[i] for i in order_index]
        self._hay = [self._hay[i] for i in order_index] if self._hay else []
        self._names = [self._names[i] for i in order_index]
        self._position = {r.id: i for i, r in enumerate(self._all)}
        self._text_cache = None
        self._shown = [i for i, r in enumerate(self._all) if r.id in shown]
        visible = {self._all[p].id: v for v, p in enumerate(self._shown)}
        self.changePersistentIndexList(
            old_persistent,
            [
                self.index(visible[i], old.column()) if i in visible else QModelIndex()
                for i, old in zip(old_ids, old_persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def set_filter(self, **criteria: object) -> None:
        unknown = set(criteria) - set(EMPTY_CRITERIA)
        if unknown:
            raise TypeError(f"unbekannte Filter: {unknown}")
        self._criteria.update(criteria)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Recompute which services are shown; resets the views only if that changed."""
        shown = self._match()
        if shown == self._shown:
            return
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    def _text_matches(self, needles: tuple[str, ...]) -> list[int]:
        """Positions whose folded text contains every needle.

        While the user types, each query extends the previous one, so only the
        previous result needs to be searched again.
        """
        self.prepare_search()
        hay = self._hay
        cached = self._text_cache
        if (
            cached is not None
            and len(cached[0]) == len(needles)
            and all(n.startswith(o) for n, o in zip(needles, cached[0], strict=True))
        ):
            candidates = cached[1]
        else:
            first = needles[0]
            candidates = [i for i, h in enumerate(hay) if first in h]
        for needle in needles:
            candidates = [i for i in candidates if needle in hay[i]]
        self._text_cache = (needles, candidates)
        return candidates

    def _match(self) -> list[int]:
        c = self._criteria
        needles = tuple(fold(str(c["text"] or "")).split())
        positions: Iterable[int] = self._text_matches(needles) if needles else range(len(self._all))
        themenfeld, lebenslage, typ, relevance = (
            c["themenfeld"],
            c["lebenslage"],
            c["typ"],
            c["relevance"],
        )
        office = c["office"]
        only = c["ids"]
        if not (
            themenfeld
            or lebenslage
            or typ is not None
            or relevance is not None
            or office is not None
            or only is not None
        ):
            return list(positions)
        rows, suggestions = self._all, self._suggestions
        result = []
        for i in positions:
            row = rows[i]
            if themenfeld and themenfeld not in row.themenfeld.split(", "):
                continue
            if lebenslage and lebenslage not in row.lebenslage.split(", "):
                continue
            if typ is not None and row.typ != typ:
                continue
            if office is not None and row.office != ("" if office == FILTER_NO_OFFICE else office):
                continue
            if only is not None and row.id not in only:  # type: ignore[operator]  # only is a set of ids here; the stub types it as an optional iterable
                continue
            if relevance is not None:
                if relevance == FILTER_UNDECIDED:
                    if row.relevance not in ("", CHECK):
                        continue
                elif relevance == FILTER_SUGGESTED:
                    suggestion = suggestions.get(row.id)
                    if suggestion is None or suggestion.relevance == row.relevance:
                        continue
                elif relevance == FILTER_MISSING:
                    if not row.missing:
                        continue
                elif relevance == FILTER_RETIRED:
                    if not row.retired:
                        continue
                elif row.relevance != relevance:
                    continue
            result.append(i)
        return result


class ServiceFilterProxy(QSortFilterProxyModel):
    """The view's model: search, filters and sorting are forwarded to the source
    (see the module docstring); rows pass through unchanged in C++."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: ServiceTableModel | None = None
        self.setSortRole(SORT_ROLE)

    def setSourceModel(self, model: QAbstractTableModel) -> None:  # type: ignore[override]  # narrower than Qt's signature on purpose: only our table model fits
        if not isinstance(model, ServiceTableModel):
            raise TypeError("ServiceFilterProxy braucht ein ServiceTableModel")
        self._model = model
        super().setSourceModel(model)

    def source(self) -> ServiceTableModel:
        assert self._model is not None
        return self._model

    def set_criteria(self, **criteria: object) -> None:
        self.source().set_filter(**criteria)

    def refilter(self) -> None:
        self.source().apply_filter()

    def shown_ids(self) -> list[int]:
        """Ids of the services the view shows, in view order (the proxy keeps the
        source's order and rows)."""
        return self.source().shown_ids()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)


def ids_from_mime(data: QMimeData) -> list[int]:
    """Service ids carried by a drag from a service table."""
    if not data.hasFormat(SERVICE_IDS_MIME):
        return []
    raw = bytes(data.data(SERVICE_IDS_MIME).data()).decode("ascii", errors="ignore")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]

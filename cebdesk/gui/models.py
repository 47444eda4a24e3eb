"""Table models fed plain rows (dicts): ``set_rows(rows)``, named columns, a role for the row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from ..spec.receipts import Family, explain_status

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()

FAMILY_COLOURS = {
    Family.DECLARING: "#E8F0FE",
    Family.ACCEPTED: "#FFF4D6",
    Family.CLEARED: "#E6F4EA",
    Family.RELEASED: "#CDEBD3",
    Family.REJECTED: "#FCE8E6",
    Family.HELD: "#FDE2C4",
}


_ICONS = {
    Family.DECLARING: QStyle.StandardPixmap.SP_BrowserReload,
    Family.ACCEPTED: QStyle.StandardPixmap.SP_FileDialogContentsView,
    Family.CLEARED: QStyle.StandardPixmap.SP_DialogYesButton,
    Family.RELEASED: QStyle.StandardPixmap.SP_DialogApplyButton,
    Family.REJECTED: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Family.HELD: QStyle.StandardPixmap.SP_MessageBoxWarning,
    None: QStyle.StandardPixmap.SP_ArrowUp,  # sent, no receipt yet
}


def _icon(family: Family | None) -> QIcon | None:
    pixmap = _ICONS.get(family)
    app = QApplication.instance()
    return app.style().standardIcon(pixmap) if pixmap is not None and app is not None else None


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    title: str
    text: Callable[[dict], str] | None = None


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[ColumnSpec], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("cebdesk", self.columns[section].title)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column.text is not None:
                return column.text(row)
            value = row.get(column.key)
            return "" if value is None else str(value)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and "returnStatus" in row:
            return _icon(explain_status(row.get("returnStatus"))[1] if row.get("returnStatus") else None)
        if role == Qt.ItemDataRole.BackgroundRole and "returnStatus" in row:
            colour = FAMILY_COLOURS.get(explain_status(row.get("returnStatus"))[1])
            return QBrush(QColor(colour)) if colour else None
        return None

"""Table models fed plain rows (dicts): ``set_rows(rows)``, named columns, a role for the row."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QSizePolicy, QStyle, QWidget

from ..spec.receipts import Family, explain_status

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()
#: A document's state on cebdesk's side (the journal's ``state``), marked for translation.
STATES = {
    "ready": QT_TRANSLATE_NOOP("cebdesk", "待发送"),
    "planned": QT_TRANSLATE_NOOP("cebdesk", "发送中"),
    "sent": QT_TRANSLATE_NOOP("cebdesk", "已发送"),
    "draft": QT_TRANSLATE_NOOP("cebdesk", "暂存（草稿）"),
    "deleted": QT_TRANSLATE_NOOP("cebdesk", "已删除"),
    "discarded": QT_TRANSLATE_NOOP("cebdesk", "已作废"),
    "reference": QT_TRANSLATE_NOOP("cebdesk", "仅供核对"),
}


def state_text(state: str) -> str:
    return QCoreApplication.translate("cebdesk", STATES[state]) if state in STATES else state


def status_row(d, language: str) -> dict:
    """A table row for one typed :class:`~cebdesk.pipeline.workspace.DocumentStatus` (the one
    mapping from the journal to the outbox and query pages)."""
    from .names import message_name

    numbers = dict(getattr(d, "numbers", {}) or {})
    meaning = d.meaning
    # an inventory's cancellation or return request, and what customs said of it (已撤销 …)
    follow_ups = "，".join(f.text(language) for f in getattr(d, "follow_ups", ()) or ())
    if follow_ups:
        meaning = f"{meaning}（{follow_ups}）" if meaning else follow_ups
    if d.return_status and d.state.value in ("ready", "planned") and d.app_type in ("2", "3"):
        # a modification (or deletion) waits to be sent: customs' last word is on the version before
        meaning = QCoreApplication.translate("cebdesk", "{meaning}（上一版本的回执；变更待发送）").format(
            meaning=meaning
        )
    declared = numbers.get("entryId", "")
    if declared:  # a summary result came: the customs declaration is made, whatever the last status
        meaning = QCoreApplication.translate("cebdesk", "{meaning}，已生成报关单 {entry}").format(
            meaning=meaning, entry=declared
        )
    return {
        "id": d.id,
        "label": message_name(d.message_type, language),
        "type": d.message_type,
        "key": d.key,
        "buyer": d.person,
        "appType": d.app_type,
        "state": state_text(d.state.value),
        "sent": d.state.value == "sent",
        "returnStatus": d.return_status,
        "meaning": meaning,
        "declared": declared,
        "family": d.family.value,
        "returnInfo": d.return_info,
        "returnTime": readable_time(d.return_time),
        "updated": readable_time(d.updated),
        "updated_day": d.updated[:10],
        "numbers": numbers,
    }


#: The widest a column grows when fitted to its content (pixels); longer text is elided.
MAX_COLUMN_WIDTH = 320

_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{0,3}$")


def readable_time(value: str | None) -> str:
    """One way to show a moment on every page: ``2024-10-23 15:22:30``. Customs writes
    returnTime as 20241023152230 (or with milliseconds, 20241023152230123); the journal keeps
    ISO strings (2024-10-23T15:22:30.123). A time with a zone is shown in local time. Text that
    is no time is shown as it is."""
    if not value:
        return ""
    text = str(value).strip()
    compact = _COMPACT.match(text)
    if compact:
        y, mo, d, h, mi, s = compact.groups()
        return f"{y}-{mo}-{d} {h}:{mi}:{s}"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class MessageLabel(QLabel):
    """A message line that takes no room while it says nothing."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self.setVisible(bool(text))

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self.setVisible(bool(text))


def message_label(label: QLabel) -> QLabel:
    """A label for texts of any length (paths, errors): it wraps, and it never makes the page
    wider than the window, even for a path with no place to break (that is cut off; the text
    stays selectable)."""
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(0)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fit_columns(view: QAbstractItemView, maximum: int = MAX_COLUMN_WIDTH) -> None:
    """Columns as wide as their content (header included), none wider than ``maximum``."""
    header = view.horizontalHeader()
    header.setMaximumSectionSize(maximum)
    view.resizeColumnsToContents()
    for column in range(header.count()):  # older Qt ignores the maximum when fitting
        if header.sectionSize(column) > maximum:
            header.resizeSection(column, maximum)


def fit_columns_within(view: QAbstractItemView, prose: Sequence[int], minimum: int = 60) -> None:
    """Columns fitted to their content, then the widest of the ``prose`` columns (texts shown
    in full elsewhere, elided here) narrowed until all of them fit the view's width: no column
    out of sight; the numbers and names are never cut."""
    fit_columns(view)
    if not view.isVisible():  # no width yet: fitted again when shown or resized
        return
    header = view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    excess = sum(header.sectionSize(c) for c in shown) - view.viewport().width()
    columns = [c for c in prose if c in shown]
    while excess > 0:
        widths = sorted(((header.sectionSize(c), c) for c in columns), reverse=True)
        widest = widths[0][0]
        if widest <= minimum:
            return
        at_widest = [c for w, c in widths if w == widest]
        below = next((w for w, _ in widths if w < widest), minimum)
        cut = min(widest - max(below, minimum), -(-excess // len(at_widest)))
        for column in at_widest:
            header.resizeSection(column, widest - cut)
        excess -= cut * len(at_widest)


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


def _message_of(row: dict) -> str | None:
    """The message type of a table row: ``code`` on the import page, ``type`` on the others."""
    code = row.get("code") or row.get("type")
    return code if isinstance(code, str) and code.endswith("Message") else None


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

    def rows_changed(self) -> None:
        """The rows' values changed in place (same rows, same order): repaint, keep the selection."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

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
            if row.get("returnStatus") or row.get("declared"):
                return _icon(_family(row))
            return _icon(None) if row.get("sent", True) else None  # the arrow: sent, no answer yet
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and "returnStatus" in row:
            return _mark_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.key in ("meaning", "returnInfo"):
            value = row.get(column.key)  # whole, where the column is narrowed to fit the page
            return str(value) if value else None
        if role == Qt.ItemDataRole.BackgroundRole and "returnStatus" in row:
            colour = FAMILY_COLOURS.get(_family(row))
            return QBrush(QColor(colour)) if colour else None
        return None


def _family(row: dict) -> Family | None:
    """The family a row is coloured and marked by: a summary whose customs declaration is made
    (报关单编号 known) is done, like a released document."""
    if row.get("declared"):
        return Family.RELEASED
    return explain_status(row.get("returnStatus"), "zh", _message_of(row))[1] if row.get("returnStatus") else None


def _mark_text(row: dict) -> str:
    """What the mark before a row says (its tooltip)."""
    if row.get("declared"):
        return QCoreApplication.translate("cebdesk", "已生成报关单 {entry}").format(entry=row["declared"])
    if row.get("returnStatus"):
        return QCoreApplication.translate("cebdesk", "海关回执：{status}").format(status=row["returnStatus"])
    if row.get("sent", True):
        return QCoreApplication.translate("cebdesk", "已发送，等待海关回执")
    return ""


class Page(QWidget):
    """A page of the window: says when it comes into view (``shown``), so that its controller
    shows the journal, the profile or the month as they are now."""

    #: the page came into view
    shown = Signal()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.shown.emit()

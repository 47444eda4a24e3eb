"""The entry form: one document typed by hand, for any document type, import or export.

Nothing here is laid out per type: the form is generated from ``spec/`` (the head's fields in
groups, the goods lines as a grid), code fields draw from the standard's code tables, times keep
the standard's format, amounts its decimals. Empty values start with the profile's defaults as
Excel import applies them (``excel.reader.fill_defaults``), and the clerk's values are checked as
they are typed by the checks import uses (``pipeline.files.checked``), shown at the field.
What happens to the document (saved as a draft, declared, modified, duplicated) is the
application layer's (``Workspace``); the form only gathers values and shows answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ..excel.reader import fill_defaults, list_defaults
from ..findings import Finding, InputError, Location
from ..pipeline.files import checked
from ..pipeline.lifecycle import LifecycleError
from ..records import Document, new_guid
from ..spec import DocumentType, Entity, Field, Format, Kind, document_type
from .context import AppContext
from .entry_dialogs import DiffDialog
from .models import MessageLabel, message_label, state_text
from .names import fill_type_combo, type_name

#: Head values the application decides, never the clerk: the document's guid, what kind of
#: report it is (appType 1/2/3) and whether it is declared (appStatus 1 暂存 / 2 申报), when it
#: is reported, and how a long document is cut into parts. Not shown; filled for the checks only.
DECIDED = ("guid", "appType", "appStatus", "appTime", "msgCount", "msgSeqNo")

#: The groups the head's fields are shown in, in order.
GROUPS = {
    "document": QT_TRANSLATE_NOOP("cebdesk", "单证信息"),
    "enterprise": QT_TRANSLATE_NOOP("cebdesk", "企业"),
    "people": QT_TRANSLATE_NOOP("cebdesk", "订购人与收货人"),
    "amounts": QT_TRANSLATE_NOOP("cebdesk", "金额与重量"),
    "transport": QT_TRANSLATE_NOOP("cebdesk", "运输与口岸"),
    "other": QT_TRANSLATE_NOOP("cebdesk", "其他信息"),
}
#: Enterprises by the prefix of their code and name elements (ebpCode/ebpName …).
_ENTERPRISES = (
    "ebp",
    "ebc",
    "logistics",
    "pay",
    "agent",
    "assure",
    "area",
    "operator",
    "owner",
    "iac",
    "declAgent",
)
_PEOPLE = ("buyer", "payer", "consignee")
_MONEY = ("currency", "fCurrency", "iCurrency", "fFlag", "iFlag")
_TRANSPORT_PREFIX = ("traf", "voyage", "domesticTraf", "leave", "unload", "wrap", "pack", "totalPackage")
_TRANSPORT = ("billNo", "loctNo", "portCode", "POD", "country", "location", "goodsInfo")
_OTHER = ("note", "reason", "batchNumbers")

#: How many label/field pairs a row of a group holds.
PAIRS_PER_ROW = 3
ERROR_COLOUR = "#C62828"
WARNING_COLOUR = "#B26A00"
_STYLE = (
    f'*[check="error"] {{ border: 2px solid {ERROR_COLOUR}; border-radius: 3px; }}'
    f' *[check="warning"] {{ border: 2px solid #E0A800; border-radius: 3px; }}'
    f' QLabel[role="problem"] {{ color: {ERROR_COLOUR}; border: none; }}'
    f' QLabel[role="problem"][check="warning"] {{ color: {WARNING_COLOUR}; border: none; }}'
)
#: How long typing pauses before the checks run (ms).
CHECK_DELAY = 350


def group_of(field: Field) -> str:
    """The group a head field is shown in, from its element name and type (no list per type)."""
    name = field.name
    if name in _OTHER:
        return "other"
    if name.startswith(_PEOPLE) or name == "telephone":
        return "people"
    if any(name in (f"{p}Code", f"{p}Name", f"{p}Telephone") for p in _ENTERPRISES):
        return "enterprise"
    if name in _TRANSPORT or name.startswith(_TRANSPORT_PREFIX):
        return "transport"
    if name == "weight" or name.endswith("Weight"):
        return "transport"
    if field.type.kind is Kind.DECIMAL or name in _MONEY:
        return "amounts"
    return "document"


def groups(entity: Entity) -> list[tuple[str, list[Field]]]:
    """The head's fields the clerk fills, by group, each in the standard's order."""
    found: dict[str, list[Field]] = {key: [] for key in GROUPS}
    for field in entity.fields:
        if field.name not in DECIDED:
            found[group_of(field)].append(field)
    return [(key, fields) for key, fields in found.items() if fields]


def field_label(field: Field, language: str) -> str:
    """The label a clerk reads (spec/'s ``label``); the English window adds the element name,
    as findings do. Required fields are marked with *."""
    text = field.label if language != "en" else f"{field.label} ({field.name})"
    return f"{text} *" if field.required else text


def field_tooltip(field: Field) -> str:
    """The standard's note, its type (C..60, N19,5) and element name, and its own label where
    the one shown differs."""
    tr = lambda text: QCoreApplication.translate("cebdesk", text)  # noqa: E731
    parts = [field.doc, f"{field.name}  {field.type.describe()}"]
    if field.format is not None:
        parts.append(tr("格式：{format}").format(format=field.format.value))
    if field.standard_label:
        parts.append(tr("标准名称：{label}").format(label=field.standard_label))
    if field.codes is not None and not field.codes.strict:
        parts.append(tr("代码表可能不全：表外的代码只给警告"))
    return "\n".join(parts)


# -- editors ---------------------------------------------------------------------------------------
class CodeBox(QComboBox):
    """A code field: an editable drop-down of the code table ("142 瓶"), searchable by any part
    of the code or the name. Its value is the code; text that is no entry is kept as typed (the
    checks say what is wrong with it)."""

    edited = Signal()

    def __init__(self, field: Field, parent=None) -> None:
        super().__init__(parent)
        self.table = field.codes
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.setMaxVisibleItems(15)
        self.addItem("", "")
        for code in self.table.codes:
            self.addItem(f"{code.value} {code.name}", code.value)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(QCoreApplication.translate("cebdesk", "输入代码或名称查找"))
        self.currentTextChanged.connect(lambda _text: self.edited.emit())

    def value(self) -> str:
        text = self.currentText()
        stripped = text.strip()
        if not stripped:
            return ""
        index = self.findText(stripped, Qt.MatchFlag.MatchExactly)
        if index > 0:
            return self.itemData(index)
        first = stripped.split()[0]
        if first in self.table:
            return first
        return self.table.value_for_name(stripped) or text

    def set_value(self, value: str) -> None:
        index = self.findData(value) if value else 0
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(value)


class NumberEdit(QLineEdit):
    """An amount, quantity or weight (N19,5: up to 14 digits and 5 decimals) or a whole number."""

    edited = Signal()

    def __init__(self, field: Field, parent=None) -> None:
        super().__init__(parent)
        ftype = field.type
        if ftype.kind is Kind.DECIMAL:
            whole = (ftype.total_digits or 19) - (ftype.fraction_digits or 0)
            pattern = rf"\d{{0,{whole}}}(\.\d{{0,{ftype.fraction_digits or 0}}})?"
        else:
            pattern = rf"\d{{0,{ftype.total_digits or 10}}}"
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if ftype.kind is Kind.DECIMAL:  # a hint, not a number that looks typed (an empty field is empty)
            self.setPlaceholderText(
                QCoreApplication.translate("cebdesk", "数字，最多 {digits} 位小数").format(
                    digits=ftype.fraction_digits or 0
                )
            )
        self.textChanged.connect(lambda _text: self.edited.emit())

    def value(self) -> str:
        return self.text()

    def set_value(self, value: str) -> None:
        self.setText(value)


class TextEdit(QLineEdit):
    edited = Signal()

    def __init__(self, field: Field, parent=None) -> None:
        super().__init__(parent)
        self.textChanged.connect(lambda _text: self.edited.emit())

    def value(self) -> str:
        return self.text()

    def set_value(self, value: str) -> None:
        self.setText(value)


class TimeEdit(QWidget):
    """A time in the standard's format (YYYYMMDDhhmmss, YYYYMMDD …), typed or picked from a
    calendar; picking a day keeps the time of day already typed (else now's)."""

    edited = Signal()

    def __init__(self, field: Field, parent=None) -> None:
        super().__init__(parent)
        self.format = field.format
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        width = len(self.format.value)
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{width}}}"), self))
        self.edit.setPlaceholderText(self.format.value)
        self.edit.textChanged.connect(lambda _text: self.edited.emit())
        self.pick = QToolButton()
        self.pick.setText(QCoreApplication.translate("cebdesk", "日历"))
        self.pick.setToolTip(QCoreApplication.translate("cebdesk", "选择日期"))
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.pick)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._show_day)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.pick.setMenu(menu)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick)
        self.setFocusProxy(self.edit)

    def _show_day(self) -> None:
        day = QDate.fromString(self.edit.text()[:8], "yyyyMMdd")
        self.calendar.setSelectedDate(day if day.isValid() else QDate.currentDate())

    def _picked(self, day: QDate) -> None:
        text = day.toString("yyyyMMdd")
        rest = self.edit.text()[8:]
        if self.format is Format.DATETIME14:
            text += rest if len(rest) == 6 else datetime.now().strftime("%H%M%S")
        elif self.format is Format.DATETIME17:
            text += rest if len(rest) == 9 else datetime.now().strftime("%H%M%S") + "000"
        self.edit.setText(text)
        self.pick.menu().hide()

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: str) -> None:
        self.edit.setText(value)


def editor_for(field: Field, parent=None):
    """The editor a field takes, from its spec/ facts."""
    if field.codes is not None:
        return CodeBox(field, parent)
    if field.format is not None:
        return TimeEdit(field, parent)
    if field.type.kind in (Kind.DECIMAL, Kind.INT):
        return NumberEdit(field, parent)
    return TextEdit(field, parent)


def _checked_widget(editor) -> QWidget:
    """The widget that gets the red border: the line edit of a time field."""
    return editor.edit if isinstance(editor, TimeEdit) else editor


def _mark(widget: QWidget, look: str) -> None:
    if widget.property("check") == look:
        return
    widget.setProperty("check", look)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class LineDelegate(QStyledItemDelegate):
    """The goods grid's cells edit with the editor their field takes; code cells read "142 瓶"."""

    def __init__(self, entity: Entity, parent=None) -> None:
        super().__init__(parent)
        self.fields = entity.fields

    def createEditor(self, parent, option, index):  # noqa: N802
        return editor_for(self.fields[index.column()], parent)

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.set_value(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def displayText(self, value, locale) -> str:  # noqa: N802
        return str(value) if value is not None else ""

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        field = self.fields[index.column()]
        value = index.data(Qt.ItemDataRole.EditRole)
        if field.codes is not None and value:
            code = next((c for c in field.codes.codes if c.value == value), None)
            if code is not None:
                option.text = f"{code.value} {code.name}"
        if field.type.kind in (Kind.DECIMAL, Kind.INT) and field.name != "gnum":
            option.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


_LINE_PATH = re.compile(r"lines\[(\d+)\]")


def _at_form(finding: Finding) -> Finding:
    """A finding about an entered document as the form places it: a goods line by its index."""
    where = finding.location
    found = _LINE_PATH.match(where.path or "") if where.row is None else None
    if found is None:
        return finding
    return replace(finding, location=Location(where.file, row=int(found.group(1)) - 1, path=where.path))


class FormOrigin:
    """Where a value sits in the form, for the checks' findings: the head by element, a goods
    line by its index (``row``, from 0)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def head(self, element: str | None = None) -> Location:
        return Location(self.name, path=element)

    def line(self, index: int, element: str | None = None) -> Location:
        return Location(self.name, row=index, path=element)


# -- the form --------------------------------------------------------------------------------------
class EntryForm(QWidget):
    """The head's fields in groups and the goods lines as a grid, for one document type.
    ``changed`` when the clerk edits anything; ``checked`` after each round of checks."""

    changed = Signal()
    checked = Signal()

    def __init__(
        self,
        doc_type: DocumentType,
        *,
        language: str = "zh",
        defaults: dict[str, str] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.doc_type = doc_type
        self.language = language
        self.defaults = dict(defaults or {})
        self.findings: list[Finding] = []
        self.editors: dict[str, QWidget] = {}
        self.problems: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.decided: dict[str, str] = {}
        #: fields and goods lines the clerk has touched: an empty required one is marked only
        #: then, or once the clerk saves or declares (``show_all``), not on a fresh form
        self.touched: set[str] = set()
        self.touched_lines: set[int] = set()
        self.show_all = False
        self.setStyleSheet(_STYLE)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY)
        self.timer.timeout.connect(self.run_checks)
        self._loading = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(self.splitter, 1)
        head = QWidget()
        head_layout = QVBoxLayout(head)
        head_layout.setContentsMargins(4, 4, 4, 4)
        for key, fields in groups(doc_type.head):
            box = QGroupBox(QCoreApplication.translate("cebdesk", GROUPS[key]))
            box.setObjectName(f"group_{key}")
            grid = QGridLayout(box)
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(2)
            for n, field in enumerate(fields):
                row, pair = divmod(n, PAIRS_PER_ROW)
                self._add_field(grid, 2 * row, 2 * pair, field)
            for pair in range(PAIRS_PER_ROW):
                grid.setColumnStretch(2 * pair + 1, 1)
            head_layout.addWidget(box)
        head_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(head)
        self.scroll.setWidgetResizable(True)
        self.splitter.addWidget(self.scroll)

        self.lines: QTableWidget | None = None
        entity = doc_type.list
        if entity is not None:
            lines_box = QGroupBox(QCoreApplication.translate("cebdesk", "表体"))
            lines_layout = QVBoxLayout(lines_box)
            lines_layout.setContentsMargins(4, 4, 4, 4)
            buttons = QHBoxLayout()
            self.add_line_button = QPushButton(QCoreApplication.translate("cebdesk", "新增行"))
            self.copy_line_button = QPushButton(QCoreApplication.translate("cebdesk", "复制行"))
            self.delete_line_button = QPushButton(QCoreApplication.translate("cebdesk", "删除行"))
            self.up_button = QPushButton(QCoreApplication.translate("cebdesk", "上移"))
            self.down_button = QPushButton(QCoreApplication.translate("cebdesk", "下移"))
            for button in (
                self.add_line_button,
                self.copy_line_button,
                self.delete_line_button,
                self.up_button,
                self.down_button,
            ):
                buttons.addWidget(button)
            buttons.addStretch(1)
            lines_layout.addLayout(buttons)
            table = QTableWidget(0, len(entity.fields))
            table.setObjectName("lines")
            table.setItemDelegate(LineDelegate(entity, table))
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
                | QAbstractItemView.EditTrigger.AnyKeyPressed
                | QAbstractItemView.EditTrigger.SelectedClicked
            )
            for c, field in enumerate(entity.fields):
                header = QTableWidgetItem(f"{field.label}{' *' if field.required else ''}\n{field.name}")
                header.setToolTip(field_tooltip(field))
                table.setHorizontalHeaderItem(c, header)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            table.horizontalHeader().setDefaultSectionSize(110)
            table.verticalHeader().setVisible(False)
            table.itemChanged.connect(self._line_edited)
            lines_layout.addWidget(table, 1)
            self.lines = table
            self.add_line_button.clicked.connect(lambda: self.add_line())
            self.copy_line_button.clicked.connect(self.copy_line)
            self.delete_line_button.clicked.connect(self.delete_line)
            self.up_button.clicked.connect(lambda: self.move_line(-1))
            self.down_button.clicked.connect(lambda: self.move_line(1))
            table.itemSelectionChanged.connect(self._line_buttons)
            self.splitter.addWidget(lines_box)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
            self._line_buttons()
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problems")
        self.problem_list.setMaximumHeight(70)
        self.problem_list.setVisible(False)
        self.problem_list.itemActivated.connect(self._go_to)
        layout.addWidget(self.problem_list)

    # -- building -------------------------------------------------------------------------------
    def _add_field(self, grid: QGridLayout, row: int, column: int, field: Field) -> None:
        label = QLabel(field_label(field, self.language))
        label.setToolTip(field_tooltip(field))
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor = editor_for(field)
        editor.setObjectName(field.name)
        editor.setToolTip(field_tooltip(field))
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        editor.edited.connect(lambda name=field.name: self._touch(name))
        label.setBuddy(_checked_widget(editor))
        problem = QLabel("")
        problem.setProperty("role", "problem")
        problem.setWordWrap(True)
        problem.setVisible(False)
        grid.addWidget(label, row, column)
        grid.addWidget(editor, row, column + 1)
        grid.addWidget(problem, row + 1, column + 1)
        self.editors[field.name] = editor
        self.problems[field.name] = problem
        self.labels[field.name] = label

    # -- values ---------------------------------------------------------------------------------
    def fill(self, head: dict[str, str], lines: list[dict[str, str]], *, show_all: bool = True) -> None:
        """Show a document's values (a draft, a sent one, a copy), every problem marked."""
        self.show_all = show_all
        self._loading = True
        try:
            self.decided = {k: v for k, v in head.items() if k in DECIDED}
            for name, editor in self.editors.items():
                editor.set_value(head.get(name, ""))
            if self.lines is not None:
                self.lines.setRowCount(0)
                for line in lines:
                    self._append(line)
        finally:
            self._loading = False
        self.run_checks()

    def fill_new(self, now: datetime | None = None) -> None:
        """A new document: the profile's defaults and the standard's, as Excel import fills
        empty cells, and one empty goods line."""
        head: dict[str, str] = {}
        lines: list[dict[str, str]] = [{}] if self.lines is not None else []
        fill_defaults(self.doc_type, head, lines, self.defaults, now or datetime.now())
        if lines:
            lines[0]["gnum"] = "1"
        self.fill({k: v for k, v in head.items() if k not in DECIDED}, lines, show_all=False)

    def head(self) -> dict[str, str]:
        """The head as typed: every non-empty value the clerk sees (not the decided ones)."""
        values = {}
        for name, editor in self.editors.items():
            value = editor.value()
            if value != "":
                values[name] = value
        return values

    def line_values(self) -> list[dict[str, str]]:
        if self.lines is None:
            return []
        names = self.doc_type.list.names
        rows = []
        for r in range(self.lines.rowCount()):
            line = {}
            for c, name in enumerate(names):
                item = self.lines.item(r, c)
                value = item.data(Qt.ItemDataRole.EditRole) if item is not None else None
                if value not in (None, ""):
                    line[name] = str(value)
            rows.append(line)
        return rows

    def document(self) -> Document:
        """The document as the checks see it: the values typed, and for what the application
        decides (guid, appType, appStatus, appTime, parts) what it will write."""
        head = dict(self.head())
        now = datetime.now().strftime("%Y%m%d%H%M%S")
        decided = {
            "guid": new_guid(),
            "appType": "1",
            "appStatus": "2",
            "appTime": now,
            "msgCount": "1",
            "msgSeqNo": "1",
        }
        decided.update(self.decided)
        for name in DECIDED:
            if name in self.doc_type.head:
                head[name] = decided[name]
        return Document(self.doc_type.message, head, self.line_values(), FormOrigin(self.doc_type.label))

    # -- lines ----------------------------------------------------------------------------------
    def _append(self, line: dict[str, str], at: int | None = None) -> int:
        table = self.lines
        assert table is not None
        row = table.rowCount() if at is None else at
        was = table.blockSignals(True)
        table.insertRow(row)
        for c, field in enumerate(self.doc_type.list.fields):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.EditRole, line.get(field.name, ""))
            if field.name == "gnum" and self.doc_type.list.consecutive_gnum:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(QCoreApplication.translate("cebdesk", "序号由程序按行的顺序编排"))
            table.setItem(row, c, item)
        table.blockSignals(was)
        return row

    def add_line(self, line: dict[str, str] | None = None) -> int:
        """A goods line at the end, with the defaults a line takes (profile, standard)."""
        values = dict(list_defaults(self.doc_type, self.defaults))
        values.update(line or {})
        values.setdefault("gnum", self._next_gnum())
        row = self._append(values)
        self._renumber()
        self.lines.selectRow(row)
        self._edited()
        return row

    def _selected_row(self) -> int | None:
        rows = self.lines.selectionModel().selectedRows() if self.lines is not None else []
        return rows[0].row() if rows else None

    def copy_line(self) -> int | None:
        row = self._selected_row()
        if row is None:
            return None
        values = dict(self.line_values()[row])
        values["gnum"] = self._next_gnum()  # a line number appears once
        new = self._append(values, row + 1)
        self._renumber()
        self.lines.selectRow(new)
        self._edited()
        return new

    def delete_line(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        self.lines.removeRow(row)
        self._renumber()
        if self.lines.rowCount():
            self.lines.selectRow(min(row, self.lines.rowCount() - 1))
        self._edited()

    def move_line(self, step: int) -> None:
        row = self._selected_row()
        if row is None or not 0 <= row + step < self.lines.rowCount():
            return
        lines = self.line_values()
        lines[row], lines[row + step] = lines[row + step], lines[row]
        was = self.lines.blockSignals(True)
        self.lines.setRowCount(0)
        for line in lines:
            self._append(line)
        self.lines.blockSignals(was)
        self._renumber()
        self.lines.selectRow(row + step)
        self._edited()

    def _next_gnum(self) -> str:
        """A new line's number: the next after the highest (lines that name another document's
        lines, as a refund's, keep theirs; the others are renumbered anyway)."""
        numbers = [int(v["gnum"]) for v in self.line_values() if v.get("gnum", "").isdigit()]
        return str(max(numbers, default=0) + 1)

    def _renumber(self) -> None:
        """gnum runs 1, 2, 3… in the grid's order (where the standard says so)."""
        entity = self.doc_type.list
        if entity is None or "gnum" not in entity or not entity.consecutive_gnum:
            return
        column = entity.names.index("gnum")
        was = self.lines.blockSignals(True)
        for r in range(self.lines.rowCount()):
            self.lines.item(r, column).setData(Qt.ItemDataRole.EditRole, str(r + 1))
        self.lines.blockSignals(was)
        self._line_buttons()

    def _line_buttons(self) -> None:
        row = self._selected_row()
        count = self.lines.rowCount()
        self.copy_line_button.setEnabled(row is not None)
        self.delete_line_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)

    def _line_edited(self, item) -> None:
        self.touched_lines.add(item.row())
        self._edited()

    def _touch(self, name: str) -> None:
        if not self._loading:
            self.touched.add(name)
        self._edited()

    # -- checks ---------------------------------------------------------------------------------
    def _edited(self) -> None:
        if self._loading:
            return
        self.changed.emit()
        self.timer.start()

    def run_checks(self) -> list[Finding]:
        """The checks import makes, over the values as they are now; each finding shown at its
        field (or cell), the others listed below the form."""
        self.timer.stop()
        found, _ok = checked(self.document(), [])
        self.findings = found
        self._show(found)
        self.checked.emit()
        return found

    def fill_findings(self, findings: list[Finding]) -> None:
        """Findings the application gave (it checks again before journaling), shown alike: its
        paths (``head/element``, ``lines[N]/element``) read as the form's places."""
        self.findings = [_at_form(f) for f in findings]
        self.show_all = True
        self._show(self.findings)

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    def _shown(self, finding: Finding) -> bool:
        """An empty required field is said only once touched (or once the clerk saves or
        declares): a fresh form is not all red."""
        if self.show_all or finding.rule != "field.required":
            return True
        row = finding.location.row
        return finding.element in self.touched if row is None else row in self.touched_lines

    def _show(self, findings: list[Finding]) -> None:
        language = self.language
        findings = [f for f in findings if self._shown(f)]
        at_field: dict[str, list[Finding]] = {}
        at_cell: dict[tuple[int, str], list[Finding]] = {}
        elsewhere: list[Finding] = []
        for f in findings:
            row = f.location.row
            if row is None and f.element in self.editors:
                at_field.setdefault(f.element, []).append(f)
            elif row is not None and f.element and self.lines is not None and row < self.lines.rowCount():
                at_cell.setdefault((row, f.element), []).append(f)
            else:
                elsewhere.append(f)
        for name, editor in self.editors.items():
            mine = at_field.get(name, [])
            look = "error" if any(f.is_error for f in mine) else "warning" if mine else ""
            _mark(_checked_widget(editor), look)
            problem = self.problems[name]
            problem.setText("\n".join(f.message(language) for f in mine))
            _mark(problem, look)
            problem.setVisible(bool(mine))
        if self.lines is not None:
            table = self.lines
            was = table.blockSignals(True)
            names = self.doc_type.list.names
            for r in range(table.rowCount()):
                for c, name in enumerate(names):
                    item = table.item(r, c)
                    mine = at_cell.get((r, name), [])
                    if mine:
                        colour = "#F8D7DA" if any(f.is_error for f in mine) else "#FFF3CD"
                        item.setBackground(QColor(colour))
                        item.setToolTip("\n".join(f.message(language) for f in mine))
                    elif item.background().style() != Qt.BrushStyle.NoBrush:
                        item.setData(Qt.ItemDataRole.BackgroundRole, None)
                        item.setToolTip("")
            table.blockSignals(was)
        self.problem_list.clear()
        listed = [(f, None) for f in elsewhere] + [
            (f, key) for key, fs in sorted(at_cell.items()) for f in fs
        ]
        for f, key in listed:
            if key is not None:
                field = self.doc_type.list[key[1]]
                where = QCoreApplication.translate("cebdesk", "第 {row} 行 {label}").format(
                    row=key[0] + 1, label=field.label
                )
            else:
                where = f.label or ""
            text = f"{where}：{f.message(language)}" if where else f.message(language)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setForeground(QColor(ERROR_COLOUR if f.is_error else WARNING_COLOUR))
            self.problem_list.addItem(item)
        self.problem_list.setVisible(bool(listed))

    def _go_to(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key is not None and self.lines is not None:
            column = self.doc_type.list.names.index(key[1])
            self.lines.setCurrentCell(key[0], column)
            self.lines.setFocus()

    def focus_field(self, name: str) -> None:
        editor = self.editors[name]
        self.scroll.ensureWidgetVisible(editor)
        _checked_widget(editor).setFocus()


# -- the window around the form ----------------------------------------------------------------------
class EntryWindow(QDialog):
    """One document by hand: new, a draft reopened, a document not yet sent edited in place, or a
    sent one modified. 暂存 keeps it in the journal unsent; 申报 journals it (the same checks as
    import) and sends it the usual way, with the PIN dialog; a modification shows what changes
    before it is signed. ``journal_changed`` after each step, so the pages follow."""

    journal_changed = Signal()

    def __init__(
        self,
        context: AppContext,
        *,
        doc_type: DocumentType | None = None,
        document_id: int | None = None,
        head: dict[str, str] | None = None,
        lines: list[dict[str, str]] | None = None,
        modify: bool = False,
        send: Callable[[], object] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, True)
        self.context = context
        self.language = context.language
        self.document_id = document_id
        self.modify = modify
        self.send = send
        self.sending = None
        #: opens another entry window (the main window's, so that it follows the journal)
        self.opener: Callable[..., EntryWindow] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("单证类型：")))
        self.type = QComboBox()
        self.type.setObjectName("entry_type")
        fill_type_combo(self.type, self.language, lambda dt: dt.name)
        self.type.setMaxVisibleItems(25)
        top.addWidget(self.type)
        self.state = QLabel("")
        self.state.setObjectName("entry_state")
        self.state.setStyleSheet("font-weight: bold;")
        top.addWidget(self.state, 1)
        layout.addLayout(top)
        self.form_holder = QVBoxLayout()
        layout.addLayout(self.form_holder, 1)
        self.message = message_label(MessageLabel())
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("暂存"))
        self.save_button.setToolTip(
            self.tr("保存为草稿（appStatus 1），不发送；可在“查询”页重新打开继续填写（Ctrl+S）")
        )
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.declare_button = QPushButton(self.tr("申报"))
        self.declare_button.setToolTip(self.tr("检查后记入日志，签名并发送（appStatus 2）"))
        self.duplicate_button = QPushButton(self.tr("复制为新单证"))
        self.duplicate_button.setToolTip(self.tr("用这些内容开始一个新单证（新的编号和 guid），原单证不变"))
        self.close_button = QPushButton(self.tr("关闭"))
        for button in (self.save_button, self.declare_button, self.duplicate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save_draft)
        self.declare_button.clicked.connect(self.declare)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.close_button.clicked.connect(self.close)
        self.form: EntryForm | None = None
        chosen = doc_type or document_type("inventory")
        self.type.setCurrentIndex(self.type.findData(chosen.name))
        self._build(chosen)
        if head is not None:
            self.form.fill(head, lines or [])
        else:
            self.form.fill_new()
        self.type.currentIndexChanged.connect(self._type_chosen)
        self._show_state()
        self._focus_first()
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1280, screen.width() - 40), min(760, screen.height() - 40))
        else:
            self.resize(1280, 720)

    # -- the form -------------------------------------------------------------------------------
    def _build(self, doc_type: DocumentType) -> None:
        if self.form is not None:
            self.form_holder.removeWidget(self.form)
            self.form.deleteLater()
        self.doc_type = doc_type
        defaults = self.context.profile.defaults if self.context.profile else {}
        self.form = EntryForm(doc_type, language=self.language, defaults=defaults)
        self.form.setObjectName("entry_form")
        self.form.changed.connect(lambda: self.message.setText(""))
        self.form_holder.addWidget(self.form)

    def _focus_first(self) -> None:
        """The first field the clerk fills (the document's number, usually) takes the keys."""
        first = next(iter(self.form.editors))
        self.form.focus_field(first)

    def _type_chosen(self) -> None:
        """Another type for a new document: a new form (what was typed for the other type goes)."""
        name = self.type.currentData()
        if not name or name == self.doc_type.name:
            return
        self._build(document_type(name))
        self.form.fill_new()
        self._show_state()

    def _show_state(self) -> None:
        fixed = self.document_id is not None
        self.type.setEnabled(not fixed)
        title = type_name(self.doc_type, self.language)
        if self.modify:
            text = self.tr(
                "变更已发送的单证（#{id}）：申报时先列出变更内容，确认后作为变更（appType 2）签名发送"
            ).format(id=self.document_id)
        elif fixed:
            with self.context.journal() as journal:
                state = journal.document(self.document_id).state
            text = self.tr("单证 #{id}：{state}").format(id=self.document_id, state=state_text(state))
        else:
            text = self.tr("新单证")
        self.state.setText(text)
        self.setWindowTitle(self.tr("单证录入 — {type}").format(type=title))
        self.save_button.setEnabled(not self.modify)
        self.declare_button.setText(self.tr("申报变更…") if self.modify else self.tr("申报"))
        self.duplicate_button.setEnabled(True)

    # -- acting ---------------------------------------------------------------------------------
    def workspace(self):
        return self.context.workspace()

    def _refused(self, exc: Exception) -> None:
        text = exc.text(self.language) if hasattr(exc, "text") else str(exc)
        findings = getattr(exc, "findings", None)
        if findings:
            self.form.fill_findings(list(findings))
            text = self.tr("有 {count} 处错误，未申报：请按标红的字段修改").format(
                count=sum(1 for f in findings if f.is_error)
            )
        self.say(text, error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "color: #1B5E20;")
        self.message.setText(text)

    def _values(self) -> tuple[str, dict[str, str], list[dict[str, str]]]:
        """What goes to the application: the values typed, and the guid the document has (a
        draft keeps its own; a copy has the new one the application gave it)."""
        head = self.form.head()
        if self.form.decided.get("guid"):
            head["guid"] = self.form.decided["guid"]
        return self.doc_type.name, head, self.form.line_values()

    def save_draft(self) -> int | None:
        """暂存: the values as they are (problems and all) kept in the journal, not sent."""
        name, head, lines = self._values()
        try:
            document_id = self.workspace().save_draft(name, head, lines, document_id=self.document_id)
        except LifecycleError as exc:
            self._refused(exc)
            return None
        self.document_id = document_id
        self.form.show_all = True
        self.form.run_checks()
        self._show_state()
        self.say(self.tr("已暂存为草稿（#{id}），没有发送").format(id=document_id))
        self.journal_changed.emit()
        return document_id

    def _first_problem(self) -> bool:
        """Every problem marked; True (and the first error in view) when one stops the declaration."""
        self.form.show_all = True
        errors = [f for f in self.form.run_checks() if f.is_error]
        if not errors:
            return False
        first = errors[0]
        if first.location.row is None and first.element in self.form.editors:
            self.form.focus_field(first.element)
        self.say(
            self.tr("有 {count} 处错误，未申报：请按标红的字段修改").format(count=len(errors)), error=True
        )
        return True

    def declare(self) -> int | None:
        """申报: checked here as import checks, journaled by the application (which checks again),
        then sent with the usual send flow and its PIN dialog. A sent document: the changes
        are shown first, and it goes as a modification."""
        if self._first_problem():
            return None
        name, head, lines = self._values()
        workspace = self.workspace()
        try:
            if self.modify:
                changes = workspace.diff(self.document_id, head, lines)
                if not changes and self._waiting():  # journaled, its sending failed (a wrong PIN …)
                    self.say(self.tr("已记入日志，待签名发送"))
                    self._send()
                    return self.document_id
                if not changes:
                    self.say(self.tr("没有改动，不需要变更"), error=True)
                    return None
                dialog = DiffDialog(self.doc_type, self._key(head), changes, self, language=self.language)
                accepted = dialog.exec() == QDialog.DialogCode.Accepted
                dialog.deleteLater()
                if not accepted:
                    self.say(self.tr("没有发送变更"))
                    return None
                document_id = workspace.modify(self.document_id, head, lines)
            else:
                document_id = workspace.declare_entered(name, head, lines, document_id=self.document_id)
        except LifecycleError as exc:
            self._refused(exc)
            return None
        except InputError as exc:
            self._refused(exc)
            return None
        self.document_id = document_id
        self._show_state()
        self.journal_changed.emit()
        self.say(self.tr("已记入日志，待签名发送"))
        self._send()
        return document_id

    def _send(self) -> None:
        if self.send is None:
            return
        job = self.send()
        self.sending = job
        if job is None:
            return
        job.succeeded.connect(self._sent)
        job.failed.connect(
            lambda reason: self.say(
                self.tr("没有发送：{reason}").format(reason=reason)
                + self.tr("单证已记入日志、待发送：再点“申报”，或在“发送与回执”页发送。"),
                error=True,
            )
        )

    def _waiting(self) -> bool:
        """Whether this document is journaled and waits to be signed and sent."""
        if self.document_id is None:
            return False
        with self.context.journal() as journal:
            return journal.document(self.document_id).state in ("ready", "planned")

    def _sent(self, result) -> None:
        _imported, report = result
        self.say(
            self.tr("已申报：发送 {documents} 个单证；回执在“发送与回执”和“查询”页查看").format(
                documents=report.documents
            )
        )
        self.modify = False
        self._show_state()  # the title follows: sent, no longer waiting
        self.journal_changed.emit()

    def duplicate(self) -> EntryWindow | None:
        """A new document with these values (a new number and guid, from the application when the
        document is in the journal), in a window of its own; this one is left as it is."""
        if self.document_id is not None:
            try:
                name, head, lines = self.workspace().duplicate(self.document_id)
            except LifecycleError as exc:
                self._refused(exc)
                return None
            doc_type = document_type(name)
        else:
            doc_type, head, lines = self.doc_type, self.form.head(), self.form.line_values()
        if self.opener is not None:
            window = self.opener(doc_type=doc_type, head=head, lines=lines)
        else:
            window = EntryWindow(self.context, doc_type=doc_type, head=head, lines=lines, send=self.send)
            window.journal_changed.connect(self.journal_changed)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.show()
        window.say(self.tr("复制的新单证：还没有保存"))
        return window

    def _key(self, head: dict[str, str]) -> str:
        return self.doc_type.business_key(head)

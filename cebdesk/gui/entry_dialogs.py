"""Dialogs of a document's life: the differences a modification makes (before it is signed), the
reason for a cancellation, the lines and quantities of a refund. They gather the clerk's answer;
what is allowed and what is sent is the application layer's."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..spec import DocumentType


def _change(change) -> tuple[str, str | None, str, str]:
    """(field, gnum, old, new) of one change, a tuple or an object with those attributes."""
    if isinstance(change, dict):
        return change["field"], change.get("gnum"), change.get("old") or "", change.get("new") or ""
    if isinstance(change, tuple):
        field, gnum, old, new = change
        return field, gnum, old or "", new or ""
    return change.field, change.gnum, change.old or "", change.new or ""


def _label(doc_type: DocumentType, name: str, gnum) -> str:
    entity = doc_type.list if gnum is not None else doc_type.head
    if entity is not None and name in entity:
        return entity[name].label
    return ""


class DiffDialog(QDialog):
    """What a modification changes, side by side (field, old, new; goods lines by their line
    number), read before the modification is signed and sent as appType 2."""

    def __init__(
        self, doc_type: DocumentType, key: str, changes, parent=None, *, language: str = "zh"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("变更内容"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("{type} {key} 将作为变更（appType 2）签名并发送，海关以新的内容为准：").format(
                type=doc_type.display(language), key=key
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = [_change(c) for c in changes]
        self.table = QTableWidget(len(rows), 4)
        self.table.setObjectName("changes")
        self.table.setHorizontalHeaderLabels(
            [self.tr("项目"), self.tr("行"), self.tr("原值"), self.tr("新值")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, (name, gnum, old, new) in enumerate(rows):
            label = _label(doc_type, name, gnum)
            cells = (
                f"{label} ({name})" if label else name,
                "" if gnum is None else str(gnum),
                old if old else self.tr("（空）"),
                new if new else self.tr("（空）"),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2 and old:
                    item.setBackground(QColor("#FDECEA"))
                if c == 3 and new:
                    item.setBackground(QColor("#E6F4EA"))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox()
        self.sign_button = self.buttons.addButton(
            self.tr("签名并发送变更"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button = self.buttons.addButton(self.tr("返回修改"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 420)


class ReasonDialog(QDialog):
    """A cancellation (撤销申请): the reason is required; OK stays off until one is written."""

    def __init__(self, title: str, intro: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.layout_ = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        self.layout_.addWidget(text)
        self.layout_.addWidget(QLabel(self.tr("原因（必填）：")))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaximumHeight(80)
        self.reason.textChanged.connect(self._allow)
        self.layout_.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self._allow()

    def _allow(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.ok())

    def ok(self) -> bool:
        return bool(self.text())

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        if self.ok():
            super().accept()


class CancelDialog(ReasonDialog):
    def __init__(
        self, doc_type: DocumentType, key: str, invt_no: str, parent=None, *, language: str = "zh"
    ) -> None:
        super().__init__(
            self.tr("撤销申请"),
            self.tr(
                "为 {type} {key}（清单编号 {invt}）提交撤销申请单。海关同意后清单撤销，不能恢复。"
            ).format(type=doc_type.display(language), key=key, invt=invt_no or "-"),
            parent,
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("签名并提交撤销"))
        self.resize(520, 240)


class RefundDialog(ReasonDialog):
    """A refund (退货申请): all lines or some of them, each with the quantity coming back
    (default: every line, its whole quantity), and the reason."""

    def __init__(
        self,
        doc_type: DocumentType,
        key: str,
        lines: list[dict[str, str]],
        parent=None,
        *,
        language: str = "zh",
    ) -> None:
        super().__init__(
            self.tr("退货申请"),
            self.tr("为 {type} {key} 提交退货申请单。选择退货的商品和数量：").format(
                type=doc_type.display(language), key=key
            ),
            parent,
        )
        self.lines = lines
        self.all_lines = QRadioButton(self.tr("全部商品"))
        self.some_lines = QRadioButton(self.tr("部分商品"))
        self.all_lines.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.all_lines)
        group.addButton(self.some_lines)
        self.table = QTableWidget(len(lines), 4)
        self.table.setObjectName("refund_lines")
        self.table.setHorizontalHeaderLabels(
            [self.tr("序号"), self.tr("商品名称"), self.tr("原数量"), self.tr("退货数量")]
        )
        self.table.verticalHeader().setVisible(False)
        self.quantities: list[QLineEdit] = []
        self.ticks: list[QCheckBox] = []
        for r, line in enumerate(lines):
            tick = QCheckBox(line.get("gnum", str(r + 1)))
            tick.setChecked(True)
            tick.setObjectName(f"line_{r}")
            tick.toggled.connect(self._allow)
            self.ticks.append(tick)
            self.table.setCellWidget(r, 0, tick)
            for c, name in ((1, "gname"), (2, "qty")):
                item = QTableWidgetItem(line.get(name) or line.get("itemName", ""))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
            qty = QLineEdit(line.get("qty", ""))
            qty.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,14}(\.\d{0,5})?"), qty))
            qty.setObjectName(f"qty_{r}")
            qty.textChanged.connect(self._allow)
            tick.toggled.connect(qty.setEnabled)
            self.quantities.append(qty)
            self.table.setCellWidget(r, 3, qty)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.all_lines.toggled.connect(self._chosen)
        at = 1
        for widget in (self.all_lines, self.some_lines, self.table):
            self.layout_.insertWidget(at, widget)
            at += 1
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("签名并提交退货"))
        self._chosen()
        self.resize(640, 420)

    def _chosen(self) -> None:
        self.table.setEnabled(self.some_lines.isChecked())
        self._allow()

    def ok(self) -> bool:
        if not self.text():
            return False
        if getattr(self, "all_lines", None) is None or self.all_lines.isChecked():
            return True
        chosen = self.chosen()
        return bool(chosen) and all(_positive(q) for q in chosen.values())

    def chosen(self) -> dict[str, str] | None:
        """None for every line whole; else gnum -> quantity of the lines ticked."""
        if self.all_lines.isChecked():
            return None
        return {
            tick.text(): self.quantities[r].text() for r, tick in enumerate(self.ticks) if tick.isChecked()
        }


def _positive(text: str) -> bool:
    try:
        return Decimal(text) > 0
    except InvalidOperation:
        return False

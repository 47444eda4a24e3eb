"""Names from spec/ in the window's language: the journal stores message codes (CEB621Message),
the window shows the document type's name, in Chinese or English. Document types come in two
directions (进口 import, 出口 export); every list of them in the window is grouped so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont, QPalette, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QStyledItemDelegate, QWidgetAction

from ..spec import DOCUMENT_TYPES, DocumentType, document_type_for, message_type

#: The two directions, in the order the window lists them.
DIRECTIONS = {
    "import": QT_TRANSLATE_NOOP("cebdesk", "进口"),
    "export": QT_TRANSLATE_NOOP("cebdesk", "出口"),
}


#: Where documents stand (workspace.OUTCOMES), as the home page counts them and the query page
#: filters them.
OUTCOME_NAMES = {
    "sent": QT_TRANSLATE_NOOP("cebdesk", "已发送（按发送日期）"),
    "waiting": QT_TRANSLATE_NOOP("cebdesk", "待回执"),
    "refused": QT_TRANSLATE_NOOP("cebdesk", "退单待处理"),
    "released": QT_TRANSLATE_NOOP("cebdesk", "已放行"),
}


def outcome_name(outcome: str) -> str:
    return QCoreApplication.translate("cebdesk", OUTCOME_NAMES[outcome])


def direction_name(direction: str) -> str:
    """"进口" / "Import"."""
    return QCoreApplication.translate("cebdesk", DIRECTIONS[direction])


def direction_of(doc_type: DocumentType) -> str:
    return doc_type.direction


def types_of(direction: str | None = None) -> list[DocumentType]:
    """The document types of one direction (None: both), in spec/'s order."""
    return [dt for dt in DOCUMENT_TYPES if direction is None or direction_of(dt) == direction]


def type_name(doc_type: DocumentType, language: str = "zh") -> str:
    """The type's name in the UI's language. spec/ names an export type apart from its import
    namesake (电子订单（出口）), so a closed list or a table row never leaves the clerk guessing."""
    return doc_type.display(language)


def message_name(code: str, language: str = "zh") -> str:
    """"进口清单" / "Import inventory" for CEB621Message; a message without a document type of
    its own (a receipt) by the standard's label."""
    mt = message_type(code)
    doc_type = document_type_for(mt)
    return type_name(doc_type, language) if doc_type is not None else mt.label


def _heading_font(font: QFont) -> QFont:
    font = QFont(font)
    font.setBold(True)
    return font


#: Marks a combo box entry as a heading (进口 / 出口) or as an entry under one.
GROUP_ROLE = Qt.ItemDataRole.UserRole + 7
_HEADING, _UNDER = 1, 2


class GroupedDelegate(QStyledItemDelegate):
    """Draws a combo box's headings bold in the text colour (not greyed like a disabled entry)
    and the entries under them indented."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        group = index.data(GROUP_ROLE)
        if group == _HEADING:
            option.font = _heading_font(option.font)
            text = option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
            option.palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, text)
        elif group == _UNDER:
            option.rect.adjust(option.fontMetrics.horizontalAdvance("MM"), 0, 0, 0)

    def sizeHint(self, option, index):  # noqa: N802
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + 6)  # as roomy as a menu's entries
        return size


def fill_type_combo(
    combo: QComboBox,
    language: str,
    data: Callable[[DocumentType], object],
    *,
    direction: str | None = None,
) -> None:
    """Add the document types to ``combo`` (after what it holds): one direction's, or both
    under the headings 进口 and 出口 (headings cannot be chosen; the keys skip them)."""
    model = combo.model()
    if not isinstance(combo.itemDelegate(), GroupedDelegate):
        combo.setItemDelegate(GroupedDelegate(combo))
    for group in DIRECTIONS if direction is None else (direction,):
        if direction is None:
            combo.addItem(direction_name(group), None)
            combo.setItemData(combo.count() - 1, _HEADING, GROUP_ROLE)
            if isinstance(model, QStandardItemModel):
                item = model.item(combo.count() - 1)
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
        for dt in types_of(group):
            combo.addItem(type_name(dt, language), data(dt))
            if direction is None:
                combo.setItemData(combo.count() - 1, _UNDER, GROUP_ROLE)


def fill_type_menu(menu: QMenu, language: str) -> None:
    """One action a document type (its data: the CLI name), under the headings 进口 and 出口."""
    for number, group in enumerate(DIRECTIONS):
        if number:
            menu.addSeparator()
        # a heading: bold text in the text colour (a disabled action would be greyed out)
        label = QLabel(direction_name(group))
        label.setFont(_heading_font(menu.font()))
        label.setContentsMargins(8, 4, 8, 2)
        heading = QWidgetAction(menu)
        heading.setText(direction_name(group))
        heading.setDefaultWidget(label)
        menu.addAction(heading)
        for dt in types_of(group):
            menu.addAction(type_name(dt, language)).setData(dt.name)


def heading_indexes(combo: QComboBox) -> list[int]:
    """Where the headings are in a combo filled by :func:`fill_type_combo`."""
    model = combo.model()
    return [
        i for i in range(combo.count()) if not model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled
    ]

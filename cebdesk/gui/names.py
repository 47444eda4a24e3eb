"""Names from spec/ in the window's language: the journal stores message codes (CEB621Message),
the window shows the document type's name, in Chinese or English. Document types come in two
directions (进口 import, 出口 export); every list of them in the window is grouped so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QMenu

from ..spec import DOCUMENT_TYPES, DocumentType, document_type_for, message_type

#: The two directions, in the order the window lists them.
DIRECTIONS = {
    "import": QT_TRANSLATE_NOOP("cebdesk", "进口"),
    "export": QT_TRANSLATE_NOOP("cebdesk", "出口"),
}


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
    for group in DIRECTIONS if direction is None else (direction,):
        if direction is None:
            combo.addItem(direction_name(group), None)
            if isinstance(model, QStandardItemModel):
                item = model.item(combo.count() - 1)
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
                item.setFont(_heading_font(combo.font()))
        for dt in types_of(group):
            combo.addItem(type_name(dt, language), data(dt))


def fill_type_menu(menu: QMenu, language: str) -> None:
    """One action a document type (its data: the CLI name), under the headings 进口 and 出口."""
    for number, group in enumerate(DIRECTIONS):
        if number:
            menu.addSeparator()
        heading = menu.addAction(direction_name(group))
        heading.setEnabled(False)
        heading.setFont(_heading_font(menu.font()))
        for dt in types_of(group):
            menu.addAction(type_name(dt, language)).setData(dt.name)


def heading_indexes(combo: QComboBox) -> list[int]:
    """Where the headings are in a combo filled by :func:`fill_type_combo`."""
    model = combo.model()
    return [
        i for i in range(combo.count()) if not model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsEnabled
    ]

"""The column dialog: which element each column of another system's spreadsheet holds.

Offered on the import page when a file's header is not (wholly) recognised. One drop-down per
column of the file's first row, listing the document type's elements by their Chinese labels;
columns cebdesk already knows are preset. Saved as a column mapping in the data folder under
the header's fingerprint (excel/mapping.py), so the file, and every later file with the same
header, is read that way, by the window and by the command line alike.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..excel.columns import template_columns
from ..excel.mapping import ColumnMapping, Mappings, fingerprint, header_text, mappings_folder
from ..excel.reader import recognised_columns, sheet_header
from ..findings import InputError
from ..spec import DocumentType, document_type
from .names import fill_type_combo

#: Findings that mean the header was not (wholly) understood: the dialog is offered for their file.
OFFER_RULES = frozenset(
    {
        "sheet.unknown_column",
        "sheet.unknown_column_near",
        "sheet.no_header",
        "sheet.missing_columns",
        "file.unknown_type",
        "mapping.unknown_element",
    }
)


class MappingDialog(QDialog):
    """One drop-down per header cell; ``mapping()`` is what the user chose."""

    def __init__(
        self, path: Path, sheet: str, header: tuple, doc_type: DocumentType, parent=None, *, language: str = "zh"
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mapping_dialog")
        self.setWindowTitle(self.tr("列对应"))
        self.header = header
        self.language = language
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("“{name}”（工作表“{sheet}”）的列名与标准不同。请为每一列选择它对应的项目，保存后以后同样表头的文件都按此读取。").format(
                name=path.name, sheet=sheet
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.type = QComboBox()
        self.type.setObjectName("mapping_type")
        fill_type_combo(self.type, language, lambda dt: dt.name)
        self.type.setCurrentIndex(max(self.type.findData(doc_type.name), 0))
        form = QFormLayout()
        form.addRow(self.tr("单证类型"), self.type)
        layout.addLayout(form)
        body = QWidget()
        self.rows = QFormLayout(body)
        self.combos: dict[int, QComboBox] = {}
        for i, text in enumerate(header):
            if not header_text(text):
                continue
            combo = QComboBox()
            combo.setObjectName(f"column_{i}")
            self.combos[i] = combo
            self.rows.addRow(QLabel(str(text).strip()), combo)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("保存列对应"))
        self.save_button.setObjectName("mapping_save")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.type.currentIndexChanged.connect(lambda _i: self._fill())
        self._fill()
        self.resize(560, 520)

    @property
    def doc_type(self) -> DocumentType:
        return document_type(self.type.currentData())

    def _fill(self) -> None:
        """The chosen type's elements in every drop-down; the columns cebdesk knows preset."""
        dt = self.doc_type
        known = recognised_columns(dt, self.header)
        for i, combo in self.combos.items():
            combo.clear()
            combo.addItem(self.tr("（不读取）"), None)
            for col in template_columns(dt):
                combo.addItem(f"{col.label}（{col.header}）", col.header)
            col = known.get(i)
            combo.setCurrentIndex(combo.findData(col.header) if col is not None else 0)

    def mapping(self) -> ColumnMapping:
        """Every column given an element (those cebdesk knew by itself too: the file is then
        read the same way whatever names change later)."""
        columns = {
            str(self.header[i]).strip(): combo.currentData()
            for i, combo in self.combos.items()
            if combo.currentData()
        }
        return ColumnMapping(columns, type=self.doc_type.name)


def save(data_dir: Path, header: tuple, mapping: ColumnMapping) -> Path:
    """Keep ``mapping`` for this header in the data folder; where it was saved."""
    path = Mappings(folder=mappings_folder(data_dir)).remember(fingerprint(header), mapping)
    assert path is not None
    return path


class MappingOffer(QObject):
    """The import page's "列对应…" button: shown when a file's header was not understood; opens
    the dialog for that file and reads the files again once a mapping is saved."""

    def __init__(self, controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self.file: Path | None = None
        view = controller.view
        self.button = QPushButton(self.tr("列对应…"))
        self.button.setObjectName("mapping_button")
        self.button.setToolTip(self.tr("文件的列名与标准不同：选择每一列对应的项目并保存"))
        self.button.setVisible(False)
        view.layout().itemAt(0).layout().insertWidget(5, self.button)
        self.button.clicked.connect(self.open)

    def update(self, findings) -> None:
        """Offer the dialog for the first Excel file whose header was not understood."""
        self.file = next(
            (
                Path(f.location.file)
                for f in findings
                if f.rule in OFFER_RULES and f.location.file and Path(f.location.file).suffix.lower() in (".xlsx", ".xls")
            ),
            None,
        )
        self.button.setVisible(self.file is not None)

    def dialog(self) -> MappingDialog | None:
        if self.file is None:
            return None
        try:
            sheet, header = sheet_header(self.file)
        except InputError as exc:
            self.controller._say_error(exc.findings[0].render(self.controller.context.language))
            return None
        chosen = self.controller.view.type.currentData()
        doc_type = document_type(chosen or "inventory")
        if not chosen:
            # the type whose columns the header knows most of
            doc_type = max(
                (document_type(n) for n in _type_names()),
                key=lambda dt: len(recognised_columns(dt, header)),
            )
        return MappingDialog(self.file, sheet, header, doc_type, self.controller.view, language=self.controller.context.language)

    def open(self) -> Path | None:
        dialog = self.dialog()
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        header = dialog.header
        path = save(self.controller.context.data_dir, header, dialog.mapping())
        self.controller.view.summary.setText(self.tr("列对应已保存：{path}").format(path=path))
        if self.controller.files:
            self.controller.load(self.controller.files)
        return path


def _type_names() -> list[str]:
    from ..spec import DOCUMENT_TYPES

    return [dt.name for dt in DOCUMENT_TYPES]

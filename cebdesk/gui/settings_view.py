"""The settings page: every value of the active workspace's profile — enterprise ([transfer]),
default values ([defaults], element -> value), a broker's clients ([clients."NAME"]), signer,
exchange, language — checked on save and saved where that workspace's profile lives. Tables the
page does not show ([rates], [summary] …) are kept as they are."""

from __future__ import annotations

import dataclasses
import os
import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..checks import check_field
from ..clients import Client, check_clients
from ..exchange.folders import CLIENT_DEFAULT_ROOT
from ..exchange.transfer import propose
from ..findings import Finding, InputError, Location, Severity
from ..settings import ExchangeSettings, Profile, dump_profile, load_profile, save_profile
from ..signing.base import SigningError
from ..signing.select import SignerOptions
from ..spec import DOCUMENT_TYPES, DocumentType, Field
from .context import AppContext
from .names import DIRECTIONS, direction_name, type_name, types_of

TRANSFER = (
    ("copCode", QT_TRANSLATE_NOOP("cebdesk", "传输企业代码")),
    ("copName", QT_TRANSLATE_NOOP("cebdesk", "传输企业名称")),
    ("dxpId", QT_TRANSLATE_NOOP("cebdesk", "数据交换平台用户编号")),
)
#: Default values most enterprises set: always listed, empty until filled.
COMMON_DEFAULTS = ("ebpCode", "ebpName", "ebcCode", "ebcName", "agentCode", "agentName")
SIGNERS = (
    ("", QT_TRANSLATE_NOOP("cebdesk", "不签名")),
    ("key_file", QT_TRANSLATE_NOOP("cebdesk", "密钥文件")),
    ("pkcs11", QT_TRANSLATE_NOOP("cebdesk", "USB Key / 加密机（PKCS#11）")),
    ("eport", QT_TRANSLATE_NOOP("cebdesk", "电子口岸卡（客户端控件）")),
)
#: The [signer] values the page edits, per kind; anything else in [signer] is kept as it is.
SIGNER_KEYS = {
    "key_file": ("key_file", "cert"),
    "pkcs11": ("pkcs11_module", "token_label", "key_label", "key_id", "sm2_mechanism"),
    "eport": ("eport_control",),
}
ELEMENT, LABEL, VALUE, USED = range(4)
#: The clients table: a name, the four codes and names each client has, the other defaults.
CLIENT_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("cebdesk", "客户名称")),
    ("ebcCode", QT_TRANSLATE_NOOP("cebdesk", "电商企业代码")),
    ("ebcName", QT_TRANSLATE_NOOP("cebdesk", "电商企业名称")),
    ("ebpCode", QT_TRANSLATE_NOOP("cebdesk", "电商平台代码")),
    ("ebpName", QT_TRANSLATE_NOOP("cebdesk", "电商平台名称")),
    ("others", QT_TRANSLATE_NOOP("cebdesk", "其他默认值（元素=值; …）")),
)
CLIENT_MAIN = tuple(name for name, _ in CLIENT_COLUMNS[1:-1])


def others_text(values: dict[str, str]) -> str:
    return "; ".join(f"{key}={value}" for key, value in values.items() if key not in CLIENT_MAIN)


def parse_others(text: str) -> tuple[dict[str, str], list[str]]:
    """``logisticsCode=1101180326; assureCode=…`` -> values, and the pieces that are no
    ``element=value``."""
    values, bad = {}, []
    for piece in re.split("[;；\n]", text):
        piece = piece.strip()
        if not piece:
            continue
        match = re.fullmatch(r"([^=＝]+?)\s*[=＝]\s*(.+)", piece)
        if match is None:
            bad.append(piece)
            continue
        values[match[1]] = match[2]
    return values, bad


@cache
def fields_named(name: str) -> tuple[Field, ...]:
    """The fields of the declarations a clerk fills that a [defaults] key names: ``ebpCode``,
    or ``OrderList.currency`` (entity and element), as the reader looks them up; ``import.…``
    and ``export.…`` ([defaults.import] …) those of that direction's declarations."""
    scope, _, rest = name.partition(".")
    if scope in ("import", "export") and rest:
        name = rest
    else:
        scope = ""
    entity_name, _, element = name.rpartition(".")
    found: dict[tuple[str, str], Field] = {}
    for doc_type in DOCUMENT_TYPES:
        if scope and doc_type.direction != scope:
            continue
        for entity in (doc_type.head, doc_type.list):
            if entity is None or (entity_name and entity.name != entity_name):
                continue
            if element in entity:
                field = entity[element]
                found.setdefault((field.name, field.label), field)
    return tuple(found.values())


def signer_settings(options: SignerOptions) -> dict[str, str]:
    """A [signer] table for signer options (the inverse of SignerOptions.from_settings)."""
    values = {
        "key_file": options.key_file,
        "cert": options.cert,
        "pkcs11_module": options.pkcs11_module,
        "token_label": options.token_label,
        "key_label": options.key_label,
        "key_id": options.key_id,
        "sm2_mechanism": hex(options.sm2_mechanism) if options.sm2_mechanism is not None else None,
        "eport_control": options.eport_control,
    }
    return {k: str(v) for k, v in values.items() if v}


def element_label(name: str) -> str:
    """The standard's Chinese label(s) for a [defaults] key; "" when no document has it. Where
    import and export documents name the element differently (InventoryList.country: 原产国 on
    an import inventory, 运抵国 on an export one) each direction's names are given apart."""
    by_direction = direction_labels(name)
    if len(set(by_direction.values())) > 1:
        return " / ".join(f"{direction_name(d)}：{labels}" for d, labels in by_direction.items())
    return " / ".join(dict.fromkeys(f.label for f in fields_named(name)))


def direction_labels(name: str) -> dict[str, str]:
    """Direction -> the labels its documents give the element a [defaults] key names."""
    entity_name, _, element = name.rpartition(".")
    out = {}
    for direction, types in element_users(name).items():
        labels = dict.fromkeys(
            entity[element].label
            for dt in types
            for entity in (dt.head, dt.list)
            if entity is not None and (not entity_name or entity.name == entity_name) and element in entity
        )
        out[direction] = " / ".join(labels)
    return out


@cache
def element_users(name: str) -> dict[str, tuple[DocumentType, ...]]:
    """The document types, by direction (import, export), whose head or lines have the
    element a [defaults] key names: a default fills it in all of them."""
    entity_name, _, element = name.rpartition(".")
    users: dict[str, tuple[DocumentType, ...]] = {}
    for direction in DIRECTIONS:
        users[direction] = tuple(
            dt
            for dt in types_of(direction)
            if any(
                entity is not None and (not entity_name or entity.name == entity_name) and element in entity
                for entity in (dt.head, dt.list)
            )
        )
    return {direction: found for direction, found in users.items() if found}


def _group(name: str) -> int:
    """Where a default's row goes: both directions, import only, export only, unknown."""
    used = element_users(name)
    return 0 if len(used) == 2 else 1 if "import" in used else 2 if "export" in used else 3


def _form(box: QGroupBox) -> QFormLayout:
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class SettingsView(QWidget):
    def __init__(self, parent=None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.language = language
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.where = QLabel("")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.where)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)

        enterprise = QGroupBox(self.tr("企业档案（传输企业 [transfer]）"))
        form = _form(enterprise)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in TRANSFER:
            edit = QLineEdit()
            edit.setObjectName(name)
            self.fields[name] = edit
            form.addRow(f"{QCoreApplication.translate('cebdesk', label)}（{name}）", edit)
        left.addWidget(enterprise)

        defaults = QGroupBox(self.tr("默认值（[defaults]：单元格为空时填入报文）"))
        box = QVBoxLayout(defaults)
        self.defaults = QTableWidget(0, 4)
        self.defaults.setHorizontalHeaderLabels(
            [self.tr("元素"), self.tr("名称"), self.tr("值"), self.tr("用于")]
        )
        header = self.defaults.horizontalHeader()
        # the names (import and export ones may both be there) take what is left, cut short if
        # need be (the whole name on hovering); values keep a width of their own
        header.setSectionResizeMode(ELEMENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(USED, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(VALUE, self.fontMetrics().horizontalAdvance("某某跨境电商平台有限公司"))
        header.setStretchLastSection(False)
        self.defaults.setWordWrap(False)
        self.defaults.verticalHeader().setVisible(False)
        self.defaults.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.defaults.setMinimumHeight(180)
        box.addWidget(self.defaults, 1)
        buttons = QHBoxLayout()
        self.add_default = QPushButton(self.tr("添加一行"))
        self.remove_default = QPushButton(self.tr("删除所选行"))
        hint = QLabel(
            self.tr(
                "元素名如 logisticsCode；表体与表头同名时写作 表体名.元素名，"
                "如 OrderList.currency（进口、出口订单）、InventoryList.country（进口、出口清单）"
            )
        )
        hint.setWordWrap(True)
        buttons.addWidget(self.add_default)
        buttons.addWidget(self.remove_default)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addWidget(hint)
        left.addWidget(defaults, 1)

        clients = QGroupBox(self.tr("客户（[clients]：报关行代理的电商企业；其值优先于默认值）"))
        box = QVBoxLayout(clients)
        self.clients = QTableWidget(0, len(CLIENT_COLUMNS))
        self.clients.setHorizontalHeaderLabels(
            [QCoreApplication.translate("cebdesk", label) for _, label in CLIENT_COLUMNS]
        )
        header = self.clients.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.clients.verticalHeader().setVisible(False)
        self.clients.setWordWrap(False)
        self.clients.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.clients.setMinimumHeight(120)
        box.addWidget(self.clients, 1)
        buttons = QHBoxLayout()
        self.add_client = QPushButton(self.tr("添加客户"))
        self.remove_client = QPushButton(self.tr("删除所选客户"))
        buttons.addWidget(self.add_client)
        buttons.addWidget(self.remove_client)
        buttons.addStretch(1)
        box.addLayout(buttons)
        hint = QLabel(
            self.tr(
                "导入时按单证的电商企业代码（ebcCode）选择客户，也可在导入页指定；"
                "其他默认值写作 元素=值，以分号隔开，如 logisticsCode=1101180326; assureCode=1105910159"
            )
        )
        hint.setWordWrap(True)
        box.addWidget(hint)
        left.addWidget(clients)

        signer = QGroupBox(self.tr("签名 [signer]"))
        form = _form(signer)
        self.signer_kind = QComboBox()
        for key, label in SIGNERS:
            self.signer_kind.addItem(QCoreApplication.translate("cebdesk", label), key)
        form.addRow(self.tr("签名方式"), self.signer_kind)
        self.key_file = QLineEdit()
        self.cert = QLineEdit()
        self.browse_key = QPushButton(self.tr("浏览…"))
        self.browse_cert = QPushButton(self.tr("浏览…"))
        for label, edit, button in (
            (self.tr("密钥文件"), self.key_file, self.browse_key),
            (self.tr("证书文件（PEM 密钥时）"), self.cert, self.browse_cert),
        ):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(button)
            form.addRow(label, row)
        self.module = QComboBox()
        self.module.setEditable(True)
        self.find_tokens = QPushButton(self.tr("查找令牌"))
        row = QHBoxLayout()
        row.addWidget(self.module, 1)
        row.addWidget(self.find_tokens)
        form.addRow(self.tr("PKCS#11 驱动"), row)
        self.token = QComboBox()
        self.token.setEditable(True)
        form.addRow(self.tr("令牌"), self.token)
        self.key_label = QLineEdit()
        form.addRow(self.tr("密钥标签"), self.key_label)
        self.key_id = QLineEdit()
        self.key_id.setPlaceholderText(self.tr("可选，十六进制"))
        form.addRow(self.tr("密钥 ID"), self.key_id)
        self.sm2_mechanism = QLineEdit()
        self.sm2_mechanism.setPlaceholderText(self.tr("可选，如 0x80000100"))
        form.addRow(self.tr("SM2 机制号"), self.sm2_mechanism)
        self.eport = QLineEdit("ws://127.0.0.1:61232")
        form.addRow(self.tr("客户端控件地址"), self.eport)
        right.addWidget(signer)

        exchange = QGroupBox(self.tr("传输 [exchange]"))
        form = _form(exchange)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("目录（传输客户端取走 send/ 中的文件）"), "folder")
        self.mode.addItem(self.tr("HTTP 上传"), "http")
        self.url = QLineEdit()
        self.receipts_url = QLineEdit()
        self.dxp = QCheckBox(self.tr("用 DxpMsg 封装（终端节点）"))
        self.verify_tls = QCheckBox(self.tr("校验 HTTPS 证书"))
        self.folder = QLineEdit()
        form.addRow(self.tr("方式"), self.mode)
        form.addRow(self.tr("上传地址"), self.url)
        form.addRow(self.tr("回执下载地址"), self.receipts_url)
        form.addRow("", self.dxp)
        form.addRow("", self.verify_tls)
        form.addRow(self.tr("发送/接收目录"), self.folder)
        self.layout_choice = QComboBox()
        self.layout_choice.addItem(self.tr("cebdesk 自己的目录（send/ receive/）"), "cebdesk")
        self.layout_choice.addItem(self.tr("传输客户端的目录（IMPCEB/EXPCEB 的 OutBox、InBox）"), "client")
        self.client_root = QLineEdit()
        self.find_client = QPushButton(self.tr("读取传输客户端的设置"))
        client_row = QHBoxLayout()
        client_row.addWidget(self.client_root, 1)
        client_row.addWidget(self.find_client)
        form.addRow(self.tr("报文目录格式"), self.layout_choice)
        form.addRow(self.tr("传输客户端目录"), client_row)
        self.language = QComboBox()
        self.language.addItem(self.tr("中文"), "zh_CN")
        self.language.addItem("English", "en")
        self.language_note = QLabel(self.tr("重新启动 cebdesk 后生效"))
        self.language_note.setStyleSheet("color: #595959")
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        language_row.addWidget(self.language_note, 1)
        form.addRow(self.tr("界面语言"), language_row)
        right.addWidget(exchange)
        right.addStretch(1)
        for combo in (self.signer_kind, self.module, self.token, self.mode):
            # long paths and labels must not widen the page: the column shares the width
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)

        bar = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addWidget(self.save_button)
        bar.addWidget(self.message, 1)
        outer.addLayout(bar)

    # -- the defaults table ---------------------------------------------------------------------
    def add_default_row(self, element: str = "", value: str = "") -> int:
        table = self.defaults
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, ELEMENT, QTableWidgetItem(element))
        label = QTableWidgetItem("")
        label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, LABEL, label)
        table.setItem(row, VALUE, QTableWidgetItem(value))
        used = QTableWidgetItem("")
        used.setFlags(used.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, USED, used)
        self.show_label(row)
        return row

    def show_label(self, row: int) -> None:
        element = self.defaults.item(row, ELEMENT)
        label = self.defaults.item(row, LABEL)
        if element is None or label is None:
            return
        name = element.text().strip()
        text = element_label(name) if name else ""
        if name and not text:
            label.setText(self.tr("（未知元素）"))
            label.setForeground(QColor("#B00020"))
        else:
            label.setText(text)
            label.setForeground(self.palette().text().color())
        used = self.defaults.item(row, USED)
        if used is not None:
            # which directions' documents the default fills, and (on hovering) which documents
            users = element_users(name) if name else {}
            comma, colon = (", ", ": ") if self.language == "en" else ("、", "：")
            used.setText(comma.join(direction_name(d) for d in users))
            tip = "\n".join(
                direction_name(d) + colon + comma.join(type_name(dt, self.language) for dt in types)
                for d, types in users.items()
            )
            used.setToolTip(tip)
            label.setToolTip("\n".join(t for t in (label.text(), tip) if t))

    def default_rows(self) -> list[tuple[int, str, str]]:
        """(row, element, value) as typed, empty rows left out."""
        out = []
        for row in range(self.defaults.rowCount()):
            element, value = (self.defaults.item(row, c) for c in (ELEMENT, VALUE))
            name = element.text().strip() if element else ""
            text = value.text().strip() if value else ""
            if name or text:
                out.append((row, name, text))
        return out

    # -- the clients table ----------------------------------------------------------------------
    def add_client_row(self, client: Client | None = None) -> int:
        table = self.clients
        row = table.rowCount()
        table.insertRow(row)
        values = client.values if client is not None else {}
        for column, (name, _) in enumerate(CLIENT_COLUMNS):
            text = (
                client.name if name == "name" and client is not None
                else others_text(values) if name == "others"
                else values.get(name, "")
            )  # fmt: skip
            table.setItem(row, column, QTableWidgetItem(text))
        return row

    def client_rows(self) -> list[tuple[int, str, dict[str, str], list[str]]]:
        """(row, name, values, pieces of the other defaults that could not be read) of every row
        with anything in it."""
        out = []
        for row in range(self.clients.rowCount()):
            cells = {
                name: (self.clients.item(row, c).text().strip() if self.clients.item(row, c) else "")
                for c, (name, _) in enumerate(CLIENT_COLUMNS)
            }
            if not any(cells.values()):
                continue
            values = {name: cells[name] for name in CLIENT_MAIN if cells[name]}
            others, bad = parse_others(cells["others"])
            out.append((row, cells["name"], {**values, **others}, bad))
        return out

    def default_value(self, element: str) -> str | None:
        return next((value for _, name, value in self.default_rows() if name == element), None)


class SettingsController(QObject):
    saved = Signal()

    def __init__(self, view: SettingsView, context: AppContext, *, path: Path | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self.path = path or context.profile_path
        self.warnings: list[str] = []
        view.save_button.clicked.connect(self.save)
        view.find_tokens.clicked.connect(self.list_tokens)
        view.browse_key.clicked.connect(
            lambda: self._browse(view.key_file, self.tr("密钥文件 (*.p12 *.pfx *.pem *.key);;所有文件 (*)"))
        )
        view.browse_cert.clicked.connect(lambda: self._browse(view.cert, self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)")))
        view.add_default.clicked.connect(self.add_default)
        view.remove_default.clicked.connect(self.remove_defaults)
        view.defaults.itemChanged.connect(self._default_changed)
        view.add_client.clicked.connect(self.add_client)
        view.remove_client.clicked.connect(self.remove_clients)
        view.find_client.clicked.connect(self.find_client)
        view.layout_choice.currentIndexChanged.connect(self._layout_changed)
        self.load(context.profile or Profile())

    def follow(self) -> None:
        """Show the active workspace's profile (after the workspace changed)."""
        self.path = self.context.profile_path
        self.view.message.setText("")
        self.load(self.context.profile or Profile())

    def load(self, profile: Profile) -> None:
        """Show ``profile``; the signer the window actually uses when the profile names none."""
        v = self.view
        for name, edit in v.fields.items():
            edit.setText(profile.transfer.get(name, ""))
        v.defaults.blockSignals(True)
        v.defaults.setRowCount(0)
        for name in COMMON_DEFAULTS:
            v.add_default_row(name, profile.defaults.get(name, ""))
        # the rest grouped: for both directions, import only, export only, unknown elements
        others = [name for name in profile.defaults if name not in COMMON_DEFAULTS]
        for name in sorted(others, key=_group):
            v.add_default_row(name, profile.defaults[name])
        v.defaults.blockSignals(False)
        v.clients.setRowCount(0)
        for client in profile.clients:
            v.add_client_row(client)
        signer = profile.signer or signer_settings(self.context.signer)
        kind = (
            "key_file"
            if signer.get("key_file")
            else "pkcs11"
            if signer.get("token_label") or signer.get("pkcs11_module")
            else "eport"
            if signer.get("eport_control")
            else ""
        )
        v.signer_kind.setCurrentIndex(max(0, v.signer_kind.findData(kind)))
        v.key_file.setText(signer.get("key_file", ""))
        v.cert.setText(signer.get("cert", ""))
        from ..signing.pkcs11 import find_modules

        v.module.clear()
        v.module.addItems(find_modules())
        v.module.setCurrentText(
            signer.get("pkcs11_module", "") or (v.module.itemText(0) if v.module.count() else "")
        )
        v.token.setCurrentText(signer.get("token_label", ""))
        v.key_label.setText(signer.get("key_label", ""))
        v.key_id.setText(signer.get("key_id", ""))
        v.sm2_mechanism.setText(signer.get("sm2_mechanism", ""))
        v.eport.setText(signer.get("eport_control") or "ws://127.0.0.1:61232")
        ex = profile.exchange
        v.mode.setCurrentIndex(max(0, v.mode.findData(ex.mode)))
        v.url.setText(ex.url or "")
        v.receipts_url.setText(ex.receipts_url or "")
        v.dxp.setChecked(ex.dxp)
        v.verify_tls.setChecked(ex.verify_tls)
        v.folder.setText(ex.folder or "")
        v.folder.setPlaceholderText(
            self.tr("默认：{folder}").format(folder=self.context.default_exchange_dir())
        )
        v.layout_choice.setCurrentIndex(max(0, v.layout_choice.findData(ex.layout)))
        v.client_root.setText(ex.client_root or "")
        v.client_root.setPlaceholderText(CLIENT_DEFAULT_ROOT if os.name == "nt" else "")
        self._client_modules = {"client_import": ex.client_import, "client_export": ex.client_export}
        self._layout_changed()
        running = "en" if self.context.language == "en" else "zh_CN"  # no choice saved yet
        v.language.setCurrentIndex(max(0, v.language.findData(profile.ui.get("language") or running)))
        self._show_where()

    def _show_where(self) -> None:
        c = self.context
        text = self.tr("当前工作区：{data}　　档案文件：{profile}　　发送/接收目录：{outbox}").format(
            data=c.data_dir, profile=self.path, outbox=c.exchange_dir
        )
        if c.in_demo:
            text = self.tr("演示工作区（测试密钥，不能向海关申报）") + "　" + text
        self.view.where.setText(text)

    # -- the defaults table ---------------------------------------------------------------------
    @Slot()
    def add_default(self) -> int:
        table = self.view.defaults
        row = self.view.add_default_row()
        table.setCurrentCell(row, ELEMENT)
        table.editItem(table.item(row, ELEMENT))
        return row

    @Slot()
    def remove_defaults(self) -> None:
        table = self.view.defaults
        for row in sorted({i.row() for i in table.selectedIndexes()}, reverse=True):
            table.removeRow(row)

    @Slot()
    def add_client(self) -> int:
        table = self.view.clients
        row = self.view.add_client_row()
        table.setCurrentCell(row, 0)
        table.editItem(table.item(row, 0))
        return row

    @Slot()
    def remove_clients(self) -> None:
        table = self.view.clients
        for row in sorted({i.row() for i in table.selectedIndexes()}, reverse=True):
            table.removeRow(row)

    @Slot(QTableWidgetItem)
    def _default_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == ELEMENT:
            self.view.defaults.blockSignals(True)
            self.view.show_label(item.row())
            self.view.defaults.blockSignals(False)

    # -- saving ---------------------------------------------------------------------------------
    def profile(self) -> Profile:
        v = self.view
        transfer = {name: v.fields[name].text().strip() for name, _ in TRANSFER}
        defaults = {name: value for _, name, value in v.default_rows() if name and value}
        old = self.context.profile or Profile()
        kind = v.signer_kind.currentData()
        values = {
            "key_file": v.key_file.text(),
            "cert": v.cert.text(),
            "pkcs11_module": v.module.currentText(),
            "token_label": v.token.currentText(),
            "key_label": v.key_label.text(),
            "key_id": v.key_id.text(),
            "sm2_mechanism": v.sm2_mechanism.text(),
            "eport_control": v.eport.text(),
        }
        managed = {k for keys in SIGNER_KEYS.values() for k in keys}
        signer = {k: x for k, x in old.signer.items() if k not in managed}
        signer.update({k: values[k].strip() for k in SIGNER_KEYS.get(kind, ()) if values[k].strip()})
        exchange = ExchangeSettings(
            v.mode.currentData(),
            v.url.text().strip() or None,
            v.receipts_url.text().strip() or None,
            v.dxp.isChecked(),
            v.verify_tls.isChecked(),
            folder=v.folder.text().strip() or None,
            layout=v.layout_choice.currentData(),
            client_root=v.client_root.text().strip() or None,
            **self._client_modules,
        )
        # every table the page does not show ([rates], [summary] …) kept as it was
        return dataclasses.replace(
            old,
            transfer=transfer,
            defaults=defaults,
            source=str(self.path),
            exchange=exchange,
            signer=signer,
            ui={**old.ui, "language": v.language.currentData()},
            clients=[Client(name, values) for _, name, values, _ in v.client_rows()],
        )

    def problems(self, profile: Profile) -> list[str]:
        """What is wrong with the page's values, in the UI's language; [] when it can be saved."""
        lang = self.context.language
        problems = []
        self.warnings = []
        seen: set[str] = set()
        for row, name, value in self.view.default_rows():
            if not name:
                problems.append(self.tr("默认值第 {row} 行：缺少元素名").format(row=row + 1))
                continue
            if name in seen:
                problems.append(self.tr("默认值中 {element} 出现了两次").format(element=name))
            seen.add(name)
            if not value:
                continue  # not set: the cell stays as the clerk fills it
            for finding in self._check_default(name, value):
                (problems if finding.is_error else self.warnings).append(finding.render(lang))
            labels = direction_labels(name)
            if len(set(labels.values())) > 1:
                self.warnings.append(
                    self.tr("默认值 {element} 同时填入进口单证（{import_label}）和出口单证（{export_label}）").format(
                        element=name, import_label=labels["import"], export_label=labels["export"]
                    )
                )
        problems += self._client_problems(profile)
        if profile.exchange.mode == "http" and not profile.exchange.url:
            problems.append(self.tr("HTTP 方式需要上传地址"))
        ex = profile.exchange
        if ex.layout == "client" and os.name != "nt" and not ex.client_root and not (ex.client_import and ex.client_export):
            problems.append(self.tr("请填写传输客户端目录（其中有 IMPCEB、EXPCEB）"))
        for key in ("key_file", "cert"):
            path = profile.signer.get(key)
            if path and not Path(path).is_file():
                problems.append(self.tr("文件不存在：{path}").format(path=path))
        mechanism = profile.signer.get("sm2_mechanism")
        if mechanism:
            try:
                int(mechanism, 0)
            except ValueError:
                problems.append(self.tr("SM2 机制号应为数字，如 0x80000100：{value}").format(value=mechanism))
        try:
            profile.base_transfer()
        except InputError as exc:
            problems += [f.render(lang) for f in exc.findings]
        return problems

    def _client_problems(self, profile: Profile) -> list[str]:
        """A client without a name or named twice, other defaults that are no element=value or
        name no element, values the field rules refuse, codes not 10 or 18 characters."""
        lang = self.context.language
        problems = []
        names: set[str] = set()
        for row, name, values, bad in self.view.client_rows():
            if not name:
                problems.append(self.tr("客户第 {row} 行：缺少客户名称").format(row=row + 1))
            elif name in names:
                problems.append(self.tr("客户“{name}”出现了两次").format(name=name))
            names.add(name)
            for piece in bad:
                problems.append(
                    self.tr("客户“{name}”：无法读取“{piece}”，应写作 元素=值").format(name=name, piece=piece)
                )
            for element, value in values.items():
                if not fields_named(element):
                    problems.append(
                        self.tr("客户“{name}”：“{element}”不是任何单证的元素").format(name=name, element=element)
                    )
                    continue
                for finding in self._check_default(element, value):
                    if finding.is_error:
                        problems.append(f"{name}: {finding.render(lang)}")
        problems += [f.render(lang) for f in check_clients(profile.clients, str(self.path))]
        return problems

    def _check_default(self, name: str, value: str) -> list[Finding]:
        where = Location(str(self.path), path=f"/defaults/{name}")
        fields = fields_named(name)
        if not fields:
            return [Finding(where, "profile.unknown_default", element=name, params={"element": name})]
        found: dict[tuple, Finding] = {}
        for field in fields:
            for rule, is_error, params in check_field(field, value):
                severity = Severity.ERROR if is_error else Severity.WARNING
                finding = Finding(where, rule, severity, field.name, field.label, params)
                found.setdefault((rule, finding.message()), finding)
        return list(found.values())

    @Slot()
    def _changed_outside(self) -> str:
        """The profile file says something else than the profile the window works with (edited
        by hand, or by another window, since): "reload" (the file's values shown, the page's
        edits dropped), "overwrite", or "cancel"; "" when it says the same (or is not there).
        Compared by content: the window's own writes (the 准备工作 page's steps) change both."""
        try:
            on_disk = load_profile(self.path) if Path(self.path).exists() else None
        except InputError:
            on_disk = Profile(transfer={"": "unreadable"})  # broken by hand: asked too
        if on_disk is None or (
            self.context.profile is not None and dump_profile(on_disk) == dump_profile(self.context.profile)
        ):
            return ""
        box = QMessageBox(self.view)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("企业档案已在别处修改"))
        box.setText(self.tr("{path} 在本页打开后已被修改（手工编辑或另一个窗口）。").format(path=self.path))
        box.setInformativeText(
            self.tr("重新载入：显示文件中的内容，放弃本页的修改。覆盖：用本页的内容替换文件，文件中的修改会丢失。")
        )
        reload = box.addButton(self.tr("重新载入"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(self.tr("覆盖"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reload)
        box.exec()
        clicked = box.clickedButton()
        return "reload" if clicked is reload else "overwrite" if clicked is overwrite else "cancel"

    def save(self) -> bool:
        choice = self._changed_outside()
        if choice == "cancel":
            return False
        if choice == "reload":
            try:
                profile = load_profile(self.path)
            except InputError as exc:
                self.view.message.setStyleSheet("color: #B00020")
                self.view.message.setText("\n".join(f.render(self.context.language) for f in exc.findings))
                return False
            old_language = self._use(profile)
            self.view.message.setStyleSheet("")
            self.view.message.setText(self.tr("已重新载入 {path}；本页的修改未保存").format(path=self.path))
            self.saved.emit()
            self._say_restart(old_language, profile.ui.get("language"))
            return False
        profile = self.profile()
        problems = self.problems(profile)
        if not problems:
            try:
                save_profile(profile, self.path)
            except (InputError, OSError) as exc:
                problems = (
                    [f.render(self.context.language) for f in exc.findings]
                    if isinstance(exc, InputError)
                    else [
                        self.tr("无法写入 {path}：{reason}").format(
                            path=self.path, reason=exc.strerror or exc
                        )
                    ]
                )
        if problems:
            self.view.message.setStyleSheet("color: #B00020")
            self.view.message.setText("\n".join(problems))
            return False
        old_language = self._use(profile)
        self.view.message.setStyleSheet("")
        self.view.message.setText(
            "\n".join([self.tr("已保存到 {path}").format(path=self.path), *self.warnings])
        )
        self.saved.emit()
        self._say_restart(old_language, profile.ui.get("language"))
        return True

    def _use(self, profile: Profile) -> str | None:
        """The window works with ``profile`` from now on (saved, or read again); the language
        it had."""
        context = self.context
        old_language = context.profile.ui.get("language") if context.profile else None
        old_folder = context.profile.exchange.folder if context.profile else None
        context.profile = profile
        context.signer = SignerOptions.from_settings(profile.signer)
        if profile.exchange.folder != old_folder:
            folder = profile.exchange.folder
            context.exchange_dir = Path(folder) if folder else context.default_exchange_dir()
        self.load(profile)
        return old_language

    @Slot()
    def _layout_changed(self) -> None:
        client = self.view.layout_choice.currentData() == "client"
        self.view.client_root.setEnabled(client)
        self.view.find_client.setEnabled(client)

    @Slot()
    def find_client(self) -> None:
        """Propose the folders the transfer client's own settings name (Windows)."""
        proposal = propose()
        folders = proposal.folders() if proposal is not None else None
        if folders is None:
            self.view.message.setStyleSheet("color: #B00020")
            self.view.message.setText(self.tr("没有找到传输客户端的设置（%LOCALAPPDATA%\\SIC\\UserSetting\\DFWJobSettings.xml）"))
            return
        values = proposal.settings()
        self.view.client_root.setText(values.get("client_root", ""))
        self._client_modules = {k: values.get(k) for k in ("client_import", "client_export")}
        self.view.message.setStyleSheet("")
        shown = "、".join(str(m.outbox.parent) for m in folders.modules)
        self.view.message.setText(self.tr("传输客户端的目录：{folders}（保存后生效）").format(folders=shown))

    def _say_restart(self, old: str | None, new: str | None) -> None:
        """The window speaks the language it was started in: a new choice says when it applies."""

        def short(language: str | None) -> str:
            return "en" if (language or "").startswith("en") else "zh"

        if short(new) == short(old) or short(new) == self.context.language:
            return
        QMessageBox.information(
            self.view,
            self.tr("界面语言"),
            self.tr("界面语言已改为 {language}，重新启动 cebdesk 后生效。").format(
                language=self.view.language.currentText()
            ),
        )

    @Slot()
    def _browse(self, edit, filters: str) -> None:
        """A file chosen in the system's dialog goes into ``edit`` (the path can still be typed)."""
        path, _ = QFileDialog.getOpenFileName(self.view, self.tr("选择文件"), edit.text(), filters)
        if path:
            edit.setText(path)
            if edit is self.view.key_file:
                self.view.signer_kind.setCurrentIndex(self.view.signer_kind.findData("key_file"))

    def list_tokens(self) -> list[str]:
        from ..signing.pkcs11 import list_tokens

        try:
            _, tokens = list_tokens(self.view.module.currentText().strip() or None)
        except SigningError as exc:
            self.view.message.setText(str(exc))
            return []
        self.view.token.clear()
        labels = [t.label for t in tokens]
        self.view.token.addItems(labels)
        lines = [
            f"{t.label}: "
            + "；".join(
                self.tr("{label} {serial} 至 {until}").format(
                    label=c.label, serial=c.serial, until=f"{c.not_after:%Y-%m-%d}"
                )
                for c in t.certificates
            )
            for t in tokens
        ]
        self.view.message.setText("\n".join(lines) or self.tr("没有找到令牌"))
        return labels

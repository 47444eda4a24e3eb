"""The settings page: enterprise profile, signer, exchange, language. Checked on save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..findings import InputError
from ..settings import ExchangeSettings, Profile, default_profile_path, save_profile
from ..signing.base import SigningError
from ..signing.select import SignerOptions
from .context import AppContext

TRANSFER = (
    ("copCode", QT_TRANSLATE_NOOP("cebdesk", "传输企业代码")),
    ("copName", QT_TRANSLATE_NOOP("cebdesk", "传输企业名称")),
    ("dxpId", QT_TRANSLATE_NOOP("cebdesk", "数据交换平台用户编号")),
)
DEFAULTS = (
    ("ebpCode", QT_TRANSLATE_NOOP("cebdesk", "电商平台代码")),
    ("ebpName", QT_TRANSLATE_NOOP("cebdesk", "电商平台名称")),
    ("ebcCode", QT_TRANSLATE_NOOP("cebdesk", "电商企业代码")),
    ("ebcName", QT_TRANSLATE_NOOP("cebdesk", "电商企业名称")),
    ("agentCode", QT_TRANSLATE_NOOP("cebdesk", "申报企业代码")),
    ("agentName", QT_TRANSLATE_NOOP("cebdesk", "申报企业名称")),
)
SIGNERS = (
    ("", QT_TRANSLATE_NOOP("cebdesk", "不签名")),
    ("key_file", QT_TRANSLATE_NOOP("cebdesk", "密钥文件")),
    ("pkcs11", QT_TRANSLATE_NOOP("cebdesk", "USB Key / 加密机（PKCS#11）")),
    ("eport", QT_TRANSLATE_NOOP("cebdesk", "电子口岸卡（客户端控件）")),
)


class SettingsView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        enterprise = QGroupBox(self.tr("企业档案"))
        form = QFormLayout(enterprise)
        self.fields: dict[str, QLineEdit] = {}
        for name, label in TRANSFER + DEFAULTS:
            edit = QLineEdit()
            edit.setObjectName(name)
            self.fields[name] = edit
            form.addRow(f"{QCoreApplication.translate('cebdesk', label)}（{name}）", edit)
        layout.addWidget(enterprise)

        signer = QGroupBox(self.tr("签名"))
        form = QFormLayout(signer)
        self.signer_kind = QComboBox()
        for key, label in SIGNERS:
            self.signer_kind.addItem(QCoreApplication.translate("cebdesk", label), key)
        form.addRow(self.tr("签名方式"), self.signer_kind)
        self.key_file = QLineEdit()
        self.cert = QLineEdit()
        form.addRow(self.tr("密钥文件"), self.key_file)
        form.addRow(self.tr("证书文件（PEM 密钥时）"), self.cert)
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
        self.eport = QLineEdit("ws://127.0.0.1:61232")
        form.addRow(self.tr("客户端控件地址"), self.eport)
        layout.addWidget(signer)

        exchange = QGroupBox(self.tr("传输"))
        form = QFormLayout(exchange)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("目录（传输客户端取走 send/ 中的文件）"), "folder")
        self.mode.addItem(self.tr("HTTP 上传"), "http")
        self.url = QLineEdit()
        self.receipts_url = QLineEdit()
        self.dxp = QCheckBox(self.tr("用 DxpMsg 封装（终端节点）"))
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("默认：数据目录下的 exchange"))
        form.addRow(self.tr("方式"), self.mode)
        form.addRow(self.tr("上传地址"), self.url)
        form.addRow(self.tr("回执下载地址"), self.receipts_url)
        form.addRow("", self.dxp)
        form.addRow(self.tr("发送/接收目录"), self.folder)
        self.language = QComboBox()
        self.language.addItem(self.tr("中文"), "zh_CN")
        self.language.addItem("English", "en")
        form.addRow(self.tr("界面语言"), self.language)
        layout.addWidget(exchange)

        bar = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        bar.addWidget(self.save_button)
        bar.addWidget(self.message, 1)
        layout.addLayout(bar)
        layout.addStretch(1)


class SettingsController(QObject):
    saved = Signal()

    def __init__(self, view: SettingsView, context: AppContext, *, path: Path | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self.path = path or (
            Path(context.profile.source)
            if context.profile and context.profile.source
            else default_profile_path()
        )
        view.save_button.clicked.connect(self.save)
        view.find_tokens.clicked.connect(self.list_tokens)
        self.load(context.profile or Profile())

    def load(self, profile: Profile) -> None:
        v = self.view
        for name, edit in v.fields.items():
            edit.setText(profile.transfer.get(name) or profile.defaults.get(name) or "")
        signer = profile.signer
        kind = (
            "key_file"
            if signer.get("key_file")
            else "pkcs11"
            if signer.get("token_label")
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
        if signer.get("pkcs11_module"):
            v.module.setCurrentText(signer["pkcs11_module"])
        v.token.setCurrentText(signer.get("token_label", ""))
        v.key_label.setText(signer.get("key_label", ""))
        if signer.get("eport_control"):
            v.eport.setText(signer["eport_control"])
        ex = profile.exchange
        v.mode.setCurrentIndex(max(0, v.mode.findData(ex.mode)))
        v.url.setText(ex.url or "")
        v.receipts_url.setText(ex.receipts_url or "")
        v.dxp.setChecked(ex.dxp)
        v.folder.setText(ex.folder or "")
        v.language.setCurrentIndex(max(0, v.language.findData(profile.ui.get("language", "zh_CN"))))

    def profile(self) -> Profile:
        v = self.view
        transfer = {name: v.fields[name].text().strip() for name, _ in TRANSFER}
        defaults = {
            name: v.fields[name].text().strip() for name, _ in DEFAULTS if v.fields[name].text().strip()
        }
        old = self.context.profile or Profile()
        kind = v.signer_kind.currentData()
        signer: dict[str, str] = {}
        if kind == "key_file":
            signer = {"key_file": v.key_file.text().strip(), "cert": v.cert.text().strip()}
        elif kind == "pkcs11":
            signer = {
                "pkcs11_module": v.module.currentText().strip(),
                "token_label": v.token.currentText().strip(),
                "key_label": v.key_label.text().strip(),
            }
        elif kind == "eport":
            signer = {"eport_control": v.eport.text().strip()}
        exchange = ExchangeSettings(
            v.mode.currentData(),
            v.url.text().strip() or None,
            v.receipts_url.text().strip() or None,
            v.dxp.isChecked(),
            folder=v.folder.text().strip() or None,
        )
        return Profile(
            transfer,
            {**old.defaults, **defaults},
            str(self.path),
            exchange,
            {k: x for k, x in signer.items() if x},
            {"language": v.language.currentData()},
        )

    @Slot()
    def save(self) -> bool:
        profile = self.profile()
        problems = []
        if profile.exchange.mode == "http" and not profile.exchange.url:
            problems.append(self.tr("HTTP 方式需要上传地址"))
        if profile.signer.get("key_file") and not Path(profile.signer["key_file"]).is_file():
            problems.append(self.tr("密钥文件不存在：{path}").format(path=profile.signer["key_file"]))
        try:
            if not problems:
                save_profile(profile, self.path)
        except InputError as exc:
            problems += [f.render() for f in exc.findings]
        if problems:
            self.view.message.setStyleSheet("color: #B00020")
            self.view.message.setText("\n".join(problems))
            return False
        self.context.profile = profile
        self.context.signer = SignerOptions.from_settings(profile.signer)
        if profile.exchange.folder:
            self.context.exchange_dir = Path(profile.exchange.folder)
        self.view.message.setStyleSheet("")
        self.view.message.setText(self.tr("已保存到 {path}").format(path=self.path))
        self.saved.emit()
        return True

    @Slot()
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

"""The PIN dialog: masked entry, what key it unlocks, warnings about remaining tries.

One attempt per click: the dialog returns the PIN once and keeps nothing; a refused PIN is
reported by the caller and never retried automatically. On a PIN's final try the warning comes
with a confirmation box: the PIN field and OK stay disabled until it is ticked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ..signing.base import PinError


class PinCancelled(PinError):
    """The user closed the PIN dialog."""


class PinDialog(QDialog):
    def __init__(
        self,
        key: str,
        *,
        certificate: str = "",
        warnings: list[str] | None = None,
        final_try: bool = False,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("输入口令"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("密钥 / 令牌："), QLabel(key))
        if certificate:
            form.addRow(self.tr("证书："), QLabel(certificate))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setObjectName("pin")
        form.addRow(self.tr("口令："), self.pin)
        layout.addLayout(form)
        self.warning = QLabel("\n".join(warnings or []))
        self.warning.setStyleSheet("color: #B00020")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(warnings))
        layout.addWidget(self.warning)
        self.final_try = final_try
        self.confirm = QCheckBox(self.tr("我已核对口令，确认使用最后一次机会（输错将锁死密钥）"))
        self.confirm.setObjectName("confirm_final_try")
        self.confirm.setVisible(final_try)
        layout.addWidget(self.confirm)
        note = QLabel(self.tr("口令只用于本批次，不会保存；输错不会自动重试。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if final_try:
            self.confirm.toggled.connect(self._confirmed)
            self.pin.textChanged.connect(self._confirmed)
            self._confirmed()

    def _confirmed(self, *_args) -> None:
        """Final try: nothing can be typed or accepted before the confirmation; unticking it
        empties the field again."""
        ticked = self.confirm.isChecked()
        if not ticked and self.pin.text():
            self.pin.clear()
        self.pin.setEnabled(ticked)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ticked and bool(self.pin.text()))
        if ticked:
            self.pin.setFocus()

    def accept(self) -> None:
        if self.final_try and not (self.confirm.isChecked() and self.pin.text()):
            return  # a final try is spent only when confirmed, and never on an empty PIN
        super().accept()

    def take_pin(self) -> str:
        """The PIN typed, once; the field is emptied."""
        value = self.pin.text()
        self.pin.clear()
        return value


def ask_pin(
    parent, key: str, *, certificate: str = "", warnings: list[str] | None = None, final_try: bool = False
) -> str:
    dialog = PinDialog(key, certificate=certificate, warnings=warnings, final_try=final_try, parent=parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            raise PinCancelled("no PIN was given")
        return dialog.take_pin()
    finally:
        dialog.deleteLater()


def ask_to_sign(parent, signer, language: str = "zh"):
    """The signer options and the PIN to send with, asked once in the PIN dialog when the key
    needs one (None for a key that needs none). Raises PinCancelled when the user closes the
    dialog, SigningError when the key refuses before any try (a locked token)."""
    from dataclasses import replace

    from ..signing.base import in_language
    from ..signing.select import describe_key, pin_needed

    key = pin_needed(signer)
    if key is None:
        return signer, None
    described = describe_key(signer)
    pin = ask_pin(
        parent,
        key,
        certificate=described.certificate,
        warnings=[in_language(w, language) for w in described.warnings],
        final_try=described.final_try,
    )
    if described.final_try:  # the dialog took a PIN only after the user confirmed
        signer = replace(signer, final_pin_try=True)
    return signer, pin

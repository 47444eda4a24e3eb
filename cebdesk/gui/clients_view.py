"""A broker's clients in the window: the drop-down the import, query and summary pages share."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox


def fill_client_combo(combo: QComboBox, clients, first: str) -> None:
    """``first`` (no client: data None), then ``客户：NAME`` for each of the profile's clients;
    the client chosen stays chosen while it exists. Shown only when the profile has clients (a
    merchant declaring for itself never sees it). No signal is emitted."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first, None)
    for client in clients:
        combo.addItem(QCoreApplication.translate("cebdesk", "客户：{name}").format(name=client.name), client.name)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)
    combo.setVisible(bool(clients))


def profile_clients(context) -> list:
    return list(context.profile.clients) if context.profile is not None else []

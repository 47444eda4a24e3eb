"""The settings page's exchange layout: cebdesk's own folders or the transfer client's, chosen
and saved through the widgets; the client's folders proposed from its settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cebdesk.gui.context import AppContext
from cebdesk.gui.settings_view import SettingsController, SettingsView
from cebdesk.settings import load_profile

PROFILE = '[transfer]\ncopCode = "1105910159"\ncopName = "测试供应链有限公司"\ndxpId = "DXPENT0000000001"\n'
CLIENT_SETTINGS = """<?xml version="1.0"?>
<Settings><FormSettings><FormSetting Key="CEB">
<SubFormSetting FormId="IMPCEB" OutBox="{r}/IMPCEB/OutBox" InBox="{r}/IMPCEB/InBox" SentBox="{r}/IMPCEB/SentBox" FailBox="{r}/IMPCEB/FailBox"/>
<SubFormSetting FormId="EXPCEB" OutBox="{r}/EXPCEB/OutBox" InBox="{r}/EXPCEB/InBox" SentBox="{r}/EXPCEB/SentBox" FailBox="{r}/EXPCEB/FailBox"/>
</FormSetting></FormSettings></Settings>
"""


@pytest.fixture
def page(qtbot, tmp_path):
    (tmp_path / "profile.toml").write_text(PROFILE, encoding="utf-8")
    context = AppContext(tmp_path, tmp_path / "exchange", load_profile(tmp_path / "profile.toml"))
    view = SettingsView()
    qtbot.addWidget(view)
    view.show()
    controller = SettingsController(view, context, path=tmp_path / "profile.toml")
    return view, controller, tmp_path


def _choose_client(qtbot, view):
    view.layout_choice.setFocus()
    qtbot.keyClick(view.layout_choice, Qt.Key.Key_Down)
    assert view.layout_choice.currentData() == "client"


def test_choose_the_clients_layout_and_save(qtbot, page):
    view, _, tmp_path = page
    assert view.layout_choice.currentData() == "cebdesk" and not view.client_root.isEnabled()
    _choose_client(qtbot, view)
    assert view.client_root.isEnabled()
    qtbot.keyClicks(view.client_root, str(tmp_path / "ImpPath"))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    exchange = load_profile(tmp_path / "profile.toml").exchange
    assert (exchange.layout, exchange.client_root) == ("client", str(tmp_path / "ImpPath"))


@pytest.mark.skipif(__import__("os").name == "nt", reason="C:\\ImpPath is the default on Windows")
def test_the_clients_layout_needs_its_folder(qtbot, page):
    view, _, tmp_path = page
    _choose_client(qtbot, view)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert "传输客户端目录" in view.message.text()
    assert load_profile(tmp_path / "profile.toml").exchange.layout == "cebdesk"  # not saved


def test_folders_proposed_from_the_clients_settings(qtbot, page, monkeypatch):
    view, _, tmp_path = page
    settings = tmp_path / "local" / "SIC" / "UserSetting" / "DFWJobSettings.xml"
    settings.parent.mkdir(parents=True)
    settings.write_text(CLIENT_SETTINGS.format(r=tmp_path / "D"), encoding="utf-8")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    _choose_client(qtbot, view)
    qtbot.mouseClick(view.find_client, Qt.MouseButton.LeftButton)
    assert view.client_root.text() == str(tmp_path / "D")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert load_profile(tmp_path / "profile.toml").exchange.client_root == str(tmp_path / "D")


def test_no_client_settings_found(qtbot, page, monkeypatch):
    view, _, tmp_path = page
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "nowhere"))
    _choose_client(qtbot, view)
    qtbot.mouseClick(view.find_client, Qt.MouseButton.LeftButton)
    assert "DFWJobSettings.xml" in view.message.text()

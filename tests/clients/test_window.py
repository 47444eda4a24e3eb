"""A broker's clients in the window, through the real widgets: the import page's drop-down
(chosen by ebcCode, or the client named; another client's document refuses the file), the
query and summary pages' client filter, the settings page's clients table (kept, added,
edited, removed, checked; the tables the page does not show kept)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cebdesk.gui.context import AppContext
from cebdesk.gui.main_window import MainWindow
from cebdesk.pipeline.workspace import StatusQuery, Workspace
from cebdesk.settings import load_profile
from cebdesk.signing.select import SignerOptions
from cebdesk.spec import document_type
from tests.factory import write_workbook
from tests.gui.test_demo_settings import _edit_cell, _editor, _keys

from .profile import A, A_EBC, B, B_EBC, write_profile
from .test_choose import order_rows

ORDER = document_type("order")


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))


@pytest.fixture
def folder(tmp_path, test_keys) -> Path:
    signer = f'\n[signer]\nkey_file = "{test_keys["pem"]}"\ncert = "{test_keys["cert"]}"\n'
    write_profile(tmp_path / "ws", signer + '\n[rates]\nUSD = "7.1"\n')
    return tmp_path / "ws"


def _window(qtbot, folder: Path) -> MainWindow:
    workspace = Workspace(folder)
    profile = workspace.profile
    context = AppContext(workspace.data_dir, workspace.exchange_dir, profile, SignerOptions.from_settings(profile.signer))
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    return win


def _page(qtbot, win, text: str) -> None:
    item = win.nav.findItems(text, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=win.nav.visualItemRect(item).center())
    assert win.nav.currentItem() is item


def _choose(qtbot, combo, data) -> None:
    """Choose an entry of a drop-down with the keyboard, as a clerk can (Home, then Down)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.findData(data)):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def _load(qtbot, win, monkeypatch, path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    with qtbot.waitSignal(win.imports.done, timeout=60_000):
        qtbot.mouseClick(win.import_view.open_button, Qt.MouseButton.LeftButton)


def test_import_drop_down_names_the_client(qtbot, tmp_path, folder, monkeypatch):
    win = _window(qtbot, folder)
    view = win.import_view
    assert view.client.isVisibleTo(view)
    assert [view.client.itemData(i) for i in range(view.client.count())] == [None, A, B]
    path = write_workbook(ORDER, order_rows(0, ebcCode=B_EBC, ebcName=None) + order_rows(1, ebcCode=None, ebcName=None), tmp_path / "o.xlsx")
    _load(qtbot, win, monkeypatch, path)
    assert [r["ok"] for r in win.imports.model.rows] == [True, True]  # B by ebcCode; A by [defaults]

    # client A named: the first order is B's: the whole file is refused, the cell named
    with qtbot.waitSignal(win.imports.done, timeout=60_000):
        _choose(qtbot, view.client, A)
    assert [r["ok"] for r in win.imports.model.rows] == [False, False]
    texts = [view.findings.item(i).text() for i in range(view.findings.count())]
    assert any(A_EBC in t and B_EBC in t and "!" in t for t in texts), texts
    assert not view.send_button.isEnabled()

    # a file of A's documents only, A named: sent, the empty cells filled with A's values
    path = write_workbook(ORDER, order_rows(2, ebcCode=None, ebcName=None), tmp_path / "a.xlsx")
    _load(qtbot, win, monkeypatch, path)
    assert [r["ok"] for r in win.imports.model.rows] == [True]
    with qtbot.waitSignal(win.imports.done, timeout=60_000):
        qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    assert win.imports.last_error is None, win.imports.last_error
    workspace = Workspace(folder)
    [doc] = workspace.status()
    with workspace.journal() as journal:
        head = journal.document(doc.id).head
    assert (head["ebcCode"], head["ebcName"]) == (A_EBC, "华东电商有限公司")


def test_query_page_filters_by_client(qtbot, tmp_path, folder):
    workspace = Workspace(folder)
    path = write_workbook(ORDER, order_rows(0, ebcCode=A_EBC) + order_rows(1, ebcCode=B_EBC), tmp_path / "o.xlsx")
    assert workspace.import_files([path]).exit_code == 0
    win = _window(qtbot, folder)
    _page(qtbot, win, "查询")
    combo = win.query_view.client
    assert combo.isVisibleTo(win.query_view) and combo.count() == 3
    assert len(win.query.model.rows) == 2
    _choose(qtbot, combo, B)
    keys = [r["key"] for r in win.query.model.rows]
    assert [k.split("/")[0] for k in keys] == [d.key.split("/")[0] for d in workspace.status(StatusQuery(client=B))]
    assert len(keys) == 1 and keys[0].startswith("K000001")
    _choose(qtbot, combo, None)
    assert len(win.query.model.rows) == 2


def test_summary_page_previews_one_clients_lists(qtbot, folder):
    win = _window(qtbot, folder)
    _page(qtbot, win, "汇总申报")
    combo = win.summary_view.client
    assert combo.isVisibleTo(win.summary_view)
    qtbot.waitUntil(lambda: win.summary.job is None or not win.summary.job.running, timeout=60_000)
    _choose(qtbot, combo, A)
    qtbot.waitUntil(lambda: win.summary.result is not None and win.summary.result.ebc == A_EBC, timeout=60_000)
    _choose(qtbot, combo, None)
    qtbot.waitUntil(lambda: win.summary.result is not None and win.summary.result.ebc is None, timeout=60_000)


def test_settings_page_lists_adds_edits_removes_clients(qtbot, folder):
    win = _window(qtbot, folder)
    _page(qtbot, win, "设置")
    view = win.settings_view
    table = view.clients
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [A, B]
    assert table.item(0, 1).text() == A_EBC
    assert "import.payName=华东支付" in table.item(0, 5).text()
    # a new client: the add button, its name typed, then its codes and other defaults
    qtbot.mouseClick(view.add_client, Qt.MouseButton.LeftButton)
    editor = _editor(table)
    _keys(qtbot, editor, "华北电商")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(2, 0).text() == "华北电商")
    _edit_cell(qtbot, table, 2, 1, "1101960CCC")
    _edit_cell(qtbot, table, 2, 5, "logisticsCode=1101180326; InventoryList.country=116")
    _edit_cell(qtbot, table, 1, 4, "华南新平台")  # B's platform name edited
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert "已保存到" in view.message.text(), view.message.text()
    saved = load_profile(folder / "profile.toml")
    assert [c.name for c in saved.clients] == [A, B, "华北电商"]
    assert saved.clients[2].values == {
        "ebcCode": "1101960CCC", "logisticsCode": "1101180326", "InventoryList.country": "116",
    }  # fmt: skip
    assert saved.clients[1].values["ebpName"] == "华南新平台"
    assert saved.clients[0].values["import.payName"] == "华东支付"
    assert saved.rates == {"USD": "7.1"}  # a table the page does not show is kept
    # the new client is offered on the import page at once
    assert win.import_view.client.findData("华北电商") > 0

    # removed: the row selected, the remove button
    table.selectRow(0)
    qtbot.mouseClick(view.remove_client, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in load_profile(folder / "profile.toml").clients] == [B, "华北电商"]


@pytest.mark.parametrize(
    ("column", "text", "said"),
    [
        (1, "33019", "10 位海关注册编码或 18 位统一社会信用代码"),
        (1, B_EBC, "ebcCode 同为"),
        (5, "logisticsCode", "应写作 元素=值"),
        (5, "logisticCode=1101180326", "不是任何单证的元素"),
        (5, "assureCode=12345", "10 位海关注册编码"),
        (0, B, "出现了两次"),
    ],
    ids=["short ebcCode", "ebcCode of another client", "no value", "unknown element", "short code", "name twice"],
)
def test_settings_page_refuses_a_wrong_client_naming_it(qtbot, folder, column, text, said):
    before = (folder / "profile.toml").read_text(encoding="utf-8")
    win = _window(qtbot, folder)
    _page(qtbot, win, "设置")
    _edit_cell(qtbot, win.settings_view.clients, 0, column, text)
    qtbot.mouseClick(win.settings_view.save_button, Qt.MouseButton.LeftButton)
    message = win.settings_view.message.text()
    assert said in message, message
    assert (folder / "profile.toml").read_text(encoding="utf-8") == before


def test_a_profile_with_direction_defaults_saves_from_the_window(qtbot, folder):
    """[defaults.import] keys (import.payName) are elements of that direction's declarations,
    not unknown ones: the page saves them as they are."""
    win = _window(qtbot, folder)
    _page(qtbot, win, "设置")
    qtbot.mouseClick(win.settings_view.save_button, Qt.MouseButton.LeftButton)
    assert "已保存到" in win.settings_view.message.text(), win.settings_view.message.text()
    saved = load_profile(folder / "profile.toml")
    assert saved.defaults["import.payName"] == "默认支付（进口）"
    assert saved.clients == load_profile(folder / "profile.toml").clients and len(saved.clients) == 2

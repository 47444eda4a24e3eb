"""The demo as a workspace of its own, the settings page (where it saves, every value of the
profile), and the local customs simulator from the window — driven through the real widgets."""

from __future__ import annotations

import ast
import base64
import re
from pathlib import Path

import pytest
from cryptography import x509
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from cebdesk import demo
from cebdesk.gui.context import AppContext
from cebdesk.gui.main_window import PAGES, MainWindow
from cebdesk.pipeline.workspace import Workspace
from cebdesk.settings import default_profile_path, load_profile
from cebdesk.signing.select import SignerOptions
from cebdesk.spec import document_type
from tests.factory import filled_template

ELEMENT, LABEL, VALUE = range(3)  # the columns of the defaults table
PACKAGE = Path(__file__).resolve().parents[2] / "cebdesk"
USER_PROFILE = """[transfer]
copCode = "1105910159"
copName = "我自己的供应链有限公司"
dxpId = "DXPENT0000000001"
"""


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    """The user's config and data folders live in the test's folder, never the real ones."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))


def _context(data_dir: Path | None) -> AppContext:
    """The window's context as ``cebdesk [--data-dir DATA]`` makes it (gui/app.py)."""
    workspace = Workspace(data_dir)
    profile = workspace.profile
    signer = SignerOptions.from_settings(profile.signer) if profile else SignerOptions()
    return AppContext(workspace.data_dir, workspace.exchange_dir, profile, signer)


def _window(qtbot, context: AppContext) -> MainWindow:
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    return win


def _user_workspace(folder: Path, test_keys) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profile.toml").write_text(
        USER_PROFILE + f'\n[signer]\nkey_file = "{test_keys["pem"]}"\ncert = "{test_keys["cert"]}"\n',
        encoding="utf-8",
    )
    return folder


def _click_in_box(qtbot, choose, seen: list | None = None):
    """When the next message box opens, click the button ``choose(box)`` picks, as a user would."""

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if seen is not None:
                seen.append(box.text())
            qtbot.mouseClick(choose(box), Qt.MouseButton.LeftButton)
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def _by_text(text: str):
    return lambda box: (
        next((b for b in box.buttons() if b.text() == text), None)
        or pytest.fail(f"no button {text!r} in {[b.text() for b in box.buttons()]}")
    )


def _standard(button: QMessageBox.StandardButton):
    return lambda box: box.button(button)


def _open_files(qtbot, win, monkeypatch, paths: list[Path]) -> None:
    """The open button with the native file dialog answered."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], ""))
    qtbot.mouseClick(win.import_view.open_button, Qt.MouseButton.LeftButton)


def _send(qtbot, win) -> None:
    with qtbot.waitSignal(win.imports.done, timeout=60_000):
        qtbot.mouseClick(win.import_view.send_button, Qt.MouseButton.LeftButton)
    assert win.imports.last_error is None, win.imports.last_error


def _click_page(qtbot, win, page: str) -> None:
    row = PAGES.index(page)
    item = win.nav.item(row)
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=win.nav.visualItemRect(item).center())
    assert win.nav.currentRow() == row


def _signed_by(message: Path) -> str:
    """The subject of the certificate a signed message carries."""
    text = message.read_text(encoding="utf-8")
    der = base64.b64decode(re.search(r"X509Certificate>([^<]+)<", text).group(1))
    return x509.load_der_x509_certificate(der).subject.rfc4514_string()


def _documents(data_dir: Path) -> list:
    return Workspace(data_dir).status()


def _keys(qtbot, widget, text: str) -> None:
    """Type ``text``: key by key for ASCII, committed by the input method for Chinese (as a
    Chinese IME delivers it; QTest has no keys for it)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    _keys(qtbot, edit, text)


def _edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Edit a table cell with the keyboard: F2, type, Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = _editor(table)
    editor.selectAll()
    _keys(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    qtbot.waitUntil(lambda: table.item(row, column).text() == text and not _editors(table))


def _editors(table) -> list[QLineEdit]:
    return [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]


def _editor(table) -> QLineEdit:
    """The cell editor the table opened (F2, or the add button)."""
    editors = _editors(table)
    assert len(editors) == 1, editors
    return editors[0]


def _add_row(qtbot, view, element: str) -> int:
    """The add button, then the element's name typed into the new row's element cell."""
    table = view.defaults
    qtbot.mouseClick(view.add_default, Qt.MouseButton.LeftButton)
    row = table.rowCount() - 1
    editor = _editor(table)
    _keys(qtbot, editor, element)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, ELEMENT).text() == element and not _editors(table))
    return row


def _row_of(view, element: str) -> int:
    return next(r for r, name, _ in view.default_rows() if name == element)


# -- the demo ---------------------------------------------------------------------------------------
@pytest.mark.slow
def test_first_run_demo_is_marked_then_back_to_own_work(qtbot, tmp_path, monkeypatch, test_keys):
    """A newcomer tries the demo, goes back, sets up their own profile: their files are signed
    with their key into their workspace; the demo's stay in the demo."""
    ws = tmp_path / "ws"
    win = _window(qtbot, _context(ws))
    seen: list = []
    _click_in_box(qtbot, _by_text("用演示数据试一试"), seen)
    with qtbot.waitSignal(win.demo_ready, timeout=120_000):
        win.first_run()
    assert "演示" in seen[0]

    # unmistakable: banner on every page, own title, the demo's own folder
    assert win.context.in_demo and win.context.data_dir == (ws / "demo").resolve()
    assert "演示模式" in win.windowTitle() and "不会发往海关" in win.windowTitle()
    for page in PAGES:
        _click_page(qtbot, win, page)
        assert win.demo_banner.isVisible()
    assert "测试密钥" in win.demo_text.text() and "不会发往海关" in win.demo_text.text()
    assert win.leave_demo_button.isVisible() and win.leave_demo_action.isEnabled()
    assert {r["returnStatus"] for r in win.journal.model.rows} == {"120", "800"}
    assert len(win.journal.model.rows) == 12
    assert win.status_label.text().startswith("【演示】")
    # the settings page shows the demo's signer, folder and defaults, and saves into the demo
    view = win.settings_view
    assert view.signer_kind.currentData() == "key_file"
    assert Path(view.key_file.text()).name == "demo-key.pem"
    assert "演示工作区" in view.where.text() and str(ws / "demo" / "exchange") in view.where.text()
    assert view.default_value("logisticsCode") == "1101180326"
    assert win.settings.path == (ws / "demo" / "profile.toml").resolve()
    # the simulator runs on the demo's own outbox
    assert win.simulator_label.isVisible() and "demo" in win.simulator_label.toolTip()
    assert _documents(ws) == []  # the user's own journal has nothing of the demo

    # a demo file: no question, it is the demo's
    _click_page(qtbot, win, "导入")
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        _open_files(qtbot, win, monkeypatch, [ws / "demo" / "excel" / "order.xlsx"])
    assert win.imports.model.rowCount() == 3

    qtbot.mouseClick(win.leave_demo_button, Qt.MouseButton.LeftButton)
    assert not win.context.in_demo and win.context.data_dir == ws
    assert not win.demo_banner.isVisible() and "演示" not in win.windowTitle()
    assert not win.simulator_label.isVisible() and not win.simulator.running
    assert win.imports.files == [] and win.imports.model.rowCount() == 0  # nothing of the demo stays
    assert not win.import_view.send_button.isEnabled()
    assert win.journal.model.rows == [] and not win.context.signer.wanted
    assert view.signer_kind.currentData() == "" and view.fields["copName"].text() == ""
    assert win.settings.path == ws / "profile.toml" and "演示" not in view.where.text()

    # the clerk's own profile and key, saved into their workspace
    _click_page(qtbot, win, "设置")
    for name, value in (
        ("copCode", "1105910159"),
        ("copName", "我自己的公司"),
        ("dxpId", "DXPENT0000000001"),
    ):
        _type(qtbot, view.fields[name], value)
    view.signer_kind.setCurrentIndex(view.signer_kind.findData("key_file"))
    _type(qtbot, view.key_file, str(test_keys["pem"]))
    _type(qtbot, view.cert, str(test_keys["cert"]))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert "已保存到" in view.message.text(), view.message.text()
    assert load_profile(ws / "profile.toml").transfer["copName"] == "我自己的公司"
    assert not default_profile_path().exists()

    own = filled_template(document_type("order"), tmp_path / "my-orders.xlsx", documents=2)
    _click_page(qtbot, win, "导入")
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        _open_files(qtbot, win, monkeypatch, [own])
    _send(qtbot, win)
    [message] = (ws / "exchange" / "send").glob("CEB311*.xml")
    assert "测试报关员" in _signed_by(message) and "DEMO" not in _signed_by(message)
    assert len(_documents(ws)) == 2 and len(_documents(ws / "demo")) == 12


@pytest.mark.slow
def test_own_files_in_the_demo_ask_first(qtbot, tmp_path, monkeypatch, test_keys):
    ws = _user_workspace(tmp_path / "ws", test_keys)
    demo.walk(ws / "demo", say=lambda _line: None)
    win = _window(qtbot, _context(ws))
    with qtbot.waitSignal(win.demo_ready, timeout=30_000):
        win.demo_action.trigger()
    assert win.context.in_demo
    own = filled_template(document_type("payment"), tmp_path / "my-payments.xlsx", documents=2)

    seen: list = []
    _click_in_box(qtbot, _standard(QMessageBox.StandardButton.Cancel), seen)
    _open_files(qtbot, win, monkeypatch, [own])
    assert "测试密钥" in seen[0]
    assert win.context.in_demo and win.imports.files == []  # nothing loaded

    _click_in_box(qtbot, _by_text("返回我的工作区并导入"))
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        _open_files(qtbot, win, monkeypatch, [own])
    assert not win.context.in_demo and win.imports.model.rowCount() == 2
    assert win.context.profile.transfer["copName"] == "我自己的供应链有限公司"
    _send(qtbot, win)
    [message] = (ws / "exchange" / "send").glob("CEB411*.xml")
    assert "DEMO" not in _signed_by(message)
    assert {d.key for d in _documents(ws)} == {r["key"] for r in win.imports.model.rows}
    assert len(_documents(ws / "demo")) == 12


def test_a_restart_opens_the_users_work_not_the_demo(qtbot, tmp_path, monkeypatch, test_keys):
    from cebdesk.gui import app

    ws = _user_workspace(tmp_path / "ws", test_keys)
    Workspace(ws).import_files([filled_template(document_type("order"), tmp_path / "o.xlsx", documents=2)])
    demo.prepare(ws / "demo")
    (ws / "demo" / "journal.sqlite3").touch()
    windows: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "show", lambda self: windows.append(self))
    monkeypatch.setattr(type(QApplication.instance()), "exec", lambda *_: 0)
    monkeypatch.setattr(app, "install_translator", lambda *_: None)  # nothing left for later tests

    assert app.main([], data_dir=ws) == 0
    first = windows.pop()
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.demo_ready, timeout=30_000):
        first.demo_action.trigger()
    assert first.context.in_demo
    first.close()  # quit while in the demo

    assert app.main([], data_dir=ws) == 0
    again = windows.pop()
    qtbot.addWidget(again)
    assert not again.context.in_demo and not again.demo_banner.isVisibleTo(again)
    assert (
        again.context.data_dir == ws and again.context.profile.transfer["copName"] == "我自己的供应链有限公司"
    )
    assert len(again.journal.model.rows) == 2
    assert again.settings_view.key_file.text() == str(test_keys["pem"])


def test_nothing_in_the_pipeline_imports_the_demo():
    for path in (PACKAGE / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""] + [a.name for a in node.names]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            assert not any(n == "demo" or n.endswith(".demo") for n in names), path


# -- where settings are saved -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "data_dir, user_profile, saved_in",
    [
        ("ws", False, "ws"),  # --data-dir, nothing yet: the workspace's own profile.toml
        ("ws", True, "ws"),  # --data-dir that started from the user's profile: still its own
        (None, False, "user"),  # no --data-dir: the user's profile
        (None, True, "user"),
    ],
)
def test_settings_are_saved_where_the_workspace_keeps_its_profile(
    qtbot, tmp_path, data_dir, user_profile, saved_in
):
    user = default_profile_path()
    if user_profile:
        user.parent.mkdir(parents=True)
        user.write_text(USER_PROFILE, encoding="utf-8")
    before = user.read_bytes() if user_profile else None
    win = _window(qtbot, _context(tmp_path / data_dir if data_dir else None))
    view = win.settings_view
    _click_page(qtbot, win, "设置")
    _type(qtbot, view.fields["copCode"], "1105910159")
    _type(qtbot, view.fields["copName"], "保存位置测试公司")
    _type(qtbot, view.fields["dxpId"], "DXPENT0000000001")
    expected = tmp_path / "ws" / "profile.toml" if saved_in == "ws" else user
    assert str(expected) in view.where.text()  # said before saving
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert str(expected) in view.message.text()
    assert load_profile(expected).transfer["copName"] == "保存位置测试公司"
    if saved_in == "ws":
        assert (user.read_bytes() if user_profile else None) == before and user.exists() == user_profile


@pytest.mark.slow
def test_settings_in_the_demo_are_the_demos(qtbot, tmp_path, test_keys):
    ws = _user_workspace(tmp_path / "ws", test_keys)
    before = (ws / "profile.toml").read_bytes()
    demo.walk(ws / "demo", say=lambda _line: None)
    win = _window(qtbot, _context(ws))
    with qtbot.waitSignal(win.demo_ready, timeout=30_000):
        win.demo_action.trigger()
    view = win.settings_view
    _click_page(qtbot, win, "设置")
    _edit_cell(qtbot, view.defaults, _row_of(view, "ebpName"), VALUE, "演示平台二号")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert load_profile(ws / "demo" / "profile.toml").defaults["ebpName"] == "演示平台二号"
    assert (ws / "profile.toml").read_bytes() == before
    win.leave_demo_action.trigger()
    assert view.default_value("ebpName") == "" and view.fields["copName"].text() == "我自己的供应链有限公司"


# -- every value of the profile ---------------------------------------------------------------------
FULL_PROFILE = """[transfer]
copCode = "1105910159"
copName = "全部设置测试公司"
dxpId = "DXPENT0000000001"

[defaults]
ebpCode = "1105910159"
logisticsCode = "1101180326"
logisticsName = "演示国际物流"
assureCode = "1105910159"
customsCode = "3700"
portCode = "3700"
"OrderList.currency" = "142"

[exchange]
mode = "http"
url = "https://upload.example.cn/cebmsg"
receipts_url = "https://upload.example.cn/receipts"
dxp = true
verify_tls = false
folder = "{folder}"

[signer]
pkcs11_module = "/usr/lib/softhsm/libsofthsm2.so"
token_label = "cebdesk-test"
key_label = "signkey"
key_id = "0a1b"
sm2_mechanism = "0x80000100"

[ui]
language = "zh_CN"
"""


@pytest.fixture
def full_profile(tmp_path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "profile.toml").write_text(FULL_PROFILE.format(folder=tmp_path / "outbox"), encoding="utf-8")
    return ws


def test_every_value_of_the_profile_is_shown(qtbot, tmp_path, full_profile):
    win = _window(qtbot, _context(full_profile))
    view = win.settings_view
    shown = {name: (value, view.defaults.item(row, LABEL).text()) for row, name, value in view.default_rows()}
    assert shown["logisticsCode"] == ("1101180326", "物流企业代码")
    assert shown["assureCode"] == ("1105910159", "担保企业代码")
    assert shown["customsCode"] == ("3700", "申报海关代码")
    assert shown["portCode"][0] == "3700" and shown["portCode"][1]
    assert shown["OrderList.currency"] == ("142", "币制")
    assert shown["ebcName"] == ("", "电商企业名称")  # the common ones are listed, empty
    assert view.mode.currentData() == "http" and view.url.text() == "https://upload.example.cn/cebmsg"
    assert view.receipts_url.text() == "https://upload.example.cn/receipts"
    assert view.dxp.isChecked() and not view.verify_tls.isChecked()
    assert view.folder.text() == str(tmp_path / "outbox")
    assert view.signer_kind.currentData() == "pkcs11" and view.token.currentText() == "cebdesk-test"
    assert view.key_id.text() == "0a1b" and view.sm2_mechanism.text() == "0x80000100"
    assert str(tmp_path / "outbox") in view.where.text()


def test_every_value_is_edited_and_saved(qtbot, tmp_path, full_profile):
    win = _window(qtbot, _context(full_profile))
    view = win.settings_view
    _click_page(qtbot, win, "设置")
    table = view.defaults
    _edit_cell(qtbot, table, _row_of(view, "customsCode"), VALUE, "5100")
    table.selectRow(_row_of(view, "logisticsName"))
    qtbot.mouseClick(view.remove_default, Qt.MouseButton.LeftButton)
    row = _add_row(qtbot, view, "InventoryList.country")
    # the import inventory's country of origin is the export inventory's destination: both named
    label = table.item(row, LABEL).text()
    assert label.startswith("进口：原产国（地区） / 出口：") and "最终目的国" in label
    _edit_cell(qtbot, table, row, VALUE, "502")
    _type(qtbot, view.receipts_url, "https://upload.example.cn/r2")
    for box in (view.verify_tls, view.dxp):  # on the tick box itself
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    _type(qtbot, view.folder, str(tmp_path / "outbox2"))
    _type(qtbot, view.key_id, "0c")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert "已保存到" in view.message.text(), view.message.text()
    # saved, with a word that one value fills both directions' differently named fields
    assert "默认值 InventoryList.country 同时填入进口单证（原产国（地区））和出口单证" in view.message.text()

    saved = load_profile(full_profile / "profile.toml")
    assert saved.defaults == {
        "ebpCode": "1105910159",
        "logisticsCode": "1101180326",
        "assureCode": "1105910159",
        "customsCode": "5100",
        "portCode": "3700",
        "OrderList.currency": "142",
        "InventoryList.country": "502",
    }
    ex = saved.exchange
    assert (ex.mode, ex.url, ex.receipts_url, ex.dxp, ex.verify_tls, ex.folder) == (
        "http",
        "https://upload.example.cn/cebmsg",
        "https://upload.example.cn/r2",
        False,
        True,
        str(tmp_path / "outbox2"),
    )
    assert saved.signer == {
        "pkcs11_module": "/usr/lib/softhsm/libsofthsm2.so",
        "token_label": "cebdesk-test",
        "key_label": "signkey",
        "key_id": "0c",
        "sm2_mechanism": "0x80000100",
    }
    # the window follows the new outbox at once
    assert win.context.exchange_dir == tmp_path / "outbox2"
    assert win.journal.outbox.root == tmp_path / "outbox2"
    assert str(tmp_path / "outbox2" / "send") in win.status_label.text()


@pytest.mark.parametrize(
    "element, value, said",
    [
        ("customsCode", "37", "customsCode"),  # 4 characters
        ("portCode", "37000", "portCode"),
        ("ebpCode", "1" * 19, "ebpCode"),  # at most 18
        ("logisticsName", "物" * 101, "logisticsName"),
        ("currency", "XYZ", "XYZ"),  # strict code table
        ("OrderList.currency", "USD", "USD"),
        ("appType", "9", "appType"),
        ("appStatus", "7", "appStatus"),
        ("fooBar", "1", "fooBar"),  # no document has it
        ("ebpcode", "1105910159", "ebpcode"),  # case matters
        ("OrderHead.nope", "1", "OrderHead.nope"),
        ("", "1105910159", "缺少元素名"),
        ("ebpCode", "1105910159", "两次"),  # the row is there already
    ],
)
def test_defaults_are_checked_with_the_field_rules(qtbot, tmp_path, full_profile, element, value, said):
    before = (full_profile / "profile.toml").read_bytes()
    win = _window(qtbot, _context(full_profile))
    view = win.settings_view
    _click_page(qtbot, win, "设置")
    table = view.defaults
    if element in {name for _, name, _ in view.default_rows()} and said != "两次":
        row = _row_of(view, element)
    else:
        row = _add_row(qtbot, view, element)
    _edit_cell(qtbot, table, row, VALUE, value)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert said in view.message.text()
    assert "已保存" not in view.message.text()
    assert (full_profile / "profile.toml").read_bytes() == before


def test_an_unknown_element_is_marked_in_the_table(qtbot, full_profile):
    win = _window(qtbot, _context(full_profile))
    _click_page(qtbot, win, "设置")
    view = win.settings_view
    _add_row(qtbot, view, "fooBar")
    assert view.defaults.item(view.defaults.rowCount() - 1, LABEL).text() == "（未知元素）"


def test_a_warning_does_not_stop_saving(qtbot, full_profile):
    win = _window(qtbot, _context(full_profile))
    _click_page(qtbot, win, "设置")
    view = win.settings_view
    row = _add_row(qtbot, view, "InventoryList.country")
    _edit_cell(qtbot, view.defaults, row, VALUE, "ABC")  # not in the (incomplete) country list
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert "已保存到" in view.message.text() and "ABC" in view.message.text()
    assert load_profile(full_profile / "profile.toml").defaults["InventoryList.country"] == "ABC"


@pytest.mark.parametrize(
    "widget, text, said",
    [
        ("url", "", "上传地址"),  # http mode without its address
        ("key_file", "/nowhere/key.pem", "/nowhere/key.pem"),
        ("sm2_mechanism", "sm2", "SM2"),
    ],
)
def test_other_values_are_checked_too(qtbot, tmp_path, full_profile, widget, text, said):
    before = (full_profile / "profile.toml").read_bytes()
    win = _window(qtbot, _context(full_profile))
    _click_page(qtbot, win, "设置")
    view = win.settings_view
    if widget == "key_file":
        view.signer_kind.setCurrentIndex(view.signer_kind.findData("key_file"))
    _type(qtbot, getattr(view, widget), text)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert said in view.message.text() and "已保存" not in view.message.text()
    assert (full_profile / "profile.toml").read_bytes() == before


# -- the local customs simulator --------------------------------------------------------------------
@pytest.mark.slow
def test_the_simulator_from_the_window_brings_receipts(qtbot, tmp_path, monkeypatch, test_keys):
    ws = _user_workspace(tmp_path / "ws", test_keys)
    win = _window(qtbot, _context(ws))
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=2)
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        _open_files(qtbot, win, monkeypatch, [path])
    _send(qtbot, win)
    assert list((ws / "exchange" / "send").glob("*.xml"))
    assert win.simulator_action.text() == "启动本地海关模拟器（测试）"

    seen: list = []
    _click_in_box(qtbot, _standard(QMessageBox.StandardButton.Yes), seen)
    win.simulator_action.trigger()
    assert "只用于测试" in seen[0] and str(ws / "exchange" / "send") in seen[0]
    assert win.simulator_label.isVisible() and win.simulator_stop.isVisible()
    assert (
        "测试" in win.simulator_label.text()
        and str(ws / "exchange" / "send") in win.simulator_label.toolTip()
    )
    assert win.simulator_action.text() == "停止本地海关模拟器"
    _click_page(qtbot, win, "发送与回执")
    qtbot.waitUntil(
        lambda: [r["returnStatus"] for r in win.journal.model.rows] == ["800", "800"], timeout=60_000
    )
    qtbot.mouseClick(win.simulator_stop, Qt.MouseButton.LeftButton)
    assert not win.simulator.running and not win.simulator_label.isVisible()
    assert win.simulator_action.text() == "启动本地海关模拟器（测试）"


def test_the_simulator_is_not_started_unasked(qtbot, tmp_path, test_keys):
    ws = _user_workspace(tmp_path / "ws", test_keys)
    win = _window(qtbot, _context(ws))
    _click_in_box(qtbot, _standard(QMessageBox.StandardButton.No))
    win.simulator_action.trigger()
    assert win.simulator is None and not win.simulator_label.isVisible()


def test_the_simulator_says_why_not_in_http_mode(qtbot, full_profile):
    win = _window(qtbot, _context(full_profile))
    seen: list = []
    _click_in_box(qtbot, _standard(QMessageBox.StandardButton.Ok), seen)
    win.simulator_action.trigger()
    assert "HTTP" in seen[0] and "cebdesk simulate --http" in seen[0]
    assert win.simulator is None


def test_the_simulator_stops_when_the_outbox_changes(qtbot, tmp_path, test_keys):
    ws = _user_workspace(tmp_path / "ws", test_keys)
    win = _window(qtbot, _context(ws))
    _click_in_box(qtbot, _standard(QMessageBox.StandardButton.Yes))
    win.simulator_action.trigger()
    assert win.simulator.running
    _click_page(qtbot, win, "设置")
    view = win.settings_view
    _type(qtbot, view.folder, str(tmp_path / "elsewhere"))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert not win.simulator.running and not win.simulator_label.isVisible()
    assert win.journal.outbox.root == tmp_path / "elsewhere"


def test_the_element_cell_is_given_with_its_label(qtbot, full_profile):
    """The element column is the key; the name column is the standard's label, not editable."""
    win = _window(qtbot, _context(full_profile))
    table = win.settings_view.defaults
    row = _row_of(win.settings_view, "logisticsCode")
    assert table.item(row, ELEMENT).text() == "logisticsCode"
    assert not table.item(row, LABEL).flags() & Qt.ItemFlag.ItemIsEditable


def test_the_key_file_and_certificate_are_chosen_with_a_browse_button(qtbot, tmp_path, profile, test_keys, monkeypatch):
    """浏览… beside the key file and the certificate: the system's file dialog fills the field,
    and choosing a key file makes it the signer."""
    win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "x", profile))
    _click_page(qtbot, win, "设置")
    view = win.settings_view
    answers = iter([str(test_keys["p12"]), str(test_keys["cert"])])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (next(answers), "")))
    qtbot.mouseClick(view.browse_key, Qt.MouseButton.LeftButton)
    assert view.key_file.text() == str(test_keys["p12"]) and view.signer_kind.currentData() == "key_file"
    qtbot.mouseClick(view.browse_cert, Qt.MouseButton.LeftButton)
    assert view.cert.text() == str(test_keys["cert"])


@pytest.mark.parametrize("answer", ["重新载入", "覆盖", "取消"])
def test_a_profile_edited_outside_the_window_is_not_lost_unasked(qtbot, tmp_path, full_profile, answer):
    """profile.toml changed by hand while the settings page shows it: 保存 asks first. 重新载入
    shows the file (the page's edit dropped), 覆盖 writes the page, 取消 leaves both."""
    from tests.gui.test_gui_flows import _press

    win = _window(qtbot, _context(full_profile))
    view = win.settings_view
    _click_page(qtbot, win, "设置")
    path = full_profile / "profile.toml"
    by_hand = path.read_text(encoding="utf-8").replace('customsCode = "3700"', 'customsCode = "5141"')
    path.write_text(by_hand, encoding="utf-8")
    _type(qtbot, view.fields["copName"], "窗口中改的名称")
    asked = _press(answer)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert asked.seen and "已被修改" in asked.texts[0]
    saved = load_profile(path)
    if answer == "重新载入":
        assert path.read_text(encoding="utf-8") == by_hand
        assert view.fields["copName"].text() != "窗口中改的名称"
        assert dict((n, v) for _, n, v in view.default_rows())["customsCode"] == "5141"
        assert win.context.profile.defaults["customsCode"] == "5141"
    elif answer == "覆盖":
        assert saved.transfer["copName"] == "窗口中改的名称" and saved.defaults["customsCode"] == "3700"
    else:
        assert path.read_text(encoding="utf-8") == by_hand and view.fields["copName"].text() == "窗口中改的名称"

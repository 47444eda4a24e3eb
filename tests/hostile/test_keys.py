"""Keys, PIN and privacy: a login only to the token named, the last try never spent unwarned,
and everything holding personal data private to the user whatever the umask."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from cebdesk.cli import main
from cebdesk.spec import document_type
from tests.factory import filled_template

POSIX = os.name == "posix"


def run(*args):
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


# ------------------------------------------------------------------------------------------------
# 14. `tokens --login` logs in only to the token chosen (two real SoftHSM tokens)
# ------------------------------------------------------------------------------------------------
PINS = {"alpha": "111111", "beta": "222222"}
COUNT_LOW = 0x10000  # CKF_USER_PIN_COUNT_LOW: SoftHSM sets it after a wrong PIN, until a good login

_FLAGS_SCRIPT = """
import json, sys, pkcs11
lib = pkcs11.lib(sys.argv[1])
print(json.dumps({s.get_token().label: int(s.get_token().flags) for s in lib.get_slots(token_present=True)
                  if s.get_token().label}))
"""


@pytest.fixture
def tokens(tmp_path, test_keys):
    """Two SoftHSM tokens in a folder of their own, each with a key; used from subprocesses so
    the suite's own token (and the module loaded in this process) stay as they are."""
    from tests.softhsm import softhsm_module

    module = softhsm_module()
    if module is None:
        pytest.skip("softhsm2 not installed")
    folder = tmp_path / "two-tokens"
    (folder / "tokens").mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    env.pop("CEBDESK_PIN", None)
    for label, pin in PINS.items():
        subprocess.run(
            [
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                "12345678",
                "--pin",
                pin,
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        subprocess.run(
            [
                "softhsm2-util",
                "--import",
                str(test_keys["pem"]),
                "--token",
                label,
                "--label",
                f"{label}-key",
                "--id",
                "01",
                "--pin",
                pin,
            ],
            check=True,
            capture_output=True,
            env=env,
        )

    def flags() -> dict[str, int]:
        proc = subprocess.run(
            [sys.executable, "-c", _FLAGS_SCRIPT, module], capture_output=True, text=True, env=env, check=True
        )
        return json.loads(proc.stdout)

    def cli(*args, pin: str | None):
        run_env = dict(env)
        if pin is not None:
            run_env["CEBDESK_PIN"] = pin
        return subprocess.run(
            [sys.executable, "-m", "cebdesk", "--lang", "en", "tokens", "--pkcs11-module", module, *args],
            capture_output=True,
            text=True,
            env=run_env,
            stdin=subprocess.DEVNULL,
        )

    return {"module": module, "flags": flags, "cli": cli}


def _touched(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """Tokens that saw a wrong PIN (SoftHSM's count-low flag appeared)."""
    return {label for label in before if not before[label] & COUNT_LOW and after[label] & COUNT_LOW}


# (args, PIN given, exit code, words in the output, tokens that must see a login with the wrong PIN)
LOGIN_CASES = [
    pytest.param(
        ["--login", "--token-label", "beta"], "999999", 2, ["wrong PIN"], {"beta"}, id="wrong-pin-named"
    ),
    pytest.param(
        ["--login"], "999999", 2, ["alpha", "beta", "--token-label"], set(), id="two-tokens-no-label"
    ),
    pytest.param(
        ["--login", "--token-label", "gamma"],
        "999999",
        2,
        ["gamma", "alpha", "beta"],
        set(),
        id="unknown-label",
    ),
    pytest.param(
        ["--login", "--token-label", "beta"], PINS["beta"], 0, ["beta-key"], set(), id="right-pin-named"
    ),
    pytest.param(
        ["--login", "--token-label", "alpha", "--json"],
        PINS["alpha"],
        0,
        ['"alpha-key"'],
        set(),
        id="right-pin-named-json",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "pin", "code", "words", "touched"), LOGIN_CASES)
def test_tokens_login_touches_only_the_token_named(tokens, args, pin, code, words, touched):
    before = tokens["flags"]()
    assert set(before) == {"alpha", "beta"} and not any(f & COUNT_LOW for f in before.values())
    proc = tokens["cli"](*args, pin=pin)
    assert proc.returncode == code, proc.stdout + proc.stderr
    text = proc.stdout + proc.stderr
    for word in words:
        assert word in text
    assert "Traceback" not in text and pin not in text
    assert _touched(before, tokens["flags"]()) == touched
    if code == 0:
        other = "alpha" if "beta" in args else "beta"
        assert f"{other}-key" not in text  # the other token's private objects were never opened


@pytest.mark.slow
def test_tokens_login_with_one_token_needs_no_label(tokens):
    """The right PIN of beta given to a login without a label: with two tokens it is refused and
    nothing is tried; had alpha been tried with beta's PIN, its count-low flag would show it."""
    before = tokens["flags"]()
    proc = tokens["cli"]("--login", pin=PINS["beta"])
    assert proc.returncode == 2 and _touched(before, tokens["flags"]()) == set()
    proc = tokens["cli"]("--login", "--token-label", "beta", pin=PINS["beta"])
    assert proc.returncode == 0 and _touched(before, tokens["flags"]()) == set()


def test_tokens_login_with_a_single_token_logs_in_to_it(softhsm, capsys, monkeypatch):
    monkeypatch.setenv("CEBDESK_PIN", softhsm["pin"])
    code, out = run("--lang", "en", "tokens", "--pkcs11-module", softhsm["module"], "--login")
    assert code == 0, capsys.readouterr().err
    assert "key   label=signkey" in out


# ------------------------------------------------------------------------------------------------
# 15. The last try is never spent unwarned: warned before the PIN is asked, refused unless told
# ------------------------------------------------------------------------------------------------
class FlagToken:
    """The real SoftHSM token, reporting PIN flags SoftHSM never sets; records every login."""

    def __init__(self, token, flags, logins: list) -> None:
        self._token, self.flags, self.logins = token, flags, logins
        self.label = token.label
        self.manufacturer_id, self.model, self.serial = token.manufacturer_id, token.model, token.serial

    def open(self, **kwargs):
        if kwargs.get("user_pin") is not None:
            self.logins.append(self.label)
        return self._token.open(**kwargs)


class FlagSlot:
    def __init__(self, slot, flags, logins) -> None:
        self._slot, self._flags, self._logins = slot, flags, logins
        self.slot_id = slot.slot_id

    def get_token(self):
        token = self._slot.get_token()
        if token.label == self._label_wanted():
            return FlagToken(token, int(token.flags) | self._flags, self._logins)
        return token

    @staticmethod
    def _label_wanted() -> str:
        from tests.softhsm import TOKEN

        return TOKEN


class FlagLib:
    def __init__(self, lib, flags, logins) -> None:
        self._lib, self._flags, self.logins = lib, flags, logins

    def get_token(self, **kwargs):
        token = self._lib.get_token(**kwargs)
        return FlagToken(token, int(token.flags) | self._flags, self.logins)

    def get_slots(self, **kwargs):
        return [FlagSlot(s, self._flags, self.logins) for s in self._lib.get_slots(**kwargs)]


@pytest.fixture
def flagged(softhsm, monkeypatch):
    """Make the suite's SoftHSM token report extra PIN flags to cebdesk; returns the logins seen."""
    import pkcs11

    import cebdesk.signing.pkcs11 as backend

    logins: list[str] = []

    def with_flags(flags: int) -> list[str]:
        lib = pkcs11.lib(softhsm["module"])
        monkeypatch.setattr(backend, "load_module", lambda module=None: (FlagLib(lib, flags, logins), module))
        return logins

    return with_flags


@pytest.fixture
def prompt(monkeypatch, capsys):
    """A terminal: the PIN is typed at a getpass prompt; records what stderr said before it."""
    import getpass

    monkeypatch.delenv("CEBDESK_PIN", raising=False)
    monkeypatch.setattr(sys, "stdin", type("Tty", (), {"isatty": staticmethod(lambda: True)})())
    asked: list[str] = []

    def answer(pin):
        def getpass_(text: str = "") -> str:
            asked.append(capsys.readouterr().err)  # what the user had read when asked
            return pin

        monkeypatch.setattr(getpass, "getpass", getpass_)
        return asked

    return answer


def _flag(*names: str) -> int:
    from pkcs11 import TokenFlag

    value = 0
    for name in names:
        value |= int(TokenFlag[name])
    return value


def _convert_with_token(tmp_path, profile_file, softhsm, *extra):
    src = filled_template(document_type("order"), tmp_path / "orders.xlsx", documents=1)
    return run(
        "--lang",
        "en",
        "convert",
        src,
        "-o",
        tmp_path / "out",
        "--profile",
        profile_file,
        "--pkcs11-module",
        softhsm["module"],
        "--token-label",
        softhsm["token"],
        "--key-label",
        "signkey",
        *extra,
    )


# (flags, --final-pin-try given, exit code, words said before the PIN was asked or instead of it)
PIN_FLAG_CASES = [
    pytest.param(("USER_PIN_FINAL_TRY",), False, 2, ["ONE try left", "--final-pin-try"], id="final-refused"),
    pytest.param(("USER_PIN_FINAL_TRY",), True, 0, ["ONE try left"], id="final-allowed"),
    pytest.param(("USER_PIN_COUNT_LOW",), False, 0, ["few tries"], id="low-warned-first"),
    pytest.param(
        ("USER_PIN_COUNT_LOW", "USER_PIN_FINAL_TRY"), False, 2, ["ONE try left"], id="low-and-final"
    ),
    pytest.param(("USER_PIN_LOCKED",), True, 2, ["locked"], id="locked-even-when-told"),
    pytest.param(("USER_PIN_LOCKED", "USER_PIN_FINAL_TRY"), True, 2, ["locked"], id="locked-and-final"),
    pytest.param((), False, 0, [], id="nothing-to-say"),
]


@pytest.mark.parametrize(("flags", "told", "code", "words"), PIN_FLAG_CASES)
def test_cli_warns_before_asking_and_refuses_a_final_try(
    tmp_path, profile_file, softhsm, flagged, prompt, capsys, flags, told, code, words
):
    logins = flagged(_flag(*flags))
    asked = prompt(softhsm["pin"])
    extra = ["--final-pin-try"] if told else []
    result, out = _convert_with_token(tmp_path, profile_file, softhsm, *extra)
    rest = capsys.readouterr().err
    assert result == code, out + rest
    if code == 0:
        [before] = asked  # asked once, after the warnings were on the screen
        assert logins == [softhsm["token"]]
        for word in words:
            assert word in before
        assert "few tries" not in rest and "ONE try" not in rest  # said once, before, not again after
    else:
        assert asked == [] and logins == []  # refused before the PIN was asked: no try spent
        for word in words:
            assert word in rest
        assert "Traceback" not in rest
    if not words:
        assert "warning" not in "".join(asked)


@pytest.mark.parametrize("command", ["convert", "sign", "send", "watch"])
def test_every_command_with_signer_options_takes_final_pin_try(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--final-pin-try" in capsys.readouterr().out


@pytest.mark.parametrize(("told", "code"), [(False, 2), (True, 0)])
def test_tokens_login_on_a_final_try_needs_to_be_told(softhsm, flagged, monkeypatch, capsys, told, code):
    logins = flagged(_flag("USER_PIN_FINAL_TRY"))
    monkeypatch.setenv("CEBDESK_PIN", softhsm["pin"])
    extra = ["--final-pin-try"] if told else []
    result, out = run(
        "--lang",
        "en",
        "tokens",
        "--pkcs11-module",
        softhsm["module"],
        "--login",
        "--token-label",
        softhsm["token"],
        *extra,
    )
    err = capsys.readouterr().err
    assert result == code, out + err
    assert logins == ([softhsm["token"]] if told else [])
    assert "ONE try left" in err


@pytest.mark.parametrize(
    ("flags", "final_try", "warned"),
    [
        (("USER_PIN_COUNT_LOW",), False, "few tries"),
        (("USER_PIN_FINAL_TRY",), True, "ONE try left"),
    ],
)
def test_signer_warns_through_the_callback_before_the_pin_is_asked(
    softhsm, flagged, flags, final_try, warned
):
    from cebdesk.signing.pkcs11 import Pkcs11Signer

    flagged(_flag(*flags))
    events: list[str] = []

    def pin(_label: str) -> str:
        events.append("asked")
        return softhsm["pin"]

    signer = Pkcs11Signer(
        softhsm["token"],
        pin,
        module=softhsm["module"],
        key_label="signkey",
        final_try=final_try,
        warn=lambda text: events.append(text),
    )
    signer.close()
    assert len(events) == 2 and warned in events[0] and events[1] == "asked"
    assert not any(warned in w for w in signer.warnings)  # said once, before


def test_signer_refuses_a_final_try_without_asking(softhsm, flagged):
    from cebdesk.signing.base import PinError
    from cebdesk.signing.pkcs11 import Pkcs11Signer

    logins = flagged(_flag("USER_PIN_FINAL_TRY"))
    asked = []
    with pytest.raises(PinError, match="final-pin-try"):
        Pkcs11Signer(softhsm["token"], lambda label: asked.append(label) or "x", key_label="signkey")
    assert asked == [] and logins == []


# -- the window: the PIN dialog asks for confirmation on a final try ------------------------------
def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_pin_dialog_on_a_final_try_takes_no_pin_until_confirmed(qtbot):
    from cebdesk.gui.dialogs import PinDialog

    dialog = PinDialog("cebdesk-test", warnings=["cebdesk-test: ONE try left"], final_try=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning.isVisible() and "ONE try left" in dialog.warning.text()
    assert dialog.confirm.isVisible() and not dialog.confirm.isChecked()
    qtbot.keyClicks(dialog.pin, "123456")
    assert dialog.pin.text() == ""  # the field takes nothing before the confirmation
    assert not _ok(dialog).isEnabled()
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.confirm.isChecked()
    qtbot.keyClicks(dialog.pin, "123456")
    assert _ok(dialog).isEnabled()
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.take_pin() == "123456" and dialog.pin.text() == ""


def test_pin_dialog_unticking_the_confirmation_blocks_again(qtbot):
    from cebdesk.gui.dialogs import PinDialog

    dialog = PinDialog("cebdesk-test", warnings=["ONE try left"], final_try=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.pin, "123456")
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert not _ok(dialog).isEnabled() and not dialog.pin.isEnabled() and dialog.pin.text() == ""


def test_pin_dialog_without_a_final_try_asks_no_confirmation(qtbot):
    from cebdesk.gui.dialogs import PinDialog

    dialog = PinDialog("cebdesk-test", warnings=["few tries are left"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.confirm.isVisible()
    qtbot.keyClicks(dialog.pin, "123456")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.fixture
def window(qtbot, tmp_path, profile, softhsm):
    from cebdesk.gui.context import AppContext
    from cebdesk.gui.main_window import MainWindow
    from cebdesk.signing.select import SignerOptions

    context = AppContext(
        tmp_path / "data",
        tmp_path / "exchange",
        profile,
        SignerOptions(pkcs11_module=softhsm["module"], token_label=softhsm["token"], key_label="signkey"),
    )
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    return win


def _answer_final_try(qtbot, pin: str, seen: list, *, confirm: bool):
    """When the PIN dialog opens, read it, tick the confirmation (or not), type, press OK/Cancel."""
    from cebdesk.gui.dialogs import PinDialog

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(
            {
                "warning": dialog.warning.text(),
                "confirm": dialog.confirm.isVisible(),
                "ok_before": _ok(dialog).isEnabled(),
            }
        )
        if confirm:
            qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
            qtbot.keyClicks(dialog.pin, pin)
            qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
        else:
            qtbot.mouseClick(
                dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
            )

    QTimer.singleShot(20, answer)


def _load(qtbot, win, paths):
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        win.imports.load(paths)


@pytest.fixture
def jobs(monkeypatch):
    """Every job the window starts, with what it was given."""
    import cebdesk.gui.import_view as import_view

    made: list[tuple[str, dict]] = []
    real = import_view.Job

    class Recording(real):
        def __init__(self, name, kwargs, parent=None, **kw):
            made.append((name, dict(kwargs)))
            super().__init__(name, kwargs, parent, **kw)

    monkeypatch.setattr(import_view, "Job", Recording)
    return made


#: The jobs that only read the files opened (no key, no PIN).
READING = ("read_documents", "read_checked")


def test_window_final_try_is_confirmed_then_sent(qtbot, window, tmp_path, softhsm, flagged, jobs):
    flagged(_flag("USER_PIN_FINAL_TRY"))
    _load(qtbot, window, [filled_template(document_type("order"), tmp_path / "o.xlsx", documents=2)])
    seen: list = []
    _answer_final_try(qtbot, softhsm["pin"], seen, confirm=True)
    with qtbot.waitSignal(window.imports.done, timeout=60_000):
        qtbot.mouseClick(window.import_view.send_button, Qt.MouseButton.LeftButton)
    assert seen == [{"warning": seen[0]["warning"], "confirm": True, "ok_before": False}]
    assert "ONE try left" in seen[0]["warning"]
    [kwargs] = [k for name, k in jobs if name == "import_and_send"]
    assert kwargs["signer"].final_pin_try is True
    assert window.imports.last_error is None, window.imports.last_error


def test_window_final_try_cancelled_starts_nothing(qtbot, window, tmp_path, softhsm, flagged, jobs):
    logins = flagged(_flag("USER_PIN_FINAL_TRY"))
    _load(qtbot, window, [filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1)])
    seen: list = []
    _answer_final_try(qtbot, softhsm["pin"], seen, confirm=False)
    qtbot.mouseClick(window.import_view.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert [name for name, _ in jobs if getattr(name, "__name__", name) not in READING] == [] and logins == []


def test_window_locked_token_is_refused_without_a_dialog(qtbot, window, tmp_path, softhsm, flagged, jobs):
    flagged(_flag("USER_PIN_LOCKED"))
    _load(qtbot, window, [filled_template(document_type("order"), tmp_path / "o.xlsx", documents=1)])
    seen: list = []
    _answer_final_try(qtbot, softhsm["pin"], seen, confirm=False)  # would close a dialog if one came
    qtbot.mouseClick(window.import_view.send_button, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert seen == [] and [name for name, _ in jobs if getattr(name, "__name__", name) not in READING] == []
    text = window.import_view.error.text()
    assert "锁定" in text or "locked" in text  # in the window's words, or the key's own


# ------------------------------------------------------------------------------------------------
# 16. Personal data private to the user: files 0600, folders 0700, whatever the umask
# ------------------------------------------------------------------------------------------------
posix_only = pytest.mark.skipif(not POSIX, reason="POSIX permissions")
UMASKS = [pytest.param(0o022, id="umask022"), pytest.param(0o002, id="umask002")]


@pytest.fixture(params=UMASKS)
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _lock(path: Path) -> bool:
    """A lock file: empty, it only carries an flock(); the 0700 folder around it is what counts."""
    return path.name.endswith((".lock", "-lock")) and path.stat().st_size == 0


def _loose(root: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Everything under ``root`` that is not private: folders other than 0700, files other than
    0600 (empty lock files aside)."""
    bad = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in dirs:
            p = Path(folder, name)
            if _mode(p) != 0o700:
                bad.append(f"{p.relative_to(root)}/ {_mode(p):o}")
        for name in files:
            p = Path(folder, name)
            if _mode(p) != 0o600 and not _lock(p):
                bad.append(f"{p.relative_to(root)} {_mode(p):o}")
    return bad


@posix_only
def test_atomic_write_is_private(tmp_path, umask):
    from cebdesk.files import atomic_write

    target = atomic_write(tmp_path / "m.xml", b"<x/>")
    assert _mode(target) == 0o600
    target.chmod(0o644)
    atomic_write(target, b"<y/>")  # a file written again is private again
    assert _mode(target) == 0o600


@posix_only
def test_private_dir_makes_missing_levels_private_and_leaves_existing_ones(tmp_path, umask):
    from cebdesk.files import private_dir

    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o755)  # the user's own folder: left as it is
    private_dir(mine / "a" / "b")
    assert _mode(mine) == 0o755
    assert _mode(mine / "a") == 0o700 and _mode(mine / "a" / "b") == 0o700


@posix_only
def test_journal_and_its_wal_and_shm_are_private(tmp_path, umask):
    from cebdesk.store import Journal

    journal = Journal.in_dir(tmp_path / "data")
    try:
        with journal.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS probe(x)")
            db.execute("INSERT INTO probe VALUES (1)")
        names = {p.name for p in (tmp_path / "data").iterdir()}
        assert {"journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm"} <= names
        assert _loose(tmp_path / "data") == []
        assert _mode(tmp_path / "data") == 0o700
    finally:
        journal.close()


@posix_only
def test_an_existing_journal_left_readable_is_made_private(tmp_path):
    from cebdesk.store import Journal

    Journal.in_dir(tmp_path).close()
    path = tmp_path / "journal.sqlite3"
    path.chmod(0o644)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            side.chmod(0o644)
    Journal.in_dir(tmp_path).close()
    assert _mode(path) == 0o600
    assert all(_mode(p) == 0o600 for p in tmp_path.glob("journal.sqlite3*"))


@posix_only
def test_outbox_folders_are_private(tmp_path, umask):
    from cebdesk.exchange.folders import Outbox

    outbox = Outbox(tmp_path / "exchange")
    with outbox.send_lock():
        pass
    outbox.archive("CEB311Message_x.xml", b"<x/>")
    assert {p.name for p in outbox.root.iterdir()} >= {"send", "sent", "receive", "error", ".staging"}
    assert _mode(outbox.root) == 0o700
    assert _loose(outbox.root) == []


@posix_only
def test_profile_is_written_private(tmp_path, umask, profile):
    from cebdesk.settings import save_profile

    target = save_profile(profile, tmp_path / "config" / "cebdesk" / "profile.toml")
    assert _mode(target) == 0o600
    assert _mode(tmp_path / "config") == 0o700 and _mode(tmp_path / "config" / "cebdesk") == 0o700


@posix_only
@pytest.mark.slow
def test_a_whole_round_leaves_nothing_readable_by_others(
    tmp_path, umask, profile_file, test_keys, monkeypatch
):
    """convert --send, customs answers, receipts, status, convert -o, sign -o: then every folder
    under the data dir is 0700 and every file 0600."""
    from cebdesk.exchange.folders import Outbox
    from cebdesk.exchange.simulator import Customs, run_folder

    data = tmp_path / "data"
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    src = filled_template(document_type("order"), tmp_path / "orders.xlsx", documents=3)
    signer = ["--key-file", test_keys["p12"]]
    code, out = run("--data-dir", data, "convert", src, "--send", "--profile", profile_file, *signer)
    assert code == 0, out
    run_folder(Outbox(data / "exchange"), Customs(tmp_path / "customs"))
    code, out = run("--data-dir", data, "receipts")
    assert code == 0, out
    assert run("--data-dir", data, "status")[0] == 0
    code, out = run(
        "--data-dir", data, "convert", src, "-o", data / "out" / "orders", "--profile", profile_file, *signer
    )
    assert code == 0, out
    code, out = run(
        "--data-dir",
        data,
        "sign",
        *sorted((data / "out" / "orders").glob("*.xml")),
        "-o",
        data / "signed",
        *signer,
    )
    assert code == 0, out
    assert list((data / "exchange" / "sent").rglob("*.xml")) and list(
        (data / "exchange" / "receive").rglob("*.xml")
    )
    assert _loose(data, skip=(".customs",)) == []  # .customs: the simulator's own state (customs' side)
    assert _mode(data) == 0o700


@posix_only
def test_hot_folder_results_are_private(tmp_path, umask, profile_file, test_keys, monkeypatch):
    hot = tmp_path / "hot"
    hot.mkdir()
    filled_template(document_type("order"), hot / "good.xlsx", documents=1)
    monkeypatch.setenv("CEBDESK_PIN", test_keys["password"])
    code, out = run(
        "--data-dir",
        tmp_path / "data",
        "watch",
        hot,
        "--once",
        "--profile",
        profile_file,
        "--key-file",
        test_keys["p12"],
    )
    assert code == 0, out
    [result] = list(hot.rglob("*.result.txt"))
    assert _mode(result) == 0o600
    assert _mode(hot / "done") == 0o700 and _mode(hot / "failed") == 0o700


@posix_only
def test_exported_excel_is_private(qtbot, window, tmp_path, umask, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "export.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(window.query_view.export_button, Qt.MouseButton.LeftButton)
    assert target.exists() and _mode(target) == 0o600


@posix_only
@pytest.mark.parametrize(("mode", "warned"), [(0o755, True), (0o750, False), (0o700, False)])
def test_data_left_readable_by_others_is_warned_about(test_keys, capsys, mode, warned):
    # under the system's temp folder (reachable by everyone), not pytest's private one
    data = Path(tempfile.mkdtemp(prefix="cebdesk-exposed-"))
    try:
        data.chmod(mode)
        assert run("--lang", "en", "--data-dir", data, "status")[0] == 0
        err = capsys.readouterr().err
        assert ("other users" in err) is warned, err
        if warned:
            assert str(data) in err and "chmod" in err
        assert _mode(data) == mode  # the user's folder is not changed behind their back
    finally:
        shutil.rmtree(data)


def test_window_explains_a_refused_final_try_as_such():
    """Flags read by the worker may differ from the dialog's (another wrong try in between):
    the refusal is explained as a final try, not as a wrong PIN."""
    from cebdesk.gui.workers import explain, failure_of
    from cebdesk.signing.pkcs11 import FinalTryRefused

    failure = failure_of(FinalTryRefused("cebdesk-test: ONE try left"))
    assert failure.kind == "pin_final_try"
    text = explain(failure)
    assert "最后一次" in text and "口令错误" not in text

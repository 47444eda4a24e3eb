"""Is this workspace ready to declare? What ``cebdesk doctor`` and the window's 准备工作 page check:
the enterprise profile, the signer (module, token, certificate and its expiry, key type), the
exchange folders, whether receipts come back, the clock against the receipts, and the journal's
integrity. Each check says what it found and, when something is wrong, what to do, in Chinese
and English. Nothing here asks for a PIN: a password-protected key file is only opened when its
password is in CEBDESK_PIN (as for every command), else its certificate is said to be unchecked.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import InputError
from ..signing.select import SignerOptions
from ..spec.codes import ENTERPRISE_CODE_LENGTHS

OK, WARNING, ERROR, SKIPPED = "ok", "warning", "error", "skipped"
#: A certificate expiring within this many days is a warning.
EXPIRY_DAYS = 30
#: Messages sent this long ago with no receipt read since: receipts may not be picked up.
RECEIPT_SILENCE = dt.timedelta(hours=24)
#: A receipt time this far ahead of the clock: the clock is probably wrong.
CLOCK_TOLERANCE = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class Check:
    key: str  # profile, signer, certificate, folders, transfer, receipts, clock, journal
    level: str  # ok, warning, error, skipped
    zh: str
    en: str
    fix_zh: str = ""
    fix_en: str = ""

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def fix(self, lang: str = "zh") -> str:
        return self.fix_en if lang == "en" else self.fix_zh

    def to_json(self, lang: str = "zh") -> dict:
        return {"check": self.key, "level": self.level, "text": self.text(lang), "fix": self.fix(lang)}


@dataclass
class Readiness:
    checks: list[Check] = field(default_factory=list)

    def add(self, *args, **kwargs) -> None:
        self.checks.append(Check(*args, **kwargs))

    @property
    def exit_code(self) -> int:
        return 1 if any(c.level == ERROR for c in self.checks) else 0

    def to_json(self, lang: str = "zh") -> dict:
        return {"checks": [c.to_json(lang) for c in self.checks], "exit_code": self.exit_code}


def check_profile(out: Readiness, profile, path: Path) -> None:
    if profile is None:
        out.add(
            "profile", ERROR, f"没有企业档案（{path}）", f"no enterprise profile ({path})",
            "在设置页填写企业代码、名称和传输节点（DXP ID），或用 --profile 指定档案文件",
            "fill in the enterprise code, name and DXP ID on the settings page, or name the file with --profile",
        )  # fmt: skip
        return
    try:
        values = profile.base_transfer()
    except InputError as exc:
        zh = "；".join(f.render("zh") for f in exc.findings if f.is_error)
        en = "; ".join(f.render("en") for f in exc.findings if f.is_error)
        out.add("profile", ERROR, f"企业档案不完整：{zh}", f"the profile is incomplete: {en}",
                "在设置页补全企业档案", "complete the profile on the settings page")  # fmt: skip
        return
    cop = values.get("copCode", "")
    problems_zh, problems_en = [], []
    if len(cop) not in ENTERPRISE_CODE_LENGTHS:
        problems_zh.append(f"企业代码 copCode {cop!r} 应为 10 位海关编码或 18 位统一社会信用代码")
        problems_en.append(f"copCode {cop!r} should be the 10-character customs code or the 18-character credit code")
    dxp = values.get("dxpId", "")
    if not dxp.upper().startswith("DXP"):
        problems_zh.append(f"传输节点 dxpId {dxp!r} 通常以 DXP 开头（如 DXPENT0000000001），请核对数据分中心的开通回执")
        problems_en.append(f"dxpId {dxp!r} usually starts with DXP (e.g. DXPENT0000000001); check the opening notice")
    if problems_zh:
        out.add("profile", ERROR if len(cop) not in ENTERPRISE_CODE_LENGTHS else WARNING, "；".join(problems_zh),
                "; ".join(problems_en), "在设置页改正企业档案", "correct the profile on the settings page")  # fmt: skip
        return
    out.add("profile", OK, f"企业档案：{values.get('copName', '')}（{cop}），传输节点 {dxp}",
            f"profile: {values.get('copName', '')} ({cop}), DXP ID {dxp}")  # fmt: skip


def _certificate(out: Readiness, subject: str, not_after: dt.datetime | None, algorithm: str, now: dt.datetime) -> None:
    lowered = algorithm.lower()
    kind = "SM2" if "sm2" in lowered else "RSA" if "rsa" in lowered else algorithm
    if kind not in ("RSA", "SM2"):
        out.add("certificate", ERROR, f"证书 {subject} 的密钥类型 {algorithm} 不是 RSA 或 SM2",
                f"certificate {subject}: key type {algorithm} is neither RSA nor SM2",
                "换用数据分中心签发的 RSA 或 SM2 证书", "use the RSA or SM2 certificate the data centre issued")  # fmt: skip
        return
    if not_after is None:
        out.add("certificate", WARNING, f"证书 {subject}（{kind}）没有有效期", f"certificate {subject} ({kind}) has no expiry date")
        return
    if not_after.tzinfo is None:
        not_after = not_after.replace(tzinfo=dt.UTC)
    left = not_after - now
    if left < dt.timedelta(0):
        out.add("certificate", ERROR, f"证书 {subject} 已于 {not_after:%Y-%m-%d} 过期",
                f"certificate {subject} expired on {not_after:%Y-%m-%d}",
                "向数据分中心（制卡中心）申请更换证书", "renew the certificate at the data centre (card centre)")  # fmt: skip
    elif left < dt.timedelta(days=EXPIRY_DAYS):
        out.add("certificate", WARNING, f"证书 {subject} 将在 {left.days} 天后（{not_after:%Y-%m-%d}）到期",
                f"certificate {subject} expires in {left.days} day(s) ({not_after:%Y-%m-%d})",
                "尽快向数据分中心申请更换证书", "renew it at the data centre soon")  # fmt: skip
    else:
        out.add("certificate", OK, f"证书 {subject}（{kind}）有效至 {not_after:%Y-%m-%d}",
                f"certificate {subject} ({kind}) valid until {not_after:%Y-%m-%d}")  # fmt: skip


def check_signer(
    out: Readiness, options: SignerOptions, now: dt.datetime, password: str | None = None, *, shared: bool = False
) -> None:
    """``password``: a key file's, when the caller asked for it (the window's PIN dialog); else
    CEBDESK_PIN is used, and without either the certificate inside a .p12 is not read.
    ``shared``: the seat is on a shared journal, where a signing station may sign for it."""
    if not options.wanted and shared:
        out.add("signer", SKIPPED, "本席位没有设置签名方式：导入的单证由签名工作站签名发送",
                "no signer at this seat: what it imports is signed and sent by the signing station",
                "确认签名工作站在运行（cebdesk send --follow）；本席位也要签名发送时，在设置页选择签名方式",
                "make sure the signing station runs (cebdesk send --follow); to sign here too, choose a signer"
                " on the settings page")  # fmt: skip
        return
    if not options.wanted:
        out.add("signer", ERROR, "没有设置签名方式", "no signer is set",
                "在设置页选择 USB Key（PKCS#11）、密钥文件或电子口岸卡",
                "choose a USB key (PKCS#11), a key file or the E-Port card on the settings page")  # fmt: skip
        return
    if options.token_label or options.pkcs11_module:
        _check_token(out, options, now)
    elif options.key_file:
        _check_key_file(out, options, now, password)
    else:
        out.add("signer", SKIPPED, "电子口岸卡由电子口岸控件签名，本程序无法预先检查",
                "the E-Port card signs through the E-Port control; it cannot be checked beforehand",
                "确认电子口岸客户端控件已启动、卡已插入", "make sure the E-Port control runs and the card is in")  # fmt: skip


def _check_token(out: Readiness, options: SignerOptions, now: dt.datetime) -> None:
    from ..signing.pkcs11 import list_tokens

    try:
        path, tokens = list_tokens(options.pkcs11_module)
    except Exception as exc:  # noqa: BLE001 - a module that does not load says why in its own words
        out.add("signer", ERROR, f"无法加载 PKCS#11 模块：{exc}", f"the PKCS#11 module does not load: {exc}",
                "安装 USB Key 的驱动，或在设置页选择正确的模块文件", "install the USB key's driver or choose its module on the settings page")  # fmt: skip
        return
    token = next((t for t in tokens if t.label == options.token_label), None)
    if token is None:
        present = ", ".join(t.label for t in tokens) or "无"
        out.add("signer", ERROR, f"没有找到令牌 {options.token_label}（{path}；在场：{present}）",
                f"token {options.token_label} not found ({path}; present: {', '.join(t.label for t in tokens) or 'none'})",
                "插入 USB Key，或在设置页点“查找令牌”重新选择", "insert the USB key, or choose it again on the settings page")  # fmt: skip
        return
    out.add("signer", OK, f"令牌 {token.label}（{token.manufacturer} {token.model}）已插入，模块 {path}",
            f"token {token.label} ({token.manufacturer} {token.model}) present, module {path}")  # fmt: skip
    certs = token.certificates
    if options.key_label:
        certs = [c for c in certs if c.label == options.key_label] or certs
    if not certs:
        out.add("certificate", ERROR, f"令牌 {token.label} 上没有证书", f"token {token.label} holds no certificate",
                "向数据分中心确认证书已写入 USB Key", "ask the data centre to write the certificate to the key")  # fmt: skip
        return
    c = certs[0]
    _certificate(out, f"{c.subject} · {c.serial}", c.not_after, c.algorithm, now)


def _check_key_file(out: Readiness, options: SignerOptions, now: dt.datetime, password: str | None = None) -> None:
    from cryptography import x509

    path = Path(options.key_file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.add("signer", ERROR, f"无法读取密钥文件 {path}：{exc.strerror}", f"cannot read key file {path}: {exc.strerror}",
                "在设置页检查密钥文件的位置", "check the key file's location on the settings page")  # fmt: skip
        return
    out.add("signer", OK, f"密钥文件 {path.name} 可读", f"key file {path.name} readable")
    cert = None
    if options.cert:
        try:
            cert = x509.load_pem_x509_certificate(Path(options.cert).read_bytes())
        except (OSError, ValueError) as exc:
            out.add("certificate", ERROR, f"无法读取证书 {options.cert}：{exc}", f"cannot read certificate {options.cert}: {exc}",
                    "在设置页检查证书文件", "check the certificate file on the settings page")  # fmt: skip
            return
    elif path.suffix.lower() in (".p12", ".pfx"):
        password = password if password is not None else os.environ.get("CEBDESK_PIN")
        if password is None:
            out.add("certificate", SKIPPED, f"证书在 {path.name} 中，没有口令无法读取",
                    f"the certificate is inside {path.name}; it cannot be read without the password",
                    "在“准备工作”页点“输入口令检查证书…”，或设置环境变量 CEBDESK_PIN 后运行 cebdesk doctor",
                    "click “Check the certificate with the password…” on the readiness page, or set CEBDESK_PIN "
                    "and run cebdesk doctor")  # fmt: skip
            return
        from cryptography.hazmat.primitives.serialization import pkcs12

        try:
            key, cert, _ = pkcs12.load_key_and_certificates(data, password.encode())
        except ValueError:
            out.add("certificate", ERROR, f"{path.name} 的口令不对，或文件不是有效的 .p12",
                    f"wrong password for {path.name}, or not a valid .p12", "核对 CEBDESK_PIN", "check CEBDESK_PIN")  # fmt: skip
            return
        if cert is not None and key is not None and cert.public_key().public_numbers() != key.public_key().public_numbers():
            out.add("certificate", ERROR, f"{path.name} 中的证书与私钥不匹配", f"the certificate in {path.name} does not match its key",
                    "向数据分中心重新申请", "ask the data centre for a new one")  # fmt: skip
            return
    else:
        try:
            cert = x509.load_pem_x509_certificate(data)
        except ValueError:
            cert = None
    if cert is None:
        out.add("certificate", WARNING, f"{path.name} 没有附带证书", f"{path.name} carries no certificate",
                "在设置页指定证书文件（PEM）", "name the certificate file (PEM) on the settings page")  # fmt: skip
        return
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    from ..signing.base import is_sm2_certificate

    public = cert.public_key()
    if is_sm2_certificate(cert):
        algorithm = "SM2"
    elif isinstance(public, rsa.RSAPublicKey):
        algorithm = "RSA"
    elif isinstance(public, ec.EllipticCurvePublicKey):
        algorithm = f"EC {public.curve.name}"
    else:
        algorithm = type(public).__name__
    _certificate(out, cert.subject.rfc4514_string(), cert.not_valid_after_utc, algorithm, now)


def check_folders(out: Readiness, outbox) -> None:
    folders = (outbox.send, outbox.staging, outbox.receive, outbox.sent, outbox.error)
    broken = []
    for folder in folders:
        probe = folder / f".cebdesk-probe-{uuid.uuid4().hex}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            broken.append((folder, exc.strerror or str(exc)))
    if broken:
        where = "; ".join(f"{f}: {why}" for f, why in broken)
        out.add("folders", ERROR, f"报文目录不可写：{where}", f"exchange folders not writable: {where}",
                "检查目录权限和磁盘空间", "check the folders' permissions and free space")  # fmt: skip
        return
    devices = {outbox.send.stat().st_dev, outbox.staging.stat().st_dev}
    if len(devices) > 1:
        out.add("folders", ERROR, f"{outbox.staging} 与 {outbox.send} 不在同一文件系统：报文无法原子地放入发送目录",
                f"{outbox.staging} and {outbox.send} are on different file systems: messages cannot be moved in atomically",
                "把整个报文目录放在同一个磁盘上", "keep the whole exchange folder on one disk")  # fmt: skip
        return
    out.add("folders", OK, f"报文目录可写：{outbox.root}", f"exchange folders writable: {outbox.root}")


def check_transfer_client(out: Readiness, workspace, now: float | None = None) -> None:
    """The transfer client's side: its folders there (layout "client"), and no message left
    waiting too long where the client takes them (``Workspace.outbox_waiting``)."""
    try:
        client = workspace.client_folders()
    except Exception as exc:  # WorkspaceError: the root is not set
        out.add("transfer", ERROR, f"传输客户端目录未设置：{exc}", f"the transfer client's folders are not set: {exc}",
                "在设置页选择传输客户端的目录（如 C:\\ImpPath）", "choose the transfer client's folder on the settings page (e.g. C:\\ImpPath)")  # fmt: skip
        return
    if client is not None:
        missing = [str(box) for m in client.modules for box in m.boxes if not box.is_dir()]
        if missing:
            where = "、".join(missing)
            out.add("transfer", ERROR, f"传输客户端目录不存在：{where}", f"the transfer client's folders do not exist: {', '.join(missing)}",
                    "安装并启动单一窗口导入客户端（跨境电商进口/出口业务），或在设置页改正目录",
                    "install and start the Single Window import client (cross-border import/export modules), or correct the folder on the settings page")  # fmt: skip
            return
    waiting = workspace.outbox_waiting(now)
    folders = "、".join(str(f) for f in waiting.folders)
    minutes = int(waiting.oldest // 60)
    if waiting.too_long:
        out.add("transfer", WARNING,
                f"{len(waiting.files)} 个报文在 {folders} 中等待，最早的已等 {minutes} 分钟：传输客户端没有取走",
                f"{len(waiting.files)} message(s) wait in {folders}, the oldest for {minutes} minute(s): the transfer client is not taking them",
                "启动传输客户端（单一窗口导入客户端）并确认它监视的正是这个目录",
                "start the transfer client (Single Window import client) and check it watches this folder")  # fmt: skip
    elif waiting.files:
        out.add("transfer", OK, f"{len(waiting.files)} 个报文等待传输客户端取走（{minutes} 分钟）",
                f"{len(waiting.files)} message(s) waiting for the transfer client ({minutes} minute(s))")  # fmt: skip
    else:
        out.add("transfer", OK, f"没有等待传输客户端的报文（{folders}）", f"no message waiting for the transfer client ({folders})")


def _time(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.strptime((text or "")[:14], "%Y%m%d%H%M%S")
    except ValueError:
        return None


def _shared_journal(out: Readiness, url: str) -> tuple | None:
    """The shared journal reached (or why not): its latest times, or None."""
    from ..store.database import first_line
    from ..store.journal import Journal

    try:
        with Journal(url) as journal:
            latest = tuple(journal.db.execute(_LATEST).fetchone())
            where = journal.where
    except Exception as exc:  # noqa: BLE001 - psycopg's errors, said in one line
        detail = first_line(exc)
        out.add("journal", ERROR, f"无法连接共享日志：{detail}", f"the shared journal cannot be reached: {detail}",
                "确认服务器在运行、网络通畅、口令在 ~/.pgpass 或 PGPASSWORD 中；请管理员查看服务器",
                "check that the server runs and is reachable and the password is in ~/.pgpass or PGPASSWORD;"
                " ask the office's administrator")  # fmt: skip
        return None
    out.add("journal", OK, f"共享日志：{where}（完整性由服务器保证，备份见管理员）",
            f"shared journal: {where} (its integrity is the server's; backups: the administrator)")  # fmt: skip
    return latest


def _iso(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


_LATEST = (
    "SELECT (SELECT MAX(sent) FROM messages WHERE state='sent'), (SELECT MAX(received) FROM receipt_files),"
    # a receipt time that starts with a digit (text between '0' and ':', the character after '9')
    " (SELECT MAX(return_time) FROM receipts WHERE return_time >= '0' AND return_time < ':')"
)


def check_journal(out: Readiness, journal_path: Path, now: dt.datetime, url: str | None = None) -> None:
    """Integrity (quick_check), receipts coming back, receipt times against the clock. ``url``:
    the shared journal on a server the seat uses instead of its own file (reached, its
    integrity the server's)."""
    if url is not None:
        latest = _shared_journal(out, url)
        if latest is None:
            return
        last_sent, last_read, ahead = latest
    elif not journal_path.exists():
        out.add("journal", OK, "日志尚未建立（还没有导入单证）", "no journal yet (nothing imported)")
        return
    else:
        try:
            db = sqlite3.connect(f"file:{journal_path}?mode=ro", uri=True)
            try:
                result = db.execute("PRAGMA quick_check").fetchone()[0]
                last_sent, last_read, ahead = db.execute(_LATEST).fetchone()
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            out.add("journal", ERROR, f"日志无法读取：{exc}", f"the journal cannot be read: {exc}",
                    "从备份恢复日志（journal.sqlite3）", "restore the journal (journal.sqlite3) from a backup")  # fmt: skip
            return
        if result != "ok":
            out.add("journal", ERROR, f"日志完整性检查失败：{result}", f"the journal's integrity check failed: {result}",
                    "停止发送，从备份恢复日志", "stop sending and restore the journal from a backup")  # fmt: skip
        else:
            out.add("journal", OK, f"日志完整：{journal_path}", f"journal intact: {journal_path}")
    sent, read = _iso(last_sent), _iso(last_read)
    if sent is None:
        out.add("receipts", SKIPPED, "还没有发送过报文", "nothing sent yet")
    elif (read is None or read < sent) and now - sent > RECEIPT_SILENCE:
        hours = int((now - sent).total_seconds() // 3600)
        out.add("receipts", WARNING, f"最近一次发送已过 {hours} 小时，之后没有读到回执",
                f"the last message went {hours} hour(s) ago and no receipt was read since",
                "确认传输客户端在运行、回执目录（receive/）正确，再点“读取回执”",
                "check that the transfer client runs and receive/ is the right folder, then read receipts")  # fmt: skip
    else:
        out.add("receipts", OK, f"最近读到回执：{last_read or '—'}", f"last receipt read: {last_read or '—'}")
    latest = _time(ahead)
    if latest is not None and latest - now > CLOCK_TOLERANCE:
        out.add("clock", WARNING, f"回执时间 {latest:%Y-%m-%d %H:%M} 比本机时钟（{now:%Y-%m-%d %H:%M}）晚",
                f"a receipt time {latest:%Y-%m-%d %H:%M} is ahead of this computer's clock ({now:%Y-%m-%d %H:%M})",
                "校准本机时间（启用网络时间同步）", "set the clock right (turn on network time)")  # fmt: skip
    else:
        out.add("clock", OK, f"本机时钟 {now:%Y-%m-%d %H:%M}", f"clock {now:%Y-%m-%d %H:%M}")

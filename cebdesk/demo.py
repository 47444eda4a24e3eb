"""A walk through the whole flow with demo data: ``python -m cebdesk.demo [DIR]``.

DIR (default ``./cebdesk-demo``) becomes a workspace of its own, like ``--data-dir DIR``: its
own profile.toml (a demo company whose signer is a key whose certificate says TEST), journal
and outbox (``DIR/exchange``), so nothing of the user's is touched. Sample Excel files for
orders, payments, waybills and inventories are written into ``DIR/excel``, imported, signed,
answered by the local customs simulator, and the receipts read back. The window's demo
(``task``) is the same walk, run quietly in a worker process.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from .excel.template import fill_template
from .files import atomic_write
from .pipeline import ConvertOptions, convert
from .pipeline.workspace import Workspace
from .settings import Profile, dump_profile
from .signing.keyfile import KeyFileSigner
from .spec import document_type

#: The demo enterprise: a company that does not exist, codes that look real.
TRANSFER = {"copCode": "1105910159", "copName": "演示供应链有限公司", "dxpId": "DXPENT0000000001"}
DEFAULTS = {
    "ebpCode": "1105910159",
    "ebpName": "演示跨境电商平台",
    "ebcCode": "1105910159",
    "ebcName": "演示跨境电商企业",
    "logisticsCode": "1101180326",
    "logisticsName": "演示国际物流",
    "payCode": "3120960003",
    "payName": "演示支付有限公司",
    "agentCode": "1105910159",
    "agentName": "演示报关有限公司",
    "assureCode": "1105910159",
    "customsCode": "3700",
    "portCode": "3700",
}
PROFILE_NOTE = "# 演示企业档案：测试密钥，不能向海关申报 (demo profile: TEST key, never for customs)\n"


BUYERS = [
    ("张三", "110101199001011237", "13800000001", "北京市海淀区中关村软件园1号"),
    ("李四", "31010119880202345X", "13900000002", "上海市浦东新区世纪大道100号"),
    ("王五", "440301199203034565", "13700000003", "深圳市南山区科技园南区"),
]
GOODS = [
    ("婴儿配方奶粉", "900克/罐，牛乳基，1段", "1901101000", "122", 2, 199.0, 1.8),
    ("纸尿裤", "L码 54片/包", "9619001100", "125", 1, 129.5, 1.2),
    ("维生素软胶囊", "60粒/瓶", "2106909090", "142", 3, 88.0, 0.3),
]


def _orders() -> list[dict]:
    out = []
    for n, (name, idno, phone, address) in enumerate(BUYERS):
        lines = GOODS[: n + 1]
        goods_value = sum(q * p for _, _, _, _, q, p, _ in lines)
        out.append(
            {
                "orderNo": f"DEMO2024{n + 1:04d}",
                "logisticsNo": f"YT{9000000 + n}",
                "payTransactionId": f"PAY2024{n + 1:06d}",
                "buyer": (name, idno, phone, address),
                "lines": lines,
                "goodsValue": goods_value,
                "freight": 10.0,
            }
        )
    return out


def _rows(kind: str, orders: list[dict], now: dt.datetime) -> list[dict]:
    rows = []
    for o in orders:
        name, idno, phone, address = o["buyer"]
        paid = o["goodsValue"] + o["freight"]
        if kind == "order":
            for i, (item, model, _, unit, qty, price, _) in enumerate(o["lines"]):
                row = {
                    "orderNo": o["orderNo"],
                    "itemName": item,
                    "gmodel": model,
                    "unit": unit,
                    "qty": qty,
                    "price": price,
                    "totalPrice": qty * price,
                    "country": "502",
                }
                if i == 0:
                    row.update(
                        goodsValue=o["goodsValue"],
                        freight=o["freight"],
                        discount=0,
                        taxTotal=0,
                        acturalPaid=paid,
                        buyerRegNo=f"user{idno[-4:]}",
                        buyerName=name,
                        buyerTelephone=phone,
                        buyerIdNumber=idno,
                        consignee=name,
                        consigneeTelephone=phone,
                        consigneeAddress=address,
                        payTransactionId=o["payTransactionId"],
                    )
                rows.append(row)
        elif kind == "payment":
            rows.append(
                {
                    "payTransactionId": o["payTransactionId"],
                    "orderNo": o["orderNo"],
                    "payerIdNumber": idno,
                    "payerName": name,
                    "telephone": phone,
                    "amountPaid": paid,
                    "payTime": now,
                }
            )
        elif kind == "logistics":
            rows.append(
                {
                    "logisticsNo": o["logisticsNo"],
                    "orderNo": o["orderNo"],
                    "freight": o["freight"],
                    "insuredFee": 0,
                    "weight": sum(w for *_, w in o["lines"]) + 0.2,
                    "consignee": name,
                    "consigneeAddress": address,
                    "consigneeTelephone": phone,
                }
            )
        elif kind == "inventory":
            for i, (item, model, gcode, unit, qty, price, weight) in enumerate(o["lines"]):
                row = {
                    "orderNo": o["orderNo"],
                    "itemName": item,
                    "gcode": gcode,
                    "gname": item,
                    "gmodel": model,
                    "InventoryList.country": "502",
                    "qty": qty,
                    "unit": unit,
                    "qty1": weight,
                    "unit1": "035",
                    "price": price,
                    "totalPrice": qty * price,
                }
                if i == 0:
                    row.update(
                        logisticsNo=o["logisticsNo"],
                        declTime=now.date(),
                        buyerIdNumber=idno,
                        buyerName=name,
                        buyerTelephone=phone,
                        consigneeAddress=address,
                        tradeMode="9610",
                        trafMode="5",
                        trafNo="MU5101",
                        voyageNo=now.strftime("%Y%m%d"),
                        billNo="999-12345678",
                        country="502",
                        freight=o["freight"],
                        insuredFee=0,
                        grossWeight=sum(w for *_, w in o["lines"]) + 0.2,
                        netWeight=sum(w for *_, w in o["lines"]),
                    )
                rows.append(row)
    return rows


def _write(kind: str, rows: list[dict], path: Path) -> Path:
    return fill_template(document_type(kind), rows, path)


def _demo_key(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key_path, cert_path = folder / "demo-key.pem", folder / "demo-cert.pem"
    if key_path.exists() and cert_path.exists():
        return key_path, cert_path
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "演示供应链有限公司"),
            x509.NameAttribute(NameOID.COMMON_NAME, "cebdesk DEMO TEST — 仅供演示，不能向海关申报"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def prepare(folder: str | Path) -> Workspace:
    """The demo workspace in ``folder``: the demo profile (with the TEST key as its signer), the
    key, and the folders. Written again each time, so the profile is always the demo's."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    key, cert = _demo_key(folder)
    profile = Profile(dict(TRANSFER), dict(DEFAULTS), signer={"key_file": str(key), "cert": str(cert)})
    atomic_write(folder / "profile.toml", (PROFILE_NOTE + dump_profile(profile)).encode("utf-8"))
    return Workspace(folder)


def is_prepared(folder: str | Path) -> bool:
    """Has the walk already been made in ``folder`` (profile, key and journal there)?"""
    folder = Path(folder)
    return all((folder / name).is_file() for name in ("profile.toml", "demo-key.pem", "journal.sqlite3"))


def walk(folder: str | Path, *, say: Callable[[str], None] = print, now: dt.datetime | None = None) -> int:
    """Excel -> journal -> signed with the demo key -> send/ -> customs simulator -> receipts.
    0 when every document was released or accepted, else 1."""
    from .exchange.simulator import Customs, run_folder
    from .spec.receipts import explain_status

    workspace = prepare(folder)
    folder = workspace.data_dir
    profile = workspace.require_profile()
    (folder / "excel").mkdir(exist_ok=True)
    now = now or dt.datetime.now().replace(microsecond=0)
    signer = KeyFileSigner(Path(profile.signer["key_file"]), cert_file=Path(profile.signer["cert"]))
    orders = _orders()
    say(f"演示目录 demo folder: {folder}")
    say(f"签名证书 signing certificate: {signer.certificate.subject.rfc4514_string()}")
    say("")

    sources = [
        _write(kind, _rows(kind, orders, now), folder / "excel" / f"{kind}.xlsx")
        for kind in ("order", "payment", "logistics", "inventory")
    ]
    # What a clerk sees when a cell is wrong: file, sheet, cell, field and rule.
    rows = _rows("inventory", orders, now)
    rows[0]["buyerIdNumber"] = None
    rows[0]["unit"] = "瓶子"
    rows[3]["declTime"] = "2024-13-40"
    mistakes = _write("inventory", rows, folder / "excel" / "inventory-with-mistakes.xlsx")
    report = convert(
        [mistakes], ConvertOptions(out_dir=folder / "checked", profile=profile, signer=signer, now=now)
    )
    say("1. 有错误的文件 a file with mistakes (expected):")
    for finding in report.findings:
        say("   " + finding.render())
    say("")

    imported = workspace.import_files(sources, now=now)
    say(
        f"2. 导入 imported: {imported.documents} 个单证（新增 {imported.new}，未变 {imported.same}，拒绝 {imported.rejected}）"
    )
    sent = workspace.send(signer)
    for name, _code, count in sent.messages:
        say(f"3. 签名并放入 send/ signed into send/: {name}（{count} 个单证）")
    outbox = workspace.outbox()
    customs = Customs(outbox.root / ".customs")
    try:
        taken = run_folder(outbox, customs)
    finally:
        customs.close()
    say(f"4. 海关模拟器处理 the customs simulator took {taken} 个报文，回执放入 receive/")
    got = workspace.receive()
    say(f"5. 读入回执 receipts read: {len(got.ingested)} 个文件，{len(got.rejected)} 个放入 error/")
    say("")
    say(f"{'单证 type':<16}{'编号 key':<28}{'回执 status':<12}说明 meaning")
    failures = len(got.rejected) + imported.rejected
    for doc in workspace.status():
        meaning, family = explain_status(doc.return_status)
        say(f"{doc.message_type:<16}{doc.key:<28}{doc.return_status or '-':<12}{meaning}（{family.value}）")
        failures += 0 if doc.return_status in ("120", "800") else 1
    say("")
    say(f"日志 journal: {folder / 'journal.sqlite3'}    报文 messages: {outbox.sent}")
    return 1 if failures else 0


def task(folder: Path, *, progress, cancelled) -> int:
    """The walk as the window runs it, in a worker process and without printing."""
    return walk(folder, say=lambda _line: None)


def simulator_task(exchange_dir: Path, *, progress, cancelled, interval: float = 0.5) -> int:
    """The local customs simulator on the outbox at ``exchange_dir``, for the window (a test
    stand-in, never customs): takes what appears in send/, answers into receive/, until
    cancelled. Reports the number of messages taken so far; returns it at the end."""
    import multiprocessing
    import time

    from .exchange.folders import Outbox
    from .exchange.simulator import Customs, run_folder

    outbox = Outbox(exchange_dir)
    customs = Customs(outbox.root / ".customs")
    window = multiprocessing.parent_process()  # a window that was killed stops it too
    total = 0
    try:
        while not cancelled() and (window is None or window.is_alive()):
            taken = run_folder(outbox, customs)
            if taken:
                total += taken
                progress(total, 0)
            time.sleep(interval)
    finally:
        customs.close()
    return total


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    return walk(Path(args[0] if args else "cebdesk-demo"))


if __name__ == "__main__":
    sys.exit(main())

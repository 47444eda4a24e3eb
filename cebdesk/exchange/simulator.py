"""A local stand-in for customs, for testers and demos (``cebdesk simulate``).

It takes messages from the outbox's send/ folder (folder mode) or by HTTP POST, checks them the
way customs does — structure, field rules, signature, duplicates — and answers with realistic
receipt sequences: 2 → 120 → 399 → 800 for an inventory, CEB900 for a message it cannot read,
negative codes for business errors (-301010 duplicate order, -621029 bad signature, …). In HTTP
mode it can be told to fail: answer 500, reset the connection, lose the answer, stall.

Export: each declaration is answered by its receipt (CEB304 … CEB216, CEB702); an export
inventory is released (800) with an invtNo made up here (customs code, year, E, serial). A
cancellation must name a released inventory; a summary (CEB701) must name released, not yet
summarised inventories of its e-commerce enterprise (or none, with a time range: then every such
inventory), and after its CEB702 (2 → 399, with a sumNo) comes a CEB792 summary result: one
declaration per group of the head-level "eight-same" elements, goods items numbered by the
line-level ones, at most 50 items a declaration.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from ..checks import check_document
from ..checks.cross import PARTNER_TYPES, Partner, Partners, choose, cross_check
from ..checks.limits import BuyerLedger
from ..files import atomic_write
from ..findings import InputError
from ..messages.build import build_message, indent, serialize
from ..messages.parse import read_message, unwrap_dxp
from ..messages.safexml import parse_bytes
from ..records import Document, XmlOrigin, new_guid
from ..signing.xmldsig import verify_message
from ..spec import Direction, document_type_for, message_type
from ..spec.identity import ID_NUMBER_FIELDS
from ..spec.receipts import RECEIPT_FOR
from ..summary.merge import MAX_ITEMS, format_amount, merge
from .dxp import cop_msg_id as envelope_cop_msg_id
from .folders import HIDDEN, PARTIAL, ClientFolders, Outbox
from .http import receipts_payload

_CLEARED = "[Code:2100;Desc:审结]"
#: The statuses each declaration goes through when all is well, with customs' wording.
SEQUENCES: dict[str, list[tuple[str, str]]] = {
    "CEB311Message": [("2", "订单新增申报成功[{guid}]"), ("120", "[Code:1800;Desc:逻辑校验通过]")],
    "CEB411Message": [("2", "支付单新增申报成功[{guid}]"), ("120", "[Code:1800;Desc:逻辑校验通过]")],
    "CEB511Message": [("2", "运单新增申报成功[{guid}]"), ("120", "[Code:1800;Desc:逻辑校验通过]")],
    "CEB513Message": [("2", "运单状态新增申报成功[{guid}]"), ("399", "[Code:2100;Desc:审结]")],
    "CEB621Message": [
        ("2", "清单新增申报成功[{guid}][电商企业编码：{ebcCode}订单编号：{orderNo}]"),
        ("120", "[Code:1800;Desc:逻辑校验通过]"),
        ("399", "[Code:2100;Desc:审结]"),
        ("800", "[Code:2600;Desc:放行]"),
    ],
    "CEB623Message": [
        ("2", "撤销申请单申报成功[{guid}]"),
        ("120", "[Code:1800;Desc:逻辑校验通过]"),
        ("399", "[Code:2100;Desc:审结]"),
    ],
    "CEB625Message": [
        ("2", "退货申请单申报成功[{guid}]"),
        ("120", "[Code:1800;Desc:逻辑校验通过]"),
        ("399", "[Code:2100;Desc:审结]"),
    ],
    "CEB711Message": [
        ("2", "入库明细单申报成功[{guid}]"),
        ("120", "[Code:1800;Desc:逻辑校验通过]"),
        ("399", "[Code:2100;Desc:审结]"),
    ],
    # export (statuses as each receipt's XSD documentation lists them, spec/receipts.py)
    "CEB303Message": [("2", "电子订单新增申报成功[{guid}]"), ("399", _CLEARED)],
    "CEB403Message": [("2", "收款单新增申报成功[{guid}]"), ("399", _CLEARED)],
    "CEB505Message": [("2", "运单新增申报成功[{guid}]"), ("399", _CLEARED)],
    "CEB507Message": [("2", "运抵单新增申报成功[{guid}]"), ("399", _CLEARED)],
    "CEB509Message": [("2", "离境单新增申报成功[{guid}]"), ("399", _CLEARED)],
    "CEB603Message": [
        ("2", "清单新增申报成功[{guid}][电商企业编码：{ebcCode}订单编号：{orderNo}]"),
        ("120", "[Code:1800;Desc:逻辑校验通过]"),
        ("399", _CLEARED),
        ("800", "[Code:2600;Desc:放行]"),
    ],
    "CEB605Message": [("2", "撤销申请单申报成功[{guid}]"), ("399", _CLEARED)],
    "CEB607Message": [("2", "清单总分单申报成功[{guid}]"), ("399", _CLEARED)],
    "CEB213Message": [
        ("2", "退货申请单申报成功[{guid}]"),
        ("120", "[Code:1800;Desc:逻辑校验通过]"),
        ("800", "[Code:2600;Desc:放行]"),
    ],
    "CEB215Message": [("2", "理货明细单申报成功[{guid}]"), ("399", _CLEARED)],
    "CEB701Message": [("2", "汇总申请单申报成功[{guid}]"), ("399", _CLEARED)],
}
#: Negative codes per declaration: (duplicate, field rules failed, signature failed). The
#: orders' codes run -301001 … -301015 in the order ceb-spec §5.3 lists them: -301008 is
#: "参数校验不通过", -301010 "已存在相同编号的订单".
ERRORS: dict[str, tuple[str, str, str]] = {
    "CEB311Message": ("-301010", "-301008", "-301006"),
    "CEB411Message": ("-401007", "-401009", "-401009"),
    "CEB511Message": ("-504015", "-504011", "-504011"),
    "CEB513Message": ("-505012", "-505011", "-505011"),
    "CEB621Message": ("-621004", "-621001", "-621029"),
    "CEB623Message": ("-623009", "-623001", "-623029"),
    "CEB625Message": ("-625009", "-625001", "-625005"),
    "CEB711Message": ("-800003", "-800001", "-800001"),
    # export: the standard publishes ranges only (spec/receipts.py EXPORT_ERROR_RANGES); the
    # simulator answers the first code of the block: business rules (a duplicate, an inventory
    # it does not know), format (field rules), signature. Return requests and tallies have no
    # published range; these are the simulator's own.
    "CEB303Message": ("-303001", "-302001", "-301001"),
    "CEB403Message": ("-403001", "-402001", "-401001"),
    "CEB505Message": ("-503001", "-502001", "-501001"),
    "CEB507Message": ("-803001", "-802001", "-801001"),
    "CEB509Message": ("-507001", "-506001", "-505001"),
    "CEB603Message": ("-603001", "-602001", "-601001"),
    "CEB605Message": ("-607001", "-606001", "-605001"),
    "CEB607Message": ("-903001", "-902001", "-901001"),
    "CEB213Message": ("-213003", "-213002", "-213001"),
    "CEB215Message": ("-215003", "-215002", "-215001"),
    "CEB701Message": ("-703001", "-702001", "-701001"),
}
#: Goods items one export customs declaration holds; more make another declaration.
MAX_DECLARATION_ITEMS = MAX_ITEMS


class Customs:
    """The simulator's judgement and memory (declared keys, CopMsgIds seen, receipts to fetch)."""

    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        state = Path(state_dir)
        state.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(
            state / "customs.sqlite3", isolation_level=None, check_same_thread=False, timeout=30
        )
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS declared (code TEXT, key TEXT, guid TEXT, PRIMARY KEY (code, key));"
            "CREATE TABLE IF NOT EXISTS seen (cop_msg_id TEXT PRIMARY KEY, sha256 TEXT, time TEXT);"
            "CREATE TABLE IF NOT EXISTS outgoing (id INTEGER PRIMARY KEY, name TEXT, data BLOB);"
            # export inventories released here: what cancellations and summaries may name
            "CREATE TABLE IF NOT EXISTS inventories (invt_no TEXT PRIMARY KEY, ebc_code TEXT, record TEXT,"
            " state TEXT, sum_no TEXT);"
            # import inventories released here: what cancellations (CEB623) and refunds (CEB625) name
            "CREATE TABLE IF NOT EXISTS import_inventories (invt_no TEXT PRIMARY KEY, record TEXT, state TEXT);"
            # quantities returned so far of each inventory line (CEB625, CEB213)
            "CREATE TABLE IF NOT EXISTS refunded (invt_no TEXT, gnum INTEGER, qty TEXT);"
            # the lists of a summary application sent in parts, kept until every part came
            "CREATE TABLE IF NOT EXISTS summary_parts (sum_no TEXT, seq TEXT, covered TEXT, PRIMARY KEY (sum_no, seq));"
            # orders, payments and waybills accepted: what an import inventory is matched against (三单对碰)
            "CREATE TABLE IF NOT EXISTS partners (code TEXT, key TEXT, order_no TEXT, logistics_no TEXT, record TEXT,"
            " PRIMARY KEY (code, key));"
        )
        self.lock = threading.Lock()
        self.serial = int(time.time() * 1000) % 10**9

    def _number(self) -> int:
        self.serial += 1
        return self.serial

    # -- judging --------------------------------------------------------------------------------
    def take(self, data: bytes, name: str, cop_msg_id: str | None = None) -> list[tuple[str, bytes]]:
        """Judge one message; the receipts it earns. A CopMsgId seen before earns nothing."""
        with self.lock:
            if cop_msg_id is None:
                try:
                    cop_msg_id = envelope_cop_msg_id(parse_bytes(data, name).getroot())
                except InputError:
                    cop_msg_id = None
            key = cop_msg_id or hashlib.sha256(data).hexdigest()
            row = self.db.execute("SELECT 1 FROM seen WHERE cop_msg_id=?", (key,)).fetchone()
            if row:
                return []
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.execute(
                    "INSERT INTO seen VALUES (?, ?, ?)",
                    (key, hashlib.sha256(data).hexdigest(), dt.datetime.now().isoformat()),
                )
                receipts = self._judge(data, name, cop_msg_id)
                self.db.executemany("INSERT INTO outgoing (name, data) VALUES (?, ?)", receipts)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            return receipts

    def _format_error(
        self, data: bytes, code: str, reason: str, cop_msg_id: str | None
    ) -> list[tuple[str, bytes]]:
        mt = message_type("CEB900Message")
        values = {
            "guid": new_guid(),
            "returnStatus": "-1",
            "returnInfo": reason[:5000],
            "returnTime": self._time(0),
            "oriCopMsgId": (cop_msg_id or "")[:255],
            "oriMessageType": code[:15],
            "oriBizMessage": data.decode("utf-8", "replace")[:100_000],
        }
        return [self._receipt(mt, [values], "-1")]

    def _judge(self, data: bytes, name: str, cop_msg_id: str | None) -> list[tuple[str, bytes]]:
        try:
            tree = unwrap_dxp(parse_bytes(data, name), name)
            parsed = read_message(tree, name)
        except InputError as exc:
            return self._format_error(
                data,
                "Unknown",
                "[0001] 报文格式错误: " + "; ".join(f.message() for f in exc.findings),
                cop_msg_id,
            )
        mt = parsed.message
        structure = [f for f in parsed.findings if f.is_error]
        if structure or mt.direction is not Direction.DECLARATION:
            reason = "; ".join(f.render() for f in structure) or f"{mt.code} 不是申报报文"
            return self._format_error(
                data,
                mt.code,
                "[0002] 数据包不能通过 schema 验证: " + reason,
                cop_msg_id or parsed.envelope.guid,
            )
        duplicate, invalid, bad_signature = ERRORS[mt.code]
        signature_ok = True
        if parsed.envelope.signed or mt.signature == "required":
            signature_ok = verify_message(tree.getroot(), name).valid
        doc_type = document_type_for(mt)
        answers: list[tuple[dict[str, str], list[tuple[str, str]]]] = []
        results: list[tuple[dict[str, str], list[dict[str, str]]]] = []
        for doc in parsed.documents:
            key = doc_type.business_key(doc.head) if doc_type else doc.head.get("guid", "")
            if mt.parts:  # each part of a split document is declared once
                key = f"{key}#{doc.head.get('msgSeqNo', '')}"
            if not signature_ok:
                answers.append((doc.head, [(bad_signature, "验签失败")]))
                continue
            problems = [f for f in check_document(doc) if f.is_error]
            identity = next((f for f in problems if f.rule.startswith("id.")), None)
            if identity is not None:  # customs checks the identity number before anything else
                who = ID_NUMBER_FIELDS[identity.element or ""][1]
                answers.append((doc.head, [(invalid, f"{who}身份信息校验不通过")]))
                continue
            if problems:
                answers.append(
                    (doc.head, [(invalid, "参数校验不通过，" + "; ".join(f.render() for f in problems[:3]))])
                )
                continue
            declared = self.db.execute(
                "SELECT guid FROM declared WHERE code=? AND key=?", (mt.code, key)
            ).fetchone()
            if declared and doc.head.get("appType", "1") == "1":
                answers.append((doc.head, [(duplicate, f"已存在相同编号的单证[{key}]")]))
                continue
            refused = self._business(mt.code, doc.head, doc.lines)
            if refused:
                code, text = refused if isinstance(refused, tuple) else (duplicate, refused)
                answers.append((doc.head, [(code, text)]))
                continue
            self.db.execute(
                "INSERT OR REPLACE INTO declared VALUES (?, ?, ?)", (mt.code, key, doc.head.get("guid", ""))
            )
            self._accepted(mt.code, doc.head, doc.lines, results)
            answers.append(
                (
                    doc.head,
                    [
                        (s, text.format(**{**doc.head, "guid": doc.head.get("guid", "")}))
                        for s, text in SEQUENCES[mt.code]
                    ],
                )
            )
        receipts = self._receipts(mt.code, answers)
        if results:
            receipts.append(self._summary_result(results, len(SEQUENCES[mt.code])))
        return receipts

    # -- export: what customs knows of inventories ------------------------------------------------
    def _business(
        self, code: str, head: dict[str, str], lines: list[dict[str, str]]
    ) -> str | tuple[str, str] | None:
        """Why customs refuses a document on business grounds — the reason (answered with the
        type's business code) or (returnStatus, reason) — or None."""
        if code in ("CEB623Message", "CEB625Message", "CEB213Message"):
            return self._follow_up(code, head, lines)
        if code == "CEB621Message":
            return self._cross_and_limits(head, lines)
        if code == "CEB605Message":
            row = self.db.execute(
                "SELECT state FROM inventories WHERE invt_no=?", (head.get("invtNo"),)
            ).fetchone()
            if row is None:
                return f"系统中不存在清单编号为[{head.get('invtNo', '')}]的清单"
            if row[0] != "released":
                return f"清单[{head.get('invtNo', '')}]的状态不符合撤单申报要求"
        if code == "CEB701Message":
            if not lines and not (head.get("startTime") and head.get("endTime")):
                return "汇总申请单未列清单，也未指定汇总时间范围"
            for invt_no in [line.get("invtNo", "") for line in lines]:
                row = self.db.execute(
                    "SELECT ebc_code, state, sum_no, record FROM inventories WHERE invt_no=?", (invt_no,)
                ).fetchone()
                if row is None:
                    return f"清单[{invt_no}]不存在或未放行"
                if row[0] != head.get("ebcCode"):
                    return f"清单[{invt_no}]的电商企业与汇总申请单不符"
                if row[1] != "released" or (row[2] and row[2] != _sum_no(head)):
                    return f"清单[{invt_no}]已撤销或已汇总"
                if json.loads(row[3])["head"].get("statisticsFlag") == "A":
                    return f"清单[{invt_no}]为简化申报（A），不参与汇总"
        return None

    def _cross_and_limits(self, head: dict[str, str], lines: list[dict[str, str]]) -> tuple[str, str] | None:
        """An import inventory against the buyer's limits and against the order, payment and
        waybill declared here (三单对碰), with the comparison cebdesk makes before signing
        (checks/cross.py, checks/limits.py). Codes: -621005 over the single limit, -621018 over
        the annual limit (ceb-spec §5.3); a mismatch: -621001 (清单报文校验失败, the standard's
        code for an inventory that fails customs' checks; no finer code is published). A partner
        not declared here is no refusal (someone else may have declared it)."""
        doc = Document(message_type("CEB621Message"), head, lines, XmlOrigin("inventory", "/"))
        partners = {}
        for kind, code in PARTNER_TYPES.items():
            number, column = (
                (head.get("logisticsNo", ""), "logistics_no") if kind == "waybill" else (head.get("orderNo", ""), "order_no")
            )
            rows = self.db.execute(
                f"SELECT key, record FROM partners WHERE code=? AND {column}=? ORDER BY rowid DESC", (code, number)
            ).fetchall()
            candidates = [Partner(kind, code, key, **json.loads(record)) for key, record in rows]
            partners[kind] = choose(kind, candidates, head)
        rmb = lambda value, currency: value if currency == "142" else None  # noqa: E731 - the standard: 142 only
        ledger = BuyerLedger(self._buyer_inventories, rmb)
        for finding in ledger.check(doc):
            if finding.rule == "limit.single":
                return "-621005", f"购买金额超过单笔限额：{finding.message()}"
            if finding.rule == "limit.annual":
                return "-621018", f"购买将超过年度限额：{finding.message()}"
        problems = [f for f in cross_check(doc, Partners(**partners)) if f.is_error]
        if problems:
            return "-621001", "清单报文校验失败，三单对碰不一致：" + "; ".join(
                f"{f.element or ''} {f.message()}".strip() for f in problems[:3]
            )
        return None

    def _buyer_inventories(self, id_number: str):
        """The released, not cancelled import inventories of a buyer (the annual limit)."""
        for (record,) in self.db.execute("SELECT record FROM import_inventories WHERE state='released'"):
            values = json.loads(record)
            if values["head"].get("buyerIdNumber") == id_number:
                head = values["head"]
                yield f"{head.get('orderNo', '')}/{head.get('ebpCode', '')}", head, values["lines"]

    def _follow_up(self, code: str, head: dict[str, str], lines: list[dict[str, str]]) -> tuple[str, str] | None:
        """An import cancellation (CEB623) or a return request (CEB625, export CEB213) names an
        inventory customs released and not cancelled, by its invtNo; a return request's lines
        name that inventory's lines (gnum) and return no more than the list declared, with what
        earlier return requests took. Codes: those ceb-spec §5.3 publishes (-623003 no such
        inventory, -623005 its state does not allow a cancellation, -625209 no such line); the
        others are the simulator's own in the same range (-625003, -625004, -625010; export
        -213xxx, whose range is not published)."""
        invt_no = head.get("invtNo", "")
        table = "inventories" if code == "CEB213Message" else "import_inventories"
        row = self.db.execute(f"SELECT state, record FROM {table} WHERE invt_no=?", (invt_no,)).fetchone()
        own = {
            "CEB623Message": ("-623003", "-623005", "-623005", "-623005"),
            "CEB625Message": ("-625003", "-625004", "-625209", "-625010"),
            "CEB213Message": ("-213003", "-213004", "-213005", "-213006"),
        }[code]
        unknown, state, no_line, too_many = own
        if row is None:
            return unknown, f"系统中不存在清单编号为[{invt_no}]的清单"
        if row[0] != "released":
            return state, f"清单[{invt_no}]已撤销，状态不符合{'撤单' if code == 'CEB623Message' else '退货'}申报要求"
        if code == "CEB623Message":
            if self.db.execute("SELECT 1 FROM refunded WHERE invt_no=?", (invt_no,)).fetchone():
                return state, f"清单[{invt_no}]已申请退货，状态不符合撤单申报要求"
            return None
        declared = {}
        for line in json.loads(row[1])["lines"]:
            try:
                declared[int(line.get("gnum", "0"))] = Decimal(line.get("qty", "0"))
            except (ValueError, ArithmeticError):
                continue
        for line in lines:
            try:
                gnum, qty = int(line.get("gnum", "0")), Decimal(line.get("qty", "0"))
            except (ValueError, ArithmeticError):
                return no_line, f"表体序号[{line.get('gnum', '')}]或数量[{line.get('qty', '')}]无效"
            if gnum not in declared:
                return no_line, f"在关联的清单中未找到表体序号[{gnum}]"
            taken = sum(
                (Decimal(r[0]) for r in self.db.execute(
                    "SELECT qty FROM refunded WHERE invt_no=? AND gnum=?", (invt_no, gnum)
                )),
                Decimal(0),
            )  # fmt: skip
            if qty + taken > declared[gnum]:
                return too_many, (
                    f"表体第[{gnum}]项退货数量[{qty}]超过清单申报数量[{declared[gnum]}]"
                    + (f"（已退[{taken}]）" if taken else "")
                )
        return None

    def _accepted(
        self,
        code: str,
        head: dict[str, str],
        lines: list[dict[str, str]],
        results: list[tuple[dict[str, str], list[dict[str, str]]]],
    ) -> None:
        """Remember what later export documents name: released inventories, cancelled ones,
        summarised ones (their summary result is made after the CEB702)."""
        if code == "CEB603Message":
            invt_no = self._invt_no(code, head)
            record = json.dumps({"head": head, "lines": lines}, ensure_ascii=False)
            # a modification keeps what customs knows of it (cancelled, summarised)
            self.db.execute(
                "INSERT INTO inventories VALUES (?, ?, ?, 'released', NULL)"
                " ON CONFLICT (invt_no) DO UPDATE SET record=excluded.record",
                (invt_no, head.get("ebcCode", ""), record),
            )
        elif code == "CEB605Message":
            self.db.execute("UPDATE inventories SET state='cancelled' WHERE invt_no=?", (head.get("invtNo"),))
        elif code == "CEB621Message":
            record = json.dumps({"head": head, "lines": lines}, ensure_ascii=False)
            self.db.execute(
                "INSERT INTO import_inventories VALUES (?, ?, 'released')"
                " ON CONFLICT (invt_no) DO UPDATE SET record=excluded.record",
                (self._invt_no(code, head), record),
            )
        elif code == "CEB623Message":
            self.db.execute("UPDATE import_inventories SET state='cancelled' WHERE invt_no=?", (head.get("invtNo"),))
        elif code in PARTNER_TYPES.values():
            key = document_type_for(message_type(code)).business_key(head)
            self.db.execute(
                "INSERT OR REPLACE INTO partners VALUES (?, ?, ?, ?, ?)",
                (
                    code,
                    key,
                    head.get("orderNo", ""),
                    head.get("logisticsNo", ""),
                    json.dumps({"head": head, "lines": lines}, ensure_ascii=False),
                ),
            )
        elif code in ("CEB625Message", "CEB213Message"):
            self.db.executemany(
                "INSERT INTO refunded VALUES (?, ?, ?)",
                [(head.get("invtNo", ""), int(line.get("gnum", "0")), line.get("qty", "0")) for line in lines],
            )
        elif code == "CEB701Message":
            numbers = [line.get("invtNo", "") for line in lines]
            if not numbers:  # a time range: every released inventory of the enterprise not summarised
                numbers = [
                    r[0]
                    for r in self.db.execute(
                        "SELECT invt_no, record FROM inventories WHERE ebc_code=? AND state='released'"
                        " AND sum_no IS NULL ORDER BY invt_no",
                        (head.get("ebcCode", ""),),
                    )
                    if json.loads(r[1])["head"].get("statisticsFlag") != "A"
                ]
            sum_no = _sum_no(head)
            covered = []
            for invt_no in numbers:
                row = self.db.execute("SELECT record FROM inventories WHERE invt_no=?", (invt_no,)).fetchone()
                self.db.execute("UPDATE inventories SET sum_no=? WHERE invt_no=?", (sum_no, invt_no))
                covered.append({"invtNo": invt_no, **json.loads(row[0])})
            count = head.get("msgCount") or "1"
            if count.isdigit() and int(count) > 1:  # one application in parts: merged as a whole
                self.db.execute(
                    "INSERT OR REPLACE INTO summary_parts VALUES (?, ?, ?)",
                    (sum_no, head.get("msgSeqNo") or "1", json.dumps(covered, ensure_ascii=False)),
                )
                parts = self.db.execute(
                    "SELECT covered FROM summary_parts WHERE sum_no=? ORDER BY CAST(seq AS INTEGER)", (sum_no,)
                ).fetchall()
                if len(parts) < int(count):
                    return  # its result waits for the other parts
                covered = [c for (text,) in parts for c in json.loads(text)]
            results.append(({**head, "sumNo": sum_no}, covered))

    def _summary_result(
        self, results: list[tuple[dict[str, str], list[dict]]], step: int
    ) -> tuple[str, bytes]:
        """The CEB792 for the summaries accepted in one message: the inventories of each grouped
        by the head-level "eight-same" elements into declarations, their goods items by the
        line-level ones (final destination country, HS code, currency), at most
        ``MAX_DECLARATION_ITEMS`` items a declaration: :func:`cebdesk.summary.merge.merge`, the
        rule the summary preview uses too."""
        mt = message_type("CEB792Message")
        documents = []
        for head, inventories in results:
            declarations = merge(
                ((i["invtNo"], i["head"], i["lines"]) for i in inventories),
                by_owner=head.get("summaryFlag") == "2",
                max_items=MAX_DECLARATION_ITEMS,
                keep_rows=True,
            )
            for serial, declaration in enumerate(declarations):
                weights = [declaration.gross_weight, declaration.net_weight]
                documents.append(self._declaration(head, serial, weights, declaration.rows, step))
        root = build_message(mt, documents)
        indent(root)
        return f"CEB792_{self._number():010d}_result.xml", serialize(root)

    def _declaration(
        self, head: dict[str, str], serial: int, weights: list[Decimal], rows: list[dict[str, str]], step: int
    ) -> Document:
        """One summary result: the numbers customs gives the export declaration."""
        mt = message_type("CEB792Message")
        number = _serial(f"{head.get('sumNo')}#{serial}")
        customs = (head.get("customsCode") or "0000")[:4]
        values = {
            "guid": new_guid(),
            "customsCode": customs,
            "sumNo": head.get("sumNo", ""),
            "opDate": self._time(step),
            "declSeqNo": f"D{dt.date.today():%Y%m%d}{number:09d}",
            "entryId": f"{customs}{dt.date.today():%Y}0{number:09d}",
            "decState": "A",
            **{k: head.get(k, "") for k in ("agentCode", "agentName", "ebcCode", "ebcName")},
            **{k: head.get(k, "") for k in ("declAgentCode", "declAgentName")},
            "grossWeight": format_amount(weights[0]),
            "netWeight": format_amount(weights[1]),
            "msgCount": "1",
            "msgSeqNo": "1",
        }
        return Document(mt, values, rows, XmlOrigin("customs", "/"))

    @staticmethod
    def _invt_no(code: str, head: dict[str, str]) -> str:
        """The invtNo customs gives an inventory: customs code, year, I or E, a serial (stable
        for the document, so a modification keeps it)."""
        if code == "CEB603Message":
            if head.get("invtNo"):  # a modification names the number customs gave
                return head["invtNo"]
            doc_type = document_type_for(message_type(code))
            number = _serial(f"{code}:{doc_type.business_key(head) if doc_type else head.get('copNo')}")
            return f"{head.get('customsCode', '0000')[:4]}{dt.date.today():%Y}E{number:09d}"
        if code == "CEB621Message":  # stable for the inventory (orderNo/ebpCode): a modification keeps it
            if head.get("invtNo"):
                return head["invtNo"]
            doc_type = document_type_for(message_type(code))
            number = _serial(f"{code}:{doc_type.business_key(head) if doc_type else head.get('copNo')}")
            return f"{head.get('customsCode', '0000')[:4]}{dt.date.today():%Y}I{number:09d}"
        number = int(hashlib.sha256(json.dumps(head, sort_keys=True).encode()).hexdigest()[:8], 16) % 10**9
        return f"{head.get('customsCode', '0000')[:4]}{dt.date.today():%Y}I{number:09d}"

    # -- receipts -------------------------------------------------------------------------------
    def _time(self, step: int) -> str:
        moment = dt.datetime.now() + dt.timedelta(milliseconds=step)
        return moment.strftime("%Y%m%d%H%M%S") + f"{moment.microsecond // 1000:03d}"

    def _return_values(
        self, entity, head: dict[str, str], status: str, info: str, step: int, code: str = ""
    ) -> dict[str, str]:
        number = int(hashlib.sha256(json.dumps(head, sort_keys=True).encode()).hexdigest()[:8], 16) % 10**9
        values = {}
        for f in entity.fields:
            if f.name == "guid":
                values["guid"] = new_guid()
            elif f.name == "returnStatus":
                values[f.name] = status
            elif f.name == "returnInfo":
                values[f.name] = info[:1000]
            elif f.name == "returnTime":
                values[f.name] = self._time(step)
            elif f.name == "preNo":
                values[f.name] = f"B{dt.date.today():%Y%m%d}{number:09d}"
            elif f.name == "invtNo":
                values[f.name] = head.get("invtNo") or self._invt_no(code, head)
            elif f.name == "sumNo" and not status.startswith("-"):
                values[f.name] = _sum_no(head)
            elif f.name == "rkdNo":
                values[f.name] = f"R{dt.date.today():%Y%m%d}{number:09d}"
            elif f.name == "copNo":
                values[f.name] = head.get("copNo") or head.get("orderNo", head.get("billNo", "UNKNOWN"))[:20]
            elif head.get(f.name):
                values[f.name] = head[f.name]
        return values

    def _receipt(self, mt, values: list[dict[str, str]], status: str) -> tuple[str, bytes]:
        docs = [Document(mt, v, [], XmlOrigin("customs", "/")) for v in values]
        root = build_message(mt, docs)
        indent(root)
        name = f"{mt.code.removesuffix('Message')}_{self._number():010d}_{status.lstrip('-')}.xml"
        return name, serialize(root)

    def _receipts(self, code: str, answers) -> list[tuple[str, bytes]]:
        mt = message_type(RECEIPT_FOR[code])
        longest = max((len(steps) for _, steps in answers), default=0)
        receipts = []
        for step in range(longest):
            values = [
                self._return_values(mt.head, head, *steps[step], step, code)
                for head, steps in answers
                if step < len(steps)
            ]
            status = (
                "-" if any(v["returnStatus"].startswith("-") for v in values) else values[0]["returnStatus"]
            )
            receipts.append(self._receipt(mt, values, status.lstrip("-") or "err"))
        return receipts

    def outgoing_after(self, after: int) -> list[tuple[int, str, bytes]]:
        with self.lock:
            return list(
                self.db.execute(
                    "SELECT id, name, data FROM outgoing WHERE id>? ORDER BY id LIMIT 500", (after,)
                )
            )

    def close(self) -> None:
        self.db.close()


def _serial(text: str) -> int:
    """A 9-digit number that is always the same for ``text``."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % 10**9


def _sum_no(head: dict[str, str]) -> str:
    """The summary number customs gives a summary application (18 characters)."""
    if head.get("sumNo"):
        return head["sumNo"]
    number = _serial(f"CEB701:{head.get('copNo', '')}/{head.get('agentCode', '')}")
    return f"S{dt.date.today():%Y%m%d}{number:09d}"


# -- folder mode ----------------------------------------------------------------------------------
def run_folder(outbox: Outbox, customs: Customs) -> int:
    """Take every message waiting in send/, answer into receive/. Returns how many were taken."""
    taken = customs_dir(outbox)
    count = 0
    for path in sorted(p for p in outbox.send.iterdir() if p.is_file() and not p.name.startswith(HIDDEN)):
        data = path.read_bytes()
        for name, receipt in customs.take(data, path.name):
            atomic_write(outbox.receive / name, receipt)
        os.replace(path, taken / path.name)  # the transfer client takes the file away
        count += 1
    return count


class TransferClient:
    """A stand-in for the transfer client on its folders (``ClientFolders``): takes each message
    from a module's OutBox into SentBox and hands it to ``customs``, whose receipts it writes
    into the module's InBox; a message ``refuse`` returns a note for is moved to FailBox instead,
    with the note beside it (NAME-without-.xml + ``.txt``, in GB18030 as a Chinese Windows writes
    it; an empty note: no note file). ``running`` False: a client that is not running takes
    nothing."""

    def __init__(
        self,
        folders: ClientFolders,
        customs: Customs,
        *,
        refuse: Callable[[str, bytes], str | None] | None = None,
        running: bool = True,
    ) -> None:
        self.folders = folders
        self.customs = customs
        self.refuse = refuse
        self.running = running
        for module in folders.modules:  # the client makes its folders when it is installed
            for box in module.boxes:
                box.mkdir(parents=True, exist_ok=True)

    def run(self) -> int:
        """Take what waits in every OutBox; how many messages were taken (refused ones too)."""
        if not self.running:
            return 0
        count = 0
        for module in self.folders.modules:
            for path in sorted(module.outbox.iterdir()):
                if not path.is_file() or path.name.startswith(HIDDEN) or path.name.endswith(PARTIAL):
                    continue
                data = path.read_bytes()
                note = self.refuse(path.name, data) if self.refuse else None
                if note is not None:
                    if note:
                        atomic_write(module.failbox / (path.stem + ".txt"), note.encode("gb18030"))
                    os.replace(path, module.failbox / path.name)
                    count += 1
                    continue
                os.replace(path, module.sentbox / path.name)
                for name, receipt in self.customs.take(data, path.name):
                    atomic_write(module.inbox / name, receipt)
                count += 1
        return count


def customs_dir(outbox: Outbox) -> Path:
    folder = outbox.root / ".customs" / "taken"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- HTTP mode ------------------------------------------------------------------------------------
class Faults:
    """Failures to play, one per incoming POST, in order: "500", "reset" (connection closed
    unanswered, message not taken), "drop" (message taken, answer lost), "stall:S" (answer
    after S seconds)."""

    def __init__(self, plan: Iterable[str] = ()) -> None:
        self.plan = list(plan)
        self.lock = threading.Lock()
        self.played: list[str] = []

    def next(self) -> str | None:
        with self.lock:
            if not self.plan:
                return None
            fault = self.plan.pop(0)
            self.played.append(fault)
            return fault


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], customs: Customs, faults: Faults | None = None) -> None:
        if address[0] not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the simulator listens on loopback only")
        super().__init__(address, _Handler)
        self.customs = customs
        self.faults = faults or Faults()

    scheme = "http"

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"{self.scheme}://{host}:{port}"


class _Handler(BaseHTTPRequestHandler):
    server: SimulatorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # quiet
        pass

    def _send(self, code: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _reset(self) -> None:
        self.close_connection = True
        try:
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def do_POST(self) -> None:  # noqa: N802
        if urlparse(self.path).path != "/cebmsg":
            self._send(404, b'{"error": "not found"}')
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > 64 * 1024 * 1024:
            self._send(413, b'{"error": "too large"}')
            return
        data = self.rfile.read(length)
        fault = self.server.faults.next()
        if fault == "500":
            self._send(500, b'{"error": "simulated server error"}')
            return
        if fault == "reset":
            self._reset()
            return
        if fault and fault.startswith("stall:"):
            time.sleep(float(fault.split(":", 1)[1]))
        receipts = self.server.customs.take(
            data, self.headers.get("X-File-Name") or "message.xml", self.headers.get("X-Cop-Msg-Id")
        )
        if fault == "drop":
            self._reset()
            return
        self._send(200, json.dumps({"status": "received" if receipts else "duplicate"}).encode())

    def do_GET(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        if url.path != "/receipts":
            self._send(404, b'{"error": "not found"}')
            return
        after = int(parse_qs(url.query).get("after", ["0"])[0] or 0)
        self._send(200, receipts_payload(self.server.customs.outgoing_after(after)))


def serve_http(
    host: str,
    port: int,
    customs: Customs,
    faults: Faults | None = None,
    *,
    tls: tuple[str, str] | None = None,
) -> SimulatorServer:
    """Start the simulator's HTTP face in a background thread; ``shutdown()`` stops it.
    ``tls``: (certificate, key) PEM files to serve HTTPS."""
    server = SimulatorServer((host, port), customs, faults)
    if tls is not None:
        import ssl

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        server.scheme = "https"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

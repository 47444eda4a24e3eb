"""Receipts: good ones are read whatever their wrapping; bad and hostile ones go to error/ with
a reason, and never stop the others."""

from __future__ import annotations

import base64
import os
import time
from datetime import datetime, timedelta

from cebdesk.exchange.receipts import ingest

ORDER_RETURN = (
    '<?xml version="1.0" encoding="{enc}"?>\n'
    '<CEB312Message xmlns="http://www.chinaport.gov.cn/ceb" guid="BDF401B3-36D7-4A73-BCAD-292E9F053C6D" version="1.0">'
    "<OrderReturn><guid>ffb617c6-7349-4d92-a9c0-2c914c1678d8</guid><ebpCode>{ebp}</ebpCode>"
    "<ebcCode>420196T001</ebcCode><orderNo>{order}</orderNo><returnStatus>{status}</returnStatus>"
    "<returnTime>{time}</returnTime><returnInfo>{info}</returnInfo></OrderReturn></CEB312Message>"
)


def order_return(
    order: str, status="100", info="订单退单：测试", time="20240101000000000", enc="UTF-8", ebp="420196T001"
) -> str:
    return ORDER_RETURN.format(order=order, status=status, info=info, time=time, enc=enc, ebp=ebp)


def dxp(inner: bytes, *, sv: bool = False) -> bytes:
    msg = (
        '<DxpMsg xmlns="http://www.chinaport.gov.cn/dxp" ver="1.0"><TransInfo><CopMsgId>X</CopMsgId>'
        "<SenderId>DXPEDCCEB0000002</SenderId><ReceiverIds><ReceiverId>DXPENT0000000001</ReceiverId></ReceiverIds>"
        "<CreatTime>2024-01-01T00:00:00</CreatTime><MsgType>CEB312Message</MsgType></TransInfo>"
        f"<Data>{base64.b64encode(inner).decode()}</Data></DxpMsg>"
    )
    if sv:
        msg = (
            '<DxpMsgSv xmlns="http://www.chinaport.gov.cn/dxp" ver="1.0"><SvNo Ver="1.0"><MsgId>1</MsgId>'
            "<SendTime>2024-01-01T00:00:00</SendTime><EndNode>1</EndNode><StaNode>2</StaNode></SvNo>"
            + msg
            + "</DxpMsgSv>"
        )
    return msg.encode()


def test_receipts_from_the_simulator_bring_every_document_to_its_final_status(sent):
    journal, outbox, _ = sent
    report = ingest(journal, outbox)
    assert not report.rejected
    finals = {d.message_type: d.customs_status for d in journal.documents()}
    assert finals == {"CEB311Message": "120", "CEB621Message": "800"}
    inventory = next(d for d in journal.documents() if d.message_type == "CEB621Message")
    statuses = [r["return_status"] for r in journal.receipts_for(inventory.id)]
    assert statuses == ["2", "120", "399", "800"]
    assert all(not p.name.endswith(".xml") for p in outbox.receive.iterdir() if p.is_file())


def test_hostile_and_broken_receipts_go_to_error_with_a_reason(sent, tmp_path):
    journal, outbox, _ = sent
    ingest(journal, outbox)
    order = next(d for d in journal.documents() if d.message_type == "CEB311Message")
    number, ebp = order.head["orderNo"], order.head["ebpCode"]
    good = order_return(number, ebp=ebp).encode()
    bad = {
        "truncated.xml": good[: len(good) // 2],
        "gbk-declared-utf8.xml": order_return(number, info="订单退单", ebp=ebp).encode("gbk"),
        "not-gb2312.xml": order_return(number, enc="GB2312", ebp=ebp)
        .encode("utf-8")
        .replace(b"\xe8\xae\xa2", b"\xff\xff\xff"),
        "xxe.xml": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><CEB312Message>&x;</CEB312Message>',
        "laughs.xml": b'<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><r>&b;</r>',
        "unknown-type.xml": b'<CEB999Message xmlns="http://www.chinaport.gov.cn/ceb" guid="x" version="1.0"/>',
        "a-declaration.xml": next(outbox.sent.glob("*/CEB311Message_*.xml")).read_bytes(),
        "unknown-order.xml": order_return("NO-SUCH-ORDER").encode(),
        "huge.xml": b"<a>" + b"x" * (9 * 1024 * 1024) + b"</a>",
        "empty.xml": b"",
        "pdf.xml": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        "dxp-bad-base64.xml": dxp(b"").replace(b"<Data></Data>", b"<Data>@@@@</Data>"),
        "dxp-garbage.xml": dxp(b"this is not xml"),
        "html.xml": b"<html><body>502 Bad Gateway</body></html>",
        "out-of-order.xml": good.replace(
            f"<ebpCode>{ebp}</ebpCode><ebcCode>420196T001</ebcCode>".encode(),
            f"<ebcCode>420196T001</ebcCode><ebpCode>{ebp}</ebpCode>".encode(),
        ),
        "no-namespace.xml": good.replace(b' xmlns="http://www.chinaport.gov.cn/ceb"', b""),
        "ceb900-unknown-message.xml": (
            b'<CEB900Message xmlns="http://www.chinaport.gov.cn/ceb" guid="A" version="1.0"><MessageReturn>'
            b"<guid>A</guid><returnStatus>-1</returnStatus><returnInfo>x</returnInfo><returnTime>20240101000000000</returnTime>"
            b"<oriCopMsgId>NOT-OURS</oriCopMsgId><oriMessageType>CEB311Message</oriMessageType><oriBizMessage/></MessageReturn></CEB900Message>"
        ),
    }
    good_ones = {
        "a-gb18030-default-ns.xml": order_return(
            number,
            status="399",
            info="审结",
            time=f"{datetime.now() + timedelta(hours=1):%Y%m%d%H%M%S}001",
            enc="GB18030",
            ebp=ebp,
        ).encode("gb18030"),
        "b-in-dxpmsgsv.xml": dxp(
            order_return(number, status="120", time="20000101000000000", ebp=ebp).encode(), sv=True
        ),
    }
    an_hour_ago = time.time() - 3600  # a broken file that has lain there long is not one still being written
    for name, data in {**bad, **good_ones}.items():
        (outbox.receive / name).write_bytes(data)
        os.utime(outbox.receive / name, (an_hour_ago, an_hour_ago))
    (outbox.receive / "c-duplicate.xml").write_bytes(good_ones["a-gb18030-default-ns.xml"])
    report = ingest(journal, outbox)
    assert len(bad) >= 15
    rejected = dict(report.rejected)
    assert set(rejected) == set(bad), set(rejected) ^ set(bad)
    for name in bad:
        assert (outbox.error / name).exists()
        reason = (outbox.error / f"{name}.reason.txt").read_text(encoding="utf-8")
        assert reason.strip(), name
    assert "DTD" in (outbox.error / "xxe.xml.reason.txt").read_text(encoding="utf-8")
    assert "too large" in rejected["huge.xml"]
    assert "no document" in rejected["unknown-order.xml"]
    assert sorted(report.ingested) == ["a-gb18030-default-ns.xml", "b-in-dxpmsgsv.xml"]
    assert report.duplicates == ["c-duplicate.xml"]
    document = journal.document(order.id)
    assert document.customs_status == "399"  # the latest returnTime wins, not the last file read
    raw = journal.db.execute(
        "SELECT raw FROM receipt_files WHERE file_name='a-gb18030-default-ns.xml'"
    ).fetchone()[0]
    assert raw == good_ones["a-gb18030-default-ns.xml"]  # kept verbatim

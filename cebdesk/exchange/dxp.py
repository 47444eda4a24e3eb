"""The DXP terminal-node envelope (DxpMsg): SenderId, ReceiverId, MsgType, CopMsgId, CreatTime,
and the signed business message base64-encoded in Data."""

from __future__ import annotations

import base64
import datetime as dt

from lxml import etree

NS_DXP = "http://www.chinaport.gov.cn/dxp"
#: Customs' receivers (not in the official PDFs; every public implementation uses them).
IMPORT_RECEIVER = "DXPEDCCEB0000002"
EXPORT_RECEIVER = "DXPEDCCEB0000003"


def receiver_for(msg_type: str) -> str:
    """Customs' node for a message: export messages go to the export node, the others to the
    import node."""
    from ..spec import EXPORT_DECLARATIONS, EXPORT_RECEIPTS

    return EXPORT_RECEIVER if msg_type in EXPORT_DECLARATIONS or msg_type in EXPORT_RECEIPTS else IMPORT_RECEIVER


def wrap(
    data: bytes,
    *,
    cop_msg_id: str,
    sender: str,
    msg_type: str,
    receiver: str | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    if not 1 <= len(sender) <= 16:
        raise ValueError(f"DXP SenderId must be 1 to 16 characters, got {sender!r}")
    q = lambda name: f"{{{NS_DXP}}}{name}"  # noqa: E731
    root = etree.Element(q("DxpMsg"), nsmap={"dxp": NS_DXP}, ver="1.0")
    info = etree.SubElement(root, q("TransInfo"))
    etree.SubElement(info, q("CopMsgId")).text = cop_msg_id
    etree.SubElement(info, q("SenderId")).text = sender
    receivers = etree.SubElement(info, q("ReceiverIds"))
    etree.SubElement(receivers, q("ReceiverId")).text = receiver or receiver_for(msg_type)
    etree.SubElement(info, q("CreatTime")).text = (now or dt.datetime.now()).strftime("%Y-%m-%dT%H:%M:%S")
    etree.SubElement(info, q("MsgType")).text = msg_type
    etree.SubElement(root, q("Data")).text = base64.b64encode(data).decode("ascii")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8")


def cop_msg_id(root: etree._Element) -> str | None:
    """CopMsgId of a parsed DxpMsg (None when the root is not a DXP envelope)."""
    node = root.find(f".//{{{NS_DXP}}}CopMsgId")
    return node.text if node is not None else None

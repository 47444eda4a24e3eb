"""The one XML parser cebdesk uses for anything it did not write itself.

No DTDs, no entities, no network, no huge trees: a message with a DOCTYPE is refused outright
(XXE and entity-expansion attacks both need one), with a clear reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from ..findings import Finding, InputError, Location

MAX_BYTES = 64 * 1024 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
    )


def parse_bytes(data: bytes, name: str = "<bytes>") -> etree._ElementTree:
    where = Location(name)
    if len(data) > MAX_BYTES:
        raise InputError([Finding(where, "xml.too_large", params={"size": len(data), "limit": MAX_BYTES})])
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError([Finding(where, "xml.malformed", params={"detail": str(exc)[:300]})]) from None
    tree = root.getroottree()
    info = tree.docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise InputError([Finding(where, "xml.forbidden", params={"detail": "DOCTYPE"})])
    for node in root.iter(etree.Entity):  # unresolved entity references left in the tree
        raise InputError([Finding(where, "xml.forbidden", params={"detail": f"&{node.name};"})])
    return tree


def parse_file(path: str | os.PathLike[str]) -> etree._ElementTree:
    p = Path(path)
    where = Location(str(path))
    try:
        size = p.stat().st_size
    except OSError:
        raise InputError([Finding(where, "file.missing")]) from None
    if size > MAX_BYTES:
        raise InputError([Finding(where, "xml.too_large", params={"size": size, "limit": MAX_BYTES})])
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError([Finding(where, "file.unreadable", params={"detail": exc.strerror})]) from None
    return parse_bytes(data, str(path))

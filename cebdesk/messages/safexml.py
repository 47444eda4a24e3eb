"""The one XML parser cebdesk uses for anything it did not write itself.

No DTDs, no entities, no network, no huge trees: a message with a DOCTYPE is refused outright
(XXE and entity-expansion attacks both need one), with a clear reason.
"""

from __future__ import annotations

import codecs
import os
import re
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


_DECLARATION = re.compile(rb"\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_UTF8_BOM = b"\xef\xbb\xbf"
#: Chinese encodings a message may honestly be written in; the bytes are tried in these when
#: they are not what the declaration says.
_GUESSES = ("utf-8", "gb18030")


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def check_encoding(data: bytes, name: str) -> None:
    """Refuse bytes that are not in the encoding the XML declaration names (no declaration:
    UTF-8), instead of letting the parser turn them into mojibake: ISO-8859-1 or GBK declared
    over UTF-8 text, UTF-8 declared over GB18030 text. UTF-16 (with its BOM) is left to the
    parser, which reads it correctly."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return
    bom = data.startswith(_UTF8_BOM)
    body = data[3:] if bom else data
    match = _DECLARATION.match(body[:200])
    declared = match.group(1).decode("ascii") if match else None
    codec = _codec(declared) if declared else "utf-8"
    if codec is None:  # an encoding nobody knows: the parser says so
        return
    if bom and codec != "utf-8":
        actual = "UTF-8"  # the byte order mark says UTF-8
    elif body.isascii() or _decodes(body, codec) and (codec == "utf-8" or not _decodes(body, "utf-8")):
        return  # the bytes are what the declaration says
    else:
        # non-ASCII bytes that are UTF-8 under another declaration, or not the declared encoding
        guess = next((g for g in _GUESSES if g != codec and _decodes(body, g)), None)
        actual = {"utf-8": "UTF-8", "gb18030": "GB18030/GBK", None: "未知编码 (unknown)"}[guess]
    params = {"declared": declared or "UTF-8", "actual": actual}
    raise InputError([Finding(Location(name), "xml.encoding_mismatch", params=params)])


def parse_bytes(data: bytes, name: str = "<bytes>") -> etree._ElementTree:
    where = Location(name)
    if len(data) > MAX_BYTES:
        raise InputError([Finding(where, "xml.too_large", params={"size": len(data), "limit": MAX_BYTES})])
    check_encoding(data, name)
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
        with p.open("rb") as fh:  # read at most one byte past the limit: no stat, no surprise
            data = fh.read(MAX_BYTES + 1)
            size = len(data) if len(data) <= MAX_BYTES else os.fstat(fh.fileno()).st_size
    except FileNotFoundError:
        raise InputError([Finding(where, "file.missing")]) from None
    except OSError as exc:
        raise InputError([Finding(where, "file.unreadable", params={"detail": exc.strerror})]) from None
    if size > MAX_BYTES:
        raise InputError([Finding(where, "xml.too_large", params={"size": size, "limit": MAX_BYTES})])
    return parse_bytes(data, str(path))

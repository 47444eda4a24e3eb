"""A customs broker's clients: the e-commerce enterprises it declares for, and which one a
document belongs to.

The profile holds them as tables named by the client (settings.py reads them)::

    [clients."华东电商"]
    ebcCode = "3301960ABC"
    ebcName = "华东电商有限公司"
    ebpCode = "3301960XYZ"
    logisticsCode = "3301980001"
    "InventoryList.country" = "116"

    [clients."华东电商".import]     # one direction only, as [defaults.import]

Each key is an element name, exactly as in ``[defaults]``; a client's value fills an empty cell
before ``[defaults]`` does (the cell beats the client, the client beats [defaults]).

Which client a document belongs to: the one named (``--client``, the import page's drop-down),
else the one whose ebcCode the document carries (its cell, else the [defaults] value); a
document type without ebcCode (payment) by its ebpCode when exactly one client has it. A
document naming another ebcCode than the client named is an error (``client.mismatch``) that
refuses its whole file. The status filter by client: see :func:`match_rule`.

Plain data and functions: nothing here reads files or imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .findings import Finding, Location
from .records import Document
from .spec import DocumentType, document_type_for
from .spec.codes import ENTERPRISE_CODE_LENGTHS

#: Elements that hold an enterprise's code: 10 characters (customs registration) or 18 (unified
#: social credit code). A client's value for any of them is checked when the profile is read.
ENTERPRISE_CODES = (
    "ebcCode", "ebpCode", "logisticsCode", "assureCode", "agentCode", "payCode", "areaCode",
    "operatorCode", "ownerCode",
)  # fmt: skip
CODE_LENGTHS = ENTERPRISE_CODE_LENGTHS


@dataclass(frozen=True)
class Client:
    """One e-commerce enterprise the broker declares for: a name the clerk picks and element
    defaults (keys as in [defaults]: ``ebcCode``, ``InventoryList.country``, ``import.…``)."""

    name: str
    values: dict[str, str] = field(default_factory=dict)

    @property
    def ebc_code(self) -> str:
        return self.values.get("ebcCode", "")

    @property
    def ebp_code(self) -> str:
        return self.values.get("ebpCode", "")


@dataclass(frozen=True)
class Choice:
    """The client a document belongs to (None: none, [defaults] only) and, when the client was
    named and the document says otherwise, what disagrees (``client.mismatch`` params)."""

    client: Client | None
    mismatch: dict[str, str] | None = None


class UnknownClient(LookupError):
    """A client name the profile does not have (the command cannot run: exit 2)."""

    def __init__(self, name: str, names: Sequence[str]) -> None:
        super().__init__(name)
        self.name = name
        self.names = list(names)

    def text(self, lang: str = "zh") -> str:
        if lang == "en":
            known = ", ".join(self.names) if self.names else "none: the profile has no [clients.\"NAME\"] table"
            return f"no client named {self.name!r} in the profile; its clients: {known}"
        known = "、".join(self.names) if self.names else "没有（企业档案中没有 [clients.\"名称\"] 表）"
        return f"企业档案中没有名为“{self.name}”的客户；已有的客户：{known}"

    def __str__(self) -> str:
        return self.text("en")


def find_client(clients: Sequence[Client], name: str | None) -> Client | None:
    """The client called ``name`` (None for no name); UnknownClient listing the names."""
    if name is None:
        return None
    for client in clients:
        if client.name == name:
            return client
    raise UnknownClient(name, [c.name for c in clients])


def has_element(doc_type: DocumentType, name: str) -> bool:
    return name in doc_type.head.names


def choose(
    clients: Sequence[Client],
    doc_type: DocumentType,
    ebc_code: str | None,
    ebp_code: str | None = None,
    *,
    named: Client | None = None,
    written: bool = True,
) -> Choice:
    """The client of one document. ``ebc_code``/``ebp_code``: what the document says (its cell,
    else the [defaults] value; ``written`` False when the ebcCode came from [defaults], which the
    named client overrides rather than contradicts)."""
    has_ebc = has_element(doc_type, "ebcCode")
    if named is not None:
        if has_ebc and written and ebc_code and named.ebc_code and ebc_code != named.ebc_code:
            params = {"client": named.name, "expected": named.ebc_code, "value": ebc_code}
            return Choice(named, params)
        return Choice(named)
    if has_ebc:
        if not ebc_code:
            return Choice(None)
        return Choice(next((c for c in clients if c.ebc_code == ebc_code), None))
    if ebp_code and has_element(doc_type, "ebpCode"):
        same = [c for c in clients if c.ebp_code == ebp_code]
        return Choice(same[0] if len(same) == 1 else None)
    return Choice(None)


def mismatches(documents: Iterable[Document], named: Client | None) -> list[Finding]:
    """``client.mismatch`` for each document (of an XML message: its values are as written)
    naming another ebcCode than the client named."""
    found = []
    for doc in documents if named is not None else ():
        dt = document_type_for(doc.message)
        if dt is None:
            continue
        choice = choose((), dt, doc.head.get("ebcCode", ""), named=named)
        if choice.mismatch is not None:
            label = dt.head["ebcCode"].label
            where = doc.origin.head("ebcCode")
            found.append(Finding(where, "client.mismatch", element="ebcCode", label=label, params=choice.mismatch))
    return found


def defined_by_all(clients: Sequence[Client], keys: Iterable[str]) -> bool:
    """Whether every client has a value under one of ``keys`` (a column no file has is then
    still filled, whichever client a document belongs to)."""
    wanted = list(keys)
    return bool(clients) and all(any(c.values.get(k) for k in wanted) for c in clients)


def _bare(key: str) -> str:
    return key.rsplit(".", 1)[-1]


def check_clients(clients: Sequence[Client], source: str) -> list[Finding]:
    """What is wrong with the profile's clients: an ebcCode missing, a code not 10 or 18 letters
    and digits, two clients with one ebcCode. Each finding names the profile key."""
    findings = []
    seen: dict[str, str] = {}
    for client in clients:
        table = f'[clients."{client.name}"]'
        if not client.ebc_code:
            where = Location(source, path=f"{table} ebcCode")
            findings.append(Finding(where, "profile.client_no_ebc", element="ebcCode", params={"client": client.name}))
        for key, value in client.values.items():
            if _bare(key) not in ENTERPRISE_CODES or not value:
                continue
            if len(value) not in CODE_LENGTHS or not (value.isascii() and value.isalnum()):
                where = Location(source, path=f"{table} {key}")
                params = {"client": client.name, "key": key, "value": value, "length": len(value)}
                findings.append(Finding(where, "profile.client_code", element=_bare(key), params=params))
        code = client.ebc_code
        if code and code in seen:
            where = Location(source, path=f"{table} ebcCode")
            params = {"client": client.name, "other": seen[code], "code": code}
            findings.append(Finding(where, "profile.client_same_code", element="ebcCode", params=params))
        elif code:
            seen[code] = client.name
    return findings


#: How the status filter and the query page find a client's documents, per document type.
#: "ebc": the document's ebcCode is the client's; "ebp": the document has no ebcCode but the
#: platform's ebpCode (payment); "logistics": no enterprise code of the client at all (waybill,
#: waybill status, tally): its logisticsNo is named by one of the client's documents in the
#: journal (an inventory, an export waybill). Types in none of these (arrival, departure, waybill
#: list, delivery) name no client and are never shown for one.
def match_rule(doc_type: DocumentType) -> str | None:
    if has_element(doc_type, "ebcCode"):
        return "ebc"
    if has_element(doc_type, "ebpCode"):
        return "ebp"
    if has_element(doc_type, "logisticsNo"):
        return "logistics"
    return None


@dataclass(frozen=True)
class ClientCodes:
    """What the journal is searched by for one client: its ebcCode and ebpCode, and the message
    types matched each way (:func:`match_rule`)."""

    name: str
    ebc_code: str
    ebp_code: str
    by_ebc: tuple[str, ...]
    by_ebp: tuple[str, ...]
    by_logistics: tuple[str, ...]


def client_codes(client: Client, types: Iterable[DocumentType]) -> ClientCodes:
    rules: dict[str, list[str]] = {"ebc": [], "ebp": [], "logistics": []}
    for dt in types:
        rule = match_rule(dt)
        if rule is not None:
            rules[rule].append(dt.message.code)
    return ClientCodes(
        client.name,
        client.ebc_code,
        client.ebp_code,
        tuple(rules["ebc"]),
        tuple(rules["ebp"]),
        tuple(rules["logistics"]),
    )


def names(clients: Sequence[Client]) -> list[str]:
    return [c.name for c in clients]


def as_mapping(clients: Sequence[Client]) -> Mapping[str, Client]:
    return {c.name: c for c in clients}

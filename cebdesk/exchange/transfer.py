"""Following messages through the transfer client (the China E-Port / Single Window import
client), and finding its folders.

A message handed over into a module's OutBox is

- waiting while it lies there (the client takes files when it runs: one left long means the
  client is not running, see ``Outbox.waiting`` and the readiness check);
- taken when it has left OutBox: found in SentBox (an event ``client-taken`` naming it), or gone
  from all the client's folders (the client keeps SentBox only so many days);
- refused when it lies in FailBox (the server side's check failed): each of its documents gets
  status 4 (发送海关失败, sending to customs failed) with the client's error note as the reason,
  if it wrote one, and the FailBox file is kept in the journal like a receipt; an event
  ``client-refused``;
- answered by receipts in InBox, read like any receipt (exchange/receipts.py).

cebdesk only looks: nothing in SentBox, FailBox or InBox is moved, renamed or deleted.

Not verified (no public sample was found): the name and form of the client's error note. It is
looked for beside the refused file in FailBox and in InBox: any file other than an .xml one whose
name begins with the message's name without its suffix, read as UTF-8, else GB18030.

The client's settings file (``%LOCALAPPDATA%\\SIC\\UserSetting\\DFWJobSettings.xml``) names
each module's folders; what is read of it was checked against public integration code that reads
the same file: ``Settings/FormSettings/FormSetting/SubFormSetting`` elements with the attributes
``FormId`` (IMPCEB, EXPCEB …), ``OutBox``, ``InBox``, ``SentBox``, ``FailBox`` (and ``TempBox``
on some modules). Nothing else of that file is read (it also holds an encrypted PIN: left alone).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PureWindowsPath

from ..findings import InputError
from ..messages.safexml import parse_bytes
from ..store import Journal
from .folders import CLIENT_MODULES, ClientFolders, ClientModule, Outbox

TAKEN, REFUSED = "client-taken", "client-refused"
#: The status a refusal in FailBox gives the documents: 发送海关失败 (customs holds no record, so
#: the document may be sent again as it is, after the fix).
REFUSED_STATUS = "4"
#: The receipt file's type in the journal for a file found in FailBox.
FAILBOX = "FailBox"
#: How long a note may be (characters kept).
NOTE_LIMIT = 2000
SETTINGS_FILE = ("SIC", "UserSetting", "DFWJobSettings.xml")


@dataclass
class FollowReport:
    taken: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    waiting: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "taken": self.taken,
            "refused": [{"file": n, "reason": r} for n, r in self.refused],
            "waiting": self.waiting,
        }


def _decode(data: bytes) -> str:
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def error_note(module: ClientModule, name: str) -> str:
    """The client's note about the refused message ``name`` (empty when there is none)."""
    stem = Path(name).stem
    texts = []
    for folder in (module.failbox, module.inbox):
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            if path.name == name or path.suffix.lower() == ".xml" or not path.name.startswith(stem):
                continue
            try:
                text = _decode(path.read_bytes()[: NOTE_LIMIT * 4]).strip()
            except OSError:
                continue
            if text:
                texts.append(" ".join(text.split()))
    return "; ".join(texts)[:NOTE_LIMIT]


def refusal_text(note: str) -> str:
    if note:
        return f"传输客户端拒收（FailBox）：{note} / refused by the transfer client (FailBox): {note}"
    return "传输客户端拒收（FailBox），未留说明 / refused by the transfer client (FailBox), no note left"


def follow(journal: Journal, outbox: Outbox, now: datetime | None = None) -> FollowReport:
    """Look where each message handed to the client's OutBox has gone; record what is new."""
    report = FollowReport()
    if outbox.client is None:
        return report
    now = now or datetime.now()
    for message in journal.messages_without((TAKEN, REFUSED)):
        if not message.delivered:
            continue
        module = outbox.client.module_for(message.file_name)
        delivered = Path(message.delivered)
        if delivered.parent != module.outbox:
            continue  # handed over elsewhere (cebdesk's own send/, before the layout changed)
        name = delivered.name
        failed = module.failbox / name
        if failed.is_file():
            reason = _refuse(journal, message, failed, error_note(module, name), now)
            report.refused.append((name, reason))
        elif (module.sentbox / name).is_file():
            journal.event(TAKEN, str(module.sentbox / name), message_id=message.id)
            report.taken.append(name)
        elif not delivered.exists():
            journal.event(TAKEN, f"left {module.outbox}", message_id=message.id)
            report.taken.append(name)
        else:
            report.waiting.append(name)
    return report


def _refuse(journal: Journal, message, path: Path, note: str, now: datetime) -> str:
    data = path.read_bytes()
    reason = refusal_text(note)
    values = {"returnStatus": REFUSED_STATUS, "returnInfo": reason, "returnTime": now.strftime("%Y%m%d%H%M%S")}
    with journal.transaction():
        file_id = journal.add_receipt_file(
            f"{FAILBOX}/{path.name}", FAILBOX, data, hashlib.sha256(FAILBOX.encode() + data).hexdigest()
        )
        if file_id is not None:
            for document in journal.message_documents(message.id):
                journal.add_receipt(file_id, 0, values, document.id, message.id)
        journal.event(REFUSED, f"{path}: {reason}", message_id=message.id)
    return reason


# -- the client's settings file -------------------------------------------------------------------
@dataclass
class Proposal:
    """The folders the transfer client's settings name for cebdesk's modules."""

    source: Path
    modules: dict[str, ClientModule]  # "import"/"export" -> folders
    #: what could not be used, in plain words (a module missing, boxes not in one folder)
    notes: list[str] = field(default_factory=list)

    def folders(self) -> ClientFolders | None:
        if set(self.modules) != set(CLIENT_MODULES):
            return None
        return ClientFolders(self.modules["import"], self.modules["export"])

    def settings(self) -> dict[str, str]:
        """[exchange] values: client_root when both modules lie under one folder by their
        names, else client_import / client_export."""
        folders = {d: m.outbox.parent for d, m in self.modules.items()}
        parents = {f.parent for f in folders.values()}
        named = all(folders[d].name.upper() == CLIENT_MODULES[d] for d in folders)
        if len(folders) == 2 and len(parents) == 1 and named:
            return {"layout": "client", "client_root": str(parents.pop())}
        return {"layout": "client", **{f"client_{d}": str(f) for d, f in folders.items()}}


def _path(text: str) -> Path:
    """A Windows path from the settings file, as this system can use it."""
    if os.name == "nt":
        return Path(text)
    return Path(*PureWindowsPath(text).parts) if "\\" in text else Path(text)


def read_client_settings(path: str | os.PathLike[str]) -> Proposal:
    """The IMPCEB and EXPCEB folders a DFWJobSettings.xml names. InputError when the file cannot
    be read as XML; a module it lacks is said in ``notes``."""
    source = Path(path)
    tree = parse_bytes(source.read_bytes(), str(source))
    found: dict[str, dict[str, str]] = {}
    for element in tree.getroot().iter():
        if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "SubFormSetting":
            continue
        form = (element.get("FormId") or "").strip().upper()
        if form in CLIENT_MODULES.values():
            found.setdefault(form, {k: (element.get(k) or "").strip() for k in ("OutBox", "SentBox", "InBox", "FailBox")})
    proposal = Proposal(source, {})
    for direction, form in CLIENT_MODULES.items():
        boxes = found.get(form)
        if boxes is None:
            proposal.notes.append(f"{form}: not in the settings file (the client's module not set up)")
            continue
        missing = [k for k, v in boxes.items() if not v]
        if missing:
            proposal.notes.append(f"{form}: no {', '.join(missing)} in the settings file")
            continue
        paths = {k: _path(v) for k, v in boxes.items()}
        module = ClientModule(form, paths["OutBox"], paths["SentBox"], paths["InBox"], paths["FailBox"])
        if len({p.parent for p in paths.values()}) != 1 or any(p.name.lower() != k.lower() for k, p in paths.items()):
            proposal.notes.append(
                f"{form}: its folders are not OutBox/SentBox/InBox/FailBox of one folder; cebdesk uses "
                f"{paths['OutBox'].parent}"
            )
            module = ClientModule.under(paths["OutBox"].parent, form)
        proposal.modules[direction] = module
    return proposal


def settings_file(environ: dict[str, str] | None = None) -> Path | None:
    """Where the client keeps its settings for this user (%LOCALAPPDATA%), None elsewhere."""
    env = os.environ if environ is None else environ
    base = env.get("LOCALAPPDATA")
    return Path(base).joinpath(*SETTINGS_FILE) if base else None


def propose(environ: dict[str, str] | None = None) -> Proposal | None:
    """The folders of the transfer client installed for this user, when its settings file is
    there and readable; None otherwise (not Windows, not installed, unreadable)."""
    path = settings_file(environ)
    if path is None or not path.is_file():
        return None
    try:
        return read_client_settings(path)
    except (OSError, InputError):
        return None

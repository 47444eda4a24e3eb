"""The enterprise profile: who transmits (BaseTransfer) and default values for empty cells.

A profile is a small TOML file (``[exchange]`` is optional: mode = "folder" or "http", url,
receipts_url, dxp = true for the DxpMsg envelope)::

    [transfer]
    copCode = "1105910159"       # 传输企业代码
    copName = "某某供应链有限公司"  # 传输企业名称
    dxpId = "DXPENT0000000001"   # 数据交换平台用户编号

    [defaults]                   # element -> value, used when a cell is empty
    ebpCode = "1105910159"
    "InventoryList.country" = "502"

    [defaults.export]            # only for export documents (and [defaults.import])
    "InventoryList.country" = "344"

Import and export share element names with other meanings (InventoryList.country is the country
of origin on an import list, the final destination on an export one): a default under
``[defaults.import]`` or ``[defaults.export]`` fills only that direction's documents and wins
over the same name in ``[defaults]``. They are kept as keys "import.…" and "export.…".

A customs broker declares for several e-commerce enterprises: each is a client table with the
same keys as [defaults], which wins over [defaults] for that client's documents
(:mod:`cebdesk.clients` chooses the client)::

    [clients."华东电商"]
    ebcCode = "3301960ABC"
    ebcName = "华东电商有限公司"
    logisticsCode = "3301980001"

Without ``--profile`` the CLI reads ``profile.toml`` in the user's config folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_dir

from .checks import check_field
from .clients import Client, check_clients
from .findings import Finding, InputError, Location, Severity
from .spec import BASE_TRANSFER

APP_NAME = "cebdesk"
#: [exchange] layout: cebdesk's own folders, or the transfer client's (exchange/folders.py).
LAYOUTS = ("cebdesk", "client")


def default_profile_path() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "profile.toml"


@dataclass
class ExchangeSettings:
    """How messages travel: ``folder`` (default) or ``http``; optional DxpMsg envelope."""

    mode: str = "folder"
    url: str | None = None
    receipts_url: str | None = None
    dxp: bool = False
    verify_tls: bool = True
    folder: str | None = None  # the outbox root (send/ receive/ …); default: DATA-DIR/exchange
    #: Whose folders a message is handed over in: "cebdesk" (send/ and receive/ under ``folder``)
    #: or "client" (the transfer client's OutBox/SentBox/InBox/FailBox per business module:
    #: IMPCEB for import, EXPCEB for export, under ``client_root``; default C:\ImpPath on
    #: Windows). ``client_import``/``client_export``: a module's folder where it lies elsewhere.
    layout: str = "cebdesk"
    client_root: str | None = None
    client_import: str | None = None
    client_export: str | None = None


@dataclass
class Profile:
    transfer: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    source: str = ""
    exchange: ExchangeSettings = field(default_factory=ExchangeSettings)
    #: How the desktop app signs and what it shows: [signer] (key_file, cert, pkcs11_module,
    #: token_label, key_label, key_id, sm2_mechanism, eport_control), [ui] (language).
    signer: dict[str, str] = field(default_factory=dict)
    ui: dict[str, str] = field(default_factory=dict)
    #: The monthly summary: [rates] (currency -> RMB for one unit: "USD" = "7.1" or "502" = "7.1"),
    #: [summary] (summaryFlag, itemNameFlag of the CEB701 it declares).
    rates: dict[str, str] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=dict)
    #: Cross-document checks and the buyer's limits: [checks] (strict = "true": a partner
    #: document missing from the journal is an error), [limits] (single, annual: RMB).
    checks: dict[str, str] = field(default_factory=dict)
    limits: dict[str, str] = field(default_factory=dict)
    #: A broker's clients ([clients."NAME"]: element defaults over [defaults], clients.py).
    clients: list[Client] = field(default_factory=list)
    #: The first day's steps that cannot be checked, ticked off on the window's 准备工作 page
    #: ([readiness]: step -> the day it was ticked, YYYY-MM-DD).
    readiness: dict[str, str] = field(default_factory=dict)
    #: A journal several seats share: [journal] url = "postgresql://user@host/db" (the password
    #: from libpq's PGPASSWORD or ~/.pgpass, never here). None: the data folder's SQLite file.
    journal: dict[str, str] = field(default_factory=dict)

    def base_transfer(self) -> dict[str, str]:
        """BaseTransfer values, or InputError naming what is missing or wrong."""
        findings = []
        values = {"dxpMode": "DXP", **self.transfer}
        for f in BASE_TRANSFER.fields:
            for rule, is_error, params in check_field(f, values.get(f.name)):
                if rule == "field.required":
                    findings.append(
                        Finding(
                            Location(self.source or "profile"),
                            "profile.missing",
                            element=f.name,
                            label=f.label,
                            params={"element": f.name},
                        )
                    )
                else:
                    severity = Severity.ERROR if is_error else Severity.WARNING
                    findings.append(
                        Finding(
                            Location(self.source or "profile", path="/transfer/" + f.name),
                            rule,
                            severity,
                            f.name,
                            f.label,
                            params,
                        )
                    )
        if any(x.is_error for x in findings):
            raise InputError(findings)
        return values


def _strings(table: object, where: str) -> dict[str, str]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise InputError([Finding(Location(where), "file.unreadable", params={"detail": "expected a table"})])
    out = {}
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InputError(
                [
                    Finding(
                        Location(where, path=key),
                        "file.unreadable",
                        params={"detail": f"{key}: expected text"},
                    )
                ]
            )
        out[str(key)] = str(value).strip()
    return out


#: Sub-tables of [defaults] that hold one direction's defaults.
DIRECTIONS = ("import", "export")


def _defaults(table: object, where: str) -> dict[str, str]:
    """[defaults], with [defaults.import] and [defaults.export] flattened to "import.…" keys."""
    if not isinstance(table, dict):
        return _strings(table, where)
    out = _strings({k: v for k, v in table.items() if k not in DIRECTIONS}, where)
    for direction in DIRECTIONS:
        if direction in table:
            scoped = _strings(table[direction], f"{where[:-1]}.{direction}]")
            out.update({f"{direction}.{key}": value for key, value in scoped.items()})
    return out


def _clients(table: object, where: str) -> list[Client]:
    """[clients."NAME"] tables, each read like [defaults] (with .import/.export)."""
    if table is None:
        return []
    detail = 'expected one table per client: [clients."NAME"]'
    if not isinstance(table, dict):
        raise InputError([Finding(Location(where), "file.unreadable", params={"detail": detail})])
    clients = []
    for name, values in table.items():
        if not isinstance(values, dict) or not str(name).strip():
            raise InputError([Finding(Location(where, path=str(name)), "file.unreadable", params={"detail": detail})])
        clients.append(Client(str(name).strip(), _defaults(values, f'{where[:-1]}."{name}"]')))
    return clients


def load_profile(path: str | os.PathLike[str]) -> Profile:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError([Finding(Location(str(p)), "file.missing")]) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(
            [Finding(Location(str(p)), "file.unreadable", params={"detail": str(exc)})]
        ) from None
    transfer = _strings(data.get("transfer"), f"{p}:[transfer]")
    unknown = sorted(set(transfer) - set(BASE_TRANSFER.names))
    if unknown:
        raise InputError(
            [
                Finding(
                    Location(str(p), path="/transfer"),
                    "sheet.unknown_column",
                    params={"header": ", ".join(unknown)},
                )
            ]
        )
    exchange = data.get("exchange") or {}
    settings = ExchangeSettings(
        mode=str(exchange.get("mode", "folder")),
        url=exchange.get("url"),
        receipts_url=exchange.get("receipts_url"),
        dxp=bool(exchange.get("dxp", False)),
        verify_tls=bool(exchange.get("verify_tls", True)),
        folder=exchange.get("folder"),
        layout=str(exchange.get("layout", "cebdesk")),
        client_root=exchange.get("client_root"),
        client_import=exchange.get("client_import"),
        client_export=exchange.get("client_export"),
    )
    if settings.mode not in ("folder", "http") or (settings.mode == "http" and not settings.url):
        detail = "[exchange] mode must be folder or http (http needs url)"
        raise InputError(
            [Finding(Location(str(p), path="/exchange"), "file.unreadable", params={"detail": detail})]
        )
    if settings.layout not in LAYOUTS:
        detail = "[exchange] layout must be cebdesk or client (the transfer client's OutBox/InBox folders)"
        raise InputError(
            [Finding(Location(str(p), path="/exchange/layout"), "file.unreadable", params={"detail": detail})]
        )
    clients = _clients(data.get("clients"), f"{p}:[clients]")
    problems = check_clients(clients, str(p))
    if problems:
        raise InputError(problems)
    return Profile(
        transfer,
        _defaults(data.get("defaults"), f"{p}:[defaults]"),
        str(p),
        settings,
        _strings(data.get("signer"), f"{p}:[signer]"),
        _strings(data.get("ui"), f"{p}:[ui]"),
        _strings(data.get("rates"), f"{p}:[rates]"),
        _strings(data.get("summary"), f"{p}:[summary]"),
        _strings(data.get("checks"), f"{p}:[checks]"),
        _strings(data.get("limits"), f"{p}:[limits]"),
        clients=clients,
        readiness=_strings(data.get("readiness"), f"{p}:[readiness]"),
        journal=_strings(data.get("journal"), f"{p}:[journal]"),
    )


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def dump_profile(profile: Profile) -> str:
    """The profile as TOML (the tables load_profile reads)."""
    lines: list[str] = []

    def table(name: str, values: dict[str, object]) -> None:
        values = {k: v for k, v in values.items() if v not in (None, "")}
        if not values:
            return
        lines.append(f"[{name}]")
        for key, value in values.items():
            name_ = key if key.replace("_", "").isalnum() else _toml_value(key)
            lines.append(f"{name_} = {_toml_value(value)}")
        lines.append("")

    table("transfer", profile.transfer)
    table("defaults", profile.defaults)
    ex = profile.exchange
    table(
        "exchange",
        {
            "mode": ex.mode,
            "url": ex.url,
            "receipts_url": ex.receipts_url,
            "dxp": ex.dxp,
            "verify_tls": ex.verify_tls,
            "folder": ex.folder,
            "layout": ex.layout if ex.layout != "cebdesk" else None,
            "client_root": ex.client_root,
            "client_import": ex.client_import,
            "client_export": ex.client_export,
        },
    )
    table("signer", profile.signer)
    table("ui", profile.ui)
    table("rates", profile.rates)
    table("summary", profile.summary)
    table("checks", profile.checks)
    table("limits", profile.limits)
    table("readiness", profile.readiness)
    table("journal", profile.journal)
    for client in profile.clients:
        table(f"clients.{_toml_value(client.name)}", client.values)
    return "\n".join(lines)


def save_profile(profile: Profile, path: str | os.PathLike[str] | None = None) -> Path:
    """Check the profile (BaseTransfer must be complete and valid) and write it atomically."""
    from .files import atomic_write, private_dir

    profile.base_transfer()  # raises InputError naming what is missing or wrong
    problems = check_clients(profile.clients, str(path or profile.source or "profile"))
    if problems:
        raise InputError(problems)
    target = Path(path or profile.source or default_profile_path())
    private_dir(target.parent)
    atomic_write(target, dump_profile(profile).encode("utf-8"))  # 0600
    profile.source = str(target)
    return target


def find_profile(
    path: str | os.PathLike[str] | None, data_dir: str | os.PathLike[str] | None = None
) -> Profile | None:
    """The profile named on the command line; else ``profile.toml`` in the data folder given
    with --data-dir (a workspace of its own); else the user's default one, if it exists."""
    if path is not None:
        return load_profile(path)
    if data_dir is not None and (Path(data_dir) / "profile.toml").is_file():
        return load_profile(Path(data_dir) / "profile.toml")
    default = default_profile_path()
    return load_profile(default) if default.is_file() else None

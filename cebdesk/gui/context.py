"""What the window works with: folders, the enterprise profile, the signer's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..exchange.folders import Outbox
from ..settings import Profile
from ..signing.select import SignerOptions
from ..store import Journal


@dataclass
class AppContext:
    data_dir: Path
    exchange_dir: Path
    profile: Profile | None = None
    signer: SignerOptions = field(default_factory=SignerOptions)
    language: str = "zh"  # for findings and messages from the pipeline: "zh" or "en"

    def journal(self) -> Journal:
        return Journal.in_dir(self.data_dir)

    def outbox(self) -> Outbox:
        return Outbox(self.exchange_dir)

"""What the window works with: the active workspace (folders, the enterprise profile, the
signer's settings). The demo is a workspace of its own; entering it keeps the user's workspace
aside, and leaving it puts that back."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..exchange.folders import Outbox
from ..pipeline.workspace import Workspace
from ..settings import Profile
from ..signing.select import SignerOptions
from ..store import Journal, default_data_dir


@dataclass
class AppContext:
    data_dir: Path
    exchange_dir: Path
    profile: Profile | None = None
    signer: SignerOptions = field(default_factory=SignerOptions)
    language: str = "zh"  # for findings and messages from the pipeline: "zh" or "en"
    #: The demo workspace's folder while the demo is active, else None.
    demo_dir: Path | None = None
    #: The user's own workspace, kept aside while the demo is active.
    home: AppContext | None = field(default=None, repr=False)

    def journal(self) -> Journal:
        """The workspace's journal, as the CLI and the window's jobs open it (a shared one
        when the profile names it)."""
        return self.workspace().open_journal()

    def outbox(self) -> Outbox:
        return Outbox(self.exchange_dir)

    @property
    def in_demo(self) -> bool:
        return self.demo_dir is not None

    def own_data_dir(self) -> bool:
        """A data folder given with --data-dir (or the demo's) is a workspace of its own."""
        return self.in_demo or self.data_dir != default_data_dir()

    def workspace(self) -> Workspace:
        """The active workspace, as the CLI would see it."""
        return Workspace(
            self.data_dir if self.own_data_dir() else None,
            exchange_dir=self.exchange_dir,
            profile=self.profile or Profile(),
            profile_path=self.profile_path,
        )

    @property
    def profile_path(self) -> Path:
        """Where the settings page reads and saves the profile: a workspace of its own keeps
        its own ``profile.toml`` (even when it started from the user's profile); otherwise the
        profile that was loaded, or the user's."""
        if self.own_data_dir():
            return self.data_dir / "profile.toml"
        return Workspace(None, profile=self.profile or Profile()).profile_path

    def default_exchange_dir(self) -> Path:
        """The outbox when the profile names no folder."""
        return self.data_dir / "exchange"

    # -- the demo -------------------------------------------------------------------------------
    def enter_demo(self, folder: Path) -> None:
        """Make the demo workspace in ``folder`` (already prepared) the active one."""
        if self.home is None:
            self.home = replace(self, home=None)
        workspace = Workspace(folder)
        profile = workspace.require_profile()
        self.data_dir = workspace.data_dir
        self.exchange_dir = workspace.exchange_dir
        self.profile = profile
        self.signer = SignerOptions.from_settings(profile.signer)
        self.demo_dir = Path(folder)

    def leave_demo(self) -> None:
        """Back to the user's own workspace, as it was before the demo."""
        home = self.home
        if home is None:
            return
        self.data_dir, self.exchange_dir = home.data_dir, home.exchange_dir
        self.profile, self.signer = home.profile, home.signer
        self.demo_dir = None
        self.home = None

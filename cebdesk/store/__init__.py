"""The journal: every document from Excel row to last receipt, in SQLite."""

from .journal import Journal, JournalBusy, default_data_dir

__all__ = ["Journal", "JournalBusy", "default_data_dir"]

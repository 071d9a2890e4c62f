"""Saves made from what someone read: a save from an older version is refused, not written
over the newer one."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casework.errors import Conflict
from storage.db import change_if
from storage.models import Finding, Recommendation


class EditConflict(Conflict):
    """Someone else saved the record since this person read it; `current_version` is theirs."""

    def __init__(self, noun: str, current_version: int) -> None:
        self.headline = (f"Someone else saved this {noun} since you opened it: your changes "
                         "were not saved.")
        super().__init__(f"{self.headline} It is now version {current_version}: read it "
                         "again and make your changes again.", field="version")
        self.current_version = current_version


def check_version(row: Finding | Recommendation, noun: str, expected: int | None) -> None:
    """Refuse a save made from a version other than the one this request read."""
    if expected is not None and expected != row.version:
        raise EditConflict(noun, row.version)


def raise_version(session: Session, row: Finding | Recommendation, noun: str) -> None:
    """Move the stored version on by one, from the one this request read.

    One conditional UPDATE decides, so of two saves that read the same version at once, the
    second waits for the first to commit and then changes no row: it is refused.
    """
    read = row.version
    if not change_if(session, row, "version", read + 1, only_from=[read]):
        session.expire(row, ["version"])
        raise EditConflict(noun, row.version)

"""Opening zip containers (zip bundles, .docx) only after their declared sizes are checked.

A zip's central directory declares every member's size before anything is inflated, and
Python's zipfile never inflates a member past its declared size (it reports a bad CRC
instead). Declared sizes are still only claims: the bytes actually inflated are counted
against the same budget while members are read, so a lie costs no more than the truth.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator

from worker.extract.errors import ExtractionError, OverBudget
from worker.extract.limits import (
    ARCHIVE_RATIO_CHECKED_ABOVE_BYTES,
    MAX_COMPRESSION_RATIO,
    MAX_NESTING_DEPTH,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    RATIO_CHECKED_ABOVE_BYTES,
)

# What zipfile raises for damaged archives and members.
ZIP_READ_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError)
_CHUNK = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"


class ZipBudget:
    """What reading one archive may cost, the archives inside it included: entries and bytes."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.entries = 0
        self.declared_bytes = 0
        self.read_bytes = 0
        self.nested = False

    def charge_directory(self, members: list[zipfile.ZipInfo]) -> None:
        """Refuse the archive once its central directories declare more than the budget."""
        self.entries += len(members)
        if self.entries > MAX_ZIP_ENTRIES:
            raise OverBudget(
                f"too many files: {self.what}{self._inside()} holds {self.entries} entries; "
                f"the limit is {MAX_ZIP_ENTRIES}"
            )
        self.declared_bytes += sum(member.file_size for member in members)
        self._refuse_over(self.declared_bytes)

    def charge_read(self, size: int) -> None:
        """Count bytes actually inflated; raises as soon as they pass the budget."""
        self.read_bytes += size
        self._refuse_over(self.read_bytes)

    def charge_nested(self, content: bytes, depth: int = 1) -> None:
        """Charge the members of an archive found inside this one, and of those inside it."""
        if depth > MAX_NESTING_DEPTH or not content.startswith(_ZIP_MAGIC):
            return  # not an archive, or deeper than any child will be unpacked
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except ZIP_READ_ERRORS:
            return  # a damaged inner archive fails as its own evidence, at no cost here
        with archive:
            members = archive.infolist()
            self.nested = True
            self.charge_directory(members)
            for member in members:
                if member.is_dir() or not _starts_like_zip(archive, member):
                    continue
                try:
                    inner = read_member(archive, member, self.what, self)
                except OverBudget:
                    raise
                except ExtractionError:
                    continue  # damage inside a member is reported when it is unpacked
                self.charge_nested(inner, depth + 1)

    def _refuse_over(self, total: int) -> None:
        if total > MAX_UNZIPPED_BYTES:
            raise OverBudget(
                f"zip bomb: the members of {self.what}{self._inside()} total "
                f"{total / 2**20:,.0f} MiB, over the {MAX_UNZIPPED_BYTES // 2**20} MiB budget"
            )

    def _inside(self) -> str:
        return " with the archives inside it" if self.nested else ""


def open_checked_zip(content: bytes, what: str) -> tuple[zipfile.ZipFile, ZipBudget]:
    """The archive, once its entry count, total size and compression ratios are within limits,
    and the budget that reading its members is charged to.

    `what` names the file in messages: "the zip archive", "the Word document".
    """
    if not content:
        raise ExtractionError("empty: the file has no content")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except ZIP_READ_ERRORS as error:
        raise ExtractionError(f"damaged: {what} could not be opened ({error})") from error
    budget = ZipBudget(what)
    try:
        check_zip_limits(archive.infolist(), what, budget)
    except ExtractionError:
        archive.close()
        raise
    return archive, budget


def check_zip_limits(members: list[zipfile.ZipInfo], what: str, budget: ZipBudget) -> None:
    """Refuse archives with too many entries, too much inside, or bomb-like compression."""
    budget.charge_directory(members)
    for member in members:
        if member.file_size > RATIO_CHECKED_ABOVE_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise ExtractionError(
                    f"zip bomb: {member.filename!r} in {what} is compressed {ratio:,.0f} to 1; "
                    f"the limit is {MAX_COMPRESSION_RATIO} to 1"
                )
    total = sum(member.file_size for member in members)
    if total > ARCHIVE_RATIO_CHECKED_ABOVE_BYTES:
        ratio = total / max(sum(member.compress_size for member in members), 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise ExtractionError(
                f"zip bomb: the members of {what} are compressed {ratio:,.0f} to 1 together; "
                f"the limit is {MAX_COMPRESSION_RATIO} to 1"
            )


@contextlib.contextmanager
def member_errors(member: zipfile.ZipInfo, what: str) -> Iterator[None]:
    """Reading `member` within: a damaged (bad CRC, unsupported compression) or encrypted
    member raised as an ExtractionError that says so."""
    try:
        yield
    except ZIP_READ_ERRORS as error:
        raise ExtractionError(
            f"damaged: {member.filename!r} in {what} could not be read ({error})"
        ) from error
    except RuntimeError as error:
        # zipfile raises RuntimeError for a member encrypted with a password.
        raise ExtractionError(
            f"encrypted: {member.filename!r} in {what} needs a password ({error})"
        ) from error


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, what: str,
                budget: ZipBudget) -> bytes:
    """A member's bytes, charged to the budget as they are inflated, with damage (bad CRC,
    unsupported compression) as a reason."""
    chunks = []
    with member_errors(member, what), archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            budget.charge_read(len(chunk))
            chunks.append(chunk)
    return b"".join(chunks)


def _starts_like_zip(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether a member begins with a zip's signature: inflates four bytes, not the member."""
    if member.flag_bits & 0x1:
        return False  # encrypted: unreadable, and listed as such when unpacked
    try:
        with archive.open(member) as stream:
            return stream.read(4) == _ZIP_MAGIC
    except ZIP_READ_ERRORS:
        return False

"""Opening zip containers (zip bundles, .docx) only after their declared sizes are checked.

A zip's central directory declares every member's size before anything is inflated, and
Python's zipfile never inflates a member past its declared size (it reports a bad CRC
instead), so these checks bound the memory and time that reading the archive can cost.
"""

from __future__ import annotations

import io
import zipfile

from worker.extract.errors import ExtractionError
from worker.extract.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    RATIO_CHECKED_ABOVE_BYTES,
)

# What zipfile raises for damaged archives and members.
ZIP_READ_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError)


def open_checked_zip(content: bytes, what: str) -> zipfile.ZipFile:
    """The archive, once its entry count, total size and compression ratios are within limits.

    `what` names the file in messages: "the zip archive", "the Word document".
    """
    if not content:
        raise ExtractionError("empty: the file has no content")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except ZIP_READ_ERRORS as error:
        raise ExtractionError(f"damaged: {what} could not be opened ({error})") from error
    try:
        check_zip_limits(archive.infolist(), what)
    except ExtractionError:
        archive.close()
        raise
    return archive


def check_zip_limits(members: list[zipfile.ZipInfo], what: str) -> None:
    """Refuse archives with too many entries, too much inside, or bomb-like compression."""
    if len(members) > MAX_ZIP_ENTRIES:
        raise ExtractionError(
            f"too many files: {what} holds {len(members)} entries; the limit is {MAX_ZIP_ENTRIES}"
        )
    total = 0
    for member in members:
        total += member.file_size
        if total > MAX_UNZIPPED_BYTES:
            raise ExtractionError(
                f"zip bomb: {what} unpacks to more than {MAX_UNZIPPED_BYTES // 2**20} MB"
            )
        if member.file_size > RATIO_CHECKED_ABOVE_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise ExtractionError(
                    f"zip bomb: {member.filename!r} in {what} is compressed {ratio:,.0f} to 1; "
                    f"the limit is {MAX_COMPRESSION_RATIO} to 1"
                )


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, what: str) -> bytes:
    """A member's bytes, with damage (bad CRC, unsupported compression) as a reason."""
    try:
        return archive.read(member)
    except ZIP_READ_ERRORS as error:
        raise ExtractionError(
            f"damaged: {member.filename!r} in {what} could not be read ({error})"
        ) from error
    except RuntimeError as error:
        # zipfile raises RuntimeError for a member encrypted with a password.
        raise ExtractionError(
            f"encrypted: {member.filename!r} in {what} needs a password ({error})"
        ) from error

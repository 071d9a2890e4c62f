"""Zip bundles: each file inside becomes an Attachment, for the pipeline to make child evidence.

The bundle's own page lists its contents, so that the investigator sees what came together.
Every member is evidence of its own or is listed with the reason it is not: folders alone go
unlisted. macOS resource forks (__MACOSX) and hidden files (".DS_Store") are not evidence; a
member locked with a password or damaged cannot be read; each is listed, flagged and kept out,
and the rest of the bundle is still extracted. Only the archive's budget fails it whole.
Paths inside the zip are written by whoever made it: only base names are kept, made unique.
Bytes outside the archive (a PDF with a zip appended to it) are a file of their own too.
"""

from __future__ import annotations

import struct
import zipfile

from worker.extract.errors import ExtractionError, OverBudget
from worker.extract.filenames import safe_filename
from worker.extract.result import Attachment, Extraction
from worker.extract.zip_limits import ZipBudget, open_checked_zip, read_member

ENCRYPTED_MEMBERS = "encrypted_members"
SKIPPED_MEMBERS = "skipped_members"
BEFORE_ARCHIVE = "data-before-the-archive"
AFTER_ARCHIVE = "data-after-the-archive"
_WHAT = "the zip archive"
_LOCKED = "locked with a password"
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_LARGEST_COMMENT = 0xFFFF


def extract_zip(content: bytes) -> Extraction:
    """One page listing the files, and each readable file's bytes as an Attachment."""
    archive, budget = open_checked_zip(content, _WHAT)
    with archive:
        members = [member for member in archive.infolist() if not member.is_dir()]
        attachments: list[Attachment] = []
        lines: list[str] = []
        skipped: list[dict] = []
        used: set[str] = set()
        for number, member in enumerate(members, start=1):
            name = _unique(safe_filename(member.filename, f"file-{number}"), used)
            reason = _not_evidence(member)
            data = None
            if reason is None:
                data, reason = _read(archive, member, budget)
            if reason is not None:
                skipped.append({"file": _shown(member.filename), "reason": reason})
                lines.append(f"{_shown(member.filename)} (not extracted: {reason})")
                continue
            attachments.append(Attachment(name, data))
            lines.append(_shown(member.filename))
        outside = _outside_archive(content, archive)
    for name, data, where in outside:
        attachments.append(Attachment(_unique(name, used), data))
        lines.append(f"{len(data):,} bytes {where} the archive, extracted as {name}")
    if not members and not outside:
        page = "The zip archive is empty."
    else:
        page = f"The zip archive holds {len(members)} files:\n" + "\n".join(lines)
    flags = []
    if any(item["reason"] == _LOCKED for item in skipped):
        flags.append(ENCRYPTED_MEMBERS)
    if skipped:
        flags.append(SKIPPED_MEMBERS)
    return Extraction(
        pages=(page,),
        attachments=tuple(attachments),
        flags=tuple(flags),
        metadata={"files": len(members), "skipped": skipped},
    )


def _not_evidence(member: zipfile.ZipInfo) -> str | None:
    """Why a member is kept out of the evidence before it is read, or None."""
    parts = member.filename.replace("\\", "/").split("/")
    if "__MACOSX" in parts:
        return "a macOS resource fork"
    if parts[-1].startswith("."):
        return "a hidden file"
    if member.flag_bits & 0x1:  # bit 0: the member is encrypted
        return _LOCKED
    return None


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo,
          budget: ZipBudget) -> tuple[bytes | None, str | None]:
    """The member's bytes, or why they could not be read; over budget fails the archive."""
    try:
        data = read_member(archive, member, _WHAT, budget)
    except OverBudget:
        raise
    except ExtractionError as error:
        return None, str(error)
    budget.charge_nested(data)
    return data, None


def _outside_archive(content: bytes, archive: zipfile.ZipFile) -> list[tuple[str, bytes, str]]:
    """Bytes before the first member and after the end record: no member holds them."""
    members = archive.infolist()
    first = min((member.header_offset for member in members), default=archive.start_dir)
    found = []
    if first > 0:
        found.append((BEFORE_ARCHIVE, content[:first], "before"))
    end = _archive_end(content)
    if end is not None and end < len(content):
        found.append((AFTER_ARCHIVE, content[end:], "after"))
    return found


def _archive_end(content: bytes) -> int | None:
    """Where the end record and its comment stop, as zipfile finds the record: the last one."""
    record = content.rfind(_END_RECORD, max(0, len(content) - _END_RECORD_SIZE - _LARGEST_COMMENT))
    if record < 0 or record + _END_RECORD_SIZE > len(content):
        return None
    (comment_size,) = struct.unpack_from("<H", content, record + 20)
    return record + _END_RECORD_SIZE + comment_size


def _unique(name: str, used: set[str]) -> str:
    """The name, or "name (2).ext" when another member already has it."""
    candidate, copy = name, 1
    while candidate.lower() in used:
        copy += 1
        stem, dot, extension = name.rpartition(".")
        candidate = f"{stem} ({copy}).{extension}" if dot and stem else f"{name} ({copy})"
    used.add(candidate.lower())
    return candidate


def _shown(path: str) -> str:
    """A member's path for the listing, without control characters hidden in it."""
    return "".join(c for c in path if c.isprintable())

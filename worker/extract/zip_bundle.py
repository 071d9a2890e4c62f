"""Zip bundles: each file inside becomes an Attachment, for the pipeline to make child evidence.

The bundle's own page lists its contents, so that the investigator sees what came together.
Folders, macOS resource forks (__MACOSX) and hidden files (".DS_Store") are not evidence.
Paths inside the zip are written by whoever made it: only base names are kept, made unique.
A member locked with a password cannot be read; it is listed and flagged, and the rest of
the bundle is still extracted.
"""

from __future__ import annotations

import zipfile

from worker.extract.filenames import safe_filename
from worker.extract.result import Attachment, Extraction
from worker.extract.zip_limits import open_checked_zip, read_member

ENCRYPTED_MEMBERS = "encrypted_members"
_WHAT = "the zip archive"


def extract_zip(content: bytes) -> Extraction:
    """One page listing the files, and each file's bytes as an Attachment."""
    with open_checked_zip(content, _WHAT) as archive:
        members = [member for member in archive.infolist() if _is_evidence(member)]
        attachments: list[Attachment] = []
        lines: list[str] = []
        locked = False
        used: set[str] = set()
        for number, member in enumerate(members, start=1):
            name = _unique(safe_filename(member.filename, f"file-{number}"), used)
            if member.flag_bits & 0x1:  # bit 0: the member is encrypted
                locked = True
                lines.append(f"{_shown(member.filename)} (locked with a password, not extracted)")
                continue
            attachments.append(Attachment(name, read_member(archive, member, _WHAT)))
            lines.append(_shown(member.filename))
    if not members:
        page = "The zip archive is empty."
    else:
        page = f"The zip archive holds {len(members)} files:\n" + "\n".join(lines)
    return Extraction(
        pages=(page,),
        attachments=tuple(attachments),
        flags=(ENCRYPTED_MEMBERS,) if locked else (),
        metadata={"files": len(members)},
    )


def _is_evidence(member: zipfile.ZipInfo) -> bool:
    if member.is_dir():
        return False
    parts = member.filename.replace("\\", "/").split("/")
    return "__MACOSX" not in parts and not parts[-1].startswith(".")


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

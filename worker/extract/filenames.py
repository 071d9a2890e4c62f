"""Names for files found inside other files: zip members and email attachments.

The name inside an archive or a MIME header is written by whoever made the file. Only its
last path component is kept (no directories, no "..", no drive letters), without control
characters, and short enough for any filesystem; a file with no usable name gets one.
"""

from __future__ import annotations

import mimetypes
import unicodedata

MAX_NAME_LENGTH = 200


def safe_filename(name: str | None, fallback: str) -> str:
    """The base name of `name`, cleaned; `fallback` when nothing usable is left."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        keep = MAX_NAME_LENGTH - len(dot + extension) if dot and len(extension) < 10 else None
        name = stem[:keep] + dot + extension if keep else name[:MAX_NAME_LENGTH]
    return name or fallback


def fallback_name(number: int, media_type: str | None) -> str:
    """'attachment-3.pdf': a name for the third unnamed attachment of that type."""
    extension = mimetypes.guess_extension(media_type or "") or ".bin"
    return f"attachment-{number}{extension}"

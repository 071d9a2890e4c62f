"""Lines that carry a date but tell no event: an email's header lines, and what a scanner,
printer or word processor stamps on a page ("Scanned on 6 March 2025", "Printed 06/03/2025
Page 1 of 3", "Created: 2025-03-06").

They are blanked before the chronology looks for dated sentences, space for space, so every
other date keeps its offsets. An email is told once, as its own event (chronology's
`message_event`), not by its "Date:" line.
"""

from __future__ import annotations

import re

# A header line as a mail program shows it, at the top of an email or of one quoted in it.
_HEADER = re.compile(r"(?:from|to|cc|bcc|date|sent|subject|received)\s*:", re.IGNORECASE)
# A document property or a stamp as a line of its own.
_PROPERTY = re.compile(
    r"(?:created|modified|last\s+modified|last\s+saved(?:\s+by)?|last\s+printed|printed|"
    r"scanned|author|title|document\s+properties|file\s+name)\s*:", re.IGNORECASE)
# What a machine did to the paper, said in a short line of its own.
_STAMP = re.compile(
    r"\b(?:scanned|printed|photocopied|faxed|generated|downloaded|uploaded|exported)"
    r"(?:\s+(?:on|at|by))?\b|\bpage\s+\d+\s+of\s+\d+\b", re.IGNORECASE)
# A stamp is a line this short: a sentence that says a letter was printed and posted late
# is an event, and it is longer.
LONGEST_STAMP = 80


def is_noise(line: str) -> bool:
    """True for a header line, a document property, or a short scanning or printing stamp."""
    stripped = line.strip()
    return bool(_HEADER.match(stripped) or _PROPERTY.match(stripped)
                or (len(stripped) <= LONGEST_STAMP and _STAMP.search(stripped)))


def without_noise(page: str) -> str:
    """The page with its noise lines blanked to spaces: the same length, the same offsets."""
    kept = []
    for line in page.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        kept.append(" " * len(body) + line[len(body):] if is_noise(body) else line)
    return "".join(kept)

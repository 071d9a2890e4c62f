"""How a letter addresses its reader and names people: the postal address it opens with, the
greeting, the short name it calls an organisation by once it has named it in full, and
the person an apology should come from."""

from __future__ import annotations

from casework.errors import ValidationFailed
from casework.names import split_title

# A UK address fits in seven lines (Royal Mail allows no more on an envelope's window).
MAX_ADDRESS_LINES = 7
MAX_ADDRESS_LINE_LENGTH = 100

# The last word of a body's name, and the short name letters use for it after the first
# mention: "Northtown Hospitals NHS Foundation Trust" is then "the Trust".
_SHORT_NAMES = {
    "trust": "the Trust", "council": "the Council", "surgery": "the Surgery",
    "practice": "the Practice", "board": "the Board", "department": "the Department",
    "agency": "the Agency", "authority": "the Authority", "service": "the Service",
    "hospital": "the Hospital", "icb": "the ICB", "commission": "the Commission",
    "ministry": "the Ministry", "office": "the Office", "partnership": "the Partnership",
}


def postal_address(text: str | None, field: str) -> str:
    """An address as typed, one line a line, with blank lines and stray spaces gone; a
    ValidationFailed for `field` when it cannot be a postal address."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    lines = [line.rstrip(",") for line in lines if line]
    if len(lines) > MAX_ADDRESS_LINES:
        raise ValidationFailed(f"An address has at most {MAX_ADDRESS_LINES} lines", field=field)
    if any(len(line) > MAX_ADDRESS_LINE_LENGTH for line in lines):
        raise ValidationFailed(f"Each line of an address must be {MAX_ADDRESS_LINE_LENGTH} "
                               "characters or fewer", field=field)
    return "\n".join(lines)


def address_lines(address: str) -> list[str]:
    return [line for line in address.splitlines() if line.strip()]


def greeting(name: str) -> str:
    """Whom "Dear ..." names: title and surname where the name has a title ("Mrs Ada
    Lovelace" is "Mrs Lovelace"), else the name as given ("Ada Lovelace", "Ada")."""
    title, words = split_title(name)
    if title and words:
        return f"{title} {words[-1]}"
    return " ".join(name.split())


def short_name(organisation: str) -> str:
    """What a letter calls the organisation after naming it: "the Trust", or its name."""
    words = organisation.split()
    return _SHORT_NAMES.get(words[-1].casefold(), organisation) if words else organisation


def apology_from(from_whom: str, organisation: str) -> str:
    """Who an apology should come from, as a sentence says it: a role typed as a heading
    ("Chief Executive") becomes "the Trust's chief executive" (or "the chief executive of
    Riverside Medical Group"); a person's name, or a phrase already written out, is kept."""
    text = " ".join(from_whom.split()).rstrip(".")
    if text.casefold().startswith("the "):
        return "the " + text[4:]
    title, _words = split_title(text)
    if not text or title or "'s " in text:
        return text
    role = " ".join(word if word.isupper() else word.lower() for word in text.split())
    short = short_name(organisation)
    return f"{short}'s {role}" if short != organisation else f"the {role} of {organisation}"

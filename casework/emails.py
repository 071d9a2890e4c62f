"""Email addresses as people type them: one rule for accounts, complainants and organisations."""

from __future__ import annotations

from casework.errors import ValidationFailed

# Characters that would let one address become two, or end a mail header early.
NOT_IN_AN_ADDRESS = frozenset(',;<>()[]"\\:')


def normalise_email(email: str, field: str = "email") -> str:
    """The address trimmed and lower-cased; refused unless it is one plain name@domain."""
    email = email.strip().lower()
    name, at, domain = email.partition("@")
    plain = email.isprintable() and not any(c.isspace() or c in NOT_IN_AN_ADDRESS
                                            for c in email)
    if not at or not name or not domain or "@" in domain or not plain:
        raise ValidationFailed(f"{email!r} is not an email address", field=field)
    return email

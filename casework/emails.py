"""Email addresses as people type them: one rule for accounts, complainants and organisations."""

from __future__ import annotations

from casework.errors import ValidationFailed


def normalise_email(email: str, field: str = "email") -> str:
    """The address trimmed and lower-cased; refused unless it looks like name@domain."""
    email = email.strip().lower()
    name, at, domain = email.partition("@")
    if not at or not name or not domain or " " in email or "@" in domain:
        raise ValidationFailed(f"{email!r} is not an email address", field=field)
    return email

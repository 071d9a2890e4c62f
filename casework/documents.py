"""Word documents rendered from docxtpl templates in a sandbox, and the UK formats they use."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

LETTERS_DIR = Path(__file__).resolve().parent.parent / "templates" / "letters"

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# Decisions and letters are dated as the ombudsman's office sees the day, not as UTC does:
# in British Summer Time the two differ for the first hour after midnight.
OFFICE_TIME_ZONE = ZoneInfo("Europe/London")


def office_today() -> date:
    """Today, in the office."""
    return datetime.now(OFFICE_TIME_ZONE).date()


def office_date(moment: datetime) -> date:
    """The office's date at `moment`, a time stored in UTC (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TIME_ZONE).date()


def uk_date(value: date) -> str:
    """'3 March 2026': the form letters use; a stored time gives the office's date."""
    if isinstance(value, datetime):
        value = office_date(value)
    return f"{value.day} {value:%B %Y}"


def pounds(pence: int) -> str:
    """'£1,250.00' from 125000 pence."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def render_docx(template: Path, context: dict) -> bytes:
    """Render a .docx template; values are data, never template code, and are XML-escaped."""
    # The sandbox stops a template edited in Word from reaching Python internals;
    # autoescape makes '<', '&' and friends in case data come out as text, not broken XML.
    environment = ImmutableSandboxedEnvironment(autoescape=True)
    document = DocxTemplate(template)
    document.render(context, jinja_env=environment, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

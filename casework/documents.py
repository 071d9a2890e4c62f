"""Word documents rendered from docxtpl templates in a sandbox, and the UK formats they use."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

LETTERS_DIR = Path(__file__).resolve().parent.parent / "templates" / "letters"

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def uk_date(value: date) -> str:
    """'3 March 2026': the form letters use."""
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

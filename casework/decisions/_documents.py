"""Word documents rendered from the docxtpl templates in a sandbox, and what they are called."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path

from casework.errors import NotFound
from vocabulary import Recipient

# The templates are data, edited in Word by people who are not programmers.
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
DECISION_TEMPLATE = TEMPLATES_DIR / "decision.docx"
LETTER_TEMPLATES = {
    Recipient.COMPLAINANT: TEMPLATES_DIR / "complainant_letter.docx",
    Recipient.ORGANISATION: TEMPLATES_DIR / "organisation_letter.docx",
}
# Not a case's document: kept apart from the templates the decisions' check reads.
INSIGHT_REPORT_TEMPLATE = TEMPLATES_DIR / "reports" / "insight_report.docx"

# The parts (bodies, headers, footers) of the templates a process renders, compiled and kept.
COMPILED_TEMPLATES = 64

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_docx(template: Path, context: dict | Callable[[object], dict]) -> bytes:
    """Render a .docx template; values are data, never template code, and are XML-escaped.

    A `context` that needs the document itself (for images and tables made for it) is a
    function of the docxtpl document that returns the context."""
    # Imported here, not at the top: only a process that drafts needs Word, and the web
    # process must start without the document libraries the worker parses with.
    from docxtpl import DocxTemplate

    document = DocxTemplate(template)
    if callable(context):
        context = context(document)
    document.render(context, jinja_env=_environment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@functools.cache
def _environment():
    """The one sandbox every document is rendered in, keeping the templates it compiled.

    The sandbox stops a template edited in Word from reaching Python internals; autoescape
    makes '<', '&' and friends in case data come out as text, not broken XML. Compiling a
    template's XML took most of a draft's time, and a decision and its letters are drafted
    from the same few templates again and again: each is compiled once per version of its
    XML (an edited template is new XML, so it is compiled afresh).
    """
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class CompilingOnce(ImmutableSandboxedEnvironment):
        @functools.lru_cache(maxsize=COMPILED_TEMPLATES)  # noqa: B019 (one environment a process)
        def from_string(self, source, globals=None, template_class=None):
            return super().from_string(source, globals, template_class)

    return CompilingOnce(autoescape=True)


def recipient_named(value: str) -> Recipient:
    """The recipient a download names; NotFound for anyone else."""
    try:
        return Recipient(value)
    except ValueError:
        raise NotFound(f"no letter to {value}") from None

"""Decisions: the template context, drafted versions with their letters, review with four
eyes, both sides' comments, issue and the letters' delivery, Word documents and the PDFs a
worker makes of them, the template check.

The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.decisions._changes import Change, SectionChanges, version_changes
from casework.decisions._comments import both_sides_replied, list_comments, record_comment
from casework.decisions._context import (
    context_fingerprint,
    decision_context,
    plain_decision_context,
    standard_label,
    with_line_breaks,
)
from casework.decisions._delivery import (
    DeliveryFailed,
    case_deliveries,
    deliver_letters,
    deliver_reminder,
    get_delivery,
    mark_posted,
    send_delivery,
    unsent_deliveries,
)
from casework.decisions._documents import (
    DECISION_TEMPLATE,
    DOCX_MEDIA_TYPE,
    TEMPLATES_DIR,
    render_docx,
)
from casework.decisions._next_date import NextDate, next_date
from casework.decisions._office import WarmOffice
from casework.decisions._pdf import (
    ColdOffice,
    ConversionUnavailable,
    docx_to_pdf,
    office_program,
    warm_office,
)
from casework.decisions._review import (
    SectionComment,
    approve_decision,
    mark_issued,
    request_changes,
    submit_decision,
)
from casework.decisions._template_check import check_templates, sample_context
from casework.decisions._version_pdfs import (
    PDF_FOLLOW_DAYS,
    PDF_MEDIA_TYPE,
    PDF_RETRY_SECONDS,
    PDF_TIME_LIMIT_S,
    PDF_TRIES,
    ConversionFailed,
    PdfTryFailed,
    VersionPdf,
    forget_pdf_failure,
    make_version_pdf,
    record_pdf_failure,
    version_pdf,
    versions_awaiting_pdf,
)
from casework.decisions._versions import (
    comments_due,
    current_context,
    decision_at,
    decision_stage,
    document_filename,
    draft_decision,
    find_version,
    get_decision,
    get_letter,
    get_version,
    is_current,
    letter_filename,
    list_decisions,
    version_date,
)

__all__ = [
    "ColdOffice",
    "ConversionFailed",
    "ConversionUnavailable",
    "DeliveryFailed",
    "case_deliveries",
    "deliver_letters",
    "deliver_reminder",
    "get_delivery",
    "mark_posted",
    "send_delivery",
    "unsent_deliveries",
    "Change",
    "NextDate",
    "SectionChanges",
    "SectionComment",
    "version_changes",
    "approve_decision",
    "both_sides_replied",
    "decision_at",
    "list_comments",
    "mark_issued",
    "next_date",
    "record_comment",
    "request_changes",
    "submit_decision",
    "DECISION_TEMPLATE",
    "DOCX_MEDIA_TYPE",
    "TEMPLATES_DIR",
    "check_templates",
    "comments_due",
    "context_fingerprint",
    "decision_context",
    "decision_stage",
    "document_filename",
    "current_context",
    "draft_decision",
    "find_version",
    "get_decision",
    "get_version",
    "letter_filename",
    "get_letter",
    "is_current",
    "list_decisions",
    "docx_to_pdf",
    "office_program",
    "warm_office",
    "WarmOffice",
    "plain_decision_context",
    "render_docx",
    "sample_context",
    "standard_label",
    "version_date",
    "PDF_MEDIA_TYPE",
    "PDF_RETRY_SECONDS",
    "PDF_TIME_LIMIT_S",
    "PDF_FOLLOW_DAYS",
    "PDF_TRIES",
    "PdfTryFailed",
    "VersionPdf",
    "forget_pdf_failure",
    "make_version_pdf",
    "record_pdf_failure",
    "version_pdf",
    "versions_awaiting_pdf",
    "with_line_breaks",
]

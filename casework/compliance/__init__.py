"""Compliance: every recommendation of an issued final decision followed until the
organisation has done what it was asked; the organisations' own view of their decisions; the
daily sweep that marks what is overdue and reminds; the figures by organisation.

The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.compliance._figures import (
    OrganisationFigures,
    compliance_figures,
    complied_late,
    complied_on_time,
    count_of,
    figures_csv,
    overdue_on,
)
from casework.compliance._portal import (
    PORTAL_DOCUMENTS,
    PortalDownload,
    comments_open_until,
    get_issued_decision_for,
    organisation_decisions,
    portal_download,
    record_portal_view,
    send_portal_comments,
)
from casework.compliance._queries import (
    entry_evidence,
    get_recommendation_for,
    visible_recommendations,
)
from casework.compliance._status import (
    MAX_NOTE_LENGTH,
    accept_compliance,
    agree_due_date,
    request_more,
    submit_compliance,
)
from casework.compliance._sweep import SweepResult, sweep
from casework.compliance._work import (
    DUE_SOON_DAYS,
    awaiting_review,
    cases_by_stage,
    overdue_recommendations,
    recommendations_due,
)

__all__ = [
    "MAX_NOTE_LENGTH",
    "DUE_SOON_DAYS",
    "awaiting_review",
    "cases_by_stage",
    "overdue_recommendations",
    "recommendations_due",
    "PORTAL_DOCUMENTS",
    "OrganisationFigures",
    "PortalDownload",
    "SweepResult",
    "accept_compliance",
    "agree_due_date",
    "comments_open_until",
    "complied_late",
    "complied_on_time",
    "compliance_figures",
    "count_of",
    "overdue_on",
    "entry_evidence",
    "figures_csv",
    "get_issued_decision_for",
    "get_recommendation_for",
    "organisation_decisions",
    "portal_download",
    "record_portal_view",
    "request_more",
    "send_portal_comments",
    "submit_compliance",
    "sweep",
    "visible_recommendations",
]

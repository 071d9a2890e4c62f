"""Compliance by organisation: of the recommendations made in issued final decisions, how many
were complied with on time, late, or are overdue.

The figures are counts about organisations, never about people or case files, so everyone on
staff sees every organisation's; an organisation user sees its own alone.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.compliance._queries import issued_final
from casework.errors import NotFound
from casework.formats import spreadsheet_cell
from casework.permissions import can_read_cases
from storage.models import Case, Organisation, Recommendation, User
from vocabulary import ComplianceStatus

FIGURES_COLUMNS = ("organisation", "made", "complied_on_time", "complied_late", "overdue",
                   "rate")


@dataclass(frozen=True)
class OrganisationFigures:
    organisation_id: int
    organisation: str
    made: int
    complied_on_time: int
    complied_late: int
    overdue: int

    @property
    def rate(self) -> float | None:
        """Complied on time, of those made."""
        return self.complied_on_time / self.made if self.made else None


def complied() -> ColumnElement[bool]:
    return Recommendation.compliance_status == ComplianceStatus.COMPLIED


def overdue_on(as_of: date) -> ColumnElement[bool]:
    """Not complied with, and its due date passed before `as_of`. Read from the dates, so the
    figures are right between the daily sweeps too."""
    return and_(not_(complied()), Recommendation.due_date.is_not(None),
                Recommendation.due_date < as_of)


def complied_on_time() -> ColumnElement[bool]:
    """Accepted as complied with by its due date, or with none."""
    return and_(complied(), or_(Recommendation.due_date.is_(None),
                                Recommendation.complied_on <= Recommendation.due_date))


def complied_late() -> ColumnElement[bool]:
    """Accepted as complied with after its due date."""
    # Accepted without a date against a due date cannot be shown on time: it counts as late.
    return and_(complied(), Recommendation.due_date.is_not(None),
                or_(Recommendation.complied_on.is_(None),
                    Recommendation.complied_on > Recommendation.due_date))


def count_of(condition: ColumnElement[bool]):
    """How many rows of the group meet the condition (0 for none)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def compliance_figures(session: Session, reader: User | None, as_of: date,
                       organisation_id: int | None = None) -> list[OrganisationFigures]:
    """The figures of each organisation `reader` may see (all of them for staff and for the
    service itself), by name; only `organisation_id`'s when given, which is NotFound, and
    the attempt audited, when it is not theirs to see."""
    query = (
        select(Organisation.id, Organisation.name, func.count(Recommendation.id),
               count_of(complied_on_time()), count_of(complied_late()),
               count_of(overdue_on(as_of)))
        .select_from(Organisation)
        .outerjoin(Case, Case.organisation_id == Organisation.id)
        .outerjoin(Recommendation, and_(Recommendation.case_id == Case.id, issued_final()))
        .group_by(Organisation.id, Organisation.name)
        .order_by(Organisation.name)
    )
    if reader is not None and not can_read_cases(reader):
        query = query.where(Organisation.id == reader.organisation_id)
    if organisation_id is not None:
        query = query.where(Organisation.id == organisation_id)
    figures = [OrganisationFigures(*row) for row in session.execute(query)]
    if organisation_id is not None and not figures:
        _refuse(session, reader, organisation_id)
    return figures


def _refuse(session: Session, reader: User | None, organisation_id: int) -> None:
    # Another organisation's figures are "not found", as if it did not exist; the attempt is
    # on record when it does.
    if session.get(Organisation, organisation_id) is not None:
        record_event(session, reader, "access.refused", reader, record="organisation",
                     record_id=organisation_id)
    raise NotFound(f"no organisation with id {organisation_id}")


def figures_csv(figures: list[OrganisationFigures]) -> str:
    """The figures as CSV, one organisation a row; the rate as a fraction to three places,
    empty when nothing was made."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIGURES_COLUMNS)
    for row in figures:
        writer.writerow([spreadsheet_cell(row.organisation), row.made, row.complied_on_time,
                         row.complied_late, row.overdue,
                         "" if row.rate is None else f"{row.rate:.3f}"])
    return out.getvalue()

"""Published casework: a final decision, once issued and its anonymisation approved, on the
public index with a short case summary, until someone withdraws it.

The summary is drafted from the decision as it was made (what the complaint was about, what
we found, what the organisation was asked to do), edited by the investigator, and published
only as the anonymised decision is: with the approved map and through the leak check, so
that organisations are named and people never are. The public reads only the anonymised
summary and the frozen anonymised decision; withdrawing takes both off the index at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from casework.audit import record_event
from casework.decisions import get_version
from casework.errors import NotFound, ValidationFailed
from casework.formats import office_date
from casework.paging import Paged, paged
from casework.publication._anonymise import anonymise_text
from casework.publication._leak_check import LeakFound, check_publishable, titled_people
from casework.publication._published import NotPublishable, decision_as_made, frozen_publication
from storage.models import ComplaintPointTheme, Decision, Organisation, Publication, User
from storage.objects import ObjectStore
from vocabulary import DecisionStatus, Outcome

MAX_SUMMARY_LENGTH = 3000


@dataclass(frozen=True)
class PublishedFilter:
    """What the public index is narrowed to; None is "any"."""

    # The organisation's id, or its full name in any case.
    organisation: str | None = None
    outcome: Outcome | None = None
    decided_from: date | None = None
    decided_to: date | None = None
    # A theme's slug: decisions on a case with a complaint point of that theme.
    theme: str | None = None


def draft_summary(decision: Decision) -> str:
    """A first draft of the case summary, from the decision as it was made."""
    plain = decision_as_made(decision, get_version(decision)) or {}
    organisation = plain.get("organisation", decision.case.organisation.name)
    points = [point["text"].rstrip(".") for point in plain.get("points", [])]
    about = plain.get("summary") or "; ".join(points)
    found = f"We {plain.get('outcome_phrase', decision.outcome.label.lower())} the complaint."
    findings = [f"{finding['title']}: {finding['conclusion'].lower()}."
                for point in plain.get("points", []) for finding in point["findings"]]
    asked = [f"{r['kind']}: {r['text']}" for r in plain.get("recommendations", [])]
    parts = [f"The complaint was about {organisation}: {about.rstrip('.')}." if about else "",
             " ".join([found, *findings]),
             (f"We asked {organisation} to put things right. " + " ".join(asked))
             if asked else "We did not ask for anything to be put right."]
    return "\n\n".join(part for part in parts if part)


def publish_decision(session: Session, store: ObjectStore, decision: Decision,
                     actor: User | None, summary: str, today: date) -> Publication:
    """Put the issued final decision on the public index with `summary`, anonymised and
    leak-checked as the decision is (LeakFound names what would have been published).
    Publishing again replaces the summary, and brings back a withdrawn publication."""
    if decision.status is not DecisionStatus.ISSUED:
        raise NotPublishable("Only an issued final decision is published: issue it first.")
    summary = (summary or "").strip()
    if not summary:
        raise ValidationFailed("Enter the case summary", field="summary")
    if len(summary) > MAX_SUMMARY_LENGTH:
        raise ValidationFailed(f"The case summary must be {MAX_SUMMARY_LENGTH} characters or "
                               "fewer", field="summary")
    frozen, mapping = frozen_publication(session, store, decision, actor, today)
    public_summary = anonymise_text(summary, mapping)
    check_publishable(public_summary, mapping)
    named = titled_people(public_summary)
    if named:
        raise LeakFound(named)
    publication = session.scalar(select(Publication).where(
        Publication.decision_id == decision.id).with_for_update())
    if publication is None:
        publication = Publication(decision=decision)
        session.add(publication)
    publication.published_version = frozen
    publication.organisation_id = decision.case.organisation_id
    publication.outcome = decision.outcome
    publication.decided_on = office_date(decision.issued_at)
    publication.summary, publication.public_summary = summary, public_summary
    publication.published_by_id = actor.id if actor is not None else None
    publication.published_at = datetime.now(UTC)
    publication.withdrawn_at = publication.withdrawn_by_id = None
    publication.withdrawn_reason = None
    session.flush()
    record_event(session, actor, "decision.published", decision, case_id=decision.case_id,
                 publication_id=publication.id)
    return publication


def withdraw_publication(session: Session, publication: Publication, actor: User | None,
                         reason: str) -> None:
    """Take the publication off the public index, saying why (kept in the audit trail)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationFailed("Say why it is withdrawn", field="reason")
    if publication.withdrawn_at is not None:
        raise ValidationFailed("It has already been withdrawn", field="reason")
    publication.withdrawn_at = datetime.now(UTC)
    publication.withdrawn_by_id = actor.id if actor is not None else None
    publication.withdrawn_reason = reason
    record_event(session, actor, "decision.publication_withdrawn", publication.decision,
                 case_id=publication.decision.case_id, publication_id=publication.id,
                 reason=reason)
    session.flush()


def publication_of(session: Session, decision: Decision) -> Publication | None:
    """The decision's publication, live or withdrawn, if it was ever published."""
    return session.scalar(select(Publication).where(Publication.decision_id == decision.id))


def published_casework(session: Session, chosen: PublishedFilter, page: int,
                       per_page: int) -> Paged[Publication]:
    """The public index: live publications, latest decided first, as filtered."""
    query = (select(Publication).where(Publication.withdrawn_at.is_(None))
             .options(joinedload(Publication.organisation))
             .order_by(Publication.decided_on.desc(), Publication.id.desc()))
    if chosen.organisation:
        named = chosen.organisation.strip()
        query = query.where(Publication.organisation_id == int(named)) if named.isdigit() \
            else query.where(Publication.organisation_id.in_(select(Organisation.id).where(
                func.lower(Organisation.name) == " ".join(named.split()).lower())))
    if chosen.outcome is not None:
        query = query.where(Publication.outcome == chosen.outcome)
    if chosen.decided_from is not None:
        query = query.where(Publication.decided_on >= chosen.decided_from)
    if chosen.decided_to is not None:
        query = query.where(Publication.decided_on <= chosen.decided_to)
    if chosen.theme:
        query = query.where(Publication.decision_id.in_(
            select(Decision.id).join(ComplaintPointTheme,
                                     ComplaintPointTheme.case_id == Decision.case_id)
            .where(ComplaintPointTheme.theme == chosen.theme)))
    return paged(session, query, page, per_page)


def get_published(session: Session, publication_id: int) -> Publication:
    """A live publication; NotFound for one withdrawn or never made, alike."""
    publication = session.get(Publication, publication_id)
    if publication is None or publication.withdrawn_at is not None:
        raise NotFound(f"no published decision {publication_id}")
    return publication


def published_organisations(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the organisations with live publications: the index's filter."""
    return [(row.id, row.name) for row in session.execute(
        select(Organisation.id, Organisation.name).where(Organisation.id.in_(
            select(Publication.organisation_id).where(Publication.withdrawn_at.is_(None))))
        .order_by(Organisation.name))]


def publication_themes(session: Session, publications: list[Publication]
                       ) -> dict[int, list[str]]:
    """Publication id -> the themes (slugs) of its case's complaint points, in one query."""
    by_decision = {p.decision_id: p.id for p in publications}
    if not by_decision:
        return {}
    found: dict[int, list[str]] = {}
    for decision_id, theme in session.execute(
            select(Decision.id, ComplaintPointTheme.theme).distinct()
            .join(ComplaintPointTheme, ComplaintPointTheme.case_id == Decision.case_id)
            .where(Decision.id.in_(by_decision)).order_by(ComplaintPointTheme.theme)):
        found.setdefault(by_decision[decision_id], []).append(theme)
    return found

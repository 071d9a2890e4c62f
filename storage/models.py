"""Tables. Money is integer pence; times are timezone-aware UTC."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    false,
    func,
    select,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from vocabulary import (
    CaseStage,
    Channel,
    ComplianceStatus,
    ComplianceStep,
    Conclusion,
    DecisionStage,
    DecisionStatus,
    DeliveryStatus,
    DocType,
    EntityLabel,
    EventSource,
    EvidenceStatus,
    Outcome,
    PaymentBasis,
    Principle,
    Recipient,
    RecommendationKind,
    ReminderKind,
    ReviewResult,
    Role,
    Section,
    StepStatus,
    TypeSource,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores UTC and hands back aware datetimes, also from SQLite, which drops the zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetimes are ambiguous; pass an aware UTC datetime")
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def _enum(cls: type[enum.Enum], length: int = 32) -> Enum:
    # Stored as plain strings with a CHECK-free VARCHAR so adding a value needs no type change.
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime}


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Where its letters are emailed; none means they go by post.
    contact_emails: Mapped[list] = mapped_column(JSON, default=list)
    # The postal address its letters open with, a line a line; empty when not known.
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(_enum(Role))
    # Letters are signed with the name and job title, never "The investigator".
    name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    job_title: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # A deactivated user can neither sign in nor use a token; their records keep their name.
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Only the sha256 of the token is kept: a leaked database leaks no usable tokens.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()

    user: Mapped[User] = relationship()


class SignInSession(Base):
    """One signed-in browser: the cookie holds a secret whose hash is here, so signing out
    (or deactivation) ends the session on the server, not only in the browser."""

    __tablename__ = "sign_in_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column()

    user: Mapped[User] = relationship()


class SignInFailure(Base):
    """A wrong password (or unknown email), counted per email and per address to throttle."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (
        Index("ix_sign_in_failures_email_at", "email", "at"),
        Index("ix_sign_in_failures_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(32), unique=True)
    complainant_name: Mapped[str] = mapped_column(String(200))
    # Where the complainant's letters are emailed; empty means they go by post.
    complainant_email: Mapped[str | None] = mapped_column(String(254))
    # The postal address their letters open with, a line a line; empty when not known.
    complainant_address: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Indexed for the case list's and cross-case search's filter by organisation.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[CaseStage] = mapped_column(_enum(CaseStage), default=CaseStage.INVESTIGATION)
    # Who works the case: its creator unless an admin assigns someone else. Investigators see
    # only the cases assigned to them (health data is seen on a need basis).
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # The outcome is derived from the complaint points; an investigator may override it, with a
    # reason that is kept.
    outcome_override: Mapped[Outcome | None] = mapped_column(_enum(Outcome))
    outcome_override_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    complaint_points: Mapped[list[ComplaintPoint]] = relationship(
        back_populates="case", order_by="ComplaintPoint.number"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="case", order_by="Evidence.id"
    )
    findings: Mapped[list[Finding]] = relationship(back_populates="case", order_by="Finding.id")
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="case", order_by="Recommendation.id"
    )
    comments: Mapped[list[CaseComment]] = relationship(
        back_populates="case", order_by="(CaseComment.created_at, CaseComment.id)"
    )


class Evidence(Base):
    __tablename__ = "evidence"
    # One first copy of the same bytes per case: a second upload, however close in time,
    # is linked to it rather than examined again.
    __table_args__ = (
        Index("uq_evidence_first_copy", "case_id", "sha256", unique=True,
              sqlite_where=text("duplicate_of_id IS NULL"),
              postgresql_where=text("duplicate_of_id IS NULL")),
        # The evidence list's filters and sorts within a case, each ending in the id that
        # breaks ties, so a page is read in order from the index (casework.evidence).
        Index("ix_evidence_case_status", "case_id", "status", "id"),
        Index("ix_evidence_case_doc_type", "case_id", "doc_type", "id"),
        Index("ix_evidence_case_created_at", "case_id", "created_at", "id"),
        Index("ix_evidence_case_filename", "case_id", "filename", "id"),
        Index("uq_evidence_case_number", "case_id", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    # "Evidence 7": the file's place in its case, in the order files came in, as decisions
    # and pages cite it. Given when the row is inserted (casework.evidence's intake) and never
    # changed, so that showing it never means counting the case's other files.
    number: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(127))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    object_key: Mapped[str] = mapped_column(String(255))
    status: Mapped[EvidenceStatus] = mapped_column(
        _enum(EvidenceStatus), default=EvidenceStatus.QUEUED
    )
    error: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)
    # Pages 1 to this have an image and a thumbnail in the object store (casework.evidence's
    # page images); fewer than page_count when the file's pages were past the limit.
    page_images: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    doc_type: Mapped[DocType | None] = mapped_column(_enum(DocType, length=64))
    doc_type_confidence: Mapped[float | None] = mapped_column(Float)
    # "model" when the classifier chose the type, "investigator" when a person corrected it.
    doc_type_source: Mapped[TypeSource | None] = mapped_column(_enum(TypeSource, length=16))
    needs_review: Mapped[bool] = mapped_column(default=False)
    # Facts from extraction worth showing: tracked_changes, ocr_unavailable, ...
    flags: Mapped[list] = mapped_column(JSON, default=list)
    # Format details such as an email's headers.
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    # The investigator's description ("the Trust's complaint response of 15 May 2025"); None
    # means the suggestion (casework.evidence's descriptions).
    description: Mapped[str | None] = mapped_column(Text)
    # Whether the decision's "What we looked at" lists it: None means by the rule.
    in_decision: Mapped[bool | None] = mapped_column()
    # What the anonymisation needs from the file (the people it names, its identifiers),
    # found when it was processed (casework.publication's FileFacts); None until then, and
    # for files processed before these were kept.
    identifying_facts: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"))
    # When the current run began, and how many runs there have been: a run that outlives its
    # lease was lost with its worker; a file that keeps losing its worker is given up on.
    processing_started_at: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When its message last reached the broker (None: never, the broker was down): the
    # reconciler sends again what has waited queued too long.
    enqueued_at: Mapped[datetime | None] = mapped_column()
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column()

    case: Mapped[Case] = relationship(back_populates="evidence")
    pages: Mapped[list[EvidencePage]] = relationship(
        back_populates="evidence", order_by="EvidencePage.number", cascade="all, delete-orphan"
    )
    parent: Mapped[Evidence | None] = relationship(
        remote_side="Evidence.id", foreign_keys=[parent_id]
    )
    duplicate_of: Mapped[Evidence | None] = relationship(
        remote_side="Evidence.id", foreign_keys=[duplicate_of_id]
    )
    steps: Mapped[list[EvidenceStep]] = relationship(
        back_populates="evidence", order_by="EvidenceStep.position", cascade="all, delete-orphan"
    )
    entities: Mapped[list[EvidenceEntity]] = relationship(
        back_populates="evidence", order_by="(EvidenceEntity.page, EvidenceEntity.start)",
        cascade="all, delete-orphan",
    )
    events: Mapped[list[EvidenceEvent]] = relationship(
        back_populates="evidence", order_by="EvidenceEvent.date", cascade="all, delete-orphan"
    )


def next_evidence_number(case_id: int):
    """The case's next evidence number, read within the INSERT that takes it (a subquery): an
    insert that does nothing takes none, so the numbers have no gaps. Concurrent writers must
    be made to take turns (casework.evidence's intake locks the case)."""
    return (select(func.coalesce(func.max(Evidence.number), 0) + 1)
            .where(Evidence.case_id == case_id).scalar_subquery())


@event.listens_for(Evidence, "before_insert")
def _number_evidence(_mapper, _connection, evidence: Evidence) -> None:
    if evidence.number is None:
        evidence.number = next_evidence_number(evidence.case_id or evidence.case.id)


class EvidenceStep(Base):
    """One pipeline step's run over one evidence file: what the progress display shows."""

    __tablename__ = "evidence_steps"
    __table_args__ = (UniqueConstraint("evidence_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(32))
    status: Mapped[StepStatus] = mapped_column(_enum(StepStatus))
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)

    evidence: Mapped[Evidence] = relationship(back_populates="steps")


class EvidenceEntity(Base):
    """A person, organisation, identifier or amount found on a page, with its offsets."""

    __tablename__ = "evidence_entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[EntityLabel] = mapped_column(_enum(EntityLabel))
    text: Mapped[str] = mapped_column(String(500))
    # The normalised form: a name without its title, an ISO date, an amount in pence.
    value: Mapped[str | None] = mapped_column(String(500))
    page: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    evidence: Mapped[Evidence] = relationship(back_populates="entities")


class EvidenceEvent(Base):
    """A dated sentence: one line of the case's chronology."""

    __tablename__ = "evidence_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True
    )
    # The file's case, kept beside the event so a page of the case's chronology is read in
    # order from one index (ix_evidence_events_chronology) rather than sorted from all of it.
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    page: Mapped[int] = mapped_column(Integer)
    # Chosen by an investigator for the decision's "What happened".
    in_decision: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The earlier event of the case this one tells again (the same day, in much the same
    # words), or None when it is the first telling: kept, so the chronology pages in SQL.
    retelling_of: Mapped[int | None] = mapped_column(
        ForeignKey("evidence_events.id", ondelete="SET NULL"), index=True, default=None
    )

    # Who put it in: the worker's events are replaced when the file is read again, an
    # investigator's are kept.
    source: Mapped[EventSource] = mapped_column(
        _enum(EventSource, length=16), default=EventSource.MACHINE,
        server_default=EventSource.MACHINE.value)
    # Hidden from the chronology by an investigator (noise), until restored.
    dismissed: Mapped[bool] = mapped_column(default=False, server_default=false())
    # What the worker found, kept once an investigator corrects the date or wording: reading
    # the file again finds the event by them and leaves the correction in its place.
    found_date: Mapped[date | None] = mapped_column(Date, default=None)
    found_text: Mapped[str | None] = mapped_column(Text, default=None)
    # The people the event's sentence names, as found on its page.
    people: Mapped[list] = mapped_column(JSON, default=list)

    evidence: Mapped[Evidence] = relationship(back_populates="events")

    @property
    def touched(self) -> bool:
        """Added, corrected or dismissed by an investigator: kept when the file is read again."""
        return (self.source is EventSource.INVESTIGATOR or self.dismissed
                or self.found_text is not None)

    @property
    def corrected(self) -> bool:
        return self.found_text is not None

    @property
    def as_found(self) -> tuple[date, str, int]:
        """The date, wording and page the worker found, before any correction."""
        return (self.found_date or self.date,
                self.text if self.found_text is None else self.found_text, self.page)


# The SQL twin of EvidenceEvent.touched, negated: the events reading a file again replaces.
UNTOUCHED_EVENT = (EvidenceEvent.source == EventSource.MACHINE,
                   EvidenceEvent.dismissed.is_(False), EvidenceEvent.found_text.is_(None))

# The case's chronology in its order, first tellings only: what a page of it reads.
CHRONOLOGY_ORDER = (EvidenceEvent.date, EvidenceEvent.evidence_id, EvidenceEvent.page,
                    EvidenceEvent.id)
Index("ix_evidence_events_chronology", EvidenceEvent.case_id, *CHRONOLOGY_ORDER,
      sqlite_where=EvidenceEvent.retelling_of.is_(None),
      postgresql_where=EvidenceEvent.retelling_of.is_(None))


class EvidencePage(Base):
    __tablename__ = "evidence_pages"
    __table_args__ = (UniqueConstraint("evidence_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # The text came from OCR of a scan or photo, not from the file's own text.
    ocr: Mapped[bool] = mapped_column(default=False)

    evidence: Mapped[Evidence] = relationship(back_populates="pages")


class ComplaintPoint(Base):
    """One thing the complainant says went wrong, numbered within the case."""

    __tablename__ = "complaint_points"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # Upheld or not is derived from the point's findings unless overridden, with a reason.
    upheld_override: Mapped[bool | None] = mapped_column()
    override_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="complaint_points")
    findings: Mapped[list[Finding]] = relationship(
        back_populates="complaint_point", order_by="Finding.id"
    )
    # Removing a point removes its themes in the database (ON DELETE CASCADE), without
    # loading them first.
    themes: Mapped[list[ComplaintPointTheme]] = relationship(
        order_by="ComplaintPointTheme.theme", cascade="all, delete-orphan", passive_deletes=True
    )


class ComplaintPointTheme(Base):
    """A theme an investigator confirmed for a complaint point: a slug of the themes file
    (casework.drafting), kept as text so the file, not the database, says what themes are."""

    __tablename__ = "complaint_point_themes"
    # The case is kept beside the point so "cases with this theme", in the case list and
    # the cross-case search, is read from one index.
    __table_args__ = (Index("ix_complaint_point_themes_theme_case", "theme", "case_id"),)

    complaint_point_id: Mapped[int] = mapped_column(
        ForeignKey("complaint_points.id", ondelete="CASCADE"), primary_key=True)
    theme: Mapped[str] = mapped_column(String(60), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)


class Finding(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    complaint_point_id: Mapped[int] = mapped_column(ForeignKey("complaint_points.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    what_happened: Mapped[str] = mapped_column(Text)
    what_should_have_happened: Mapped[str] = mapped_column(Text)
    # The standard may name one of the six Principles and/or a guidance document.
    principle: Mapped[Principle | None] = mapped_column(_enum(Principle, length=40))
    guidance: Mapped[str | None] = mapped_column(String(300))
    conclusion: Mapped[Conclusion] = mapped_column(_enum(Conclusion))
    injustice: Mapped[str] = mapped_column(Text, default="")
    # Raised by each save: a save made from an older version is refused, not silently
    # written over someone else's.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="findings")
    complaint_point: Mapped[ComplaintPoint] = relationship(back_populates="findings")
    citations: Mapped[list[Citation]] = relationship(
        back_populates="finding", order_by="Citation.id", cascade="all, delete-orphan"
    )


class Citation(Base):
    __tablename__ = "citations"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"))
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id"))
    page: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")

    finding: Mapped[Finding] = relationship(back_populates="citations")
    evidence: Mapped[Evidence] = relationship()


class Recommendation(Base):
    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"))
    kind: Mapped[RecommendationKind] = mapped_column(_enum(RecommendationKind))
    text: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    amount_pence: Mapped[int | None] = mapped_column(BigInteger)
    # Apology: who must apologise (a role of sufficient seniority).
    from_whom: Mapped[str | None] = mapped_column(String(200))
    # Payment: "financial_loss" (calculated) or "injustice" (on the severity scale).
    basis: Mapped[PaymentBasis | None] = mapped_column(_enum(PaymentBasis, length=16))
    severity_level: Mapped[int | None] = mapped_column(Integer)
    # Why a payment lies outside its level's band.
    justification: Mapped[str | None] = mapped_column(Text)
    # Service improvement: what the organisation must send to show it complied.
    compliance_evidence: Mapped[str | None] = mapped_column(Text)
    # Raised by each save: a save made from an older version is refused, not silently
    # written over someone else's.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Once the final decision is issued: where the organisation stands with it.
    compliance_status: Mapped[ComplianceStatus] = mapped_column(
        _enum(ComplianceStatus), default=ComplianceStatus.OPEN)
    # The day the investigator accepted that it was done.
    complied_on: Mapped[date | None] = mapped_column(Date)

    case: Mapped[Case] = relationship(back_populates="recommendations")
    finding: Mapped[Finding] = relationship()
    compliance_entries: Mapped[list[ComplianceEntry]] = relationship(
        back_populates="recommendation", order_by="ComplianceEntry.id")


class ComplianceEntry(Base):
    """One step in following a recommendation: evidence sent (with a note and the files,
    which are evidence of the case), more asked for, accepted, a new due date agreed."""

    __tablename__ = "compliance_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"),
                                                   index=True)
    step: Mapped[ComplianceStep] = mapped_column(_enum(ComplianceStep))
    # The organisation's note, the investigator's comment, or the reason for a new date.
    note: Mapped[str | None] = mapped_column(Text)
    # The evidence rows of the files sent (a file sent twice is its first copy).
    evidence_ids: Mapped[list] = mapped_column(JSON, default=list)
    # The due date agreed, for that step.
    due_date: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recommendation: Mapped[Recommendation] = relationship(back_populates="compliance_entries")
    created_by: Mapped[User | None] = relationship()


class Reminder(Base):
    """A reminder to the organisation about one recommendation's due date, made once: the
    schedule's sweep may run twice, the reminder is still one row."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("recommendation_id", "kind", "due_date",
                                       name="uq_reminders_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"),
                                                   index=True)
    kind: Mapped[ReminderKind] = mapped_column(_enum(ReminderKind))
    # The due date it reminds of: a new date agreed earns reminders of its own.
    due_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recommendation: Mapped[Recommendation] = relationship()
    deliveries: Mapped[list[Delivery]] = relationship(back_populates="reminder")


class Decision(Base):
    """A case's decision at one stage; its drafts are its versions, reviewed one by one."""

    __tablename__ = "decisions"
    # One decision per case and stage: drafting again adds a version to it.
    __table_args__ = (UniqueConstraint("case_id", "stage", name="uq_decisions_case_stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    stage: Mapped[DecisionStage] = mapped_column(
        _enum(DecisionStage), default=DecisionStage.PROVISIONAL
    )
    status: Mapped[DecisionStatus] = mapped_column(
        _enum(DecisionStatus), default=DecisionStatus.DRAFT
    )
    outcome: Mapped[Outcome] = mapped_column(_enum(Outcome))
    # Why a final decision was drafted inside the comment period, when it was.
    early_reason: Mapped[str | None] = mapped_column(Text)
    issued_at: Mapped[datetime | None] = mapped_column()
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship()
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id])
    versions: Mapped[list[DecisionVersion]] = relationship(
        back_populates="decision", order_by="DecisionVersion.version"
    )


class DecisionVersion(Base):
    """One rendered document, frozen in object storage with its hash, and the fingerprint of
    what it was made from."""

    __tablename__ = "decision_versions"
    __table_args__ = (UniqueConstraint("decision_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"))
    version: Mapped[int] = mapped_column(Integer)
    object_key: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    # The date the document bears (the office's day when it was drafted). Empty for versions
    # drafted before it was kept: their creation time stands in.
    dated: Mapped[date | None] = mapped_column(Date)
    # The sha256 of the plain template context (canonical JSON) the version was rendered
    # from: "has the case changed since?" compares it, never the rendered words. Empty for
    # versions drafted before it was kept.
    context_sha256: Mapped[str | None] = mapped_column(String(64))
    # The plain context itself, so a reviewer sees what changed since the previous version.
    # Empty for versions drafted before it was kept.
    context: Mapped[dict | None] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column()
    # An approval is for this version alone: drafting again needs approval again.
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column()
    review_result: Mapped[ReviewResult | None] = mapped_column(_enum(ReviewResult))

    decision: Mapped[Decision] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    comments: Mapped[list[ReviewComment]] = relationship(
        back_populates="version", order_by="ReviewComment.id"
    )
    letters: Mapped[list[DecisionLetter]] = relationship(
        back_populates="version", order_by="DecisionLetter.id"
    )


class DecisionLetter(Base):
    """A letter frozen with a version of a decision, to one recipient."""

    __tablename__ = "decision_letters"
    __table_args__ = (UniqueConstraint("version_id", "recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("decision_versions.id"), index=True)
    recipient: Mapped[Recipient] = mapped_column(_enum(Recipient))
    object_key: Mapped[str] = mapped_column(String(255))
    # Empty only for letters frozen before their hashes were kept (migration 0005).
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)

    version: Mapped[DecisionVersion] = relationship(back_populates="letters")
    deliveries: Mapped[list[Delivery]] = relationship(
        back_populates="letter", order_by="Delivery.id"
    )


class ReviewComment(Base):
    """A reviewer's comment on one section of one version."""

    __tablename__ = "review_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("decision_versions.id"), index=True)
    section: Mapped[Section] = mapped_column(_enum(Section))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    version: Mapped[DecisionVersion] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()


class Delivery(Base):
    """One issued letter, or one reminder, on its way to one address, by email or by post.
    Exactly one of `letter_id` and `reminder_id` is set."""

    __tablename__ = "deliveries"
    __table_args__ = (CheckConstraint("(letter_id IS NULL) <> (reminder_id IS NULL)",
                                      name="ck_deliveries_letter_or_reminder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("decision_letters.id"),
                                                  index=True)
    reminder_id: Mapped[int | None] = mapped_column(ForeignKey("reminders.id"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    # The email address; empty for post.
    address: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[DeliveryStatus] = mapped_column(_enum(DeliveryStatus))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The Message-ID the mail server accepted, or the outbox file a letter to post is in.
    message_id: Mapped[str | None] = mapped_column(String(255))
    error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    letter: Mapped[DecisionLetter | None] = relationship(back_populates="deliveries")
    reminder: Mapped[Reminder | None] = relationship(back_populates="deliveries")


class CaseComment(Base):
    """What one side said about the provisional decision: typed text, or a file that went
    through the evidence pipeline."""

    __tablename__ = "case_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    sender: Mapped[Recipient] = mapped_column(_enum(Recipient))
    text: Mapped[str | None] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="comments")
    evidence: Mapped[Evidence | None] = relationship()
    created_by: Mapped[User | None] = relationship()


class PublishedVersion(Base):
    """The anonymised version of a final decision's version, frozen the first time it is made
    from an approved map, and served from storage after that."""

    __tablename__ = "published_versions"
    __table_args__ = (UniqueConstraint("version_id", "map_fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("decision_versions.id"), index=True)
    # The approved map it was made from (ReviewedMap.fingerprint).
    map_fingerprint: Mapped[str] = mapped_column(String(64))
    object_key: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    version: Mapped[DecisionVersion] = relationship()


class Publication(Base):
    """A final decision published as casework: its anonymised version and case summary on
    the public index, until withdrawn. One a decision; published again after a withdrawal.

    The organisation, outcome and date are kept with it, so that the public index filters
    on its own columns and never reads the case behind it."""

    __tablename__ = "publications"
    __table_args__ = (
        Index("ix_publications_live_decided", "withdrawn_at", "decided_on", "id"),
        Index("ix_publications_organisation", "organisation_id", "decided_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), unique=True)
    published_version_id: Mapped[int] = mapped_column(ForeignKey("published_versions.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    outcome: Mapped[Outcome] = mapped_column(_enum(Outcome))
    decided_on: Mapped[date] = mapped_column(Date)
    # The summary as the investigator wrote it (real names and all), and as the public reads
    # it: anonymised with the approved map and leak-checked.
    summary: Mapped[str] = mapped_column(Text)
    public_summary: Mapped[str] = mapped_column(Text)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)

    decision: Mapped[Decision] = relationship()
    organisation: Mapped[Organisation] = relationship()
    published_version: Mapped[PublishedVersion] = relationship()


class AnonymisationReview(Base):
    """The investigator's reviewed map of who becomes whom in a case's published decision.

    `people` is a list of {"original", "aliases", "label", "kind"}; the map is approved by one
    person at one time, and a change to it withdraws the approval.
    """

    __tablename__ = "anonymisation_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    people: Mapped[list] = mapped_column(JSON, default=list)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    case: Mapped[Case] = relationship()
    approved_by: Mapped[User | None] = relationship()


class AuditEvent(Base):
    """Append-only: nothing updates or deletes a row (on PostgreSQL and SQLite a trigger
    refuses it)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()

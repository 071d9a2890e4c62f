"""Getting an issued version's letters to both sides, and the schedule's reminders to an
organisation: by email where there is a mail server and an address, else printed from the
outbox and posted.

Every delivery is a row (channel, address, status, attempts, the Message-ID or the outbox
file, the last failure) and every step is audited, so a letter is never silently lost:

    email:  pending -> sent            post:  to_post -> posted
                    -> retrying -> sent

A delivery carries a letter or a reminder, never both; its audit events are named after
what it carries ("letter.sent", "reminder.sent"). Sending is the worker's job, one delivery
per task; this module only builds and records.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from casework.audit import record_event
from casework.decisions._documents import DOCX_MEDIA_TYPE
from casework.decisions._reminder_text import reminder_filename, reminder_subject, reminder_text
from casework.decisions._versions import document_filename, letter_filename
from casework.errors import Conflict, Forbidden, NotFound
from casework.permissions import can_draft
from storage.models import (
    Case,
    Decision,
    DecisionLetter,
    DecisionVersion,
    Delivery,
    Reminder,
    User,
)
from storage.objects import ObjectStore
from vocabulary import Channel, DeliveryStatus, Recipient

# What is kept of a mail server's refusal: enough to act on, never a whole transcript.
MAX_REASON_LENGTH = 300
UNSENT = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


class DeliveryFailed(Exception):
    """An email could not be sent this time; the delivery records why and is tried again."""


def _addresses(case: Case, recipient: Recipient) -> list[str]:
    """The recipient's recorded email addresses, each once."""
    if recipient is Recipient.COMPLAINANT:
        found = [case.complainant_email or ""]
    else:
        found = list(case.organisation.contact_emails or [])
    seen: dict[str, str] = {}
    for address in (a.strip() for a in found if isinstance(a, str)):
        if address:
            seen.setdefault(address.lower(), address)
    return list(seen.values())


def _write_atomically(path: Path, data: bytes) -> None:
    # A half-written letter must never be printed: write beside it, then rename over it.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _to_outbox(store: ObjectStore, outbox_dir: Path, letter: DecisionLetter) -> Path:
    """Put the letter and the decision it covers in the case's outbox folder; the letter's
    path, relative to the outbox."""
    version = letter.version
    decision = version.decision
    folder = Path(decision.case.reference)
    (outbox_dir / folder).mkdir(parents=True, exist_ok=True)
    name = letter_filename(decision, version, letter.recipient.value)
    _write_atomically(outbox_dir / folder / name, store.get(letter.object_key))
    _write_atomically(outbox_dir / folder / document_filename(decision, version),
                      store.get(version.object_key))
    return folder / name


def _reminder_to_outbox(outbox_dir: Path, reminder: Reminder) -> Path:
    """Put the reminder, as plain text, in the case's outbox folder; its path, relative to
    the outbox."""
    folder = Path(reminder.recommendation.case.reference)
    (outbox_dir / folder).mkdir(parents=True, exist_ok=True)
    name = reminder_filename(reminder)
    _write_atomically(outbox_dir / folder / name, reminder_text(reminder).encode())
    return folder / name


def deliver_letters(session: Session, store: ObjectStore, version: DecisionVersion, *,
                    outbox_dir: Path, by_email: bool,
                    actor: User | None = None) -> list[Delivery]:
    """Start the delivery of each of the version's letters: an email to each recorded
    address when `by_email`, else (or with no address) a copy in the outbox to post.
    Returns the emails to send, which the caller queues once it has committed."""
    case = version.decision.case
    emails: list[Delivery] = []
    for letter in version.letters:
        emails += _start(session, actor,
                         _addresses(case, letter.recipient) if by_email else [],
                         lambda letter=letter: _to_outbox(store, outbox_dir, letter),
                         letter=letter)
    session.flush()
    return emails


def deliver_reminder(session: Session, reminder: Reminder, *, outbox_dir: Path,
                     by_email: bool, actor: User | None = None) -> list[Delivery]:
    """Start the delivery of a reminder to the organisation, as deliver_letters does a
    letter: an email to each contact address when `by_email`, else one file in the outbox.
    Returns the emails to send, which the caller queues once it has committed."""
    case = reminder.recommendation.case
    emails = _start(session, actor,
                    _addresses(case, Recipient.ORGANISATION) if by_email else [],
                    lambda: _reminder_to_outbox(outbox_dir, reminder), reminder=reminder)
    session.flush()
    return emails


def _start(session: Session, actor: User | None, addresses: list[str],
           to_outbox: Callable[[], Path], **carried: object) -> list[Delivery]:
    """One delivery per address by email or, with none, one by post from the file
    `to_outbox` writes; `carried` is the letter or the reminder. The emails, to queue."""
    emails: list[Delivery] = []
    for address in addresses:
        delivery = Delivery(**carried, channel=Channel.EMAIL, address=address,
                            status=DeliveryStatus.PENDING, attempts=0)
        session.add(delivery)
        emails.append(delivery)
        _record(session, actor, "queued_for_email", delivery)
    if not addresses:
        delivery = Delivery(**carried, channel=Channel.POST, address=None,
                            status=DeliveryStatus.TO_POST, attempts=0,
                            message_id=to_outbox().as_posix())
        session.add(delivery)
        _record(session, actor, "to_post", delivery)
    return emails


def _record(session: Session, actor: User | None, step: str, delivery: Delivery,
            **detail: object) -> None:
    """Audit `step` of a delivery, as "letter.<step>" or "reminder.<step>"."""
    # The ids and the recipient's side, never the address: addresses name people.
    session.flush()
    if delivery.letter is not None:
        letter = delivery.letter
        record_event(session, actor, f"letter.{step}", delivery,
                     case_id=letter.version.decision.case_id, recipient=letter.recipient.value,
                     channel=delivery.channel.value, **detail)
        return
    reminder = delivery.reminder
    record_event(session, actor, f"reminder.{step}", delivery,
                 case_id=reminder.recommendation.case_id,
                 recipient=Recipient.ORGANISATION.value, channel=delivery.channel.value,
                 reminder_id=reminder.id, kind=reminder.kind.value, **detail)


def _letter_message(store: ObjectStore, delivery: Delivery, from_address: str) -> EmailMessage:
    """The email carrying a delivery's letter, with the decision it covers."""
    letter = delivery.letter
    version = letter.version
    decision = version.decision
    reference = decision.case.reference
    stage = decision.stage.label
    message = EmailMessage()
    message["Subject"] = f"{reference}: {stage}"
    if from_address:
        message["From"] = from_address
    message["To"] = delivery.address
    message["Date"] = format_datetime(datetime.now(UTC))
    message.set_content(
        f"Please find attached our {stage.lower()} on complaint {reference}, with a letter "
        "explaining it.\n\n"
        "Both are Word documents. Please quote the reference in any reply.\n"
    )
    maintype, subtype = DOCX_MEDIA_TYPE.split("/")
    for content, filename in (
        (store.get(letter.object_key), letter_filename(decision, version,
                                                       letter.recipient.value)),
        (store.get(version.object_key), document_filename(decision, version)),
    ):
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message


def _reminder_message(delivery: Delivery, from_address: str) -> EmailMessage:
    """The email carrying a delivery's reminder, in plain text."""
    message = EmailMessage()
    message["Subject"] = reminder_subject(delivery.reminder)
    if from_address:
        message["From"] = from_address
    message["To"] = delivery.address
    message["Date"] = format_datetime(datetime.now(UTC))
    message.set_content(reminder_text(delivery.reminder))
    return message


def _message(store: ObjectStore, delivery: Delivery, from_address: str) -> EmailMessage:
    """The email of a delivery, whichever it carries."""
    if delivery.letter is not None:
        return _letter_message(store, delivery, from_address)
    return _reminder_message(delivery, from_address)


def _answer(code: object, text: object) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


def _reason(error: OSError | ValueError) -> str:
    """A short, readable reason for a failed send."""
    code = getattr(error, "smtp_code", None)
    refused = getattr(error, "recipients", None)  # smtplib: every recipient was refused
    if code is not None:
        text = f"the mail server answered {_answer(code, error.smtp_error)}"
    elif isinstance(refused, dict) and refused:
        text = f"the mail server refused the address: {_answer(*next(iter(refused.values())))}"
    else:
        text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    text = " ".join(text.split())
    return text if len(text) <= MAX_REASON_LENGTH else text[:MAX_REASON_LENGTH - 1] + "…"


def get_delivery(session: Session, delivery_id: int, *, lock: bool = False) -> Delivery:
    query = select(Delivery).where(Delivery.id == delivery_id)
    delivery = session.scalar(query.with_for_update() if lock else query)
    if delivery is None:
        raise NotFound(f"no delivery with id {delivery_id}")
    return delivery


def send_delivery(session: Session, store: ObjectStore, delivery_id: int,
                  send: Callable[[EmailMessage], str], from_address: str) -> Delivery:
    """Email one delivery's letter or reminder with `send`, which returns the Message-ID. A delivery
    already sent (or not an email) is left alone, so a task run twice sends once. A failure
    is recorded and raised as DeliveryFailed, for the caller to commit and try again."""
    # FOR UPDATE (PostgreSQL): a second task for the same delivery waits for the first to
    # commit, then finds it sent.
    delivery = get_delivery(session, delivery_id, lock=True)
    if delivery.channel is not Channel.EMAIL or delivery.status not in UNSENT:
        return delivery
    delivery.attempts = (delivery.attempts or 0) + 1
    try:
        # An address the email library cannot put in a header (one recorded before addresses
        # were checked) is a failure to show, like a refusal, not a crash that hides it.
        message_id = send(_message(store, delivery, from_address))
    # smtplib's errors are OSErrors, as are refused connections.
    except (OSError, ValueError) as error:
        delivery.status, delivery.error = DeliveryStatus.RETRYING, _reason(error)
        _record(session, None, "send_failed", delivery, attempts=delivery.attempts,
                error=type(error).__name__)
        session.flush()
        raise DeliveryFailed(delivery.error) from error
    delivery.status, delivery.message_id = DeliveryStatus.SENT, message_id
    delivery.delivered_at, delivery.error = datetime.now(UTC), None
    _record(session, None, "sent", delivery, attempts=delivery.attempts)
    session.flush()
    return delivery


def mark_posted(session: Session, actor: User, delivery: Delivery) -> Delivery:
    """Record that the printed letter (or reminder) has been posted."""
    if not can_draft(actor):
        raise Forbidden(f"A {actor.role.label.lower()} does not send letters")
    if delivery.status is not DeliveryStatus.TO_POST:
        raise Conflict(f"This letter is {delivery.status.label.lower()}: only a letter "
                       "waiting to be posted can be marked as posted")
    delivery.status, delivery.delivered_at = DeliveryStatus.POSTED, datetime.now(UTC)
    _record(session, actor, "posted", delivery)
    session.flush()
    return delivery


def unsent_deliveries(session: Session) -> list[int]:
    """The emails not yet sent, oldest first: queued again when a worker starts, since their
    messages may have been lost with a stopped worker or broker."""
    return list(session.scalars(
        select(Delivery.id).where(Delivery.channel == Channel.EMAIL,
                                  Delivery.status.in_(UNSENT)).order_by(Delivery.id)))


def case_deliveries(session: Session, case: Case) -> list[Delivery]:
    """Every letter delivery of the case's decisions, in the order they began."""
    query = (select(Delivery)
             .join(DecisionLetter, DecisionLetter.id == Delivery.letter_id)
             .join(DecisionVersion, DecisionVersion.id == DecisionLetter.version_id)
             .join(Decision, Decision.id == DecisionVersion.decision_id)
             .where(Decision.case_id == case.id)
             .options(joinedload(Delivery.letter).joinedload(DecisionLetter.version)
                      .joinedload(DecisionVersion.decision))
             .order_by(Delivery.id))
    return list(session.scalars(query))

"""The anonymised decision for publication: labels in, identifiers out, leaks blocked, and
the result frozen so that a second download reads it instead of making it again."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.decisions import (
    DECISION_TEMPLATE,
    DOCX_MEDIA_TYPE,
    current_context,
    get_version,
    render_docx,
    with_line_breaks,
)
from casework.errors import DomainError
from casework.publication._anonymise import AnonymisationMap, anonymise_context
from casework.publication._leak_check import check_publishable, docx_text
from casework.publication._review import require_approved, reviewed_map
from storage.db import insert_unless_present
from storage.models import Decision, DecisionVersion, PublishedVersion, User
from storage.objects import ObjectStore, put_bytes
from vocabulary import DecisionStage, DecisionStatus


def publication_filename(decision: Decision) -> str:
    return f"{decision.case.reference}-decision-anonymised.docx"


class NotPublishable(DomainError):
    """Only the final decision, as it was drafted, is published."""

    code = "not_publishable"


def publication_document(session: Session, store: ObjectStore, decision: Decision,
                         actor: User | None, today: date) -> bytes:
    """The final decision's latest version, anonymised with the approved map.

    Raises NotPublishable for a provisional decision, or when the case has changed since the
    version was drafted and the decision is not yet issued (the published text must be the
    decision that was made); NotApproved until the map is approved and still covers everyone
    the case names; and LeakFound if any known identifier survives: the leak check is the
    last gate. The first document made from a version and an approved map is frozen in
    storage; later calls read it. The caller commits.
    """
    frozen, mapping = frozen_publication(session, store, decision, actor, today)
    # The audit records each download and how much was changed, never the real names.
    record_event(session, actor, "decision.publication_downloaded", decision,
                 case_id=decision.case_id, people=len(mapping.people),
                 identifiers=len(mapping.identifiers))
    return store.get(frozen.object_key)


def frozen_publication(session: Session, store: ObjectStore, decision: Decision,
                       actor: User | None, today: date
                       ) -> tuple[PublishedVersion, AnonymisationMap]:
    """The anonymised version as frozen in storage (made and leak-checked first, if this
    version and map have none yet), and the approved map it was made with."""
    case = decision.case
    if decision.stage is not DecisionStage.FINAL:
        raise NotPublishable("Only a final decision is published; this one is provisional.")
    version = get_version(decision)
    plain = decision_as_made(decision, version)
    if plain is None:
        raise NotPublishable(
            f"The case has changed since version {version.version} of the final decision was "
            "drafted: draft the final decision again, then publish that version.")
    reviewed = reviewed_map(session, case, today)
    require_approved(reviewed)
    mapping = reviewed.anonymisation_map()
    frozen = session.scalar(select(PublishedVersion).where(
        PublishedVersion.version_id == version.id,
        PublishedVersion.map_fingerprint == reviewed.fingerprint))
    if frozen is None:
        document = render_docx(DECISION_TEMPLATE,
                               with_line_breaks(anonymise_context(plain, mapping)))
        check_publishable(docx_text(document), mapping)
        frozen = _freeze(session, store, version, reviewed.fingerprint, document, actor)
    return frozen, mapping


def decision_as_made(decision: Decision, version: DecisionVersion) -> dict | None:
    """The plain context of the decision as it was made: once issued, the one its version
    kept (what the organisation sends to show it complied changes the case, not the
    decision); before that, the case's own, while it still says what the version does."""
    if decision.status is DecisionStatus.ISSUED and version.context:
        return version.context
    return current_context(version)


def _freeze(session: Session, store: ObjectStore, version: DecisionVersion,
            map_fingerprint: str, document: bytes, actor: User | None) -> PublishedVersion:
    """Keep the document made from this version and map; the row first, so that of two
    downloads at the same moment one keeps it and the other, finding the row, does not."""
    sha256 = hashlib.sha256(document).hexdigest()
    decision = version.decision
    key = f"published/{decision.case_id}/{decision.id}/v{version.version}-{sha256}.docx"
    kept = insert_unless_present(
        session, PublishedVersion.__table__,
        {"version_id": version.id, "map_fingerprint": map_fingerprint, "object_key": key,
         "sha256": sha256, "size": len(document),
         "created_by_id": actor.id if actor is not None else None},
        unique=["version_id", "map_fingerprint"])
    if kept is not None:
        put_bytes(store, key, document, DOCX_MEDIA_TYPE)
        record_event(session, actor, "decision.publication_frozen", decision,
                     case_id=decision.case_id, version=version.version, sha256=sha256)
    return session.scalar(select(PublishedVersion).where(
        PublishedVersion.version_id == version.id,
        PublishedVersion.map_fingerprint == map_fingerprint))

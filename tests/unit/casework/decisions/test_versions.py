"""Drafted versions: each frozen with its letters, and the fingerprint of what it was made of."""

import hashlib

from sqlalchemy import select

from casework.cases import get_case
from casework.decisions import context_fingerprint, is_current, plain_decision_context
from storage.models import DecisionLetter, DecisionVersion
from tests.drafting import lovelace_case
from vocabulary import Recipient


def test_each_letter_has_a_row_with_the_hash_of_what_is_stored(api, process, app, db):
    _case_id, decision_id = lovelace_case(api, process, summary="Her father's care.",
                                          what_happened="Nobody called.")
    store = app.extensions["casework.storage"].objects
    version = db.scalars(select(DecisionVersion).where(
        DecisionVersion.decision_id == decision_id)).one()
    letters = db.scalars(select(DecisionLetter).where(
        DecisionLetter.version_id == version.id)).all()
    assert {letter.recipient for letter in letters} == set(Recipient)
    for letter in letters:
        stored = store.get(letter.object_key)
        assert (letter.sha256, letter.size) == (hashlib.sha256(stored).hexdigest(), len(stored))
    assert version.sha256 == hashlib.sha256(store.get(version.object_key)).hexdigest()


def test_the_fingerprint_names_the_context_and_changes_with_the_case(api, process, db):
    case_id, decision_id = lovelace_case(api, process, summary="Her father's care.",
                                         what_happened="Nobody called.")
    version = db.scalars(select(DecisionVersion).where(
        DecisionVersion.decision_id == decision_id)).one()
    case = get_case(db, case_id)
    plain = plain_decision_context(case, version.dated, version.decision.stage)
    assert version.context_sha256 == context_fingerprint(plain)
    assert is_current(version)
    api.patch(f"/api/v1/cases/{case_id}/findings/"
              f"{case.findings[0].id}", json={"title": "Another title"})
    db.expire_all()
    assert not is_current(db.get(DecisionVersion, version.id))

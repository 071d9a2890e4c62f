"""The anonymised decision: no private person named, and blocked when anything slips through."""



from tests.drafting import approve_map, document_text, draft_final, lovelace_case


def published_case(api, process) -> int:
    _case_id, decision_id = lovelace_case(
        api, process, summary="Mrs Lovelace complained about her father's care.",
        what_happened="Dr Jones did not call Mrs Lovelace on 01632 960 123.")
    return decision_id



def approve_decision_map(api, decision_id: int) -> None:
    case_id = api.get(f"/api/v1/decisions/{decision_id}").json["case_id"]
    assert approve_map(api, case_id).status_code == 200


def test_the_published_version_names_nobody(api, process):
    decision_id = published_case(api, process)
    approve_decision_map(api, decision_id)
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert response.status_code == 200, response.json
    text = document_text(response.data)
    for secret in ("Lovelace", "Ada", "Sarah", "Jones", "943 476 5919", "01632"):
        assert secret not in text, secret
    # Labels in order of mention, never the real initials (A, L for Ada Lovelace).
    assert "Mrs B" in text and "Mrs A " not in text and "Mrs L" not in text


def test_publication_waits_for_the_investigator_to_approve_the_map(api, process):
    decision_id = published_case(api, process)
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "not_approved"


def test_publication_is_blocked_when_an_identifier_survives(api, process, monkeypatch):
    decision_id = published_case(api, process)
    # Approval is no licence: the leak check still reads the output.
    approve_decision_map(api, decision_id)
    # As if the anonymiser had missed everything: the leak check must stop the document.
    monkeypatch.setattr("casework.publication._published.anonymise_context",
                        lambda context, mapping: context)
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "leak_found"
    assert "Lovelace" in response.json["error"]["message"]


def test_a_leak_is_shown_on_the_page_and_never_put_in_the_cookie(api, process, client, auth,
                                                                 db, monkeypatch):
    from sqlalchemy import select

    from storage.models import AuditEvent

    decision_id = published_case(api, process)
    approve_decision_map(api, decision_id)
    monkeypatch.setattr("casework.publication._published.anonymise_context",
                        lambda context, mapping: context)
    auth.login()
    response = client.get(f"/decisions/{decision_id}/publication.docx")
    assert response.status_code == 409
    assert "Lovelace" in response.text and "govuk-error-summary" in response.text
    # Flashed messages live in the signed (readable) session cookie: names must not.
    assert all("Lovelace" not in cookie and "TG92ZWxhY2" not in cookie
               for cookie in response.headers.getlist("Set-Cookie"))
    assert client.get(f"/decisions/{decision_id}/publication").status_code == 200
    assert "case.anonymisation_viewed" in db.scalars(select(AuditEvent.action)).all()


def test_a_provisional_decision_is_not_published(api, process):
    decision_id = published_case(api, process)
    approve_decision_map(api, decision_id)
    case_id = api.get(f"/api/v1/decisions/{decision_id}").json["case_id"]
    provisional = next(
        d for d in (api.get(f"/api/v1/decisions/{n}").json for n in range(1, decision_id))
        if d.get("case_id") == case_id and d.get("stage") == "provisional")
    response = api.get(f"/api/v1/decisions/{provisional['id']}/publication.docx")
    assert response.status_code == 409
    assert response.json["error"] == {
        "code": "not_publishable",
        "message": "Only a final decision is published; this one is provisional."}


def test_publication_follows_the_final_version_and_the_date_it_bears(api, process, app, db,
                                                                    client):
    from datetime import timedelta

    from casework.cases import get_case
    from casework.decisions import draft_decision
    from casework.formats import office_today
    from vocabulary import DecisionStage

    decision_id = published_case(api, process)
    approve_decision_map(api, decision_id)
    case_id = api.get(f"/api/v1/decisions/{decision_id}").json["case_id"]
    # A version dated the day before it was saved (drafted just before midnight) is still
    # the decision as drafted: it is published with the date it bears.
    yesterday = office_today() - timedelta(days=1)
    draft_decision(db, app.extensions["casework.storage"].objects, get_case(db, case_id), None,
                   yesterday, DecisionStage.FINAL, early_reason="Both sides replied by phone")
    db.commit()
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert response.status_code == 200, response.json
    assert f"Date: {yesterday.day} {yesterday:%B %Y}" in document_text(response.data)

    # A change to the case after the final version: publish only once it is drafted again.
    finding_id = api.get(f"/api/v1/cases/{case_id}/complaint-points").json["items"][0][
        "finding_ids"][0]
    api.post(f"/api/v1/cases/{case_id}/recommendations", json={
        "kind": "explanation", "text": "Explain the delay.", "finding_id": finding_id})
    refused = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert refused.status_code == 409 and "The case has changed" in refused.json["error"][
        "message"]
    draft_final(api, case_id)
    assert api.get(f"/api/v1/decisions/{decision_id}/publication.docx").status_code == 200


def test_an_edited_template_leaves_a_final_decision_publishable(api, process, tmp_path,
                                                               monkeypatch):
    """"Has the case changed?" compares what the version was made from, never the words a
    template makes of it: editing the template in Word changes nothing already decided."""
    import zipfile

    from casework.decisions import DECISION_TEMPLATE

    decision_id = published_case(api, process)
    approve_decision_map(api, decision_id)
    edited = tmp_path / "decision.docx"
    with zipfile.ZipFile(DECISION_TEMPLATE) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"What happens next", b"What happens from here")
            target.writestr(item, data)
    monkeypatch.setattr("casework.publication._published.DECISION_TEMPLATE", edited)
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert response.status_code == 200, response.json
    assert "What happens from here" in document_text(response.data)


def test_the_anonymised_version_is_made_once_then_read(api, process, app, db, monkeypatch):
    import hashlib

    from sqlalchemy import select

    from storage.models import PublishedVersion

    decision_id = published_case(api, process)
    approve_decision_map(api, decision_id)
    first = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert first.status_code == 200, first.json
    [frozen] = db.scalars(select(PublishedVersion)).all()
    assert frozen.sha256 == hashlib.sha256(first.data).hexdigest()
    store = app.extensions["casework.storage"].objects
    assert store.get(frozen.object_key) == first.data

    def no_second_rendering(*_args):
        raise AssertionError("the frozen version should have been read")

    monkeypatch.setattr("casework.publication._published.render_docx", no_second_rendering)
    again = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert (again.status_code, again.data) == (200, first.data)
    # Each download is on record, the one read from storage too.
    from storage.models import AuditEvent

    db.expire_all()
    actions = db.scalars(select(AuditEvent.action)
                         .where(AuditEvent.action.like("decision.publication%"))).all()
    assert sorted(actions) == ["decision.publication_downloaded",
                               "decision.publication_downloaded", "decision.publication_frozen"]

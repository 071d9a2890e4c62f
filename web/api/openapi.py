"""GET /api/v1/openapi.json: the API described; a test keeps it true to the routes."""

from __future__ import annotations

from flask import jsonify

from web.api import bp


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _items(name: str) -> dict:
    return {"type": "object", "properties": {"items": {"type": "array", "items": _ref(name)}}}


def _object(required: list[str], **properties: dict) -> dict:
    return {"type": "object", "required": required, "properties": properties}


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NULLABLE_STRING = {"type": ["string", "null"]}
ERRORS = {
    "401": _json(_ref("Error"), "Missing or invalid bearer token"),
    "403": _json(_ref("Error"), "This account's role may not do this"),
    "404": _json(_ref("Error"), "No such record"),
    "422": _json(_ref("Error"), "The request was understood but refused"),
}
DOCX = {
    "description": "A Word document",
    "content": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}},
}

SCHEMAS = {
    "Error": _object(["error"], error=_object(["code", "message"], code=STRING, message=STRING)),
    "Health": _object(["status", "database", "broker", "storage"],
                      status=STRING, database=STRING, broker=STRING, storage=STRING),
    "NewCase": _object(["complainant_name", "organisation_name"],
                       complainant_name=STRING, organisation_name=STRING, summary=STRING),
    "Case": _object(["id", "reference", "complainant_name", "organisation_name", "summary",
                     "status"],
                    id=INTEGER, reference=STRING, complainant_name=STRING,
                    organisation_name=STRING, summary=STRING, status=STRING, created_at=STRING,
                    outcome_override=NULLABLE_STRING, outcome_override_reason=NULLABLE_STRING),
    "UploadedEvidence": _object(["id", "filename", "sha256", "status"],
                                id=INTEGER, filename=STRING, sha256=STRING, status=STRING),
    "Evidence": _object(
        ["id", "case_id", "filename", "media_type", "sha256", "size", "status", "error",
         "page_count", "doc_type", "doc_type_confidence"],
        id=INTEGER, case_id=INTEGER, filename=STRING, media_type=STRING, sha256=STRING,
        size=INTEGER,
        status={"type": "string",
                "enum": ["queued", "processing", "processed", "failed", "duplicate"]},
        error=NULLABLE_STRING, page_count={"type": ["integer", "null"]},
        doc_type=NULLABLE_STRING, doc_type_confidence={"type": ["number", "null"]},
        doc_type_source=NULLABLE_STRING, needs_review={"type": "boolean"},
        flags={"type": "array", "items": STRING}, details={"type": "object"},
        parent_id={"type": ["integer", "null"]}, duplicate_of_id={"type": ["integer", "null"]},
        steps={"type": "array", "items": _object(
            ["name", "status"], name=STRING, status=STRING,
            duration_ms={"type": ["integer", "null"]}, detail=NULLABLE_STRING)},
        created_at=STRING,
    ),
    "Entity": _object(["label", "text", "page", "start", "end"],
                      label=STRING, text=STRING, value=NULLABLE_STRING, page=INTEGER,
                      start=INTEGER, end=INTEGER),
    "ChronologyEntry": _object(
        ["event_id", "date", "text", "evidence_id", "page", "in_decision"],
        event_id=INTEGER, date={"type": "string", "format": "date"}, text=STRING,
        evidence_id=INTEGER, page=INTEGER,
        in_decision={"type": "boolean",
                     "description": "Listed under What happened in the decision"},
        also_in={"type": "array", "items": _object(["evidence_id", "page"],
                                                   evidence_id=INTEGER, page=INTEGER)}),
    "SearchHit": _object(["evidence_id", "page", "snippet"],
                         evidence_id=INTEGER, page=INTEGER, snippet=STRING),
    "Page": _object(["number", "text"], number=INTEGER, text=STRING),
    "Citation": _object(["evidence_id", "page"], evidence_id=INTEGER, page=INTEGER,
                        quote=STRING,
                        id={"type": "integer", "readOnly": True,
                            "description": "In responses: for removing the citation"}),
    "NewComplaintPoint": _object(["text"], text=STRING),
    "ComplaintPoint": _object(
        ["id", "case_id", "number", "text", "upheld", "derived_upheld"],
        id=INTEGER, case_id=INTEGER, number=INTEGER, text=STRING,
        upheld={"type": "boolean", "description": "The override when there is one"},
        derived_upheld={"type": "boolean",
                        "description": "Upheld when any of its findings found a failing"},
        override_reason=NULLABLE_STRING, finding_ids={"type": "array", "items": INTEGER}),
    "PointOutcome": _object(
        ["upheld"],
        upheld={"type": ["boolean", "null"], "description": "null returns to the derived one"},
        reason={"type": "string", "description": "Required unless upheld is null"}),
    "CaseOutcome": _object(
        ["outcome"],
        outcome={"type": ["string", "null"],
                 "enum": ["upheld", "partly_upheld", "not_upheld", None],
                 "description": "null returns to the outcome derived from the points"},
        reason={"type": "string", "description": "Required unless outcome is null"}),
    "NewFinding": _object(
        ["title", "what_happened", "what_should_have_happened", "conclusion"],
        title=STRING,
        complaint_point_id={"type": "integer",
                            "description": "The point this finding is on; or give"
                                           " complaint_point to add a new point"},
        complaint_point={"type": "string", "description": "The text of a new complaint point"},
        what_happened=STRING,
        what_should_have_happened=STRING,
        principle={"type": ["string", "null"],
                   "enum": ["getting_it_right", "being_customer_focused",
                            "being_open_and_accountable", "acting_fairly_and_proportionately",
                            "putting_things_right", "seeking_continuous_improvement", None]},
        guidance={"type": ["string", "null"], "description": "A named guidance document"},
        conclusion={"type": "string",
                    "enum": ["maladministration", "service_failure", "no_failing"]},
        injustice=STRING, citations={"type": "array", "items": _ref("Citation")},
    ),
    "Finding": {"allOf": [_ref("NewFinding"),
                          _object(["id", "case_id"], id=INTEGER, case_id=INTEGER)]},
    "NewRecommendation": _object(
        ["kind", "text", "finding_id"],
        kind={"type": "string",
              "enum": ["apology", "explanation", "payment", "service_improvement"]},
        text=STRING, finding_id=INTEGER,
        due_date={"type": ["string", "null"], "format": "date",
                  "description": "Defaults by kind: one month, three for service improvement"},
        amount_pence={"type": ["integer", "null"], "minimum": 1, "description": "Payments only"},
        from_whom={"type": ["string", "null"], "description": "Apology: who must apologise"},
        basis={"type": ["string", "null"], "enum": ["financial_loss", "injustice", None]},
        severity_level={"type": ["integer", "null"],
                        "description": "Payment for injustice: the level on the remedy scale"},
        justification={"type": ["string", "null"],
                       "description": "Why a payment lies outside its level's band"},
        compliance_evidence={"type": ["string", "null"],
                             "description": "Service improvement: what must be sent"},
    ),
    "Recommendation": {"allOf": [_ref("NewRecommendation"),
                                 _object(["id", "case_id"], id=INTEGER, case_id=INTEGER)]},
    "NewDecision": _object([], stage={"type": "string", "enum": ["provisional", "final"],
                                      "description": "Provisional (for comment) by default;"
                                                     " final needs a provisional first"}),
    "Decision": _object(["id", "version", "stage", "status", "outcome"],
                        id=INTEGER, case_id=INTEGER, version=INTEGER, sha256=STRING,
                        stage={"type": "string", "enum": ["provisional", "final"]},
                        status=STRING,
                        outcome={"type": "string",
                                 "enum": ["upheld", "partly_upheld", "not_upheld"]}),
    "PersonLabel": _object(
        ["original"],
        original=STRING,
        label={"type": ["string", "null"],
               "description": "Never a real name or initial; omit or null to have one chosen"},
        kind={"type": "string", "enum": ["adult", "child", "adviser"],
              "description": "Adults: title and letter; children: a letter alone; clinical"
                             " advisers: their role, not named. Unchanged when omitted"},
        aliases={"type": "array", "items": STRING,
                 "description": "Other ways the name is written, also replaced"}),
    "AnonymisationEdit": _object(
        ["people"],
        people={"type": "array", "items": _ref("PersonLabel"),
                "description": "People found by the pipeline stay when left out; people"
                               " added by the investigator are removed"}),
    "Anonymisation": _object(
        ["case_id", "people", "identifiers", "saved", "approved", "approved_by", "approved_at",
         "stale", "fingerprint"],
        case_id=INTEGER,
        fingerprint={"type": "string",
                     "description": "Names the map as it stands; send it back when approving"},
        people={"type": "array", "items": _object(
            ["original", "aliases", "label", "kind", "added", "new"],
            original=STRING, aliases={"type": "array", "items": STRING}, label=STRING,
            kind={"type": "string", "enum": ["adult", "child", "adviser"]},
            added={"type": "boolean", "description": "Added by the investigator"},
            new={"type": "boolean", "description": "Found since the review was saved"})},
        identifiers={"type": "object", "description": "Values removed, by kind",
                     "additionalProperties": {"type": "array", "items": STRING}},
        saved={"type": "boolean"},
        approved={"type": "boolean", "description": "Approved and not stale: publishable"},
        approved_by=NULLABLE_STRING, approved_at=NULLABLE_STRING,
        stale={"type": "boolean",
               "description": "People found since the review: approve again"}),
}


def _id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": INTEGER}


PATHS = {
    "/health": {"get": {"summary": "Whether the database, broker and object store answer",
                        "security": [],
                        "responses": {"200": _json(_ref("Health")),
                                      "503": _json(_ref("Health"), "Degraded")}}},
    "/openapi.json": {"get": {"summary": "This document", "security": [],
                              "responses": {"200": {"description": "OK"}}}},
    "/cases": {
        "get": {"summary": "List cases", "responses": {"200": _json(_items("Case")), **ERRORS}},
        "post": {"summary": "Open a case",
                 "requestBody": {"required": True, "content": {
                     "application/json": {"schema": _ref("NewCase")}}},
                 "responses": {"201": _json(_ref("Case"), "Created"), **ERRORS}},
    },
    "/cases/{case_id}": {"get": {"summary": "One case", "parameters": [_id("case_id")],
                                 "responses": {"200": _json(_ref("Case")), **ERRORS}}},
    "/cases/{case_id}/evidence": {
        "get": {"summary": "The case's evidence", "parameters": [_id("case_id")],
                "responses": {"200": _json(_items("Evidence")), **ERRORS}},
        "post": {
            "summary": "Upload evidence files (field `file`, repeatable)",
            "parameters": [_id("case_id")],
            "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "properties": {"file": {
                    "type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
            "responses": {
                "202": _json(_items("UploadedEvidence"), "Stored and queued for processing"),
                "413": _json(_ref("Error"), "Larger than CASEWORK_MAX_UPLOAD_MB"),
                "415": _json(_ref("Error"), "Not a supported type; the message lists them"),
                **ERRORS,
            },
        },
    },
    "/evidence/{evidence_id}": {
        "get": {"summary": "One evidence file and its processing status",
                "parameters": [_id("evidence_id")],
                "responses": {"200": _json(_ref("Evidence")), **ERRORS}},
        "patch": {"summary": "Correct the document type",
                  "parameters": [_id("evidence_id")],
                  "requestBody": {"required": True, "content": {"application/json": {
                      "schema": _object(["doc_type"], doc_type=STRING)}}},
                  "responses": {"200": _json(_ref("Evidence")), **ERRORS}},
    },
    "/evidence/{evidence_id}/retry": {"post": {
        "summary": "Queue failed evidence for processing again",
        "parameters": [_id("evidence_id")],
        "responses": {"202": _json(_ref("Evidence"), "Queued"), **ERRORS}}},
    "/evidence/{evidence_id}/entities": {"get": {
        "summary": "People, organisations, identifiers, dates and amounts, with page offsets",
        "parameters": [_id("evidence_id")],
        "responses": {"200": _json(_items("Entity")), **ERRORS}}},
    "/cases/{case_id}/chronology": {"get": {
        "summary": "Dated events across the case's evidence, oldest first",
        "parameters": [_id("case_id")],
        "responses": {"200": _json(_items("ChronologyEntry")), **ERRORS}}},
    "/cases/{case_id}/chronology/{event_id}": {"put": {
        "summary": "Include an event in the decision's What happened, or leave it out",
        "parameters": [_id("case_id"), _id("event_id")],
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": _object(["in_decision"], in_decision={"type": "boolean"})}}},
        "responses": {"200": _json(_object(["event_id", "in_decision"], event_id=INTEGER,
                                           in_decision={"type": "boolean"})), **ERRORS}}},
    "/cases/{case_id}/search": {"get": {
        "summary": "Pages of the case's evidence containing every word of q",
        "parameters": [
            _id("case_id"),
            {"name": "q", "in": "query", "required": True, "schema": STRING},
            {"name": "doc_type", "in": "query", "required": False, "schema": STRING},
            {"name": "entity", "in": "query", "required": False, "schema": STRING},
        ],
        "responses": {"200": _json(_items("SearchHit")), **ERRORS}}},
    "/evidence/{evidence_id}/pages": {"get": {
        "summary": "Extracted text, page by page", "parameters": [_id("evidence_id")],
        "responses": {"200": _json(_items("Page")), **ERRORS}}},
    "/evidence/{evidence_id}/original": {"get": {
        "summary": "The original file as uploaded", "parameters": [_id("evidence_id")],
        "responses": {"200": {"description": "The bytes, as an attachment"}, **ERRORS}}},
    "/cases/{case_id}/complaint-points": {
        "get": {"summary": "The case's complaint points, numbered, with their outcomes",
                "parameters": [_id("case_id")],
                "responses": {"200": _json(_items("ComplaintPoint")), **ERRORS}},
        "post": {"summary": "Add the next complaint point", "parameters": [_id("case_id")],
                 "requestBody": {"required": True, "content": {
                     "application/json": {"schema": _ref("NewComplaintPoint")}}},
                 "responses": {"201": _json(_ref("ComplaintPoint"), "Created"), **ERRORS}},
    },
    "/cases/{case_id}/complaint-points/{point_id}": {
        "patch": {"summary": "Reword a complaint point",
                  "parameters": [_id("case_id"), _id("point_id")],
                  "requestBody": {"required": True, "content": {
                      "application/json": {"schema": _ref("NewComplaintPoint")}}},
                  "responses": {"200": _json(_ref("ComplaintPoint")), **ERRORS}},
        "delete": {"summary": "Remove a point no finding is on; later points are renumbered",
                   "parameters": [_id("case_id"), _id("point_id")],
                   "responses": {"204": {"description": "Removed"}, **ERRORS}},
    },
    "/cases/{case_id}/complaint-points/{point_id}/outcome": {"put": {
        "summary": "Override whether the point is upheld, with a reason (null clears it)",
        "parameters": [_id("case_id"), _id("point_id")],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": _ref("PointOutcome")}}},
        "responses": {"200": _json(_ref("ComplaintPoint")), **ERRORS}}},
    "/cases/{case_id}/outcome": {"put": {
        "summary": "Override the case's outcome, with a reason (null clears it)",
        "parameters": [_id("case_id")],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": _ref("CaseOutcome")}}},
        "responses": {"200": _json(_ref("Case")), **ERRORS}}},
    "/cases/{case_id}/findings/{finding_id}/citations": {"post": {
        "summary": "Cite one more page in a finding; the quote must occur on the page",
        "parameters": [_id("case_id"), _id("finding_id")],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": _ref("Citation")}}},
        "responses": {"201": _json(_ref("Finding"), "Created"), **ERRORS}}},
    "/cases/{case_id}/findings/{finding_id}/citations/{citation_id}": {"delete": {
        "summary": "Remove a citation from a finding",
        "parameters": [_id("case_id"), _id("finding_id"), _id("citation_id")],
        "responses": {"204": {"description": "Removed"}, **ERRORS}}},
    "/cases/{case_id}/findings/{finding_id}": {"patch": {
        "summary": "Change a finding: fields left out keep their value; citations are added",
        "parameters": [_id("case_id"), _id("finding_id")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "properties": SCHEMAS["NewFinding"]["properties"]}}}},
        "responses": {"200": _json(_ref("Finding")), **ERRORS}}},
    "/cases/{case_id}/recommendations/{recommendation_id}": {
        "patch": {"summary": "Change a recommendation: fields left out keep their value",
                  "parameters": [_id("case_id"), _id("recommendation_id")],
                  "requestBody": {"required": True, "content": {"application/json": {
                      "schema": {"type": "object",
                                 "properties": SCHEMAS["NewRecommendation"]["properties"]}}}},
                  "responses": {"200": _json(_ref("Recommendation")), **ERRORS}},
        "delete": {"summary": "Withdraw a recommendation (drafted versions keep it)",
                   "parameters": [_id("case_id"), _id("recommendation_id")],
                   "responses": {"204": {"description": "Removed"}, **ERRORS}},
    },
    "/cases/{case_id}/findings": {"post": {
        "summary": "Add a finding; quotes must occur on the cited page",
        "parameters": [_id("case_id")],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": _ref("NewFinding")}}},
        "responses": {"201": _json(_ref("Finding"), "Created"), **ERRORS}}},
    "/cases/{case_id}/recommendations": {"post": {
        "summary": "Add a recommendation", "parameters": [_id("case_id")],
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": _ref("NewRecommendation")}}},
        "responses": {"201": _json(_ref("Recommendation"), "Created"), **ERRORS}}},
    "/cases/{case_id}/decisions": {"post": {
        "summary": "Draft the decision at a stage: a new version of that stage's draft",
        "parameters": [_id("case_id")],
        "requestBody": {"required": False, "content": {
            "application/json": {"schema": _ref("NewDecision")}}},
        "responses": {"201": _json(_ref("Decision"), "Created"), **ERRORS}}},
    "/decisions/{decision_id}": {"get": {
        "summary": "One decision", "parameters": [_id("decision_id")],
        "responses": {"200": _json(_ref("Decision")), **ERRORS}}},
    "/decisions/{decision_id}/document.docx": {"get": {
        "summary": "The latest version of the decision as Word",
        "parameters": [_id("decision_id")], "responses": {"200": DOCX, **ERRORS}}},
    "/decisions/{decision_id}/letters/{recipient}.docx": {"get": {
        "summary": "The latest version's letter to the complainant or the organisation",
        "parameters": [_id("decision_id"), {
            "name": "recipient", "in": "path", "required": True,
            "schema": {"type": "string", "enum": ["complainant", "organisation"]}}],
        "responses": {"200": DOCX, **ERRORS}}},
    "/decisions/{decision_id}/publication.docx": {"get": {
        "summary": "The decision anonymised for publication, checked for leaks",
        "parameters": [_id("decision_id")],
        "responses": {"200": DOCX,
                      "409": _json(_ref("Error"), "The map is not approved, or a known"
                                              " identifier survived: blocked"),
                      **ERRORS}}},
    "/cases/{case_id}/anonymisation": {
        "get": {"summary": "The anonymisation map as reviewed: labels, kinds, identifiers",
                "parameters": [_id("case_id")],
                "responses": {"200": _json(_ref("Anonymisation")), **ERRORS}},
        "put": {"summary": "Save labels and kinds, or add a missed person; withdraws approval",
                "parameters": [_id("case_id")],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": _ref("AnonymisationEdit")}}},
                "responses": {"200": _json(_ref("Anonymisation")), **ERRORS}},
    },
    "/cases/{case_id}/anonymisation/approve": {"post": {
        "summary": "Approve the map as it now stands, so the decision may be published",
        "parameters": [_id("case_id")],
        "requestBody": {"required": True, "content": {"application/json": {"schema": _object(
            ["fingerprint"], fingerprint={"type": "string",
                                          "description": "From the map read; a map changed "
                                                         "since is 409"})}}},
        "responses": {"200": _json(_ref("Anonymisation")), **ERRORS}}},
    "/decisions/{decision_id}/document.pdf": {"get": {
        "summary": "The latest version of the decision as PDF (converted by LibreOffice)",
        "parameters": [_id("decision_id")],
        "responses": {
            "200": {"description": "A PDF", "content": {"application/pdf": {}}},
            "503": _json(_ref("Error"), "LibreOffice is not installed or could not convert"),
            **ERRORS,
        }}},
}

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "Casework API", "version": "1"},
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": SCHEMAS,
    },
    "paths": PATHS,
}


@bp.get("/openapi.json")
def openapi():
    return jsonify(DOCUMENT)

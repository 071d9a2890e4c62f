"""JSON bodies: errors in one shape, and the records as the API shows them."""

from __future__ import annotations

from flask import jsonify

from casework.drafting import derived_point_upheld, point_upheld
from storage.models import Case, ComplaintPoint, Decision, Evidence, Finding, Recommendation


def error_response(status: int, code: str, message: str):
    return jsonify({"error": {"code": code, "message": message}}), status


def case_json(case: Case) -> dict:
    return {
        "outcome_override": case.outcome_override.value if case.outcome_override else None,
        "outcome_override_reason": case.outcome_override_reason,
        "id": case.id,
        "reference": case.reference,
        "complainant_name": case.complainant_name,
        "organisation_name": case.organisation.name,
        "summary": case.summary,
        "status": case.status.value,
        "created_at": case.created_at.isoformat(),
    }


def evidence_json(evidence: Evidence) -> dict:
    return {
        "id": evidence.id,
        "case_id": evidence.case_id,
        "filename": evidence.filename,
        "media_type": evidence.media_type,
        "sha256": evidence.sha256,
        "size": evidence.size,
        "status": evidence.status.value,
        "error": evidence.error,
        "page_count": evidence.page_count,
        "doc_type": evidence.doc_type,
        "doc_type_confidence": evidence.doc_type_confidence,
        "doc_type_source": evidence.doc_type_source,
        "needs_review": evidence.needs_review,
        "flags": list(evidence.flags or []),
        "details": evidence.details or {},
        "parent_id": evidence.parent_id,
        "duplicate_of_id": evidence.duplicate_of_id,
        "steps": [
            {"name": s.name, "status": s.status.value, "duration_ms": s.duration_ms,
             "detail": s.detail}
            for s in evidence.steps
        ],
        "created_at": evidence.created_at.isoformat(),
    }


def complaint_point_json(point: ComplaintPoint) -> dict:
    return {
        "id": point.id,
        "case_id": point.case_id,
        "number": point.number,
        "text": point.text,
        "upheld": point_upheld(point),
        "derived_upheld": derived_point_upheld(point),
        "override_reason": point.override_reason,
        "finding_ids": [f.id for f in point.findings],
    }


def finding_json(finding: Finding) -> dict:
    return {
        "id": finding.id,
        "case_id": finding.case_id,
        "complaint_point_id": finding.complaint_point_id,
        "title": finding.title,
        "complaint_point": finding.complaint_point.text,
        "what_happened": finding.what_happened,
        "what_should_have_happened": finding.what_should_have_happened,
        "principle": finding.principle.value if finding.principle else None,
        "guidance": finding.guidance,
        "conclusion": finding.conclusion.value,
        "injustice": finding.injustice,
        "citations": [
            {"id": c.id, "evidence_id": c.evidence_id, "page": c.page, "quote": c.quote}
            for c in finding.citations
        ],
    }


def recommendation_json(recommendation: Recommendation) -> dict:
    return {
        "id": recommendation.id,
        "case_id": recommendation.case_id,
        "finding_id": recommendation.finding_id,
        "kind": recommendation.kind.value,
        "text": recommendation.text,
        "due_date": recommendation.due_date.isoformat() if recommendation.due_date else None,
        "amount_pence": recommendation.amount_pence,
        "from_whom": recommendation.from_whom,
        "basis": recommendation.basis,
        "severity_level": recommendation.severity_level,
        "justification": recommendation.justification,
        "compliance_evidence": recommendation.compliance_evidence,
    }


def decision_json(decision: Decision) -> dict:
    latest = decision.versions[-1] if decision.versions else None
    return {
        "id": decision.id,
        "case_id": decision.case_id,
        "version": latest.version if latest else None,
        "sha256": latest.sha256 if latest else None,
        "stage": decision.stage.value,
        "status": decision.status.value,
        "outcome": decision.outcome.value,
    }

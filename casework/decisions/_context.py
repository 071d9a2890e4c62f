"""What the decision and its letters say: the template context, built from the case.

The plain context holds only strings, booleans, lists and dicts, so that it can be
anonymised (publication) and fingerprinted (each frozen version keeps the hash of the
context it was made from). Free text is wrapped for Word only at the last moment.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

from casework.addressing import address_lines, apology_from, greeting
from casework.drafting import case_outcome, decided_points, point_upheld
from casework.evidence import description_of, key_events, listed_in_decision, numbered_files
from casework.formats import office_date, pounds, uk_date
from storage.models import Case, Finding, Recommendation, User
from vocabulary import DecisionStage, Outcome

# Both sides are usually given two weeks to comment on a provisional decision.
COMMENT_PERIOD = timedelta(days=14)

# The fields people type paragraphs into, wherever they sit in the context: Word must keep
# their line breaks.
FREE_TEXT = frozenset({"summary", "text", "what_happened", "what_should_have_happened",
                       "injustice", "compliance_evidence"})


def decision_context(case: Case, today: date, stage: DecisionStage) -> dict:
    """What the templates render: the plain context with free text keeping its line breaks."""
    return with_line_breaks(plain_decision_context(case, today, stage))


def context_fingerprint(plain: dict) -> str:
    """The sha256 of a plain context as canonical JSON: equal exactly when the contexts are,
    whatever the templates make of them."""
    canonical = json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def with_line_breaks(value):
    """The context with each free-text value wrapped so Word shows its line breaks."""
    if isinstance(value, list):
        return [with_line_breaks(item) for item in value]
    if isinstance(value, dict):
        return {key: _lines(item) if key in FREE_TEXT and isinstance(item, str)
                else with_line_breaks(item) for key, item in value.items()}
    return value


def standard_label(finding: Finding) -> str:
    """The named standard a finding measured against: a Principle and/or guidance."""
    return "; ".join(_standards(finding))


def _standards(finding: Finding) -> list[str]:
    named = []
    if finding.principle is not None:
        named.append(f"the Principle of {finding.principle.label}")
    if finding.guidance:
        named.append(finding.guidance)
    return named


def plain_decision_context(case: Case, today: date, stage: DecisionStage) -> dict:
    """Everything the decision and letter templates may show, as plain strings and lists."""
    # The decision lists every file, so it numbers them from the list it already holds.
    numbers = numbered_files(case.evidence)
    outcome = case_outcome(case)
    numbered = {f.id: n for n, f in enumerate(
        (f for p in case.complaint_points for f in p.findings), start=1)}
    provisional = stage is DecisionStage.PROVISIONAL
    return {
        "reference": case.reference,
        "title": stage.label,
        "stage": stage.value,
        "provisional": provisional,
        "status": "Provisional, for comment" if provisional else "Final",
        "comments_due": uk_date(today + COMMENT_PERIOD) if provisional else "",
        "date": uk_date(today),
        "organisation": case.organisation.name,
        "complainant": case.complainant_name,
        "summary": case.summary,
        "outcome": outcome.label,
        "outcome_phrase": outcome.label.lower(),
        # What the investigator chose to list, by their descriptions.
        "evidence": [
            {"number": numbers[e.id], "description": description_of(e),
             "pages": _count(e.page_count or 0, "page")}
            for e in case.evidence if listed_in_decision(e)
        ],
        "events": [
            {"date": uk_date(entry.date), "text": entry.text,
             "references": "; ".join(
                 f"Evidence {numbers[evidence_id]}, page {page}"
                 for evidence_id, page in [(entry.evidence_id, entry.page), *entry.also_in])}
            for entry in key_events(case)
        ],
        "standards": list(dict.fromkeys(
            label for point in case.complaint_points for f in point.findings
            for label in _standards(f))),
        "points": [
            {
                "number": point.number,
                "text": point.text,
                "upheld": (Outcome.UPHELD if point_upheld(point) else Outcome.NOT_UPHELD).label,
                "findings": [_finding_context(f, numbered[f.id], numbers)
                             for f in point.findings],
            }
            for point in decided_points(case)
        ],
        "recommendations": [_recommendation_context(r, case.organisation.name)
                            for r in case.recommendations],
        # What each side said about the provisional decision, considered in the final one.
        "comments": [] if provisional else [
            {"sender": comment.sender.label, "received": uk_date(office_date(comment.created_at)),
             "text": comment.text or "",
             "file": (f"Evidence {numbers[comment.evidence_id]}: {comment.evidence.filename}"
                      if comment.evidence_id in numbers else "")}
            for comment in case.comments],
    }


def letter_context(case: Case) -> dict:
    """What only the letters show, kept out of the decision's context (and so out of its
    published version): who signs them, and whom they greet and are addressed to."""
    return signatory(case.assignee) | {
        "complainant_greeting": greeting(case.complainant_name),
        "complainant_address": address_lines(case.complainant_address or ""),
        "organisation_address": address_lines(case.organisation.address or ""),
    }


def signatory(investigator: User | None) -> dict:
    """Who signs the letters: the case's investigator, by name and job title."""
    if investigator is None or not investigator.name:
        return {"signatory": "The Ombudsman's office", "signatory_title": ""}
    return {"signatory": investigator.name, "signatory_title": investigator.job_title}


def _finding_context(finding: Finding, number: int, evidence_numbers: dict[int, int]) -> dict:
    return {
        "number": number,
        "title": finding.title,
        "what_happened": finding.what_happened,
        "what_should_have_happened": finding.what_should_have_happened,
        "standard": standard_label(finding),
        "conclusion": finding.conclusion.label,
        "injustice": finding.injustice,
        "citations": [
            {"reference": f"Evidence {evidence_numbers[c.evidence_id]}, page {c.page}",
             "quote": c.quote}
            for c in finding.citations
        ],
    }


def _recommendation_context(recommendation: Recommendation, organisation: str) -> dict:
    return {
        "kind": recommendation.kind.label,
        # The templates follow it with "By <date>." or "The apology should come from ...".
        "text": _sentence(recommendation.text),
        "from_whom": apology_from(recommendation.from_whom or "", organisation),
        "compliance_evidence": _sentence(recommendation.compliance_evidence or ""),
        "amount": pounds(recommendation.amount_pence)
        if recommendation.amount_pence is not None else "",
        "due": uk_date(recommendation.due_date) if recommendation.due_date else "",
    }


def _lines(text: str):
    """Free text keeps its line breaks in Word (a bare newline would read as a space).

    Empty text stays an empty string: a Listing is always true in the template's `if`.
    """
    from docxtpl import Listing  # only a process that drafts needs Word (see render_docx)

    return Listing(text) if text else ""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _sentence(text: str) -> str:
    """`text` ending as a sentence does, so that the next sentence can follow it."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?" else text + "."

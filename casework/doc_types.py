"""The kinds of evidence an ombudsman reads (DOMAIN.md), as the classifier names them."""

DOC_TYPES = {
    "complaint": "Complaint",
    "complaint_response": "Organisation's complaint response",
    "clinical_record": "Clinical record",
    "correspondence": "Correspondence",
    "policy_guidance": "Policy or guidance",
    "witness_statement": "Witness statement or interview note",
    "professional_advice": "Independent professional advice",
    "financial_record": "Financial record",
    "other": "Other",
}
UNCLASSIFIED = "unclassified"


def doc_type_label(doc_type: str | None) -> str:
    if doc_type is None:
        return "Not yet known"
    if doc_type == UNCLASSIFIED:
        return "Unclassified"
    return DOC_TYPES.get(doc_type, doc_type)

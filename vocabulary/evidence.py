"""Evidence files: how far processing has gone, what kind of document each is, what it names."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class EvidenceStatus(Labelled):
    QUEUED = "queued", "Queued"
    PROCESSING = "processing", "Processing"
    PROCESSED = "processed", "Processed"
    FAILED = "failed", "Failed"
    # The same bytes are already in the case: linked to the first copy, not processed again.
    DUPLICATE = "duplicate", "Duplicate"


class EvidenceSort(Labelled):
    """What a list of a case's evidence is ordered by."""
    NUMBER = "number", "Number"
    UPLOADED = "uploaded", "Date uploaded"
    FILENAME = "filename", "File name"
    TYPE = "type", "Type"
    STATUS = "status", "Status"


class StepStatus(Labelled):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class DocType(Labelled):
    """The kinds of evidence an ombudsman reads (DOMAIN.md), as the classifier names them."""
    COMPLAINT = "complaint", "Complaint"
    COMPLAINT_RESPONSE = "complaint_response", "Organisation's complaint response"
    CLINICAL_RECORD = "clinical_record", "Clinical record"
    CORRESPONDENCE = "correspondence", "Correspondence"
    POLICY_GUIDANCE = "policy_guidance", "Policy or guidance"
    WITNESS_STATEMENT = "witness_statement", "Witness statement or interview note"
    PROFESSIONAL_ADVICE = "professional_advice", "Independent professional advice"
    FINANCIAL_RECORD = "financial_record", "Financial record"
    OTHER = "other", "Other"
    # Given at intake to what a side sent about a provisional decision, never guessed.
    PROVISIONAL_COMMENTS = "provisional_comments", "Comments on the provisional decision"
    # Given at intake to what an organisation sends to show it did what it was asked.
    EVIDENCE_OF_COMPLIANCE = "evidence_of_compliance", "Evidence of compliance"
    # Below the classifier's threshold: an investigator should say what it is.
    UNCLASSIFIED = "unclassified", "Unclassified"

    @classmethod
    def assignable(cls) -> tuple[DocType, ...]:
        """The types a document can be given: what the classifier learns and people choose."""
        return tuple(member for member in cls if member is not cls.UNCLASSIFIED)

    @classmethod
    def classifiable(cls) -> tuple[DocType, ...]:
        """The types the classifier learns: comments and evidence of compliance are known by
        how they arrive."""
        return tuple(member for member in cls.assignable()
                     if member not in (cls.PROVISIONAL_COMMENTS, cls.EVIDENCE_OF_COMPLIANCE))


class TypeSource(Labelled):
    """Who said what kind of document a file is."""

    MODEL = "model", "The classifier"
    INVESTIGATOR = "investigator", "An investigator"


class EventSource(Labelled):
    """Who put an event in the chronology."""

    MACHINE = "machine", "Found in the evidence"
    INVESTIGATOR = "investigator", "Added by an investigator"


class EntityLabel(Labelled):
    """What the pipeline finds on a page; the label is the heading it is listed under."""

    PERSON = "PERSON", "People"
    ORG = "ORG", "Organisations"
    GPE = "GPE", "Places"
    NHS_NUMBER = "NHS_NUMBER", "NHS numbers"
    DATE = "DATE", "Dates"
    MONEY = "MONEY", "Amounts"
    EMAIL = "EMAIL", "Email addresses"
    PHONE = "PHONE", "Phone numbers"
    POSTCODE = "POSTCODE", "Postcodes"

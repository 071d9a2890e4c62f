"""A decision's stage and status, its review, its PDF, who its letters go to and how they
travel."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class DecisionStage(Labelled):
    """A provisional decision goes to both sides for comment; the final one closes the case."""
    PROVISIONAL = "provisional", "Provisional decision"
    FINAL = "final", "Final decision"


class DecisionStatus(Labelled):
    """Four eyes: a draft goes to review, comes back or is approved, and only then is issued."""
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    ISSUED = "issued", "Issued"


class ReviewResult(Labelled):
    """What a reviewer decided about one version."""
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"


class Section(Labelled):
    """The parts of a decision a reviewer compares between versions and comments on."""
    FINDINGS = "findings", "Findings"
    RECOMMENDATIONS = "recommendations", "Recommendations"
    AMOUNTS = "amounts", "Amounts"
    WORDING = "wording", "Wording"
    # A comment on the version as a whole, such as the reason changes were requested.
    GENERAL = "general", "The decision as a whole"


class PdfStatus(Labelled):
    """Where a version's PDF stands: a worker makes it once the version is frozen."""
    READY = "ready", "Ready"
    MAKING = "making", "Being made"
    # LibreOffice could not convert the document, try after try.
    FAILED = "failed", "Could not be made"
    # No LibreOffice on this server: only the Word document.
    UNAVAILABLE = "unavailable", "Needs LibreOffice"


class Recipient(Labelled):
    """The two sides of a complaint: who receives a letter with each version of a decision,
    and who comments on a provisional one."""

    COMPLAINANT = "complainant", "Complainant"
    ORGANISATION = "organisation", "Organisation"


class Channel(Labelled):
    """How an issued letter reaches its recipient."""
    EMAIL = "email", "Email"
    POST = "post", "Post"


class DeliveryStatus(Labelled):
    PENDING = "pending", "Sending"
    SENT = "sent", "Sent"
    # A send failed; a task tries again later.
    RETRYING = "retrying", "Failed, retrying"
    # No email address or no mail server: in the outbox, waiting for someone to post it.
    TO_POST = "to_post", "To send by post"
    POSTED = "posted", "Posted"

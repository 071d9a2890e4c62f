"""The vocabulary: every enum of the service, each member with the label people read.

Forms, API schemas, the command line and documents take their choices and words from here,
never retyped. It imports nothing of the project's, so every layer may use it.
"""

from vocabulary.cases import CaseStage, Outcome
from vocabulary.compliance import ComplianceStatus, ComplianceStep, ReminderKind
from vocabulary.decisions import (
    Channel,
    DecisionStage,
    DecisionStatus,
    DeliveryStatus,
    PdfStatus,
    Recipient,
    ReviewResult,
    Section,
)
from vocabulary.drafting import Conclusion, PaymentBasis, Principle, RecommendationKind
from vocabulary.evidence import (
    DocType,
    EntityLabel,
    EventSource,
    EvidenceSort,
    EvidenceStatus,
    StepStatus,
    TypeSource,
)
from vocabulary.labelled import Labelled
from vocabulary.people import PersonKind, Role
from vocabulary.publication import IdentifierKind

__all__ = [
    "CaseStage",
    "Channel",
    "ComplianceStatus",
    "ComplianceStep",
    "Conclusion",
    "DecisionStage",
    "DecisionStatus",
    "DeliveryStatus",
    "DocType",
    "EntityLabel",
    "EvidenceSort",
    "EvidenceStatus",
    "IdentifierKind",
    "Labelled",
    "Outcome",
    "PaymentBasis",
    "PdfStatus",
    "PersonKind",
    "Principle",
    "Recipient",
    "RecommendationKind",
    "ReminderKind",
    "ReviewResult",
    "Role",
    "Section",
    "StepStatus",
    "TypeSource",
    "EventSource",
]

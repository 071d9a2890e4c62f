"""Evidence: intake, media sniffing, processing results, the chronology, corrections.

The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.evidence._chronology import case_chronology, choose_for_decision, key_events
from casework.evidence._corrections import correct_doc_type, retry_evidence, type_corrections
from casework.evidence._intake import (
    Upload,
    add_evidence,
    measure_stream,
    remove_stray_originals,
    store_evidence,
    to_process,
)
from casework.evidence._media import (
    DOCX,
    EML,
    HTML,
    JPEG,
    MSG,
    PDF,
    PNG,
    SUPPORTED,
    TEXT,
    TIFF,
    ZIP,
    sniff_media_type,
    supported_labels_text,
    supported_types_text,
)
from casework.evidence._processing import (
    add_child_evidence,
    claim_for_processing,
    mark_enqueued,
    mark_failed,
    record_results,
    record_step,
    release_lost_runs,
    stalled_evidence,
)
from casework.evidence._records import (
    evidence_numbers,
    get_evidence,
    list_evidence,
    names_mentioned,
    record_access,
)

__all__ = [
    "DOCX",
    "EML",
    "HTML",
    "JPEG",
    "MSG",
    "PDF",
    "PNG",
    "SUPPORTED",
    "TEXT",
    "TIFF",
    "Upload",
    "ZIP",
    "add_child_evidence",
    "add_evidence",
    "case_chronology",
    "choose_for_decision",
    "claim_for_processing",
    "mark_enqueued",
    "release_lost_runs",
    "correct_doc_type",
    "evidence_numbers",
    "get_evidence",
    "key_events",
    "list_evidence",
    "mark_failed",
    "measure_stream",
    "names_mentioned",
    "record_access",
    "record_results",
    "record_step",
    "remove_stray_originals",
    "retry_evidence",
    "sniff_media_type",
    "stalled_evidence",
    "store_evidence",
    "to_process",
    "supported_labels_text",
    "supported_types_text",
    "type_corrections",
]

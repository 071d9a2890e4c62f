"""Drafting: complaint points, findings and their citations, outcomes, recommendations and
the remedy scale.

The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.drafting._citations import (
    CitationInput,
    add_citation,
    quote_from_snippet,
    quote_on_page,
    remove_citation,
)
from casework.drafting._complaint_points import (
    MAX_POINT_LENGTH,
    add_complaint_point,
    get_complaint_point,
    list_complaint_points,
    remove_complaint_point,
    reword_complaint_point,
)
from casework.drafting._findings import (
    MAX_GUIDANCE_LENGTH,
    MAX_TITLE_LENGTH,
    FindingInput,
    add_finding,
    change_finding,
    get_finding,
)
from casework.drafting._outcomes import (
    case_outcome,
    decided_points,
    derived_case_outcome,
    derived_point_upheld,
    override_case_outcome,
    override_point,
    point_upheld,
)
from casework.drafting._point_themes import confirm_point_themes
from casework.drafting._recommendations import (
    KIND_DETAILS,
    MAX_ROLE_LENGTH,
    RecommendationInput,
    add_recommendation,
    change_recommendation,
    earlier_payments,
    get_recommendation,
    remove_recommendation,
)
from casework.drafting._remedy_scale import RemedyScale, ScaleError, load_scale
from casework.drafting._theme_suggestion import (
    MOST_SUGGESTED,
    Suggestion,
    point_texts,
    suggest_themes,
    suggest_themes_for_text,
)
from casework.drafting._themes import Theme, Themes, ThemesError, load_themes
from casework.drafting._versions import EditConflict

__all__ = [
    "CitationInput",
    "EditConflict",
    "FindingInput",
    "KIND_DETAILS",
    "MAX_GUIDANCE_LENGTH",
    "MAX_POINT_LENGTH",
    "MAX_ROLE_LENGTH",
    "MAX_TITLE_LENGTH",
    "MOST_SUGGESTED",
    "RecommendationInput",
    "RemedyScale",
    "ScaleError",
    "Suggestion",
    "Theme",
    "Themes",
    "ThemesError",
    "add_citation",
    "add_complaint_point",
    "add_finding",
    "add_recommendation",
    "case_outcome",
    "change_finding",
    "change_recommendation",
    "confirm_point_themes",
    "decided_points",
    "derived_case_outcome",
    "derived_point_upheld",
    "earlier_payments",
    "get_complaint_point",
    "list_complaint_points",
    "get_finding",
    "get_recommendation",
    "load_scale",
    "load_themes",
    "override_case_outcome",
    "override_point",
    "point_texts",
    "point_upheld",
    "quote_from_snippet",
    "quote_on_page",
    "remove_citation",
    "remove_complaint_point",
    "remove_recommendation",
    "reword_complaint_point",
    "suggest_themes",
    "suggest_themes_for_text",
]

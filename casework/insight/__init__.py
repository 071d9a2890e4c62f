"""Insight: what the casework shows across cases, as the ombudsman shares it. Outcomes by
organisation and by theme, the uphold rate, payments against the remedy scale, how long
decisions take, compliance and the evidence pipeline's throughput, and the report that sets
them out; one search over every case a person may read; and the decided cases like a
complaint point (the themes themselves are drafting's: a complaint point carries them).

The room sits on top of the others: it reads cases, evidence, drafting and decisions alike.
The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.insight._case_search import (
    CaseSearch,
    decided_as,
    readable_organisations,
    record_case_search,
    search_cases,
)
from casework.insight._figure import Column, Figure, figure_csv
from casework.insight._figures import FIGURE_NAMES, insight_figure, insight_figures
from casework.insight._period import InsightFilter, default_filter, period_filter
from casework.insight._report import render_insight_report, report_filename
from casework.insight._similar_cases import (
    MOST_SHOWN,
    Remedy,
    SimilarCase,
    similar_decided_cases,
)

__all__ = [
    "FIGURE_NAMES",
    "MOST_SHOWN",
    "CaseSearch",
    "Column",
    "Figure",
    "InsightFilter",
    "Remedy",
    "SimilarCase",
    "decided_as",
    "default_filter",
    "figure_csv",
    "insight_figure",
    "insight_figures",
    "period_filter",
    "readable_organisations",
    "record_case_search",
    "render_insight_report",
    "report_filename",
    "search_cases",
    "similar_decided_cases",
]

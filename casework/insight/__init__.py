"""Insight: what the casework shows across cases — outcomes by organisation and by theme,
the uphold rate, payments against the remedy scale, how long decisions take, compliance,
and the evidence pipeline's throughput — and the report that sets them out.

The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.insight._figure import Column, Figure, figure_csv
from casework.insight._figures import FIGURE_NAMES, insight_figure, insight_figures
from casework.insight._period import InsightFilter, default_filter, period_filter
from casework.insight._report import render_insight_report, report_filename
from casework.insight._themes import THEMES_RECORDED

__all__ = [
    "FIGURE_NAMES",
    "THEMES_RECORDED",
    "Column",
    "Figure",
    "InsightFilter",
    "default_filter",
    "figure_csv",
    "insight_figure",
    "insight_figures",
    "period_filter",
    "render_insight_report",
    "report_filename",
]

"""The insight report: the dashboard's figures as charts and tables in a Word document, from
its template beside the letter templates, the kind of report laid before Parliament.

The tables are the template's own, repeated by row and by column, so their look is edited
in Word like the rest of the report."""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy.orm import Session

from casework.decisions import INSIGHT_REPORT_TEMPLATE, render_docx
from casework.formats import uk_date
from casework.insight._figure import Figure
from casework.insight._period import InsightFilter
from casework.insight._summaries import report_summaries
from storage.models import Organisation

# The chart's and the tables' width on the page: the text width of an A4 page with the
# template's margins; a table's first column, which names its rows, takes this much of it.
CHART_WIDTH_MM = 160
FIRST_COLUMN_MM = 50


def report_filename(criteria: InsightFilter) -> str:
    return f"insight-report-{criteria.start.isoformat()}-to-{criteria.end.isoformat()}.docx"


def render_insight_report(session: Session, criteria: InsightFilter, figures: list[Figure],
                          prepared_on: date) -> bytes:
    """The report of `figures` (counted for `criteria`) as a .docx."""
    organisation = (session.get(Organisation, criteria.organisation_id)
                    if criteria.organisation_id is not None else None)
    summaries = report_summaries(session, criteria)

    def context(document) -> dict:
        # Here, not at the top: the web process loads the imaging and Word libraries only
        # when someone asks for a report.
        from docx.shared import Mm
        from docxtpl import InlineImage

        from casework.insight._charts import bar_chart_png

        return {
            "title": "Sharing the learning from our casework",
            "period": criteria.described,
            "organisation": organisation.name if organisation else "",
            "theme": criteria.theme or "",
            "prepared": uk_date(prepared_on),
            "highlights": [figure.summary for figure in figures if figure.available],
            "figures": [{
                "title": figure.title,
                "summary": figure.summary,
                "chart": InlineImage(document, io.BytesIO(bar_chart_png(figure)),
                                     width=Mm(CHART_WIDTH_MM)) if figure.rows else "",
                "header": [column.label for column in figure.columns],
                "rows": [[column.shown(value)
                          for column, value in zip(figure.columns, row, strict=True)]
                         for row in figure.rows],
            } for figure in figures],
            "summaries": summaries,
        }

    return _fit_tables(render_docx(INSIGHT_REPORT_TEMPLATE, context))


def _fit_tables(document: bytes) -> bytes:
    """Give each table's columns their widths: a table repeated by column keeps the width of
    the one cell it was repeated from, and its grid the template's count of columns."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    word = Document(io.BytesIO(document))
    for table in word.tables:
        count = len(table.rows[0].cells)
        rest = Mm((CHART_WIDTH_MM - FIRST_COLUMN_MM) / max(count - 1, 1))
        widths = [Mm(FIRST_COLUMN_MM), *[rest] * (count - 1)]
        grid = table._tbl.tblGrid
        for column in list(grid):
            grid.remove(column)
        for width in widths:
            column = OxmlElement("w:gridCol")
            column.set(qn("w:w"), str(width.twips))
            grid.append(column)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = width
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


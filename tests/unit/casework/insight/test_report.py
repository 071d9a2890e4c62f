"""The insight report: the figures as charts and tables in a Word document."""

import io
from datetime import date

from docx import Document

from casework.drafting import load_scale
from casework.insight import InsightFilter, insight_figures, render_insight_report
from tests.unit.casework.insight.cases import NORTHTOWN, the_casework

FIRST_HALF = InsightFilter(date(2026, 1, 1), date(2026, 6, 30))


def test_the_report_sets_out_every_figure_with_its_chart_and_table(db):
    the_casework(db)
    figures = insight_figures(db, FIRST_HALF, load_scale(), date(2026, 7, 15))
    document = Document(io.BytesIO(render_insight_report(db, FIRST_HALF, figures,
                                                         date(2026, 7, 15))))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Casework from 1 January 2026 to 30 June 2026." in text
    assert "Prepared on 15 July 2026." in text
    for figure in figures:
        assert figure.title in text
        assert figure.summary in text
    assert "{{" not in text and "{%" not in text
    tables = [[[cell.text for cell in row.cells] for row in table.rows]
              for table in document.tables]
    assert len(tables) == len(figures) - 1
    assert [NORTHTOWN, "1", "1", "0", "2"] in tables[0]
    assert ["2026 Q1", "2", "30 days", "70 days"] in tables[3]
    # A chart and a table for each figure with rows: all but the outcomes by theme, which
    # has none until complaint points carry themes.
    assert len(document.inline_shapes) == len(figures) - 1
    # No published summaries yet: the section is left out.
    assert "Case summaries" not in text

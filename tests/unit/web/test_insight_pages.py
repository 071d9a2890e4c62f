"""The insight dashboard, its CSVs and the reports page: staff only, each figure a table
with its chart's hooks and a CSV, the report a Word document."""

from __future__ import annotations

import csv
import io

from docx import Document

from casework.users import create_user
from tests.unit.casework.insight.cases import NORTHTOWN, RIVERSIDE, the_casework

FIRST_HALF = {"from": "2026-01-01", "to": "2026-06-30"}


def test_the_dashboard_shows_each_figure_as_a_table_a_chart_reads(db, client, auth):
    the_casework(db)
    auth.login()
    page = client.get("/dashboard", query_string=FIRST_HALF)
    assert page.status_code == 200
    assert "Final decisions issued from 1 January 2026 to 30 June 2026." in page.text
    for heading in ("Outcomes by organisation", "Outcomes by theme", "Uphold rate by quarter",
                    "Payments by severity level", "Time from case opened to final decision",
                    "Compliance with recommendations", "Evidence processing"):
        assert f">{heading}</h2>" in page.text
    assert 'data-chart-bars="upheld partly_upheld not_upheld" data-chart-stacked' in page.text
    assert '<th scope="row" class="govuk-table__header">2026 Q1</th>' in page.text
    assert "/dashboard/outcomes-by-organisation.csv?from=2026-01-01&amp;to=2026-06-30" \
        in page.text
    assert "chartjs/chart.umd.min.js" in page.text


def test_an_organisation_filter_narrows_the_dashboard(db, client, auth):
    northtown = the_casework(db)["one"].organisation_id
    auth.login()
    page = client.get("/dashboard", query_string=FIRST_HALF | {"organisation_id": northtown})
    assert f"about {NORTHTOWN}." in page.text
    assert f'<th scope="row" class="govuk-table__header">{RIVERSIDE}</th>' not in page.text


def test_a_wrong_period_is_said_beside_its_field_and_the_default_shown(db, client, auth):
    auth.login()
    page = client.get("/dashboard", query_string={"from": "2026-06-01", "to": "2026-01-01"})
    assert page.status_code == 200
    assert "The end of the period must not be before its start" in page.text
    refused = client.get("/dashboard", query_string={"theme": "Delay"})
    assert "There is no theme &#39;Delay&#39;" in refused.text


def test_each_figure_downloads_as_csv(db, client, auth):
    the_casework(db)
    auth.login()
    response = client.get("/dashboard/uphold-rate-by-quarter.csv", query_string=FIRST_HALF)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "uphold-rate-by-quarter-2026-01-01-to-2026-06-30.csv" in \
        response.headers["Content-Disposition"]
    assert list(csv.reader(io.StringIO(response.text))) == [
        ["quarter", "decided", "upheld_or_partly", "uphold_rate"],
        ["2026 Q1", "2", "2", "1.000"], ["2026 Q2", "2", "1", "0.500"]]
    assert client.get("/dashboard/nothing.csv").status_code == 404


def test_the_reports_page_downloads_the_insight_report(db, client, auth):
    the_casework(db)
    auth.login()
    page = client.get("/reports")
    assert page.status_code == 200
    assert 'action="/reports/insight.docx"' in page.text
    report = client.get("/reports/insight.docx", query_string=FIRST_HALF)
    assert report.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(report.data)).paragraphs)
    assert "Of 4 final decisions about 2 organisations" in text


def test_organisation_users_are_refused_the_dashboard_and_reports(db, client, auth):
    create_user(db, "org@example.org", "a-long-password", "organisation", NORTHTOWN)
    db.commit()
    auth.login(("org@example.org", "a-long-password"))
    for address in ("/dashboard", "/dashboard/uphold-rate-by-quarter.csv", "/reports",
                    "/reports/insight.docx"):
        assert client.get(address).status_code == 403, address

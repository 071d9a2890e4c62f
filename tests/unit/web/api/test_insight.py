"""GET /api/v1/insight: the dashboard's figures as JSON, for staff."""

from tests.unit.casework.insight.cases import NORTHTOWN, the_casework


def test_the_figures_come_as_titled_tables_keyed_by_column(db, api):
    northtown = the_casework(db)["one"].organisation_id
    answer = api.get("/api/v1/insight", query_string={
        "from": "2026-01-01", "to": "2026-06-30", "organisation_id": northtown})
    assert answer.status_code == 200
    body = answer.json
    assert (body["from"], body["to"], body["theme"]) == ("2026-01-01", "2026-06-30", None)
    assert body["organisation"] == {"id": northtown, "name": NORTHTOWN}
    assert [f["name"] for f in body["figures"]] == [
        "outcomes-by-organisation", "outcomes-by-theme", "uphold-rate-by-quarter",
        "payments-by-severity", "time-to-final-decision", "compliance-by-kind",
        "evidence-throughput"]
    outcomes = body["figures"][0]
    assert outcomes["columns"][0] == {"key": "organisation", "label": "Organisation",
                                      "kind": "text"}
    assert outcomes["rows"] == [{"organisation": NORTHTOWN, "upheld": 1, "partly_upheld": 1,
                                 "not_upheld": 0, "decided": 2}]
    assert body["figures"][1]["rows"] == []  # no point's themes confirmed
    assert body["figures"][2]["rows"] == [
        {"quarter": "2026 Q1", "decided": 2, "upheld_or_partly": 2, "uphold_rate": 1.0},
        {"quarter": "2026 Q2", "decided": 0, "upheld_or_partly": 0, "uphold_rate": None}]


def test_a_theme_is_one_of_the_taxonomys(api):
    answer = api.get("/api/v1/insight", query_string={"theme": "Delay"})
    assert answer.status_code == 422
    assert answer.json["error"]["code"] == "validation_failed"

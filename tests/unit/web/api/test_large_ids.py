"""An id past what the database holds is a record that does not exist: 404, whatever the
method, never 405 because the same path has a rule for another method."""

import pytest


@pytest.mark.parametrize("method, path, body", [
    ("PATCH", "/api/v1/evidence/40579857394447966208", {"doc_type": "complaint"}),
    ("POST", "/api/v1/cases/11942941151022491648/complaint-points", {"text": "A point."}),
    ("DELETE", "/api/v1/cases/11942941151022491648/recommendations/9223372036854775808",
     None),
    ("GET", "/api/v1/cases/9223372036854775808", None),
])
def test_an_id_past_what_the_database_holds_is_not_found(client, api, method, path, body):
    response = client.open(path, method=method, headers=api.headers, json=body)
    assert response.status_code == 404, response.json


def test_the_largest_id_is_still_an_id(client, api):
    assert client.get("/api/v1/cases/9223372036854775807",
                      headers=api.headers).status_code == 404
    assert client.get("/cases/9223372036854775808").status_code in {302, 404}

"""A PATCH may leave a finding's fields out; the citations it adds are still whole."""


def test_a_patch_keeps_what_it_leaves_out_but_refuses_a_half_citation(api):
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Ms Cara Example", "organisation_name": "Department for Examples",
        "summary": "Lost application"}).json
    url = f"/api/v1/cases/{case['id']}/findings"
    finding = api.post(url, json={
        "title": "Lost form", "complaint_point": "The department lost the form.",
        "what_happened": "Lost.", "what_should_have_happened": "Kept.",
        "conclusion": "maladministration"}).json

    renamed = api.patch(f"{url}/{finding['id']}", json={"title": "The lost form"})
    assert renamed.status_code == 200
    assert renamed.json | {"title": "Lost form", "version": 1} == finding

    half = api.patch(f"{url}/{finding['id']}", json={"citations": [{"page": 1}]})
    assert (half.status_code, half.json["error"]) == (422, {
        "code": "validation_failed", "message": "citations[0].evidence_id is required"})


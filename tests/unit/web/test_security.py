"""What protects the people using the service in their browser: the headers on every answer,
the session cookie's flags, throttled sign-in, sign-out that ends the session on the
server, and bodies over the limit refused however they are sent."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from werkzeug.test import EnvironBuilder, run_wsgi_app

from casework.users import MAX_FAILURES_PER_ACCOUNT, get_user_by_email, set_active
from storage.models import AuditEvent, Case, Evidence, SignInSession
from tests.conftest import INVESTIGATOR
from tests.fixtures import complaint_pdf
from web.security_headers import CONTENT_SECURITY_POLICY

EXPECTED_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def security_headers(response) -> dict:
    return {name: response.headers.get(name) for name in
            (*EXPECTED_HEADERS, "Strict-Transport-Security")}


def test_the_policy_allows_only_this_site_and_no_framing():
    assert CONTENT_SECURITY_POLICY == ("default-src 'self'; object-src 'none'; "
                                       "base-uri 'none'; form-action 'self'; "
                                       "frame-ancestors 'none'")


def test_every_kind_of_answer_carries_the_headers(client, auth, api, app):
    answers = {"sign-in page": client.get("/login"),
               "static file": client.get("/static/casework.css"),
               "api": api.get("/api/v1/cases"),
               "api refusal": client.get("/api/v1/cases"),
               "missing page": client.get("/no-such-page")}
    auth.login()
    answers["page"] = client.get("/cases/")
    app.config["MAX_CONTENT_LENGTH"] = 10
    answers["too large"] = client.post("/login", data={"email": "x" * 20})
    assert {name: r.status_code for name, r in answers.items()} == {
        "sign-in page": 200, "static file": 200, "api": 200, "api refusal": 401,
        "missing page": 404, "page": 200, "too large": 413}
    for name, response in answers.items():
        response.close()
        # Plain HTTP, as `make run` serves: no HSTS, which would lock the browser out.
        assert security_headers(response) == EXPECTED_HEADERS | {
            "Strict-Transport-Security": None}, name


def test_over_tls_hsts_is_sent_and_the_session_cookie_is_secure(client):
    response = client.post("/login", data=dict(zip(("email", "password"), INVESTIGATOR,
                                                   strict=True)),
                           base_url="https://casework.example")
    assert response.status_code == 302
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    cookie = response.headers["Set-Cookie"]
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= {p.strip() for p in cookie.split(";")}
    plain = client.post("/login", data=dict(zip(("email", "password"), INVESTIGATOR,
                                                strict=True)))
    flags = {p.strip() for p in plain.headers["Set-Cookie"].split(";")}
    assert {"HttpOnly", "SameSite=Lax"} <= flags and "Secure" not in flags


def test_sign_out_ends_the_session_on_the_server(client, auth, db):
    auth.login()
    copied = client.get_cookie("session").value
    assert client.get("/cases/").status_code == 200
    auth.logout()
    client.set_cookie("session", copied)  # the cookie as it was, replayed
    response = client.get("/cases/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    [sign_in] = db.scalars(select(SignInSession))
    assert sign_in.ended_at is not None


def test_deactivation_signs_the_account_out_everywhere(app, client, auth, db):
    from casework.users import create_user

    admin = create_user(db, "admin@example.org", "admin-password", "admin")
    db.commit()
    auth.login()
    assert client.get("/cases/").status_code == 200
    set_active(db, admin, get_user_by_email(db, INVESTIGATOR[0]), False)
    db.commit()
    assert client.get("/cases/").status_code == 302
    assert db.scalar(select(func.count()).where(SignInSession.ended_at.is_(None))) == 0


def test_a_sign_in_older_than_its_hours_expires(client, auth, db):
    auth.login()
    db.execute(update(SignInSession).values(
        created_at=datetime.now(UTC) - timedelta(hours=12)))
    db.commit()
    response = client.get("/cases/")
    assert response.headers["Location"].startswith("/login?next=/cases/")
    assert "Your session has expired. Sign in again." in client.get(
        response.headers["Location"]).text
    assert client.get("/cases/").status_code == 302  # signed out, not only sent away
    assert "session_expired" in [e.detail.get("code") for e in db.scalars(
        select(AuditEvent).where(AuditEvent.action == "request.refused"))]
    auth.login()
    assert client.get("/cases/").status_code == 200


def test_repeated_wrong_passwords_throttle_the_account(client, auth):
    email, password = INVESTIGATOR
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        wrong = auth.login((email, "wrong-password"))
        assert wrong.status_code == 400
        assert "Enter a correct email address and password" in wrong.text
    refused = auth.login((email, password))
    assert refused.status_code == 429
    assert "Too many failed sign-ins for this account: try again in 15 minutes" \
        in refused.text
    assert client.get("/cases/").status_code == 302  # not signed in
    # Someone else from the same address is not held up by it.
    other = auth.login(("reviewer@example.org", "reviewer-pass"))
    assert other.status_code == 302


def test_the_api_ignores_the_session_cookie(client, auth, db):
    auth.login()
    response = client.post("/api/v1/cases", json={"complainant_name": "Mrs A",
                                                  "organisation_name": "A Trust"})
    assert response.status_code == 401
    assert db.scalar(select(func.count()).select_from(Case)) == 0


def _multipart(field: str, size: int) -> bytes:
    return (f'--b\r\nContent-Disposition: form-data; name="{field}"; filename="big.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n").encode() + complaint_pdf() \
        + b"\0" * size + b"\r\n--b--\r\n"


def _post_chunked(app, client, url: str, body: bytes, headers: dict) -> tuple[int, str]:
    """Post `body` with no Content-Length, as a chunked upload reaches the app: the server
    (waitress, or Werkzeug's own) decodes the chunks and says with wsgi.input_terminated
    that it ends the stream. The test client always works a length out, so the app is
    called directly."""
    environ = EnvironBuilder(url, method="POST", input_stream=io.BytesIO(body), headers={
        **headers, "Transfer-Encoding": "chunked",
        "Cookie": f"session={client.get_cookie('session').value}"},
        content_type="multipart/form-data; boundary=b").get_environ()
    del environ["CONTENT_LENGTH"]
    environ["wsgi.input_terminated"] = True
    answer, status, _headers = run_wsgi_app(app, environ, buffered=True)
    return int(status.split()[0]), b"".join(answer).decode()


# Cut off mid-file, Werkzeug's form parser leaves the part it was filling to the garbage
# collector, which closes it (in memory at this size) with a ResourceWarning.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_body_over_the_limit_is_413_on_the_page_and_the_api(app, client, auth, api, db,
                                                              chunked):
    case = api.post("/api/v1/cases", json={"complainant_name": "Mrs A",
                                           "organisation_name": "A Trust"}).json
    auth.login()
    # Far under the upload limit the domain checks, so only the server's limit refuses it.
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    uploads = {f"/cases/{case['id']}/evidence": "files",
               f"/api/v1/cases/{case['id']}/evidence": "file"}
    for url, field in uploads.items():
        body = _multipart(field, 128 * 1024)
        if chunked:
            status, text = _post_chunked(app, client, url, body, api.headers)
        else:
            response = client.post(url, data=body, headers=api.headers,
                                   content_type="multipart/form-data; boundary=b")
            status, text = response.status_code, response.text
        assert status == 413, url
        assert "MB limit" in text
    assert db.scalar(select(func.count()).select_from(Evidence)) == 0

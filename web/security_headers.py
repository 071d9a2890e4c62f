"""What every answer tells the browser to protect the people using it: pages, errors,
static files and the API alike.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface

# Scripts, styles, images and fetches from this site only, and no inline script or style
# (the layout's scripts are static files): an injected <script> does not run. Nobody may
# frame a page (clickjacking), and forms post only here.
CONTENT_SECURITY_POLICY = ("default-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # frame-ancestors, for browsers too old to read it.
    "X-Frame-Options": "DENY",
    # A file is what its Content-Type says: an uploaded HTML file named .txt stays text.
    "X-Content-Type-Options": "nosniff",
    # Case pages' URLs stay here. Not "no-referrer": over HTTPS, Flask-WTF refuses a form
    # whose Referer is not this site, and a missing one too.
    "Referrer-Policy": "same-origin",
}
# A year: once a browser has seen it over TLS, it never tries plain HTTP here.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def add_security_headers(response: Response) -> Response:
    """The headers above on `response`; HSTS only when it goes over TLS, so
    http://127.0.0.1 keeps working for `make run`."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response


class SessionCookies(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over TLS (or
    SESSION_COOKIE_SECURE says always): it is then never sent over plain HTTP."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookies()
    app.after_request(add_security_headers)

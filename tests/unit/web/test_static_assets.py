"""Static files: addressed by a hash of their bytes, kept a year by that address, and sent
compressed to a browser that asks for it."""

import gzip
import re

STYLESHEET = "govuk/govuk-frontend.min.css"


def fetch(client, address: str, **headers):
    """The answer, read and closed, as a server closes it (a file is sent as a stream)."""
    with client.get(address, headers=headers) as answer:
        answer.get_data()
        return answer


def stylesheet_address(client) -> str:
    page = client.get("/auth/login").text
    [address] = re.findall(rf'href="(/static/{re.escape(STYLESHEET)}\?v=[0-9a-f]{{16}})"', page)
    return address


def test_pages_address_static_files_by_their_hash(client):
    page = client.get("/auth/login").text
    for name in ("casework.css", "htmx/htmx.min.js", "js-enabled.js", "favicon.svg"):
        assert re.search(rf'"/static/{re.escape(name)}\?v=[0-9a-f]{{16}}"', page), name


def test_a_file_asked_for_by_its_hash_is_kept_a_year(client):
    answer = fetch(client, stylesheet_address(client))
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_without_its_hash_or_with_an_old_one_a_file_is_checked_again(client):
    for address in (f"/static/{STYLESHEET}", f"/static/{STYLESHEET}?v=0123456789abcdef"):
        answer = fetch(client, address)
        assert answer.status_code == 200
        assert "immutable" not in answer.headers.get("Cache-Control", ""), address


def test_static_files_come_gzipped_when_the_browser_asks(client):
    address = stylesheet_address(client)
    plain = fetch(client, address).data
    answer = fetch(client, address, **{"Accept-Encoding": "gzip"})
    assert answer.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in answer.headers["Vary"]
    assert gzip.decompress(answer.data) == plain and len(answer.data) < len(plain) / 4
    # The browser's copy is still good: answered without the file again.
    again = fetch(client, address, **{"Accept-Encoding": "gzip",
                                       "If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304


def test_pages_are_not_compressed(client, auth):
    # They carry the CSRF token beside text the request chose (BREACH).
    auth.login()
    assert "Content-Encoding" not in client.get("/", headers={"Accept-Encoding": "gzip"}).headers

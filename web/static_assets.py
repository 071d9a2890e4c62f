"""Static files (GOV.UK Frontend, htmx, our styles and scripts) that browsers keep a year and
receive compressed.

Each address the pages give a static file carries a hash of its bytes (`?v=`): a release that
changes a file changes its address, so the answer to an address with the right hash can be
kept, unasked, for a year. An address without it, or with an old one, is answered as before
(checked again each time), so nothing stale is ever kept.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache

from flask import Flask, Response, current_app, request
from flask_compress import Compress
from werkzeug.security import safe_join

IMMUTABLE = "public, max-age=31536000, immutable"
# Compression is for static files only: pages and API answers carry CSRF tokens and case
# details beside text a request can choose, the mix a compression side channel (BREACH)
# reads secrets from.
COMPRESSED = ["br", "gzip"]

compress = Compress()


@lru_cache(maxsize=256)
def _hash_of(path: str, modified_ns: int, size: int) -> str:
    # Keyed by the file's time and size too: an edited file under `make run` gets a new hash.
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()[:16]


def fingerprint(filename: str) -> str | None:
    """The hash of the static file's bytes that its address carries, or None for no file."""
    path = safe_join(current_app.static_folder or "", filename)
    if path is None or not os.path.isfile(path):
        return None
    found = os.stat(path)
    return _hash_of(path, found.st_mtime_ns, found.st_size)


def add_fingerprint(endpoint: str, values: dict) -> None:
    """url_for('static', filename=...) gives the address with the file's hash."""
    if endpoint == "static" and "filename" in values and "v" not in values:
        hashed = fingerprint(values["filename"])
        if hashed is not None:
            values["v"] = hashed


def keep_for_a_year(response: Response) -> Response:
    """A static file asked for by its current hash may be kept a year without asking again."""
    if (request.endpoint == "static" and response.status_code in (200, 304)
            and request.args.get("v")
            and request.args.get("v") == fingerprint((request.view_args or {})["filename"])):
        response.headers["Cache-Control"] = IMMUTABLE
    return response


def _closing_its_file(send_static):
    def static(**kwargs) -> Response:
        response = send_static(**kwargs)
        # The compressor reads the file through a stream of its own in place of the file:
        # the file is closed when the answer is, not left for the garbage collector.
        if hasattr(response.response, "close"):
            response.call_on_close(response.response.close)
        return response
    return static


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_REGISTER", False)
    app.config.setdefault("COMPRESS_ALGORITHM", COMPRESSED)
    # Static files are sent as a stream, compressed as it goes; flask-compress leaves gzip
    # out of streams by default, but zlib compresses a stream chunk by chunk like the others,
    # and gzip is the encoding every client asks for.
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", COMPRESSED)
    compress.init_app(app)
    app.view_functions["static"] = compress.compressed()(
        _closing_its_file(app.view_functions["static"]))
    app.url_defaults(add_fingerprint)
    app.after_request(keep_for_a_year)

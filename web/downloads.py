"""Sending files to the browser as attachments, the same safe way for every download."""

from __future__ import annotations

import io

from flask import Response, send_file

from storage.objects import ObjectStore


def send_object(store: ObjectStore, key: str, filename: str, media_type: str) -> Response:
    """The object under `key` as a download named `filename`."""
    return send_bytes(store.get(key), filename, media_type)


def send_bytes(data: bytes, filename: str, media_type: str) -> Response:
    """`data` as a download named `filename`, never cached and never sniffed."""
    response = send_file(io.BytesIO(data), mimetype=media_type,
                         as_attachment=True, download_name=filename)
    # Evidence may be hostile: never let a browser sniff it into something runnable.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response

"""The S3 store against a real S3 server: it lists what it holds, and a server that stops
answering is StorageUnavailable within its patience, never a hang or a raw socket error."""

from __future__ import annotations

import dataclasses
import secrets
import time
from datetime import UTC, datetime, timedelta

import pytest

from storage.objects import (
    REQUEST_PATIENCE,
    WORKER_PATIENCE,
    S3Settings,
    S3Store,
    StorageUnavailable,
    put_bytes,
)
from tests.servers import S3Endpoint, free_port, s3_server

pytestmark = pytest.mark.integration


def settings_for(endpoint: S3Endpoint) -> S3Settings:
    return S3Settings(endpoint=endpoint.endpoint, access_key=endpoint.access_key,
                      secret_key=endpoint.secret_key, bucket=endpoint.bucket,
                      region=endpoint.region, secure=endpoint.secure)


def test_listing_names_each_object_with_when_it_was_written(s3):
    store = S3Store(settings_for(s3), REQUEST_PATIENCE)
    # The bucket is shared with the session's other tests: a prefix of this test's own.
    prefix = f"listing-{secrets.token_hex(4)}/"
    put_bytes(store, f"{prefix}ab/one", b"one", "text/plain")
    put_bytes(store, f"{prefix}cd/two", b"two", "text/plain")
    put_bytes(store, f"other-{prefix}pointer", b"x", "text/plain")
    listed = {item.key: item.modified for item in store.listing(prefix)}
    assert set(listed) == {f"{prefix}ab/one", f"{prefix}cd/two"}
    assert all(abs(datetime.now(UTC) - moment) < timedelta(minutes=5)
               for moment in listed.values())


def test_a_stopped_server_is_unavailable_at_once_for_a_request_and_soon_for_a_worker():
    with s3_server() as endpoint:
        settings = settings_for(endpoint)
        request_store = S3Store(settings, REQUEST_PATIENCE)
        quick_worker = S3Store(settings, dataclasses.replace(WORKER_PATIENCE, first_wait=0.2))
        put_bytes(request_store, "originals/ab/kept", b"kept", "text/plain")
    # The server has stopped: its port refuses connections.
    for store, tries in ((request_store, 1), (quick_worker, 3)):
        started = time.monotonic()
        with pytest.raises(StorageUnavailable, match="the connection was refused") as raised:
            store.get("originals/ab/kept")
        assert time.monotonic() - started < 5
        assert ("tries" in str(raised.value)) == (tries > 1)
        with pytest.raises(StorageUnavailable):
            store.check()


def test_nothing_listening_is_unavailable_not_a_socket_error():
    nowhere = S3Settings(endpoint=f"127.0.0.1:{free_port()}", access_key="key-one",
                         secret_key="secret-one", bucket="casework-nowhere", region="us-east-1",
                         secure=False)
    with pytest.raises(StorageUnavailable):
        S3Store(nowhere, REQUEST_PATIENCE).exists("originals/ab/x")

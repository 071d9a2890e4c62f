"""The test servers themselves: real round trips through the real client libraries."""

from __future__ import annotations

import hashlib
import io
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from minio import Minio
from minio.error import S3Error

from tests.servers import S3Endpoint, redis_server, run_server, s3_server

pytestmark = pytest.mark.integration

private_redis = pytest.mark.skipif(
    bool(os.environ.get("CASEWORK_TEST_REDIS_URL")), reason="uses an external Redis"
)


@pytest.fixture(scope="module")
def redis_url():
    with redis_server() as url:
        yield url


@pytest.fixture(scope="module")
def s3():
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def client(s3: S3Endpoint) -> Iterator[Minio]:
    # Passing the region stops the SDK asking the server for the bucket's location.
    minio = Minio(
        s3.endpoint,
        access_key=s3.access_key,
        secret_key=s3.secret_key,
        secure=s3.secure,
        region=s3.region,
    )
    created = not minio.bucket_exists(s3.bucket)
    if created:
        minio.make_bucket(s3.bucket)
    yield minio
    if created:  # leave an external server as we found it; each test removes its objects
        minio.remove_bucket(s3.bucket)


def _key() -> str:
    return f"casework-test/{uuid.uuid4().hex}"


def test_redis_set_get_round_trip(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    key = _key()
    try:
        assert client.set(key, b"\x00binary value", ex=60)
        assert client.get(key) == b"\x00binary value"
        assert client.delete(key) == 1
        assert client.get(key) is None
    finally:
        client.close()


@private_redis
def test_private_redis_persists_nothing(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        assert client.config_get("save") == {"save": ""}
        assert client.config_get("appendonly") == {"appendonly": "no"}
    finally:
        client.close()


@private_redis
def test_private_redis_is_stopped_on_exit() -> None:
    with redis_server() as url:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        assert client.ping()
        client.close()
    with pytest.raises(redis.ConnectionError):
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()


def test_server_dying_at_start_up_is_reported(tmp_path: Path) -> None:
    script = "import sys; print('cannot start: bad config', file=sys.stderr); sys.exit(3)"
    with (
        pytest.raises(RuntimeError, match="(?s)exited with code 3.*cannot start: bad config"),
        run_server(lambda port: [sys.executable, "-c", script], tmp_path),
    ):
        pass  # pragma: no cover - never reached


def test_s3_small_object_round_trip(client: Minio, s3: S3Endpoint) -> None:
    key, body = _key() + ".txt", "Témoignage – page 1\n".encode()
    client.put_object(s3.bucket, key, io.BytesIO(body), len(body), content_type="text/plain")
    stat = client.stat_object(s3.bucket, key)
    assert stat.size == len(body)
    assert stat.content_type == "text/plain"
    assert stat.etag == hashlib.md5(body).hexdigest()
    response = client.get_object(s3.bucket, key)
    try:
        assert response.read() == body
    finally:
        response.close()
        response.release_conn()
    client.remove_object(s3.bucket, key)
    with pytest.raises(S3Error) as missing:
        client.stat_object(s3.bucket, key)
    assert missing.value.code == "NoSuchKey"


def test_s3_multipart_object_round_trip(client: Minio, s3: S3Endpoint) -> None:
    # 12 MiB is over the SDK's 5 MiB minimum part size, so it uploads 3 parts in parallel.
    key, body = _key() + ".bin", os.urandom(12 * 1024 * 1024)
    result = client.put_object(s3.bucket, key, io.BytesIO(body), len(body))
    assert result.etag.endswith("-3"), "expected a 3-part multipart upload"
    assert client.stat_object(s3.bucket, key).size == len(body)
    response = client.get_object(s3.bucket, key)
    try:
        assert hashlib.sha256(response.read()).digest() == hashlib.sha256(body).digest()
    finally:
        response.close()
        response.release_conn()
    client.remove_object(s3.bucket, key)


def test_s3_listing_and_removal(client: Minio, s3: S3Endpoint) -> None:
    prefix = _key() + "/"
    names = [prefix + "a.txt", prefix + "nested/b.txt"]
    for name in names:
        client.put_object(s3.bucket, name, io.BytesIO(b"x"), 1)
    listed = client.list_objects(s3.bucket, prefix=prefix, recursive=True)
    assert sorted(obj.object_name for obj in listed) == names
    for name in names:
        client.remove_object(s3.bucket, name)
    assert list(client.list_objects(s3.bucket, prefix=prefix, recursive=True)) == []
    # Removing the last objects must not remove the bucket (rclone keeps the folder).
    assert client.bucket_exists(s3.bucket)


def test_s3_missing_object_is_an_s3_error(client: Minio, s3: S3Endpoint) -> None:
    # The service maps S3Error codes to its own errors, so a GET of a missing key must
    # surface as NoSuchKey, not as an unparsed response.
    with pytest.raises(S3Error) as missing:
        client.get_object(s3.bucket, _key())
    assert missing.value.code == "NoSuchKey"


def test_s3_rejects_a_wrong_secret(s3: S3Endpoint) -> None:
    intruder = Minio(
        s3.endpoint, access_key=s3.access_key, secret_key="not-the-secret",
        secure=s3.secure, region=s3.region,
    )  # fmt: skip
    with pytest.raises(S3Error) as denied:
        intruder.bucket_exists(s3.bucket)
    assert denied.value.code in {"AccessDenied", "SignatureDoesNotMatch"}

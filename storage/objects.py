"""Object storage for evidence bytes and rendered documents.

Two stores behind one small protocol: a local directory (embedded mode) and any S3 server
through the `minio` SDK (services mode). Keys are '/'-separated relative paths.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, Protocol

import certifi
import urllib3
from minio import Minio
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class S3Settings:
    """How to reach one bucket of an S3 server."""

    endpoint: str
    access_key: str
    secret_key: str = field(repr=False)
    bucket: str
    region: str
    secure: bool


class ObjectNotFound(KeyError):
    """No object is stored under that key."""


class StorageUnavailable(RuntimeError):
    """The object store did not answer (down, unreachable, timed out): nothing is known to
    be wrong with the object itself, so the same call may succeed once the store is back."""


class ObjectStore(Protocol):
    def put(self, key: str, stream: BinaryIO, length: int, content_type: str) -> None:
        """Store `length` bytes read from `stream` under `key`, replacing any object there."""

    def get(self, key: str) -> bytes:
        """The whole object; raises ObjectNotFound."""

    def exists(self, key: str) -> bool:
        """Whether an object is stored under `key`."""

    def delete(self, key: str) -> None:
        """Remove the object; a missing key is not an error."""

    def check(self) -> None:
        """Raise if the store cannot be reached."""

    def listing(self, prefix: str) -> Iterator[StoredObject]:
        """Every object whose key starts with `prefix`, with when it was written."""


@dataclass(frozen=True)
class StoredObject:
    key: str
    modified: datetime


def put_bytes(store: ObjectStore, key: str, data: bytes, content_type: str) -> None:
    """Store a bytes value."""
    store.put(key, io.BytesIO(data), len(data), content_type)


def _checked_key(key: str) -> str:
    parts = key.split("/")
    if not key or key.startswith("/") or any(p in {"", ".", ".."} for p in parts):
        raise ValueError(f"invalid object key {key!r}")
    return key


class DirectoryStore:
    """Objects as files under one directory; writes are atomic (temp file, then rename)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.root / _checked_key(key)

    def put(self, key: str, stream: BinaryIO, length: int, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                remaining = length
                while remaining > 0:
                    chunk = stream.read(min(remaining, 1024 * 1024))
                    if not chunk:
                        raise ValueError(f"stream ended {remaining} bytes short of {length}")
                    out.write(chunk)
                    remaining -= len(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise ObjectNotFound(key) from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def check(self) -> None:
        if not os.access(self.root, os.W_OK):
            raise OSError(f"object directory {self.root} is not writable")

    def listing(self, prefix: str) -> Iterator[StoredObject]:
        for path in sorted(self.root.rglob("*")):
            key = path.relative_to(self.root).as_posix()
            # Half-written files (put's temporary names) are not objects yet.
            if key.startswith(prefix) and path.is_file() \
                    and not path.name.startswith(".incoming-"):
                yield StoredObject(key, datetime.fromtimestamp(path.stat().st_mtime, UTC))


@dataclass(frozen=True)
class Patience:
    """How long an S3 store waits for its server, and how often it asks, before it raises
    StorageUnavailable."""

    tries: int
    # Seconds before the second try, doubled before each try after it.
    first_wait: float
    connect_timeout: float
    # Between two reads of an answer, not for the whole of it: a large file may take longer.
    read_timeout: float


# A worker can wait: a store that blinks for a few seconds should not fail a file. Three tries
# over about ten seconds (2 s and 4 s apart, each try giving up after 2 s without a
# connection).
WORKER_PATIENCE = Patience(tries=3, first_wait=2.0, connect_timeout=2.0, read_timeout=30.0)
# Someone is waiting for the page: one try, then a clear "try again shortly".
REQUEST_PATIENCE = Patience(tries=1, first_wait=0.0, connect_timeout=2.0, read_timeout=10.0)

# What S3 servers answer when they are overloaded or starting (with an XML body, so the SDK
# raises S3Error rather than ServerError).
_BUSY_CODES = {"InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout"}


def _unavailable_reason(error: Exception) -> str | None:
    """A short reason when `error` means the server did not answer properly (the same call
    may succeed later), else None. Short and without hosts: it is shown to users."""
    # Before timeouts: urllib3 makes a refused connection a kind of connect timeout.
    if isinstance(error, urllib3.exceptions.NewConnectionError | ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(error, urllib3.exceptions.TimeoutError | TimeoutError):
        return "it timed out"
    if isinstance(error, urllib3.exceptions.MaxRetryError) and error.reason is not None:
        return _unavailable_reason(error.reason) or "it did not answer"
    if isinstance(error, urllib3.exceptions.HTTPError | OSError):
        return "the connection failed"
    if isinstance(error, ServerError):
        return f"it answered HTTP {error.status_code}"
    if isinstance(error, InvalidResponseError) and error._code >= 500:
        # A proxy's error page in front of a store that is down (the SDK keeps the status
        # only in a private attribute).
        return f"it answered HTTP {error._code}"
    if isinstance(error, S3Error) and (error.code in _BUSY_CODES
                                       or error.response.status >= 500):
        return f"it answered {error.code}"
    return None


class S3Store:
    """Objects in one bucket of an S3 server (MinIO or any other), created if missing.

    A server that does not answer (refused, timed out, a 5xx) is asked again as `patience`
    allows, then StorageUnavailable is raised; any other refusal is raised as it came.
    """

    def __init__(self, settings: S3Settings, patience: Patience = WORKER_PATIENCE) -> None:
        self.bucket = settings.bucket
        self.patience = patience
        self.client = Minio(
            settings.endpoint,
            access_key=settings.access_key,
            secret_key=settings.secret_key,
            secure=settings.secure,
            region=settings.region,
            # The SDK's own client waits five minutes and retries by itself: the retries
            # are ours (_call), so each try is short and the whole is bounded.
            http_client=urllib3.PoolManager(
                timeout=urllib3.Timeout(connect=patience.connect_timeout,
                                        read=patience.read_timeout),
                retries=False,
                maxsize=10,
                cert_reqs="CERT_REQUIRED",
                ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
            ),
        )
        # Only a bucket known to exist is remembered; check() always asks the server.
        self._bucket_ready = False

    def _call(self, action, *, rewind: BinaryIO | None = None, tries: int | None = None):
        """`action()`, tried again while the server does not answer; `rewind` is a stream
        the action reads, put back where it started before each try."""
        tries = self.patience.tries if tries is None else tries
        start = rewind.tell() if rewind is not None and rewind.seekable() else None
        wait = self.patience.first_wait
        for attempt in range(1, tries + 1):
            try:
                return action()
            except (urllib3.exceptions.HTTPError, OSError, MinioException) as error:
                reason = _unavailable_reason(error)
                if reason is None:
                    raise
                # A stream that cannot be read again cannot be sent again.
                if attempt == tries or (rewind is not None and start is None):
                    raise StorageUnavailable(
                        f"the object store did not answer: {reason}"
                        + (f" ({tries} tries)" if tries > 1 else "")) from error
                log.warning("the object store did not answer (%s); trying again in %.1f s",
                            reason, wait)
            time.sleep(wait)
            wait *= 2
            if start is not None:
                rewind.seek(start)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _make_bucket_if_missing(self) -> None:
        if not self.client.bucket_exists(self.bucket):
            try:
                self.client.make_bucket(self.bucket)
            except S3Error as error:
                # Another process may have created it in between.
                if error.code not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                    raise
        self._bucket_ready = True

    def _ensure_bucket(self) -> None:
        if not self._bucket_ready:
            self._call(self._make_bucket_if_missing)

    def put(self, key: str, stream: BinaryIO, length: int, content_type: str) -> None:
        self._ensure_bucket()
        key = _checked_key(key)
        self._call(lambda: self.client.put_object(self.bucket, key, stream, length,
                                                  content_type=content_type),
                   rewind=stream)

    def get(self, key: str) -> bytes:
        self._ensure_bucket()
        return self._call(lambda: self._read(_checked_key(key)))

    def _read(self, key: str) -> bytes:
        try:
            response = self.client.get_object(self.bucket, key)
        except S3Error as error:
            if error.code == "NoSuchKey":
                raise ObjectNotFound(key) from None
            raise
        try:
            return response.read()
        finally:
            response.close()
            response.release_conn()

    def exists(self, key: str) -> bool:
        self._ensure_bucket()
        return self._call(lambda: self._stat(_checked_key(key)))

    def _stat(self, key: str) -> bool:
        try:
            self.client.stat_object(self.bucket, key)
        except S3Error as error:
            if error.code in {"NoSuchKey", "NoSuchObject"}:
                return False
            raise
        return True

    def delete(self, key: str) -> None:
        self._ensure_bucket()
        key = _checked_key(key)
        self._call(lambda: self.client.remove_object(self.bucket, key))

    def listing(self, prefix: str) -> Iterator[StoredObject]:
        self._ensure_bucket()
        found = self._call(lambda: list(self.client.list_objects(self.bucket, prefix=prefix,
                                                                 recursive=True)))
        for item in found:
            yield StoredObject(item.object_name, item.last_modified)

    def check(self) -> None:
        # Asked afresh every time, once: a health check reports the store as it is now,
        # not as it was when this process first reached it.
        self._call(self._make_bucket_if_missing, tries=1)


def make_store(s3: S3Settings | None, objects_dir: Path,
               patience: Patience = WORKER_PATIENCE) -> ObjectStore:
    """The S3 store when an endpoint is configured, else a directory store."""
    if s3 is not None:
        return S3Store(s3, patience)
    return DirectoryStore(objects_dir)

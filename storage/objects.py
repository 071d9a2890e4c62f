"""Object storage for evidence bytes and rendered documents.

Two stores behind one small protocol: a local directory (embedded mode) and any S3 server
through the `minio` SDK (services mode). Keys are '/'-separated relative paths.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from minio import Minio
from minio.error import S3Error


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


class S3Store:
    """Objects in one bucket of an S3 server (MinIO or any other), created if missing."""

    def __init__(self, settings: S3Settings) -> None:
        self.bucket = settings.bucket
        self.client = Minio(
            settings.endpoint,
            access_key=settings.access_key,
            secret_key=settings.secret_key,
            secure=settings.secure,
            region=settings.region,
        )
        self._bucket_ready = False

    def _ensure_bucket(self) -> None:
        if self._bucket_ready:
            return
        if not self.client.bucket_exists(self.bucket):
            try:
                self.client.make_bucket(self.bucket)
            except S3Error as error:
                # Another process may have created it in between.
                if error.code not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                    raise
        self._bucket_ready = True

    def put(self, key: str, stream: BinaryIO, length: int, content_type: str) -> None:
        self._ensure_bucket()
        self.client.put_object(
            self.bucket, _checked_key(key), stream, length, content_type=content_type
        )

    def get(self, key: str) -> bytes:
        self._ensure_bucket()
        try:
            response = self.client.get_object(self.bucket, _checked_key(key))
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
        try:
            self.client.stat_object(self.bucket, _checked_key(key))
        except S3Error as error:
            if error.code in {"NoSuchKey", "NoSuchObject"}:
                return False
            raise
        return True

    def delete(self, key: str) -> None:
        self._ensure_bucket()
        self.client.remove_object(self.bucket, _checked_key(key))

    def check(self) -> None:
        self._ensure_bucket()


def make_store(s3: S3Settings | None, objects_dir: Path) -> ObjectStore:
    """The S3 store when an endpoint is configured, else a directory store."""
    if s3 is not None:
        return S3Store(s3)
    return DirectoryStore(objects_dir)

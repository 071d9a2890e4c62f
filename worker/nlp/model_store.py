"""The trained document classifier shared through the object store, so every worker has it.

`casework classifier train` writes the model to its own data directory and publishes it: an
archive under `models/classifier/`, named by its SHA-256, and a small pointer to the newest.
A worker checks the pointer now and then and, when it names an archive it has not installed,
downloads it, checks its hash, and unpacks it into its own classifier directory in one
rename. Workers on other machines need no shared volume.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import tarfile
import threading
import time
from pathlib import Path, PurePosixPath

from storage.objects import ObjectStore, put_bytes
from worker.nlp.training import replace_directory

log = logging.getLogger(__name__)

POINTER_KEY = "models/classifier/current.json"
# Written into an installed model: which published archive it came from.
INSTALLED_MARK = "published-sha256"
# How often a worker asks whether a newer model has been published.
CHECK_INTERVAL_SECONDS = 30.0


class ModelRefused(Exception):
    """A published archive that does not match its hash or holds more than a model."""


def publish_model(store: ObjectStore, model_dir: Path) -> str:
    """Archive the model in `model_dir` into the store and point workers at it; its SHA-256."""
    archive = _archive(model_dir)
    sha256 = hashlib.sha256(archive).hexdigest()
    key = f"models/classifier/{sha256}.tar.gz"
    put_bytes(store, key, archive, "application/gzip")
    # The archive first, then the pointer: a worker never reads a pointer to nothing.
    put_bytes(store, POINTER_KEY, json.dumps({"key": key, "sha256": sha256}).encode(),
              "application/json")
    (model_dir / INSTALLED_MARK).write_text(sha256)
    return sha256


def install_published_model(store: ObjectStore, model_dir: Path) -> bool:
    """Install the published model into `model_dir` unless it is there already; whether it
    installed one."""
    if not store.exists(POINTER_KEY):
        return False
    pointer = json.loads(store.get(POINTER_KEY))
    if _installed(model_dir) == pointer["sha256"]:
        return False
    archive = store.get(pointer["key"])
    if hashlib.sha256(archive).hexdigest() != pointer["sha256"]:
        raise ModelRefused(f"{pointer['key']} does not match its SHA-256")

    def unpack(staging: Path) -> None:
        _unpack(archive, staging)
        (staging / INSTALLED_MARK).write_text(pointer["sha256"])

    replace_directory(model_dir, unpack)
    log.info("installed the document classifier published as %s", pointer["sha256"][:12])
    return True


class PublishedModelWatcher:
    """Asks the store for a newer model at most every `interval` seconds, for one process."""

    def __init__(self, interval: float = CHECK_INTERVAL_SECONDS) -> None:
        self.interval = interval
        self._checked_at: float | None = None
        self._lock = threading.Lock()

    def refresh(self, store: ObjectStore, model_dir: Path) -> None:
        with self._lock:
            now = time.monotonic()
            if self._checked_at is not None and now - self._checked_at < self.interval:
                return
            self._checked_at = now
            try:
                install_published_model(store, model_dir)
            except Exception:  # noqa: BLE001 (a bad archive must not fail the evidence)
                # The model already installed keeps serving; the next check tries again.
                log.exception("could not install the published document classifier")


def _installed(model_dir: Path) -> str | None:
    try:
        return (model_dir / INSTALLED_MARK).read_text().strip()
    except FileNotFoundError:
        return None


def _archive(model_dir: Path) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for path in sorted(model_dir.rglob("*")):
            if path.is_file() and path.name != INSTALLED_MARK:
                archive.add(path, arcname=path.relative_to(model_dir).as_posix())
    return out.getvalue()


def _unpack(archive: bytes, target: Path) -> None:
    """Write the archive's files under `target`; anything but plain files inside it is refused.

    Files are written one by one rather than with `extractall`, so that no link, device or
    path outside `target` can come out of an archive, whatever Python's tarfile defaults.
    """
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as members:
        for member in members.getmembers():
            parts = PurePosixPath(member.name).parts
            if member.isdir():
                continue
            if not member.isfile() or member.name.startswith("/") or ".." in parts:
                raise ModelRefused(f"{member.name} is not a file inside the model")
            path = target.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(members.extractfile(member).read())


# One per worker process: it asks the store for a newly published model now and then.
PUBLISHED_MODEL = PublishedModelWatcher()

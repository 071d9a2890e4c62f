"""The trained classifier travels to every worker through the object store."""

import hashlib
import io
import json
import tarfile

import pytest

from storage.objects import DirectoryStore, put_bytes
from worker.nlp.classifier import load_classifier
from worker.nlp.model_store import (
    INSTALLED_MARK,
    POINTER_KEY,
    ModelRefused,
    PublishedModelWatcher,
    install_published_model,
    publish_model,
)
from worker.nlp.textcat import fit
from worker.nlp.training import load_seed_corpus, save_model


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    model_dir = tmp_path_factory.mktemp("trainer") / "classifier"
    save_model(fit(load_seed_corpus()[:60], 0), model_dir)
    return model_dir


def files(directory):
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in directory.rglob("*") if p.is_file() and p.name != INSTALLED_MARK}


def test_a_published_model_is_installed_once_on_another_machine(trained, tmp_path):
    store = DirectoryStore(tmp_path / "objects")
    sha256 = publish_model(store, trained)
    worker_dir = tmp_path / "worker" / "classifier"
    assert install_published_model(store, worker_dir) is True
    assert files(worker_dir) == files(trained)
    assert (worker_dir / INSTALLED_MARK).read_text() == sha256
    # Nothing new published: nothing downloaded again.
    assert install_published_model(store, worker_dir) is False
    # And the worker classifies with it.
    assert load_classifier(worker_dir).classify("I wish to complain about my care.")[0]


def test_nothing_published_leaves_the_worker_as_it_is(tmp_path):
    store = DirectoryStore(tmp_path / "objects")
    assert install_published_model(store, tmp_path / "classifier") is False
    assert not (tmp_path / "classifier").exists()


def publish_archive(store, archive: bytes, sha256: str | None = None) -> None:
    sha256 = sha256 or hashlib.sha256(archive).hexdigest()
    put_bytes(store, "models/classifier/x.tar.gz", archive, "application/gzip")
    put_bytes(store, POINTER_KEY, json.dumps({"key": "models/classifier/x.tar.gz",
                                              "sha256": sha256}).encode(), "application/json")


def hostile_archive(name: str, kind: bytes = tarfile.REGTYPE) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        member = tarfile.TarInfo(name)
        member.type = kind
        member.linkname = "/etc/passwd" if kind == tarfile.SYMTYPE else ""
        member.size = 0 if kind != tarfile.REGTYPE else 4
        archive.addfile(member, io.BytesIO(b"evil") if kind == tarfile.REGTYPE else None)
    return out.getvalue()


@pytest.mark.parametrize(("name", "kind"), [
    ("../outside.txt", tarfile.REGTYPE),
    ("/etc/cron.d/evil", tarfile.REGTYPE),
    ("meta.json", tarfile.SYMTYPE),
])
def test_an_archive_that_reaches_outside_the_model_is_refused(tmp_path, name, kind):
    store = DirectoryStore(tmp_path / "objects")
    publish_archive(store, hostile_archive(name, kind))
    worker_dir = tmp_path / "worker" / "classifier"
    with pytest.raises(ModelRefused):
        install_published_model(store, worker_dir)
    assert not (tmp_path / "worker" / "outside.txt").exists()
    assert not worker_dir.exists()


def test_an_archive_that_does_not_match_its_hash_is_refused(trained, tmp_path):
    store = DirectoryStore(tmp_path / "objects")
    publish_model(store, trained)
    pointer = json.loads(store.get(POINTER_KEY))
    publish_archive(store, store.get(pointer["key"]), sha256="0" * 64)
    with pytest.raises(ModelRefused, match="does not match its SHA-256"):
        install_published_model(store, tmp_path / "classifier")


def test_the_watcher_asks_now_and_then_and_survives_a_bad_archive(trained, tmp_path):
    store = DirectoryStore(tmp_path / "objects")
    publish_archive(store, hostile_archive("../outside.txt"))
    watcher = PublishedModelWatcher(interval=3600)
    worker_dir = tmp_path / "classifier"
    watcher.refresh(store, worker_dir)  # logged, not raised: evidence keeps being processed
    publish_model(store, trained)
    watcher.refresh(store, worker_dir)  # too soon to ask again
    assert not worker_dir.exists()
    PublishedModelWatcher(interval=0).refresh(store, worker_dir)
    assert files(worker_dir) == files(trained)

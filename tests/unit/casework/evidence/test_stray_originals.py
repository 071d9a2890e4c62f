"""Stored bytes of an upload whose rows were never saved are removed once a day old; bytes a
row holds, and bytes written lately, stay."""

from __future__ import annotations

import hashlib
import io
import os
import time

from casework.cases import get_case
from casework.evidence import Upload, add_evidence, remove_stray_originals
from casework.evidence._intake import original_key
from casework.users import get_user_by_email
from storage.objects import put_bytes
from tests.conftest import INVESTIGATOR
from tests.unit.worker.pipeline.test_runner import new_case

TWO_DAYS = 2 * 24 * 3600


def stray(store, settings, content: bytes, *, age_seconds: int) -> str:
    key = original_key(hashlib.sha256(content).hexdigest())
    put_bytes(store, key, content, "text/plain")
    then = time.time() - age_seconds
    os.utime(settings.objects_dir / key, (then, then))
    return key


def test_only_old_bytes_no_row_holds_are_removed(app, api, db, settings):
    store = app.extensions["casework.storage"].objects
    case_id = new_case(api)
    [kept] = api.post(f"/api/v1/cases/{case_id}/evidence",
                      data={"file": (io.BytesIO(b"a saved note"), "saved.txt")}).json["items"]
    held = original_key(kept["sha256"])
    os.utime(settings.objects_dir / held, (time.time() - TWO_DAYS,) * 2)
    old = stray(store, settings, b"an upload cut off a while ago", age_seconds=TWO_DAYS)
    fresh = stray(store, settings, b"an upload in progress", age_seconds=60)

    assert remove_stray_originals(db, store) == 1
    assert not store.exists(old)
    assert store.exists(held) and store.exists(fresh)
    assert remove_stray_originals(db, store) == 0


def test_bytes_uploaded_again_are_written_again_and_stay(app, api, db, settings):
    store = app.extensions["casework.storage"].objects
    content = b"the same letter, uploaded again after the first try failed"
    key = stray(store, settings, content, age_seconds=TWO_DAYS)
    case = get_case(db, new_case(api))
    add_evidence(db, store, case, get_user_by_email(db, INVESTIGATOR[0]),
                 [Upload("letter.txt", io.BytesIO(content))], settings.max_upload_bytes)
    db.commit()
    # Written afresh, not taken as already there: the sweep finds it new and held.
    assert time.time() - (settings.objects_dir / key).stat().st_mtime < 60
    assert remove_stray_originals(db, store) == 0 and store.exists(key)

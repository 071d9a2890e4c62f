import io

import pytest

from storage.objects import DirectoryStore, ObjectNotFound, put_bytes


def test_directory_store_round_trip(tmp_path):
    store = DirectoryStore(tmp_path / "objects")
    put_bytes(store, "originals/ab/abc", b"evidence bytes", "application/pdf")
    assert store.exists("originals/ab/abc")
    assert store.get("originals/ab/abc") == b"evidence bytes"
    store.delete("originals/ab/abc")
    assert not store.exists("originals/ab/abc")
    with pytest.raises(ObjectNotFound):
        store.get("originals/ab/abc")
    store.delete("originals/ab/abc")  # deleting twice is not an error


def test_short_stream_leaves_nothing_behind(tmp_path):
    store = DirectoryStore(tmp_path)
    with pytest.raises(ValueError, match="short"):
        store.put("a/b", io.BytesIO(b"123"), 10, "text/plain")
    assert not store.exists("a/b")
    assert [p.name for p in (tmp_path / "a").iterdir()] == []


@pytest.mark.parametrize("key", ["../escape", "/absolute", "a//b", "a/./b", ""])
def test_keys_cannot_leave_the_store(tmp_path, key):
    with pytest.raises(ValueError, match="invalid object key"):
        put_bytes(DirectoryStore(tmp_path / "objects"), key, b"x", "text/plain")

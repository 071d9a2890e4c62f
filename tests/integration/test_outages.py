"""The web app in services mode while its servers go away and come back: the health check
names what is down at each call, an upload with the broker down is saved and waits queued,
and an upload with the store down is refused with 503 and saves nothing."""

from __future__ import annotations

import io
import shutil

import pytest
from sqlalchemy import func, select

from storage.models import Evidence
from tests.deployment import services_env
from tests.fixtures import complaint_pdf
from tests.integration.conftest import app_with_investigator
from tests.servers import restartable_redis, restartable_s3
from vocabulary import EvidenceStatus
from wiring import load_settings

pytestmark = pytest.mark.integration
ALL_OK = {"status": "ok", "database": "ok", "broker": "ok", "storage": "ok"}


@pytest.fixture
def outage(tmp_path, database_url, migrated_sqlite):
    """(the app, a client, the API headers, the Redis server, the S3 server)."""
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    if database_url is None:
        shutil.copyfile(migrated_sqlite, data_dir / "casework.db")
    with restartable_redis() as (redis_url, redis), restartable_s3() as (s3, store):
        app, token = app_with_investigator(
            load_settings(services_env(data_dir, database_url, redis_url, s3)))
        yield app, app.test_client(), {"Authorization": f"Bearer {token}"}, redis, store
        app.extensions["casework.storage"].engine.dispose()


def upload(client, headers, case_id: int, name: str):
    return client.post(f"/api/v1/cases/{case_id}/evidence", headers=headers,
                       data={"file": (io.BytesIO(complaint_pdf() + name.encode()), name)},
                       content_type="multipart/form-data")


def counts(app) -> tuple[int, int]:
    with app.extensions["casework.storage"].sessions() as session:
        return (session.scalar(select(func.count()).select_from(Evidence)),
                session.scalar(select(func.count()).where(
                    Evidence.status == EvidenceStatus.QUEUED, Evidence.enqueued_at.is_(None))))


def test_health_names_what_is_down_each_time_it_is_asked(outage):
    app, client, _headers, redis, store = outage
    assert client.get("/api/v1/health").json == ALL_OK
    store.kill()
    answer = client.get("/api/v1/health")
    assert answer.status_code == 503 and answer.json == ALL_OK | {"status": "degraded",
                                                                  "storage": "error"}
    redis.kill()
    assert client.get("/api/v1/health").json == ALL_OK | {
        "status": "degraded", "storage": "error", "broker": "error"}
    store.start()
    redis.start()
    assert client.get("/api/v1/health").json == ALL_OK


def test_with_the_broker_down_an_upload_is_saved_and_waits_queued(outage):
    app, client, headers, redis, _store = outage
    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "Mrs A", "organisation_name": "A Trust"}).json
    sent = upload(client, headers, case["id"], "before.pdf")
    assert sent.status_code == 202 and sent.json["note"] is None
    redis.kill()
    waiting = upload(client, headers, case["id"], "during.pdf")
    assert waiting.status_code == 202
    assert waiting.json["note"] == ("The processing queue is not answering: processing will "
                                    "start when it is back.")
    [item] = waiting.json["items"]
    assert item["status"] == "queued"
    # Saved, and marked as never sent, for the reconciler to send once Redis is back.
    assert counts(app) == (2, 1)
    assert client.get(f"/api/v1/evidence/{item['id']}/original",
                      headers=headers).status_code == 200


def test_with_the_store_down_an_upload_is_refused_and_saves_nothing(outage):
    app, client, headers, _redis, store = outage
    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "Mrs A", "organisation_name": "A Trust"}).json
    store.kill()
    refused = upload(client, headers, case["id"], "during.pdf")
    assert refused.status_code == 503
    assert refused.json["error"]["code"] == "storage_unavailable"
    assert "nothing was saved" in refused.json["error"]["message"]
    assert counts(app) == (0, 0)
    store.start()
    assert upload(client, headers, case["id"], "after.pdf").status_code == 202

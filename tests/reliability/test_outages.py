"""Redis down mid-ingest, and S3 down during processing: uploads answered, nothing lost."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from storage.models import Evidence
from tests.reliability.conftest import size
from tests.reliability.harness import (
    MemorySampler,
    count_outcome,
    ingest_files,
    wait_for_terminal,
)
from tests.servers import restartable_redis, restartable_s3
from vocabulary import EvidenceStatus

pytestmark = [pytest.mark.integration, pytest.mark.reliability]


def _upload(deployment, case_id, file, uploaded, rejected, codes) -> None:
    try:
        response = deployment.api.upload(case_id, file.name, file.content)
    except Exception as error:  # no answer at all is a lost upload too
        rejected.append(f"{file.name}: {type(error).__name__}")
        return
    codes.append(response.status_code)
    if response.status_code == 202:
        uploaded[response.json()["items"][0]["id"]] = file
    else:
        rejected.append(f"{file.name}: {response.status_code}")


def test_redis_down_mid_ingest(row, deploy):
    outage = size(10, 30)
    row["fault"] = f"Redis down for {outage} s mid-ingest (uploads through the API)"
    with restartable_redis() as (redis_url, redis), restartable_s3() as (s3, _s3):
        # The full run keeps the default pass every minute; the subset cannot wait for it.
        deployment = deploy(redis_url, s3, size({"CASEWORK_RECONCILE_SECONDS": "10"}, {}))
        worker = deployment.start_worker()
        deployment.start_beat()
        case_id = deployment.api.create_case()
        files = iter(ingest_files(size(60, 160), "redis"))
        uploaded, rejected, during = {}, [], []
        with MemorySampler(deployment.worker_pids) as memory:
            for file in [next(files) for _ in range(size(5, 20))]:
                _upload(deployment, case_id, file, uploaded, rejected, [])
            redis.kill()
            row["injected"] = redis.outages
            until = time.monotonic() + outage
            while time.monotonic() < until:
                _upload(deployment, case_id, next(files), uploaded, rejected, during)
                time.sleep(0.3)
            redis.start()
            back = time.monotonic()
            for file in files:  # the rest after it returns
                _upload(deployment, case_id, file, uploaded, rejected, [])
            done = wait_for_terminal(deployment.storage.sessions, list(uploaded),
                                     timeout=size(120, 300), alive=worker.alive)
            worst = round(time.monotonic() - back, 1)
        outcome = count_outcome(deployment.storage, s3, uploaded, rejected)
        row.update(lost=len(outcome.lost), duplicated=len(outcome.duplicated),
                   worst_seconds=worst, peak_rss_mib=memory.peak_mib,
                   note=f"{len(during)} uploads during the outage, answered {sorted(set(during))}")
        assert during and set(during) == {202}, f"uploads during the outage: {during}"
        assert worker.alive(), worker.log()[-3000:]
        assert done is not None, f"not all terminal after Redis returned; {outcome.summary()}"
        assert outcome.lost == [] and outcome.duplicated == [], outcome.summary()


def test_s3_down_during_processing(row, deploy):
    outage = size(8, 25)
    row["fault"] = f"S3 down for {outage} s during processing, then Retry"
    with restartable_redis() as (redis_url, _redis), restartable_s3() as (s3, server):
        deployment = deploy(redis_url, s3)
        worker = deployment.start_worker()
        case_id = deployment.api.create_case()
        uploaded, rejected = {}, []
        with MemorySampler(deployment.worker_pids) as memory:
            for file in ingest_files(size(12, 40), "s3"):
                _upload(deployment, case_id, file, uploaded, rejected, [])
            _wait_for_first_processed(deployment, list(uploaded))
            server.kill()
            row["injected"] = server.outages
            refused_during = deployment.api.upload(case_id, "during.pdf",
                                                   ingest_files(1, "s3-outage")[0].content)
            time.sleep(outage)
            server.start()
            back = time.monotonic()
            first = wait_for_terminal(deployment.storage.sessions, list(uploaded),
                                      timeout=size(120, 300), alive=worker.alive)
            with deployment.storage.sessions() as session:
                failed = list(session.scalars(select(Evidence.id).where(
                    Evidence.id.in_(list(uploaded)),
                    Evidence.status == EvidenceStatus.FAILED)))
            retried = [deployment.api.retry(evidence_id).status_code for evidence_id in failed]
            done = wait_for_terminal(deployment.storage.sessions, list(uploaded),
                                     timeout=size(60, 180), alive=worker.alive)
            worst = round(time.monotonic() - back, 1)
        outcome = count_outcome(deployment.storage, s3, uploaded, rejected)
        still_failed = dict(outcome.failed)
        row.update(lost=len(outcome.lost) + len(still_failed),
                   duplicated=len(outcome.duplicated), worst_seconds=worst,
                   peak_rss_mib=memory.peak_mib,
                   note=f"{len(failed)} failed during the outage and were retried; an upload "
                        f"during it was answered {refused_during.status_code}")
        assert refused_during.status_code == 503, refused_during.text[:300]
        assert first is not None, f"not all terminal after S3 returned; {outcome.summary()}"
        assert set(retried) <= {202}, retried
        assert done is not None and still_failed == {}, f"after Retry: {still_failed}"
        assert outcome.lost == [] and outcome.duplicated == [], outcome.summary()
        assert worker.alive(), worker.log()[-3000:]


def _wait_for_first_processed(deployment, evidence_ids: list[int], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with deployment.storage.sessions() as session:
            if session.scalar(select(Evidence.id).where(
                    Evidence.id.in_(evidence_ids),
                    Evidence.status == EvidenceStatus.PROCESSED).limit(1)):
                return
        time.sleep(0.2)
    raise AssertionError("no file was processed before the outage")

"""Hostile and broken files through a real worker: each ends with a reason, the worker lives,
and a stored zip whose first member is a PDF yields both members."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from commands.sample_files import text_pdf
from storage.models import Evidence
from tests import hazards
from tests.fixtures import response_docx
from tests.reliability.conftest import size
from tests.reliability.harness import (
    MemorySampler,
    wait_for_terminal,
)
from tests.servers import restartable_redis, restartable_s3
from vocabulary import EvidenceStatus

pytestmark = [pytest.mark.integration, pytest.mark.reliability]


def stored_zip_pdf_first() -> bytes:
    """A zip without compression whose first member is a PDF: its bytes begin like a zip's,
    and a PDF's signature sits a few bytes in, which a sniffer by signature may take."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        # Its own text: the same bytes as another upload would be linked, not processed.
        archive.writestr("complaint.pdf", text_pdf([["The complaint inside a stored zip."]]))
        archive.writestr("response.docx", response_docx())
    return out.getvalue()


def hostile_files() -> dict[str, bytes]:
    return {
        "ratio-bomb.zip": hazards.ratio_zip_bomb(),
        "declared-bomb.zip": hazards.declared_size_zip_bomb(),
        "crowded.zip": hazards.crowded_zip(),
        "nested.zip": hazards.nested_zip(12),
        "xxe.docx": hazards.xxe_docx(),
        "laughs.docx": hazards.billion_laughs_docx(),
        "utf16-doctype.docx": hazards.utf16_doctype_docx(),
        "truncated.pdf": hazards.truncated_pdf(),
        "encrypted.pdf": hazards.encrypted_pdf(),
        "image-bomb.png": hazards.image_bomb_png(),
        "mislabelled.docx": hazards.mislabelled_pdf()[1],
        "slow.pdf": hazards.slow_pdf(pages=size(20, 2000)),
        "stored-pdf-first.zip": stored_zip_pdf_first(),
    }


def test_hostile_inputs(row, deploy):
    files = hostile_files()
    row["fault"] = f"hostile inputs ({len(files)} kinds) through a real worker"
    row["injected"] = len(files)
    with restartable_redis() as (redis_url, _redis), restartable_s3() as (s3, _s3):
        deployment = deploy(redis_url, s3)
        worker = deployment.start_worker()
        case_id = deployment.api.create_case()
        uploaded, answers = {}, {}
        with MemorySampler(deployment.worker_pids) as memory:
            for name, content in files.items():
                response = deployment.api.upload(case_id, name, content)
                answers[name] = response.status_code
                if response.status_code == 202:
                    uploaded[response.json()["items"][0]["id"]] = name
            worst = wait_for_terminal(deployment.storage.sessions, list(uploaded),
                                      timeout=size(180, 400), alive=worker.alive)
        with deployment.storage.sessions() as session:
            rows = {e.id: e for e in session.scalars(select(Evidence).where(
                Evidence.id.in_(list(uploaded))))}
            by_name = {uploaded[i]: e for i, e in rows.items()}
            children = list(session.scalars(select(Evidence).where(
                Evidence.parent_id == by_name["stored-pdf-first.zip"].id)))
            lost = [n for n, e in by_name.items() if e.status not in
                    {EvidenceStatus.PROCESSED, EvidenceStatus.FAILED, EvidenceStatus.DUPLICATE}]
            # Refused at upload with a 4xx is an answer with a reason; a 5xx loses the file.
            lost += [f"{n}: {code}" for n, code in answers.items() if code >= 500]
            unexplained = [n for n, e in by_name.items()
                           if e.status is EvidenceStatus.FAILED and not e.error]
            outcomes = {n: e.status.value for n, e in by_name.items()}
            members = sorted((c.filename, c.status.value) for c in children)
        row.update(lost=len(lost), duplicated=max(0, len(members) - 2), worst_seconds=worst,
                   peak_rss_mib=memory.peak_mib,
                   note=f"stored zip members: {members}")
        assert worker.alive(), worker.log()[-3000:]
        assert worst is not None, f"not all terminal: {outcomes}"
        assert lost == [] and unexplained == [], (lost, unexplained, outcomes)
        assert by_name["stored-pdf-first.zip"].status is EvidenceStatus.PROCESSED, outcomes
        assert members == [("complaint.pdf", "processed"), ("response.docx", "processed")], members

"""The API fuzzed from its own OpenAPI document against a running service: no answer is a
server error, and every answer is one the document describes (status, content type, body).

`casework demo`, then `casework run` on a free port, as `make run` does: a web server and a
worker, with a case whose evidence the worker processes, a case waiting for review and one in
follow-up; a finding citing the first case's evidence and a recommendation are added to it.
The investigator calls every operation; a reviewer, an organisation's user and an admin call
them again with fewer examples, so that the refusals their roles meet are checked too.

Path parameters, and the ids in queries and bodies, mostly name records of one case, so that
requests get past the lookups into the handlers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from casework.users import create_token, get_user_by_email
from commands.demo import DEMO_ACCOUNTS
from storage.models import (
    Case,
    Citation,
    ComplaintPoint,
    Decision,
    Evidence,
    EvidenceEvent,
    Finding,
    Recommendation,
    User,
)
from tests.servers import run_server
from web.ids import LARGEST_ID
from wiring import load_settings, storage_for

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]
# Small enough for every CI run (the whole module in about a minute), fixed so that a run
# finds what the last one found, and not shrunk (a failure's request is reported as it was
# sent); no example database is written.
FUZZ = settings(max_examples=10, derandomize=True, database=None, deadline=None,
                phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
FEWER = settings(FUZZ, max_examples=3)
# How long the worker may take over the demo's evidence (it starts spaCy first).
PROCESSING_TIMEOUT = 60.0


@dataclass(frozen=True)
class Service:
    """The running service: where its API is, a token for each demo account, and the ids of
    the records in it, case by case."""

    api: str
    tokens: dict[str, str]
    records: list[dict[str, list[int]]]


def _token(storage, email: str) -> str:
    with storage.sessions() as session:
        value = create_token(session, get_user_by_email(session, email))
        session.commit()
    return value


def _wait_processed(api: str, headers: dict[str, str], case_id: int) -> list[dict]:
    deadline = time.monotonic() + PROCESSING_TIMEOUT
    while True:
        items = requests.get(f"{api}/cases/{case_id}/evidence", headers=headers,
                             timeout=10).json()["items"]
        if items and all(item["status"] in {"processed", "failed"} for item in items):
            return items
        assert time.monotonic() < deadline, f"the demo evidence was not processed: {items}"
        time.sleep(0.2)


def _draft_on_first_case(api: str, headers: dict[str, str]) -> None:
    """A finding on the first case citing its complaint letter, and a recommendation."""
    case_id = 1
    evidence = _wait_processed(api, headers, case_id)
    letter = next(e for e in evidence if e["filename"] == "complaint-letter.pdf")
    points = requests.get(f"{api}/cases/{case_id}/complaint-points", headers=headers,
                          timeout=10).json()["items"]
    finding = requests.post(f"{api}/cases/{case_id}/findings", headers=headers, timeout=10, json={
        "complaint_point_id": points[0]["id"], "title": "Keeping the family informed",
        "what_happened": "Nobody told the family for two days.",
        "what_should_have_happened": "The next of kin is told within four hours.",
        "conclusion": "service_failure", "injustice": "Distress.",
        "citations": [{"evidence_id": letter["id"], "page": 1, "quote": "chest infection"}]})
    assert finding.status_code == 201, finding.text
    recommendation = requests.post(f"{api}/cases/{case_id}/recommendations", headers=headers,
                                   timeout=10, json={
        "kind": "apology", "text": "Apologise to Mrs Lovelace.",
        "finding_id": finding.json()["id"], "from_whom": "the chief executive"})
    assert recommendation.status_code == 201, recommendation.text


def _records(storage) -> list[dict[str, list[int]]]:
    """For each case, the ids of its records, under the path parameters' names."""
    with storage.sessions() as session:
        def ids(column, *where) -> list[int]:
            return list(session.scalars(select(column).where(*where).order_by(column)))

        users = ids(User.id)
        records = []
        for case in session.scalars(select(Case).order_by(Case.id)):
            evidence = Evidence.case_id == case.id
            records.append({
                "case_id": [case.id],
                "organisation_id": [case.organisation_id],
                "evidence_id": ids(Evidence.id, evidence),
                "event_id": ids(EvidenceEvent.id, EvidenceEvent.evidence_id.in_(
                    select(Evidence.id).where(evidence))),
                "point_id": ids(ComplaintPoint.id, ComplaintPoint.case_id == case.id),
                "finding_id": ids(Finding.id, Finding.case_id == case.id),
                "citation_id": ids(Citation.id, Citation.finding_id.in_(
                    select(Finding.id).where(Finding.case_id == case.id))),
                "recommendation_id": ids(Recommendation.id, Recommendation.case_id == case.id),
                "decision_id": ids(Decision.id, Decision.case_id == case.id),
                "user_id": users,
            })
        return records


@pytest.fixture(scope="module")
def service(tmp_path_factory, migrated_sqlite) -> Iterator[Service]:
    data_dir = tmp_path_factory.mktemp("fuzzed") / "var"
    data_dir.mkdir()
    shutil.copyfile(migrated_sqlite, data_dir / "casework.db")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
    env["CASEWORK_DATA_DIR"] = str(data_dir)
    casework = [sys.executable, "-m", "commands"]
    subprocess.run([*casework, "demo"], cwd=REPO, env=env, check=True, capture_output=True)
    storage = storage_for(load_settings(env))
    try:
        with run_server(lambda port: [*casework, "run", "--port", str(port)], data_dir.parent,
                        env=env) as server:
            api = f"http://{server.address}/api/v1"
            tokens = {account.role.value: _token(storage, account.email)
                      for account in DEMO_ACCOUNTS}
            _draft_on_first_case(api, {"Authorization": f"Bearer {tokens['investigator']}"})
            yield Service(api=api, tokens=tokens, records=_records(storage))
    finally:
        storage.engine.dispose()


@pytest.fixture(scope="module")
def api_schema(service, tmp_path_factory):
    """The service's own OpenAPI document; the requests made from it mostly name records
    that exist."""
    # Hypothesis keeps caches beside the examples it saves (none here): in a temporary
    # directory, not in the tree.
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    # A configuration of our own, so that no schemathesis.toml lying around changes the run.
    schema = schemathesis.openapi.from_url(f"{service.api}/openapi.json",
                                           config=SchemathesisConfig())
    schema.config.update(base_url=service.api)

    @schema.hook
    def flatmap_case(context, case):
        return st.tuples(st.sampled_from(service.records), st.randoms(use_true_random=False)) \
            .map(lambda drawn: _naming_records(case, *drawn))

    yield schema
    set_hypothesis_home_dir(None)


# The fields of requests that name a record, and which of a case's records they name
# (besides those named as the records are: case_id, finding_id, evidence_id...).
NAMED_RECORDS = {"complaint_point_id": "point_id", "assignee": "user_id"}
# How often a generated id is replaced by one that exists: mostly, so that the handlers get
# past their lookups, but not always, so that the lookups' refusals are called too.
REAL_ID_RATE = 0.8


def _could_be_an_id(value) -> bool:
    # A value generated to be wrong (a string, a number past the largest id) stays wrong.
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= LARGEST_ID


def _naming_records(case, records: dict[str, list[int]], random):
    """`case` with the ids it names mostly replaced by ids of one case's records."""

    def named(values):
        if not isinstance(values, dict):
            return values
        replaced = dict(values)
        for name, value in values.items():
            ids = records.get(NAMED_RECORDS.get(name, name))
            if ids and _could_be_an_id(value) and random.random() < REAL_ID_RATE:
                replaced[name] = random.choice(ids)
            elif name == "citations" and isinstance(value, list):
                replaced[name] = [named(item) for item in value]
        return replaced

    case.path_parameters = named(case.path_parameters)
    case.query = named(case.query)
    case.body = named(case.body)
    return case


@dataclass
class Outcome:
    """What a pass over the API met: its failures, and the operations that answered 2xx."""

    failures: list[str]
    succeeded: set[str]
    operations: int


def fuzz(schema, headers: dict[str, str], examples: settings) -> Outcome:
    """Call every operation with generated requests, valid and not, and check each answer."""
    # Each operation is a Hypothesis property of its own, run here: schemathesis' pytest
    # integration (`from_fixture`) does not run on pytest 9.2, whose nodes lost the
    # attribute it renames them through.
    outcome = Outcome(failures=[], succeeded=set(), operations=0)
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            outcome.failures.append(str(result.err()))
            continue
        operation = result.ok()
        outcome.operations += 1
        try:
            _calls(operation, headers, examples, outcome.succeeded)()
        # A FailureGroup (the checks that failed) is no Exception: both are reported, and the
        # next operation runs.
        except (Exception, FailureGroup) as error:
            outcome.failures.append(f"{operation.label}: {error}")
    return outcome


def _calls(operation, headers: dict[str, str], examples: settings, succeeded: set[str]):
    """The property of one operation: each generated request's answer passes the checks."""

    @examples
    @given(st.one_of([operation.as_strategy(mode) for mode in GenerationMode]))
    def call(case) -> None:
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        if response.status_code < 300:
            succeeded.add(operation.label)

    return call


@pytest.mark.parametrize(("role", "examples"), [
    ("investigator", FUZZ),
    # The others meet the same handlers mostly refused by their role: fewer examples do.
    ("reviewer", FEWER),
    ("organisation", FEWER),
    ("admin", FEWER),
])
def test_every_answer_is_one_the_document_describes(api_schema, service, role, examples):
    outcome = fuzz(api_schema, {"Authorization": f"Bearer {service.tokens[role]}"}, examples)
    assert not outcome.failures, "\n\n".join(outcome.failures)
    if role == "investigator":
        # Requests naming no record would meet only 404s and prove little.
        assert len(outcome.succeeded) > outcome.operations // 2, outcome.succeeded

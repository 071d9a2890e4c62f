"""The `casework` command line, from a fresh data directory each time."""

from __future__ import annotations

import re
from datetime import timedelta

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from casework.decisions import office_program
from casework.formats import uk_date
from casework.users import TOKEN_LIFETIME
from commands.cli import main
from storage.db import make_engine, make_session_factory
from storage.models import ApiToken, AuditEvent, Case, Decision, DecisionVersion, Evidence, User
from tests.fixtures import complaint_pdf
from tests.pdfs import queued_pdfs
from vocabulary import CaseStage, DecisionStatus, EvidenceStatus


@pytest.fixture
def cli(tmp_path):
    runner = CliRunner()
    env = {"CASEWORK_DATA_DIR": str(tmp_path / "var")}

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, env=env, catch_exceptions=False)

    invoke.rows = lambda model: _rows(tmp_path, model)
    return invoke


def _rows(tmp_path, model):
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'casework.db'}")
    with make_session_factory(engine)() as session:
        rows = list(session.scalars(select(model)))
    engine.dispose()
    return rows


def test_db_upgrade_from_nothing(cli, tmp_path):
    result = cli("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "var" / "casework.db").exists()


def test_users_create_reads_the_password_from_stdin(cli):
    result = cli("users", "create", "Org@Example.org", "--role", "organisation",
                 "--organisation", "Riverside Surgery", input="a-long-password\nignored\n")
    assert result.exit_code == 0, result.output
    [user] = cli.rows(User)
    assert (user.email, user.role.value) == ("org@example.org", "organisation")
    assert user.password_hash != "a-long-password"


def test_users_create_takes_the_name_and_job_title_letters_are_signed_with(cli):
    result = cli("users", "create", "sam@example.org", "--role", "investigator",
                 "--name", "Sam Patel", "--job-title", "Senior Investigator",
                 input="a-long-password\n")
    assert result.exit_code == 0, result.output
    [user] = cli.rows(User)
    assert (user.name, user.job_title) == ("Sam Patel", "Senior Investigator")


def test_users_create_refuses_clearly(cli):
    result = cli("users", "create", "a@example.org", "--role", "organisation",
                 input="a-long-password\n")
    assert result.exit_code == 1
    assert "organisation users need --organisation" in result.output
    result = cli("users", "create", "a@example.org", "--role", "reviewer", input="short\n")
    assert "at least 8 characters" in result.output


def test_tokens_create_prints_the_token_alone(cli):
    cli("users", "create", "a@example.org", "--role", "investigator", input="a-long-password\n")
    result = cli("tokens", "create", "a@example.org")
    assert result.exit_code == 0
    assert re.fullmatch(r"cw_[\w-]{40,}\n", result.stdout)
    [token] = cli.rows(ApiToken)
    assert result.stderr == (f"expires {uk_date(token.expires_at)} "
                             f"({token.expires_at:%Y-%m-%d %H:%M} UTC)\n")
    assert abs(token.expires_at - token.created_at - TOKEN_LIFETIME) < timedelta(minutes=1)
    assert "no user with email" in cli("tokens", "create", "nobody@example.org").output


def test_tokens_revoke_ends_every_token_of_the_user(cli):
    cli("users", "create", "a@example.org", "--role", "investigator", input="a-long-password\n")
    cli("tokens", "create", "a@example.org")
    cli("tokens", "create", "a@example.org")
    result = cli("tokens", "revoke", "A@example.org")
    assert (result.exit_code, result.output) == (0, "revoked 2 tokens of a@example.org\n")
    assert all(token.revoked_at is not None for token in cli.rows(ApiToken))
    assert cli("tokens", "revoke", "a@example.org").output == \
        "revoked 0 tokens of a@example.org\n"
    assert [e.detail for e in cli.rows(AuditEvent) if e.action == "token.revoked"] == [
        {"count": 2}, {"count": 0}]
    assert "no user with email" in cli("tokens", "revoke", "nobody@example.org").output


def test_demo_seeds_once(cli, tmp_path):
    first = cli("demo")
    assert first.exit_code == 0, first.output
    assert "investigator@example.org / investigator-demo" in first.output
    assert "already there" in cli("demo").output
    case, awaiting, following, *decided = sorted(cli.rows(Case), key=lambda c: c.id)
    assert case.reference.startswith("CW-")
    assert {e.filename for e in cli.rows(Evidence)} == {
        "complaint-letter.pdf", "trust-complaint-response.docx", "email-from-ward-sister.eml"}
    # A reviewer has something to review at once, drafted by someone else.
    decisions = {(d.case_id, d.stage.value): d for d in cli.rows(Decision)}
    assert {key: d.status for key, d in decisions.items() if key[0] <= following.id} == {
        (awaiting.id, "provisional"): DecisionStatus.SUBMITTED,
        (following.id, "provisional"): DecisionStatus.ISSUED,
        (following.id, "final"): DecisionStatus.ISSUED}
    # Forty decided cases for the insight dashboard, over several organisations and outcomes,
    # decided across the last six quarters (five, in a quarter's first ten days: none is
    # decided in the last ten).
    assert len(decided) == 40
    assert len({c.organisation_id for c in decided}) == 6
    finals = [decisions[(c.id, "final")] for c in decided]
    assert {d.status for d in finals} == {DecisionStatus.ISSUED}
    assert len({d.outcome for d in finals}) == 3
    assert len({(d.issued_at.year, (d.issued_at.month - 1) // 3) for d in finals}) >= 5
    investigator = next(u for u in cli.rows(User) if u.email == "investigator@example.org")
    assert {v.created_by_id for v in cli.rows(DecisionVersion)} == {investigator.id}
    # Their PDFs are asked of the worker, as a version frozen on the pages is; the decided
    # cases' versions are dated too long ago for that.
    if office_program() is not None:
        first_cases = {d.id for (case_id, _), d in decisions.items() if case_id <= following.id}
        assert sorted(queued_pdfs(tmp_path / "var" / "broker")) == sorted(
            v.id for v in cli.rows(DecisionVersion) if v.decision_id in first_cases)
    # The organisation account has a case in follow-up to comply with.
    assert following.stage is CaseStage.FOLLOW_UP
    assert "organisation@example.org / organisation-demo" in first.output
    assert "reviewer@example.org / reviewer-demo" in first.output
    assert "admin@example.org / admin-demo" in first.output


def test_ingest_queues_files(cli, tmp_path):
    cli("demo")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(complaint_pdf())
    reference = min(cli.rows(Case), key=lambda c: c.id).reference
    result = cli("ingest", reference, str(letter))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("\tqueued\tletter.pdf\n")
    assert any(e.filename == "letter.pdf" and e.status is EvidenceStatus.QUEUED
               for e in cli.rows(Evidence))
    # The message is waiting in the embedded broker's folder for a worker.
    assert list((tmp_path / "var" / "broker" / "queue").glob("*.msg"))
    assert "no case with reference" in cli("ingest", "CW-0000-00000", str(letter)).output


def test_compliance_sweep_runs_as_of_the_day_given(cli):
    result = cli("compliance", "sweep", "--as-of", "2030-01-31")
    assert result.exit_code == 0, result.output
    assert result.output == ("as of 2030-01-31: 0 marked overdue, 0 reminder(s) made, "
                             "0 email(s) queued\n")
    # Refused before anything is read or swept.
    refused = CliRunner().invoke(main, ["compliance", "sweep", "--as-of", "31/01/2030"])
    assert refused.exit_code == 2
    assert "'31/01/2030' does not match the format '%Y-%m-%d'" in refused.output


def test_bad_configuration_names_the_variable(tmp_path):
    result = CliRunner().invoke(main, ["db", "upgrade"], env={
        "CASEWORK_DATA_DIR": str(tmp_path), "CASEWORK_MAX_UPLOAD_MB": "many"})
    assert result.exit_code == 1
    assert "CASEWORK_MAX_UPLOAD_MB must be a whole number" in result.output


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


def test_every_command_has_help_and_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    for path, command in _commands(main):
        assert command.help, f"casework {' '.join(path)} has no help text"
        if not isinstance(command, click.Group):
            assert f"casework {' '.join(path)}" in readme, path


def test_classifier_train_learns_from_corrections(cli, tmp_path):
    result = cli("classifier", "train")
    assert result.exit_code == 0, result.output
    score = float(re.search(r"macro-F1 on the held-out split: ([\d.]+)", result.output).group(1))
    assert 0.5 <= score <= 1.0
    assert (tmp_path / "var" / "models" / "classifier" / "meta.json").exists()
    # Published for workers elsewhere: the pointer names the archive of what was trained.
    assert "published to the object store" in result.output
    assert (tmp_path / "var" / "objects" / "models" / "classifier" / "current.json").exists()


def test_report_insight_writes_the_figures_to_a_word_document(cli, tmp_path):
    import io

    from docx import Document

    from storage.models import Organisation

    assert cli("demo").exit_code == 0
    [riverside] = [o.id for o in cli.rows(Organisation) if o.name == "Riverside Surgery"]
    output = tmp_path / "insight.docx"
    result = cli("report", "insight", "--organisation", str(riverside), "--output", str(output),
                 "--no-pdf")
    assert result.exit_code == 0, result.output
    assert f"wrote {output}: the insight report of " in result.output
    document = Document(io.BytesIO(output.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "about Riverside Surgery" in text
    assert "Outcomes by organisation" in text
    # The demo's cases about the surgery, decided across the period.
    [organisations] = [t for t in document.tables if t.rows[0].cells[0].text == "Organisation"]
    assert [row.cells[0].text for row in organisations.rows[1:]] == ["Riverside Surgery"]
    assert not output.with_suffix(".pdf").exists()
    refused = cli("report", "insight", "--theme", "Delay", "--output", str(output))
    assert refused.exit_code == 1
    assert "There is no theme 'Delay'" in refused.output

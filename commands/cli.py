"""`casework`: run the service, run a worker, manage the database, users and evidence.

Every command migrates the database first, so each works from a fresh data directory.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import time
from pathlib import Path

import click

from storage.db import upgrade_database
from storage.runtime import Storage
from vocabulary import Role
from wiring import (
    ConfigError,
    Settings,
    load_settings,
    make_celery,
    send_decision_pdf,
    send_evidence,
    storage_for,
)

# Each command imports the shell it runs inside its own body: `casework db upgrade` must not
# wait for the web app, and only `casework worker` loads the parsers.


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as error:
        raise click.ClickException(f"configuration: {error}") from None


def _migrated_storage(settings: Settings) -> Storage:
    """The installation's storage, its database brought up to date first."""
    upgrade_database(settings.database_url)
    return storage_for(settings)


def _sender(settings: Settings, session):
    """Queues committed files and records those sent; returns the ids the broker did not
    take, which stay queued for the reconciler."""
    return functools.partial(send_evidence, make_celery(settings), session)


def _ask_for_pdfs(settings: Settings, session) -> None:
    """Ask a worker for the PDF of every decision version of the last PDF_FOLLOW_DAYS, as the
    pages do for each version they freeze, where LibreOffice is installed. A broker that does
    not answer is left be after its first refusal: each PDF is asked for again when someone
    wants it."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import select

    from casework.decisions import PDF_FOLLOW_DAYS, office_program
    from storage.models import DecisionVersion

    if office_program() is None:
        return
    celery = make_celery(settings)
    # The decided casework's versions are dated long ago: like the reconciler, leave them.
    recent = DecisionVersion.created_at > datetime.now(UTC) - timedelta(days=PDF_FOLLOW_DAYS)
    for version_id in session.scalars(select(DecisionVersion.id).where(recent)):
        if not send_decision_pdf(celery, version_id):
            break


def _domain_errors(function):
    """Show a refused request as a one-line error, not a traceback."""

    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        from casework.errors import DomainError

        try:
            return function(*args, **kwargs)
        except DomainError as error:
            raise click.ClickException(error.message) from None

    return wrapped


@click.group()
def main() -> None:
    """Casework: evidence and decision drafting for an ombudsman."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
def run(host: str, port: int) -> None:
    """Serve the web app with one background worker (a pool process per core) and the daily
    schedule."""
    from sqlalchemy import select

    from commands.demo import DEMO_ACCOUNTS
    from commands.supervise import Supervisor
    from storage.models import User

    settings = _settings()
    storage = _migrated_storage(settings)
    # A helper that dies is started again; its restarts are recorded for the web to show.
    helpers = Supervisor({
        "web": _web_command(host, port),
        "worker": [sys.executable, "-m", "commands", "worker", "--quiet",
                   "--concurrency", str(_cores())],
        "beat": [sys.executable, "-m", "commands", "beat", "--quiet"],
    }, settings.helper_status_file, echo=click.echo)
    helpers.start()
    click.echo(f"\nCasework is at http://{host}:{port}/ (data in {settings.data_dir})")
    with storage.sessions() as session:
        for account in DEMO_ACCOUNTS:
            if session.scalar(select(User).where(User.email == account.email)):
                click.echo(f"  demo {account.role.value}: {account.email} / {account.password}")
    storage.engine.dispose()
    click.echo("Press Ctrl+C to stop.\n")
    # On SIGTERM, unwind through `finally` so the web, the worker and the schedule are
    # stopped too, not orphaned.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    finally:
        helpers.stop()


def _cores() -> int:
    """The machine's cores, at most four. One Python process keeps one core busy: with one
    pool process `casework run` read files at 0.48x the bare limit on a shared 2-core machine,
    with two at 0.60x (benchmarks/throughput.py)."""
    return max(1, min(os.cpu_count() or 1, 4))


def _web_command(host: str, port: int) -> list[str]:
    """gunicorn as the image runs it: a process per core (at most four), threads in each.
    One Python process holds one core: on two cores a single process answered 25 requests a
    second to 50 users (benchmarks/web.py), each waiting its turn."""
    processes = _cores()
    return [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}",
            "--workers", str(processes), "--threads", "4", "--worker-class", "gthread",
            # A browser keeps its connection open between pages: gunicorn's 2 s closed them
            # under a client about to send on them.
            "--keep-alive", "75", "--graceful-timeout", "10", "--log-level", "warning",
            "web.wsgi:app"]


@main.command()
@click.option("--concurrency", default=1, show_default=True, type=int,
              help="Evidence files processed at once.")
@click.option("--name", default=None,
              help="This worker's node name, unique among the installation's workers "
                   "(default celery@ and the host name; %h stands for the host name).")
@click.option("--quiet", is_flag=True, help="Leave out the start-up banner.")
def worker(concurrency: int, name: str | None, quiet: bool) -> None:
    """Run a Celery worker that processes evidence, makes decisions' PDFs and emails issued
    letters."""
    from worker.celery_app import create_worker
    from worker.reconcile import reconcile

    settings = _settings()
    storage = _migrated_storage(settings)
    celery = create_worker(settings)
    # Messages lost with a stopped worker (or broker) would leave files queued for ever.
    result = reconcile(storage, celery, settings, starting=True)
    # The pool processes about to be forked open their own connections.
    storage.engine.dispose()
    if result.evidence or result.deliveries or result.left:
        click.echo(result.summary())
    # --quiet is an option of the celery command itself, so it goes before "worker".
    celery.worker_main([*(["--quiet"] if quiet else []), "worker", "--loglevel=INFO",
                        f"--concurrency={concurrency}",
                        # Two workers on one host would otherwise share a node name, and
                        # the control commands' answers would be mixed up between them.
                        *([f"--hostname={name}"] if name else []),
                        "--without-gossip", "--without-mingle"])


@main.command()
@click.option("--quiet", is_flag=True, help="Leave out the start-up banner.")
def beat(quiet: bool) -> None:
    """Run the schedule: the compliance sweep once a day (at CASEWORK_SWEEP_AT), for a
    worker to carry out. Run one, however many workers there are."""
    settings = _settings()
    celery = make_celery(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    celery.start([*(["--quiet"] if quiet else []), "beat", "--loglevel=INFO",
                  f"--schedule={settings.beat_schedule_file}"])


@main.group()
def compliance() -> None:
    """Recommendations followed until the organisation complies."""


@compliance.command("sweep")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to sweep as, YYYY-MM-DD (default: today).")
def compliance_sweep(as_of) -> None:
    """Mark overdue recommendations and remind organisations, as the daily schedule does."""
    from casework.formats import office_today
    from worker.schedule import run_sweep

    settings = _settings()
    storage = _migrated_storage(settings)
    day = as_of.date() if as_of is not None else office_today()
    result = run_sweep(storage, make_celery(settings), settings, day)
    click.echo(f"as of {day.isoformat()}: {result.summary()}")


@main.group()
def db() -> None:
    """Database commands."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration the database lacks."""
    settings = _settings()
    upgrade_database(settings.database_url)
    click.echo("database is up to date")


@main.group()
def users() -> None:
    """User accounts."""


def _read_password() -> str:
    # Scripts pipe the password in; people are asked for it without echo.
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(Role.values()))
@click.option("--organisation", default=None, help="The organisation, for organisation users.")
@click.option("--name", default="", help="The name letters are signed with.")
@click.option("--job-title", default="", help="The job title letters are signed with.")
@_domain_errors
def users_create(email: str, role: str, organisation: str | None, name: str,
                 job_title: str) -> None:
    """Create a user; the password is read from standard input or prompted for."""
    from casework.users import create_user

    storage = _migrated_storage(_settings())
    password = _read_password()
    with storage.sessions() as session:
        user = create_user(session, email, password, role, organisation, name=name,
                           job_title=job_title)
        session.commit()
        click.echo(f"created {user.role.value} {user.email}")


@main.group()
def tokens() -> None:
    """API bearer tokens."""


@tokens.command("create")
@click.argument("email")
@_domain_errors
def tokens_create(email: str) -> None:
    """Print a new API token for the user, alone on its line; when it expires goes to
    standard error, so `TOKEN=$(casework tokens create ...)` takes the token only."""
    from casework.formats import uk_date
    from casework.users import create_token, get_user_by_email, token_expiry

    storage = _migrated_storage(_settings())
    with storage.sessions() as session:
        token = create_token(session, get_user_by_email(session, email))
        session.commit()
        expires = token_expiry(session, token)
    click.echo(token)
    click.echo(f"expires {uk_date(expires)} ({expires:%Y-%m-%d %H:%M} UTC)", err=True)


@tokens.command("revoke")
@click.argument("email")
@_domain_errors
def tokens_revoke(email: str) -> None:
    """Revoke every API token of the user: they stop working at once."""
    from casework.users import get_user_by_email, revoke_tokens

    storage = _migrated_storage(_settings())
    with storage.sessions() as session:
        user = get_user_by_email(session, email)
        revoked = revoke_tokens(session, user)
        session.commit()
    click.echo(f"revoked {revoked} token{'s' if revoked != 1 else ''} of {user.email}")


@main.command()
@click.argument("case_reference")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_domain_errors
def ingest(case_reference: str, files: tuple[Path, ...]) -> None:
    """Upload files to a case as evidence and queue them for processing."""
    from casework.cases import get_case_by_reference
    from casework.evidence import Upload, add_evidence, to_process

    settings = _settings()
    storage = _migrated_storage(settings)
    handles = [path.open("rb") for path in files]
    try:
        with storage.sessions() as session:
            case = get_case_by_reference(session, case_reference)
            items = add_evidence(
                session, storage.objects, case, None,
                [Upload(path.name, handle) for path, handle in zip(files, handles, strict=True)],
                settings.max_upload_bytes,
            )
            session.commit()
            unsent = _sender(settings, session)(to_process(items))
            for evidence in items:
                click.echo(f"{evidence.id}\t{evidence.status.value}\t{evidence.filename}")
            if unsent:
                click.echo("note: the processing queue is not answering: processing will "
                           "start when it is back", err=True)
    finally:
        for handle in handles:
            handle.close()


@main.group()
def templates() -> None:
    """The Word templates of decisions and letters."""


@templates.command("check")
def templates_check() -> None:
    """Report placeholders no value fills, and values no template shows."""
    from casework.decisions import TEMPLATES_DIR, check_templates, sample_context

    paths = sorted(TEMPLATES_DIR.glob("*.docx"))
    reports, unused = check_templates(paths, sample_context())
    problems = 0
    for report in reports:
        for placeholder in report.unfilled:
            click.echo(f"{report.template}: {{{{ {placeholder} }}}} has no value")
            problems += 1
    for field in unused:
        click.echo(f"no template shows {field}")
        problems += 1
    if problems:
        raise click.ClickException(f"{problems} problem(s) in {len(paths)} template(s)")
    click.echo(f"{len(paths)} templates, every placeholder filled and every field shown")


@main.group()
def report() -> None:
    """Reports across cases."""


@report.command("insight")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The first day of the period (YYYY-MM-DD); default: six quarters back.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The last day of the period, included; default: today.")
@click.option("--organisation", "organisation_id", type=int, default=None,
              help="One organisation's cases alone, by its id.")
@click.option("--theme", default=None, help="One theme's cases alone.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The Word document to write (FILE.docx); its PDF goes beside it.")
@click.option("--pdf/--no-pdf", default=True, show_default=True,
              help="Also write the PDF, where LibreOffice is installed.")
@_domain_errors
def report_insight(start, end, organisation_id: int | None, theme: str | None, output: Path,
                   pdf: bool) -> None:
    """Write the insight report of the final decisions issued in the period, as Word and PDF."""
    from casework.decisions import ColdOffice, ConversionUnavailable, docx_to_pdf, office_program
    from casework.formats import office_today
    from casework.insight import insight_figures, period_filter, render_insight_report
    from casework.organisations import get_organisation

    settings = _settings()
    storage = _migrated_storage(settings)
    today = office_today()
    with storage.sessions() as session:
        if organisation_id is not None:
            get_organisation(session, organisation_id)
        criteria = period_filter(today, start and start.date(), end and end.date(),
                                 organisation_id, theme, [t.slug for t in settings.themes])
        figures = insight_figures(session, criteria, settings.remedy_scale, today)
        document = render_insight_report(session, criteria, figures, today)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(document)
    click.echo(f"wrote {output}: the insight report of {criteria.described}")
    program = office_program()
    if not pdf or program is None:
        return
    # A command, run now and then: an office started for this one document will do.
    try:
        output.with_suffix(".pdf").write_bytes(docx_to_pdf(document, office=ColdOffice(program)))
    except ConversionUnavailable as error:
        raise click.ClickException(
            f"the Word document is written, but not its PDF: {error}") from None
    click.echo(f"wrote {output.with_suffix('.pdf')}")


@main.group()
def classifier() -> None:
    """The document-type classifier."""


@classifier.command("train")
@click.option("--seed", default=0, show_default=True, help="Random seed, for repeatable runs.")
def classifier_train(seed: int) -> None:
    """Retrain from the training corpus and investigators' corrections; prints held-out scores."""
    from casework.evidence import type_corrections
    from worker.nlp import train
    from worker.nlp.model_store import CHECK_INTERVAL_SECONDS, publish_model

    settings = _settings()
    storage = _migrated_storage(settings)
    with storage.sessions() as session:
        corrections = type_corrections(session)
    report = train(corrections, settings.classifier_dir, seed)
    published = publish_model(storage.objects, settings.classifier_dir)
    click.echo(f"trained on {report.trained_on} documents ({len(corrections)} corrections), "
               f"held out {report.held_out}, in {report.seconds:.1f} s")
    click.echo(f"macro-F1 on the held-out split: {report.macro_f1:.3f}")
    for doc_type, score in sorted(report.f1_by_type.items()):
        examples = report.examples_by_type[doc_type]
        click.echo(f"  {doc_type:<22} F1 {score:.3f}  ({examples} examples)")
    click.echo(f"saved to {settings.classifier_dir} and published to the object store "
               f"({published[:12]}); every worker installs it within "
               f"{CHECK_INTERVAL_SECONDS:.0f} s")


@main.command()
def demo() -> None:
    """Seed the demo accounts and cases (once; running it again changes nothing)."""
    from commands.demo import DEMO_ACCOUNTS, seed_demo

    settings = _settings()
    storage = _migrated_storage(settings)
    with storage.sessions() as session:
        case, created = seed_demo(session, storage.objects, _sender(settings, session),
                                  settings.max_upload_bytes, settings.outbox_dir)
        click.echo(f"demo case {case.reference} {'created' if created else 'already there'}")
        if created:
            _ask_for_pdfs(settings, session)
    for account in DEMO_ACCOUNTS:
        click.echo(f"demo {account.role.value}: {account.email} / {account.password}")

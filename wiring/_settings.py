"""Settings from `CASEWORK_*` environment variables, checked once at start-up.

Embedded mode (the default) needs no servers: SQLite, a directory object store and a
filesystem Celery broker, all under `CASEWORK_DATA_DIR`. Services mode is chosen piece by
piece: a database URL, a broker URL and an S3 endpoint each replace their embedded part.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time as clock_time
from email.utils import parseaddr
from pathlib import Path

from casework.drafting import RemedyScale, ScaleError, Themes, ThemesError, load_scale, load_themes
from storage.objects import S3Settings

PREFIX = "CASEWORK_"


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


# How the connection to the mail server is secured, and the port each way listens on.
SMTP_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    """The mail server issued letters are sent through."""

    host: str
    port: int
    tls: str  # one of SMTP_PORTS
    from_address: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    broker_url: str
    s3: S3Settings | None
    secret_key: str = field(repr=False)
    max_upload_mb: int
    task_time_limit: int
    remedy_scale: RemedyScale
    # The taxonomy complaint points are grouped by.
    themes: Themes
    # None: letters go to the outbox, to be posted.
    smtp: SmtpSettings | None
    # The wait before a failed email is first tried again; each later wait doubles.
    delivery_retry_seconds: int
    # How long a sign-in lasts before the person must sign in again.
    session_hours: int
    # How many days before a recommendation's due date the organisation is reminded.
    reminder_days: int = 7
    # When, in the office's time, the schedule runs the daily compliance sweep.
    sweep_at: clock_time = clock_time(6, 0)
    # A file's run older than this was lost with its worker, and its file is taken again.
    lease_seconds: int = 600
    # How long Redis keeps a message a worker took but has not acknowledged before handing
    # it to another worker (a running task, or a letter's retry waiting for its time).
    visibility_timeout: int = 7200
    # How often the schedule looks for files and letters whose message was lost.
    reconcile_seconds: int = 60

    @property
    def embedded_broker(self) -> bool:
        return self.broker_url.startswith("filesystem://")

    @property
    def objects_dir(self) -> Path:
        return self.data_dir / "objects"

    @property
    def classifier_dir(self) -> Path:
        """Where `casework classifier train` saves the document-type model."""
        return self.data_dir / "models" / "classifier"

    @property
    def broker_dir(self) -> Path:
        return self.data_dir / "broker"

    @property
    def outbox_dir(self) -> Path:
        """Where issued letters wait to be printed and posted."""
        return self.data_dir / "outbox"

    @property
    def beat_schedule_file(self) -> Path:
        """Where the schedule keeps when each job last ran, so a restart does not run it
        again."""
        return self.data_dir / "beat-schedule"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def helper_status_file(self) -> Path:
        """Where `casework run` records its worker's and schedule's restarts, for the web
        to show."""
        return self.data_dir / "helpers.json"


# Ten tries of a letter's email in all, the waits doubling up to an hour apart: about four
# hours from the first failure with the default first wait of a minute.
MAX_DELIVERY_RETRIES = 9
MAX_RETRY_WAIT_SECONDS = 3600


def retry_wait(first_wait: int, retries: int) -> int:
    """Seconds before the next try of an email that failed `retries + 1` times."""
    return min(first_wait * 2 ** retries, MAX_RETRY_WAIT_SECONDS)


def longest_retry_wait(first_wait: int) -> int:
    return max(retry_wait(first_wait, retries) for retries in range(MAX_DELIVERY_RETRIES))


def _text(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    value = env.get(PREFIX + name, "").strip()
    return value or default


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = _text(env, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name} must be a whole number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{PREFIX}{name} must be greater than zero, got {value}")
    return value


# Extraction gets the task's limit less a minute for the language steps; below this, even a
# small scan could not be read.
MIN_TASK_TIME_LIMIT = 90


def _at_least(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    value = _positive_int(env, name, default)
    if value < minimum:
        raise ConfigError(f"{PREFIX}{name} must be at least {minimum}, got {value}")
    return value


def _boolean(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = _text(env, name)
    if raw is None:
        return default
    lowered = raw.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{PREFIX}{name} must be true or false, got {raw!r}")


def _time_of_day(name: str, raw: str | None, default: clock_time) -> clock_time:
    """`raw` (the variable `name`, read by the caller) as a time of day, HH:MM."""
    if raw is None:
        return default
    hours, colon, minutes = raw.partition(":")
    if colon and hours.isdigit() and minutes.isdigit() and len(minutes) == 2 \
            and int(hours) < 24 and int(minutes) < 60:
        return clock_time(int(hours), int(minutes))
    raise ConfigError(f"{PREFIX}{name} must be a time of day as HH:MM, such as 06:00, "
                      f"got {raw!r}")


def _database_url(env: Mapping[str, str], data_dir: Path) -> str:
    url = _text(env, "DATABASE_URL")
    if url is None:
        return f"sqlite:///{data_dir / 'casework.db'}"
    # Accept the URL form most hosts hand out and route it through psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if url.startswith(("postgresql+psycopg://", "sqlite:///")):
        return url
    raise ConfigError(
        f"{PREFIX}DATABASE_URL must be a postgresql:// or sqlite:/// URL, got {url!r}"
    )


def _broker_url(env: Mapping[str, str]) -> str:
    url = _text(env, "BROKER_URL")
    if url is None:
        # Naming the host keeps kombu from warning that it had to assume one.
        return "filesystem://localhost/"
    if url.startswith(("redis://", "rediss://", "filesystem://")):
        return url
    raise ConfigError(f"{PREFIX}BROKER_URL must be a redis:// URL, got {url!r}")


def _s3(env: Mapping[str, str]) -> S3Settings | None:
    endpoint = _text(env, "S3_ENDPOINT")
    if endpoint is None:
        return None
    secure = _boolean(env, "S3_SECURE", default=endpoint.startswith("https://"))
    # The minio SDK wants host:port; accept a URL and take the scheme as the TLS choice.
    for scheme in ("https://", "http://"):
        if endpoint.startswith(scheme):
            endpoint = endpoint[len(scheme):]
    endpoint = endpoint.rstrip("/")
    if not endpoint or "/" in endpoint:
        raise ConfigError(f"{PREFIX}S3_ENDPOINT must be host:port, got {endpoint!r}")
    missing = [
        PREFIX + name
        for name in ("S3_ACCESS_KEY", "S3_SECRET_KEY")
        if _text(env, name) is None
    ]
    if missing:
        raise ConfigError(f"{PREFIX}S3_ENDPOINT is set, so {' and '.join(missing)} must be too")
    return S3Settings(
        endpoint=endpoint,
        access_key=_text(env, "S3_ACCESS_KEY"),
        secret_key=_text(env, "S3_SECRET_KEY"),
        bucket=_text(env, "S3_BUCKET", "casework"),
        # Passing the region stops the SDK from asking the server for it on every bucket.
        region=_text(env, "S3_REGION", "us-east-1"),
        secure=secure,
    )


def _smtp_host(env: Mapping[str, str]) -> str | None:
    host = _text(env, "SMTP_HOST")
    if host is None:
        stray = [PREFIX + name for name in ("SMTP_PORT", "SMTP_USER", "SMTP_PASSWORD",
                                            "SMTP_TLS", "SMTP_FROM") if _text(env, name)]
        if stray:
            raise ConfigError(f"{' and '.join(stray)} set without {PREFIX}SMTP_HOST: name the "
                              "mail server, or unset them to send letters by post")
        return None
    if "/" in host or ":" in host or any(c.isspace() for c in host):
        raise ConfigError(f"{PREFIX}SMTP_HOST must be a host name or address alone (the port "
                          f"is {PREFIX}SMTP_PORT), got {host!r}")
    return host


def _smtp(env: Mapping[str, str]) -> SmtpSettings | None:
    host = _smtp_host(env)
    if host is None:
        return None
    tls = _text(env, "SMTP_TLS", "starttls").lower()
    if tls not in SMTP_PORTS:
        raise ConfigError(f"{PREFIX}SMTP_TLS must be one of {', '.join(SMTP_PORTS)}, "
                          f"got {tls!r}")
    port = _positive_int(env, "SMTP_PORT", SMTP_PORTS[tls])
    if port > 65535:
        raise ConfigError(f"{PREFIX}SMTP_PORT must be at most 65535, got {port}")
    sender = _text(env, "SMTP_FROM")
    if sender is None:
        raise ConfigError(f"{PREFIX}SMTP_HOST is set, so {PREFIX}SMTP_FROM must be too: the "
                          "address letters are sent from")
    if "@" not in parseaddr(sender)[1]:
        raise ConfigError(f"{PREFIX}SMTP_FROM must be an email address, such as "
                          f"casework@ombudsman.example or \"Casework <casework@ombudsman."
                          f"example>\", got {sender!r}")
    user, password = _text(env, "SMTP_USER"), _text(env, "SMTP_PASSWORD")
    if (user is None) != (password is None):
        given, missing = ("SMTP_USER", "SMTP_PASSWORD") if user else ("SMTP_PASSWORD",
                                                                       "SMTP_USER")
        raise ConfigError(f"{PREFIX}{given} is set, so {PREFIX}{missing} must be too")
    return SmtpSettings(host=host, port=port, tls=tls, from_address=sender, user=user,
                        password=password)


def _secret_key(env: Mapping[str, str], data_dir: Path) -> str:
    key = _text(env, "SECRET_KEY")
    if key is not None:
        if len(key) < 16:
            raise ConfigError(f"{PREFIX}SECRET_KEY must be at least 16 characters long")
        return key
    # Embedded mode keeps a generated key in the data directory, so sessions survive restarts
    # and the web server and the worker agree on it.
    path = data_dir / "secret_key"
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        # Exclusive create: of several processes starting at once, one writes and all read it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(32))
    for _ in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.01)  # the writing process has created the file but not yet filled it
    raise ConfigError(f"{path} is empty; delete it or set {PREFIX}SECRET_KEY")


def _drafting_file(name: str, path: str | None, load, refusal: type[ValueError]):
    """The remedy scale or the themes: the file variable `name` gives, else the default."""
    try:
        return load(Path(path).expanduser()) if path else load()
    except refusal as error:
        raise ConfigError(f"{PREFIX}{name}: {error}") from None


def _lease(env: Mapping[str, str], task_time_limit: int) -> int:
    lease = _positive_int(env, "LEASE_SECONDS", task_time_limit * 2)
    if lease <= task_time_limit:
        # A run still inside its time limit would be taken as lost and started again.
        raise ConfigError(f"{PREFIX}LEASE_SECONDS ({lease}) must be longer than "
                          f"{PREFIX}TASK_TIME_LIMIT ({task_time_limit})")
    return lease


def _visibility_timeout(env: Mapping[str, str], task_time_limit: int, lease: int,
                        retry_seconds: int) -> int:
    """Redis hands a message it has not seen acknowledged to another worker after this long:
    everything that keeps a message unacknowledged must end sooner, or it runs twice."""
    longest_wait = longest_retry_wait(retry_seconds)
    bounds = {
        f"{PREFIX}TASK_TIME_LIMIT ({task_time_limit})": task_time_limit,
        f"{PREFIX}LEASE_SECONDS ({lease})": lease,
        f"the longest wait before a letter's email is tried again ({longest_wait}, from "
        f"{PREFIX}DELIVERY_RETRY_SECONDS doubled, at most {MAX_RETRY_WAIT_SECONDS})":
            longest_wait,
    }
    timeout = _positive_int(env, "VISIBILITY_TIMEOUT", 2 * max(bounds.values()))
    for name, bound in bounds.items():
        if bound >= timeout:
            raise ConfigError(f"{PREFIX}VISIBILITY_TIMEOUT ({timeout}) must be longer than "
                              f"{name}: Redis would hand the message to a second worker "
                              "while the first still has it")
    return timeout


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and check every setting; raise ConfigError naming the first bad variable."""
    env = os.environ if env is None else env
    data_dir = Path(_text(env, "DATA_DIR", "var")).expanduser().resolve()
    task_time_limit = _at_least(env, "TASK_TIME_LIMIT", 300, MIN_TASK_TIME_LIMIT)
    delivery_retry_seconds = _positive_int(env, "DELIVERY_RETRY_SECONDS", 60)
    lease = _lease(env, task_time_limit)
    return Settings(
        data_dir=data_dir,
        database_url=_database_url(env, data_dir),
        broker_url=_broker_url(env),
        s3=_s3(env),
        secret_key=_secret_key(env, data_dir),
        max_upload_mb=_positive_int(env, "MAX_UPLOAD_MB", 100),
        task_time_limit=task_time_limit,
        remedy_scale=_drafting_file("REMEDY_SCALE", _text(env, "REMEDY_SCALE"), load_scale,
                                    ScaleError),
        themes=_drafting_file("THEMES", _text(env, "THEMES"), load_themes, ThemesError),
        smtp=_smtp(env),
        delivery_retry_seconds=delivery_retry_seconds,
        session_hours=_positive_int(env, "SESSION_HOURS", 12),
        reminder_days=_positive_int(env, "REMINDER_DAYS", 7),
        sweep_at=_time_of_day("SWEEP_AT", _text(env, "SWEEP_AT"), clock_time(6, 0)),
        lease_seconds=lease,
        visibility_timeout=_visibility_timeout(env, task_time_limit, lease,
                                               delivery_retry_seconds),
        reconcile_seconds=_positive_int(env, "RECONCILE_SECONDS", 60),
    )


# Every variable the service reads, for docs and for checking docker-compose.yml.
VARIABLES = tuple(
    PREFIX + name
    for name in (
        "DATA_DIR",
        "DATABASE_URL",
        "BROKER_URL",
        "S3_ENDPOINT",
        "S3_ACCESS_KEY",
        "S3_SECRET_KEY",
        "S3_BUCKET",
        "S3_REGION",
        "S3_SECURE",
        "SECRET_KEY",
        "MAX_UPLOAD_MB",
        "TASK_TIME_LIMIT",
        "REMEDY_SCALE",
        "THEMES",
        "SMTP_HOST",
        "SMTP_PORT",
        "SMTP_USER",
        "SMTP_PASSWORD",
        "SMTP_TLS",
        "SMTP_FROM",
        "DELIVERY_RETRY_SECONDS",
        "SESSION_HOURS",
        "REMINDER_DAYS",
        "SWEEP_AT",
        "LEASE_SECONDS",
        "VISIBILITY_TIMEOUT",
        "RECONCILE_SECONDS",
    )
)

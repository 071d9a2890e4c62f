"""docker-compose.yml and the Dockerfile agree with the code, checked without a Docker engine.

The compose file is read as YAML and its `${VAR:-default}` forms are given their defaults, as
`docker compose` would with no `.env` file; the resulting environment is then fed to the real
settings loader.
"""

from __future__ import annotations

import fnmatch
import importlib
import importlib.util
import json
import re
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from flask import Flask

from casework.decisions import TEMPLATES_DIR
from wiring import VARIABLES, load_settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

APP_SERVICES = ("web", "worker", "migrate")

# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message}, $NAME, $$
_INTERPOLATION = re.compile(
    r"\$(?:(?P<escaped>\$)"
    r"|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


def interpolate(value: str, env: dict[str, str]) -> str:
    """Substitute variables the way compose does; `env` stands for the shell and `.env`."""

    def replace(match: re.Match) -> str:
        if match["escaped"]:
            return "$"
        name = match["braced"] or match["bare"]
        op, arg = match["op"], match["arg"] or ""
        value = env.get(name)
        missing = value is None or (value == "" and op is not None and op.startswith(":"))
        if not missing:
            return value
        if op in {"-", ":-"}:
            return arg
        if op in {"?", ":?"}:
            raise AssertionError(f"compose needs {name} set: {arg}")
        return ""

    return _INTERPOLATION.sub(replace, value)


def shell_expand(command: str, env: dict[str, str]) -> str:
    """What a container's shell makes of `$NAME` and `${NAME}` given its environment."""
    return re.sub(
        r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: env.get(m[1], ""), command
    )


@pytest.fixture(scope="module")
def compose_text() -> str:
    return COMPOSE_FILE.read_text()


@pytest.fixture(scope="module")
def compose(compose_text) -> dict:
    return yaml.safe_load(compose_text)


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def environment(service: dict, shell_env: dict[str, str] | None = None) -> dict[str, str]:
    """A service's environment with compose interpolation applied (list or mapping form)."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) if "=" in item else (item, "") for item in raw)
    return {
        str(name): interpolate(str(value), shell_env or {})
        for name, value in raw.items()
        if value is not None
    }


def command_words(service: dict) -> list[str]:
    """Entrypoint and command of a service as one list of words."""
    words: list[str] = []
    for key in ("entrypoint", "command"):
        part = service.get(key)
        if part is None:
            continue
        words.extend(shlex.split(part) if isinstance(part, str) else [str(w) for w in part])
    return words


def depends_on(service: dict) -> dict[str, str]:
    """Dependency name -> condition (the short list form means service_started)."""
    raw = service.get("depends_on") or {}
    if isinstance(raw, list):
        return {name: "service_started" for name in raw}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in raw.items()}


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in DOCKERFILE.read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def dockerfile_cmd() -> list[str]:
    commands = [args for keyword, args in dockerfile_instructions() if keyword == "CMD"]
    assert commands, "the Dockerfile has no CMD"
    # The exec (JSON) form: the server is PID 1 and receives stop signals itself.
    return json.loads(commands[-1])


def gunicorn_app(words: list[str]) -> str:
    assert words and words[0] == "gunicorn", words
    targets = [w for w in words[1:] if re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", w)]
    assert len(targets) == 1, f"expected one module:attribute in {words}"
    return targets[0]


# --- the compose file -----------------------------------------------------------------------


def test_every_service_is_there(services):
    for name in ("web", "worker", "migrate", "postgres", "redis", "minio"):
        assert name in services, f"docker-compose.yml has no {name} service"


def test_app_services_share_one_environment(services):
    web, worker, migrate = (environment(services[name]) for name in APP_SERVICES)
    assert web, "the web service sets no environment"
    assert web == worker == migrate
    # Shared through one YAML anchor, so they cannot drift apart.
    raw = [services[name]["environment"] for name in APP_SERVICES]
    assert raw[0] is raw[1] is raw[2]


def test_every_casework_variable_is_one_the_config_reads(compose_text, services):
    named = set(re.findall(r"\bCASEWORK_[A-Z0-9_]+", compose_text))
    assert named, "docker-compose.yml names no CASEWORK_* variable"
    unknown = named - set(VARIABLES)
    assert not unknown, f"wiring/_settings.py reads none of {sorted(unknown)}"
    for name in APP_SERVICES:
        for variable in environment(services[name]):
            assert variable in VARIABLES, f"{name} sets {variable}, which nothing reads"


def test_compose_environment_loads_in_services_mode(services, tmp_path):
    env = environment(services["web"])
    env["CASEWORK_DATA_DIR"] = str(tmp_path)
    settings = load_settings(env)

    assert settings.database_url.startswith("postgresql+psycopg://")
    assert settings.broker_url.startswith("redis://")
    assert not settings.embedded_broker
    assert settings.s3 is not None
    assert settings.s3.bucket == "casework"
    assert settings.s3.endpoint == "minio:9000"
    assert settings.s3.secure is False
    # The secret key comes from the environment: no container writes one to its data dir,
    # which would leave the web server and the workers each with a different key.
    assert len(settings.secret_key) >= 16
    assert not (tmp_path / "secret_key").exists()


def test_a_secret_key_from_the_shell_reaches_the_app(services, tmp_path):
    key = "a-long-random-secret-from-dot-env"
    env = environment(services["web"], {"CASEWORK_SECRET_KEY": key})
    env["CASEWORK_DATA_DIR"] = str(tmp_path)
    assert load_settings(env).secret_key == key


def test_urls_point_at_the_compose_services(services):
    env = environment(services["web"])
    for variable, service in (("CASEWORK_DATABASE_URL", "postgres"),
                              ("CASEWORK_BROKER_URL", "redis")):
        assert urlsplit(env[variable]).hostname == service
    assert env["CASEWORK_S3_ENDPOINT"].partition(":")[0] == "minio"


def test_database_credentials_match_postgres(services):
    url = urlsplit(environment(services["web"])["CASEWORK_DATABASE_URL"])
    postgres = environment(services["postgres"])
    assert url.username == postgres["POSTGRES_USER"]
    assert url.password == postgres["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == postgres["POSTGRES_DB"]
    # Overriding the password moves both sides together.
    changed = {"POSTGRES_PASSWORD": "another-password"}
    assert urlsplit(environment(services["web"], changed)["CASEWORK_DATABASE_URL"]).password == (
        environment(services["postgres"], changed)["POSTGRES_PASSWORD"])


def test_s3_credentials_match_minio(services):
    for shell_env in ({}, {"MINIO_ROOT_USER": "admin", "MINIO_ROOT_PASSWORD": "long-password"}):
        app = environment(services["web"], shell_env)
        minio = environment(services["minio"], shell_env)
        assert app["CASEWORK_S3_ACCESS_KEY"] == minio["MINIO_ROOT_USER"]
        assert app["CASEWORK_S3_SECRET_KEY"] == minio["MINIO_ROOT_PASSWORD"]
        assert len(minio["MINIO_ROOT_PASSWORD"]) >= 8  # MinIO refuses a shorter one


def test_redis_keeps_every_queued_task(services):
    words = command_words(services["redis"])
    assert words[0] == "redis-server"
    options = dict(zip(words[1::2], words[2::2], strict=False))
    assert options.get("--appendonly") == "yes"
    assert options.get("--maxmemory-policy") == "noeviction"


def test_the_bucket_is_created_at_start(services):
    bucket = environment(services["web"])["CASEWORK_S3_BUCKET"]
    creators = []
    for name, service in services.items():
        if name in APP_SERVICES:
            continue
        script = shell_expand(interpolate(" ".join(command_words(service)), {}),
                              environment(service))
        if re.search(rf"\bmc mb\b.*\b{re.escape(bucket)}\b", script):
            creators.append(name)
    assert len(creators) == 1, f"no service runs `mc mb` for bucket {bucket!r}"
    creator = creators[0]
    assert depends_on(services[creator]).get("minio") == "service_healthy"
    for name in ("web", "worker"):
        assert depends_on(services[name]).get(creator) == "service_completed_successfully"


def test_migrations_run_once_before_web_and_workers(services):
    migrate = services["migrate"]
    assert command_words(migrate) == ["casework", "db", "upgrade"]
    assert migrate.get("restart", "no") == "no"
    assert depends_on(migrate).get("postgres") == "service_healthy"
    for name in ("web", "worker"):
        assert depends_on(services[name]).get("migrate") == "service_completed_successfully"


def test_worker_runs_the_celery_worker(services):
    words = command_words(services["worker"])
    assert words[:2] == ["casework", "worker"]
    assert "--concurrency" in words
    # Scaling (`--scale worker=N`) needs no fixed container name and no published port.
    assert "container_name" not in services["worker"]
    assert "ports" not in services["worker"]


def test_app_services_run_one_image(services):
    images = {services[name].get("image") for name in APP_SERVICES}
    assert len(images) == 1 and None not in images
    for name in APP_SERVICES:
        assert services[name].get("build") in (".", {"context": "."})


def test_backing_services_are_healthchecked_and_keep_their_data(compose, services):
    declared = set(compose.get("volumes") or {})
    for name in ("postgres", "redis", "minio"):
        service = services[name]
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
        volumes = {str(v).split(":", 1)[0] for v in service.get("volumes", [])}
        assert volumes & declared, f"{name} keeps its data in no named volume"


def test_web_serves_the_wsgi_app_on_port_8000(services):
    web = services["web"]
    words = command_words(web) or dockerfile_cmd()
    module, _, attribute = gunicorn_app(words).partition(":")
    assert importlib.util.find_spec(module) is not None, f"no module {module}"
    assert attribute == "app"
    assert any(str(port).endswith(":8000") for port in web.get("ports", []))


# --- the image ------------------------------------------------------------------------------


def test_dockerfile_runs_gunicorn_as_a_service_user():
    instructions = dockerfile_instructions()
    keywords = [keyword for keyword, _ in instructions]
    assert instructions[0][0] == "FROM"
    assert re.fullmatch(r"python:3\.1[1-9]-slim\S*", instructions[0][1])
    assert ("EXPOSE", "8000") in instructions
    users = [args for keyword, args in instructions if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}
    # Nothing runs as root after the switch to the service user.
    assert "RUN" not in keywords[keywords.index("USER"):]

    words = dockerfile_cmd()
    assert "0.0.0.0:8000" in words
    module = gunicorn_app(words).partition(":")[0]
    assert importlib.util.find_spec(module) is not None


def test_dockerfile_installs_the_package_with_its_letter_templates():
    # The templates are package data, so a plain (not editable) install carries them.
    assert TEMPLATES_DIR.is_relative_to(ROOT / "casework")
    assert any(TEMPLATES_DIR.glob("*.docx"))
    installs = [args for keyword, args in dockerfile_instructions()
                if keyword == "RUN" and re.search(r"\bpip install\b.*\s\.(\s|$)", args)]
    assert installs and not any(re.search(r"(-e|--editable) \.", args) for args in installs)


def test_dockerignore_keeps_what_the_app_needs():
    patterns = [line.strip() for line in DOCKERIGNORE.read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    needed = ["pyproject.toml", "casework/decisions/templates/decision.docx", "wiring/_settings.py",
              "web/wsgi.py", "web/templates/layout.html", "web/static/casework.css",
              "storage/migrations/env.py", "commands/cli.py", "worker/tasks.py"]

    def ignored(path: str) -> bool:
        parts = path.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        return any(
            fnmatch.fnmatchcase(prefix, pattern.removeprefix("**/"))
            or fnmatch.fnmatchcase(prefix, pattern)
            for pattern in patterns if not pattern.startswith("!")
            for prefix in prefixes
        )

    for path in needed:
        assert not ignored(path), f".dockerignore leaves {path} out of the image"
    for path in (".venv/bin/python", ".git/HEAD", "var/casework.db", "web/assets/node_modules/x"):
        assert ignored(path), f".dockerignore sends {path} to the build"


# --- the WSGI module ------------------------------------------------------------------------


def test_wsgi_module_builds_the_app_from_the_environment(monkeypatch, tmp_path):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CASEWORK_DATA_DIR", str(tmp_path))
    monkeypatch.delitem(sys.modules, "web.wsgi", raising=False)

    module = importlib.import_module("web.wsgi")
    try:
        assert isinstance(module.app, Flask)
        assert module.app.extensions["casework.settings"].data_dir == tmp_path.resolve()
    finally:
        module.app.extensions["casework.storage"].engine.dispose()
        sys.modules.pop("web.wsgi", None)

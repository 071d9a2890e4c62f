"""`casework demo`, then `casework run` on a free port, exactly as `make run` does: for the
browser tests and for the README's screenshot."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.e2e.browsing import REPO
from tests.servers import free_port, wait_for_port


@contextlib.contextmanager
def demo_service(data_dir: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """The service's address while the `with` block runs, its data in `data_dir` (the run's
    log is there too); `env` adds to the environment, whose own CASEWORK_ settings are left
    out."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
    environment |= {"CASEWORK_DATA_DIR": str(data_dir)} | (env or {})
    casework = [sys.executable, "-m", "commands"]
    subprocess.run([*casework, "demo"], cwd=REPO, env=environment, check=True,
                   capture_output=True)
    port = free_port()
    log_path = data_dir / "run.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([*casework, "run", "--port", str(port)], cwd=REPO,
                                   env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port("127.0.0.1", port, timeout=30, process=process, log_path=log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()

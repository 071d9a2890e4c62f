"""LibreOffice on this machine: where it is, and how one document is converted by it.

LibreOffice is a system program (Debian's libreoffice-writer-nogui), not a Python package.
Decisions use it for their PDFs and the worker for old Word, RTF and OpenDocument evidence;
where it is missing each says so plainly instead of failing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# LibreOffice ends its first start on a new profile with this code, asking to be started
# again (its launcher, oosplash, does so; soffice.bin run directly leaves it to us).
RESTART_REQUESTED = 81


def office_program() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_binary(program: str) -> str:
    """soffice.bin behind the `soffice` launcher, so the pid we hold is the office itself."""
    binary = Path(os.path.realpath(program)).with_name("soffice.bin")
    return str(binary) if binary.is_file() else program


def convert_command(program: str, profile: Path, convert_to: str, source: Path) -> list[str]:
    """The command that writes `source` converted to `convert_to` beside it.

    A profile of its own (`profile`, a folder): concurrent conversions, the warm office and a
    user's own LibreOffice never share (and lock) one.
    """
    return [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", convert_to, "--outdir", str(source.parent), str(source)]

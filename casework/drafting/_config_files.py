"""Reading the drafting room's configuration files (the remedy scale, the themes): TOML."""

from __future__ import annotations

import tomllib
from pathlib import Path


def read_toml(path: Path, what: str, error: type[ValueError]) -> dict:
    """The file's data; `error` naming `what` it is when it cannot be read or parsed."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as problem:
        raise error(f"cannot read the {what} {path}: {problem}") from None

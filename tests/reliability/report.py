"""Print the reliability results as a Markdown table: `python -m tests.reliability.report`.

Reads CASEWORK_RELIABILITY_RESULTS (default var/reliability.json), which the scenarios in
this folder write a row each to. A value a scenario could not measure shows as "-", never 0.
"""

from __future__ import annotations

import json
import sys

from tests.reliability.conftest import RESULTS

COLUMNS = (
    ("fault or input", "fault"),
    ("times injected", "injected"),
    ("files lost", "lost"),
    ("files duplicated", "duplicated"),
    ("worst s to terminal", "worst_seconds"),
    ("peak worker RSS MiB", "peak_rss_mib"),
    ("size", "size"),
    ("result", "status"),
    ("note", "note"),
)


def _cell(value) -> str:
    text = "-" if value is None or value == "" else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(title for title, _ in COLUMNS) + " |",
             "|" + "---|" * len(COLUMNS)]
    for entry in rows:
        lines.append("| " + " | ".join(_cell(entry.get(key)) for _, key in COLUMNS) + " |")
    return "\n".join(lines)


def main() -> int:
    if not RESULTS.exists():
        print(f"no results at {RESULTS}: run `make reliability` first", file=sys.stderr)
        return 1
    rows = list(json.loads(RESULTS.read_text()).values())
    print(table(rows))
    # Non-zero when any row failed or could not run, so `make reliability` says so too.
    return 0 if rows and all(entry.get("status") == "pass" for entry in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

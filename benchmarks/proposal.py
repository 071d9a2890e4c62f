"""Anonymisation proposal benchmark: the map of a case read from each file's stored facts,
against the same map read from every page and entity of the case (how files processed before
the facts were kept are still read).

    python -m benchmarks.proposal [--files 400] [--pages 5] [--rounds 7]

Builds two cases of `--files` processed files of `--pages` pages each in one SQLite database
(embedded mode), written by the project's own models, identical but for the stored facts.
Times `reviewed_map` on each in interleaved rounds, each in a fresh session, and prints the
median, min and max of each and the ratio. The two maps must be the same.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from casework.cases import create_case
from casework.publication import facts_of_file, reviewed_map
from casework.users import create_user
from storage.models import Case, Evidence, EvidenceEntity, EvidencePage
from vocabulary import EntityLabel, EvidenceStatus
from wiring import load_settings, storage_for

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 6, 1)


def page_text(file: int, page: int) -> tuple[str, list[tuple[str, int]]]:
    """A page of clinical notes naming two people; (text, [(name, offset)])."""
    lines, names = [], []
    for line in range(12):
        doctor = f"Dr Sarah Jones{file % 7}" if line % 2 else f"Nurse Amy Patel{page}"
        lead = f"On {1 + line} March 2026 "
        offset = sum(len(x) + 1 for x in lines) + len(lead) + len(doctor.split()[0]) + 1
        names.append((doctor.split(" ", 1)[1], offset))
        lines.append(f"{lead}{doctor} saw Mrs Bench Example (NHS number 943 476 5919) on "
                     f"Ward {line}; she asked to be called on 01632 960 {file % 1000:03d}.")
    return "\n".join(lines), names


def build(data_dir: Path, files: int, pages: int) -> tuple[int, int]:
    """(the case with facts, the case without): alike in every other way."""
    env = {"CASEWORK_DATA_DIR": str(data_dir)}
    subprocess.run([sys.executable, "-m", "commands", "db", "upgrade"], cwd=REPO, check=True,
                   env=os.environ | env, capture_output=True)
    storage = storage_for(load_settings(env))
    with storage.sessions() as session:
        user = create_user(session, "bench@example.org", "a-long-benchmark-password",
                           "investigator")
        cases = [create_case(session, user, "Mrs Bench Example", "Bench Hospital Trust")
                 for _ in range(2)]
        session.commit()
        for with_facts, case in zip((True, False), cases, strict=True):
            for n in range(files):
                session.add(processed_file(case, n, pages, with_facts))
            session.commit()
        ids = cases[0].id, cases[1].id
    storage.engine.dispose()
    return ids


def processed_file(case: Case, n: int, pages: int, with_facts: bool) -> Evidence:
    texts, entities = {}, []
    for number in range(1, pages + 1):
        texts[number], names = page_text(n, number)
        entities += [EvidenceEntity(label=EntityLabel.PERSON, text=name, value=name,
                                    page=number, start=start, end=start + len(name))
                     for name, start in names]
    return Evidence(
        case_id=case.id, filename=f"notes-{n:05d}.pdf", media_type="application/pdf",
        sha256=f"{case.id:08d}{n:056d}", size=1, object_key=f"bench/{case.id}/{n}",
        status=EvidenceStatus.PROCESSED, page_count=pages, entities=entities,
        pages=[EvidencePage(number=k, text=text) for k, text in texts.items()],
        identifying_facts=facts_of_file(texts, entities).stored() if with_facts else None)


def timed_map(storage, case_id: int):
    with storage.sessions() as session:
        started = time.perf_counter()
        mapping = reviewed_map(session, session.get(Case, case_id), TODAY)
        return time.perf_counter() - started, mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as folder:
        data_dir = Path(folder) / "var"
        data_dir.mkdir()
        stored_case, reread_case = build(data_dir, args.files, args.pages)
        storage = storage_for(load_settings({"CASEWORK_DATA_DIR": str(data_dir)}))
        samples: dict[str, list[float]] = {"stored": [], "reread": []}
        maps = {}
        for _ in range(args.rounds):
            for name, case_id in (("reread", reread_case), ("stored", stored_case)):
                seconds, maps[name] = timed_map(storage, case_id)
                samples[name].append(seconds)
        storage.engine.dispose()
    if maps["stored"].people != maps["reread"].people or \
            set(maps["stored"].identifiers) != set(maps["reread"].identifiers):
        raise SystemExit("the two maps differ: the stored facts are not what the pages say")
    print(f"Anonymisation proposal, {args.files} files of {args.pages} pages "
          f"({args.files * args.pages:,} pages), {args.rounds} interleaved rounds:")
    for name, label in (("reread", "pages read again"), ("stored", "stored facts")):
        runs = samples[name]
        print(f"  {label:<17} median {statistics.median(runs):.2f} s, "
              f"min {min(runs):.2f} s, max {max(runs):.2f} s")
    ratio = statistics.median(samples["reread"]) / statistics.median(samples["stored"])
    print(f"  stored facts {ratio:.1f}x faster; {len(maps['stored'].people)} people, "
          f"{len(maps['stored'].identifiers)} identifiers in the map")


if __name__ == "__main__":
    main()

"""The evidence pipeline's throughput: the files uploaded each quarter, how many the
workers processed and how many failed."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from casework.insight._figure import Column, Figure, rate
from casework.insight._period import InsightFilter, quarter_label, quarters_between
from storage.models import Case, Evidence
from vocabulary import EvidenceStatus


def evidence_throughput(session: Session, criteria: InsightFilter) -> Figure:
    """Files uploaded in the period (to the organisation's cases when one is asked for), by
    quarter and by where they stand. A theme does not narrow it: files have none."""
    year, month = extract("year", Evidence.created_at), extract("month", Evidence.created_at)
    query = (select(year, month, Evidence.status, func.count(Evidence.id))
             .where(Evidence.created_at >= criteria.start_moment,
                    Evidence.created_at < criteria.end_moment)
             .group_by(year, month, Evidence.status))
    if criteria.organisation_id is not None:
        query = query.join(Case, Case.id == Evidence.case_id).where(
            Case.organisation_id == criteria.organisation_id)
    counts: dict[str, Counter] = {label: Counter()
                                  for label in quarters_between(criteria.start, criteria.end)}
    for in_year, in_month, status, count in session.execute(query):
        counts.setdefault(quarter_label(int(in_year), int(in_month)), Counter())[status] += count
    rows = []
    for label, tally in counts.items():
        done = tally[EvidenceStatus.PROCESSED] + tally[EvidenceStatus.DUPLICATE]
        failed = tally[EvidenceStatus.FAILED]
        rows.append((label, sum(tally.values()), done, failed, rate(failed, done + failed)))
    uploaded = sum(row[1] for row in rows)
    failed = sum(row[3] for row in rows)
    said = (f"{uploaded} files were uploaded in the period; {failed} failed to process."
            if uploaded else "No files were uploaded in the period.")
    return Figure(
        "evidence-throughput", "Evidence processing", said,
        (Column("quarter", "Quarter", "text"), Column("uploaded", "Uploaded"),
         Column("processed", "Processed"), Column("failed", "Failed"),
         Column("failure_rate", "Failure rate", "percent")),
        tuple(rows), bars=("processed", "failed"), stacked=True)

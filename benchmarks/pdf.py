"""PDF benchmark: a decision converted by a cold LibreOffice (started per document) and by the
process's warm one.

    python -m benchmarks.pdf [--rounds N] [--points N]

Converts the same decision .docx (rendered from our template, `--points` complaint points
each with a finding) in interleaved rounds, cold then warm, so both see the same machine.
Prints the median, min and max seconds of each and the ratio. Goal: warm >= 5x faster.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import pypdfium2

from casework.decisions import (
    DECISION_TEMPLATE,
    ColdOffice,
    WarmOffice,
    docx_to_pdf,
    office_program,
    render_docx,
    sample_context,
)

# Every conversion is bounded; a stuck office ends the run with its reason.
CONVERSION_TIMEOUT_S = 60
GOAL_RATIO = 5.0


def decision_docx(points: int) -> bytes:
    """Our decision template with `points` complaint points and as many events."""
    context = sample_context()
    [point], [event] = context["points"], context["events"]
    context["points"] = [
        {**point, "number": n, "findings": [{**finding, "number": n}
                                            for finding in point["findings"]]}
        for n in range(1, points + 1)
    ]
    context["events"] = [event] * points
    return render_docx(DECISION_TEMPLATE, context)


def timed_conversion(document: bytes, office) -> float:
    started = time.perf_counter()
    pdf = docx_to_pdf(document, timeout_s=CONVERSION_TIMEOUT_S, office=office)
    seconds = time.perf_counter() - started
    if not pdf.startswith(b"%PDF"):
        raise SystemExit("the conversion did not give a PDF")
    return seconds


def summary(name: str, samples: list[float]) -> str:
    return (f"  {name:<6} median {statistics.median(samples):.2f} s, "
            f"min {min(samples):.2f} s, max {max(samples):.2f} s over {len(samples)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--points", type=int, default=6)
    args = parser.parse_args()

    program = office_program()
    if program is None:
        sys.exit("LibreOffice is not installed (Debian package: libreoffice-writer-nogui)")
    document = decision_docx(args.points)
    cold, warm = ColdOffice(program), WarmOffice(program)
    try:
        # The first warm conversion starts the office: outside the timing, as in a server
        # that has converted once.
        first = docx_to_pdf(document, timeout_s=CONVERSION_TIMEOUT_S, office=warm)
        if warm.office_pid is None:
            sys.exit("the warm LibreOffice cannot start here (Debian package: python3-uno)")
        pages = len(pypdfium2.PdfDocument(first))
        print(f"decision: {len(document):,} bytes .docx, {pages} PDF pages, "
              f"{args.points} complaint points")
        cold_s, warm_s = [], []
        for _ in range(args.rounds):
            cold_s.append(timed_conversion(document, cold))
            warm_s.append(timed_conversion(document, warm))
    finally:
        warm.close()

    ratio = statistics.median(cold_s) / statistics.median(warm_s)
    print("docx to PDF, seconds per document (rounds interleaved cold, warm)")
    print(summary("cold", cold_s))
    print(summary("warm", warm_s))
    met = "met" if ratio >= GOAL_RATIO else "NOT met"
    print(f"  warm is {ratio:.1f}x faster than cold   goal >= {GOAL_RATIO:.1f}x: {met}")


if __name__ == "__main__":
    main()

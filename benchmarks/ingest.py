"""Ingest benchmark: extraction and NLP against their baselines, in one run, plus latency.

    python -m benchmarks.ingest [--corpus DIR] [--rounds N]

Prints, for 20 PDFs it generates and the real-world corpus when one is found (the folder
it read is named; without one, no goal line is printed):
  pages/s  raw pypdfium2 text (the limit) | our extraction as the worker runs it, isolated,
           and in this process | pdfplumber text alone | our page images (a picture, a
           thumbnail and the words' places), isolated, drawn after the text is saved
  pages/s  bare Tesseract on scanned page images | our path for the same pages as a scan
  words/s  spaCy NER alone | our NLP steps (classify, entities, chronology)
  seconds  upload to processed for a 10-page text PDF in embedded mode, real worker
  macro-F1 of the document classifier on a held-out split of its training corpus, and
           on the hand-written evaluation set, long and short files apart, beside the figures
           before it learned from the generated corpus
  P/R/F1   people and organisations on annotated sentences, beside the figures before
  and, for the folder's every file, whether it was read or refused with a reason.
Contenders run in interleaved rounds (baseline, ours, baseline, ...); rates are medians with
the slowest and fastest round. Every wait is bounded.
Goals: isolated extraction >= 0.5x raw pypdfium2; NLP within 1.25x NER alone; latency <= 2 s.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2

from casework.evidence import PDF, sniff_media_type
from commands.sample_files import text_pdf
from worker.extract.ocr import ocr_available

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
LATENCY_TIMEOUT_S = 120

SENTENCES = [
    "On {d} March 2026 Dr Sarah Jones of Northtown Hospitals NHS Foundation Trust reviewed "
    "Mrs Ada Lovelace, NHS number 943 476 5919, on Ward {d}.",
    "The Trust wrote to the family at 12 Example Road, Northtown NT1 {d}AB, on {d} April 2026.",
    "Mr Ben Example paid £{d}50.00 for private physiotherapy and asked for it to be refunded.",
    "The complaints team did not reply within 25 working days, contrary to its own policy.",
]


def generated_pdfs(count: int = 20, pages: int = 10) -> list[bytes]:
    """Text PDFs of realistic complaint prose, `pages` pages each."""
    files = []
    for n in range(count):
        lines = [s.format(d=(n + i) % 27 + 1) for i, s in enumerate(SENTENCES * 8)]
        files.append(text_pdf([lines[i::pages] for i in range(pages)]))
    return files


def corpus_pdfs(folder: Path) -> list[bytes]:
    """Readable PDFs from a folder (encrypted, empty and broken ones are left out)."""
    found = []
    for path in sorted(folder.rglob("*.pdf")):
        content = path.read_bytes()
        if sniff_media_type(io.BytesIO(content)) != PDF:
            continue
        try:
            pypdfium2.PdfDocument(content).close()
        except pypdfium2.PdfiumError:
            continue
        found.append(content)
    return found


def interleaved(contenders: dict[str, Callable[[], int]], rounds: int) -> dict[str, Timing]:
    """Each contender once per round, in turn (baseline, ours, baseline, ...), so a machine
    that slows down or speeds up mid-run slows them all alike; medians, never the best."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    units: dict[str, int] = {}
    for _ in range(rounds):
        for name, function in contenders.items():
            started = time.perf_counter()
            units[name] = function()
            samples[name].append(time.perf_counter() - started)
    return {name: Timing(units[name], samples[name]) for name in contenders}


@dataclass(frozen=True)
class Timing:
    units: int  # processed in one round
    seconds: list[float]  # one per round

    def rate(self, pick=statistics.median) -> float:
        return self.units / pick(self.seconds)

    def row(self, name: str, unit: str, baseline: Timing | None, goal: str = "") -> str:
        ratio = f"{self.rate() / baseline.rate():5.2f}x" if baseline else "  1.00x"
        # The fastest round has the highest rate, the slowest the lowest.
        spread = f"(min {_rate(self.rate(max))}, max {_rate(self.rate(min))})"
        return (f"  {name:<48} {_rate(self.rate()):>8} {unit} {spread:<24} {ratio}"
                + (f"   {goal}" if goal else ""))


def _rate(rate: float) -> str:
    return f"{rate:,.0f}" if rate >= 10 else f"{rate:.2f}"


def pdfium_page_texts(content: bytes) -> list[str]:
    """Each page's text as raw pypdfium2 gives it."""
    document = pypdfium2.PdfDocument(content)
    texts = [page.get_textpage().get_text_range() for page in document]
    document.close()
    return texts


def raw_pdfium(files: list[bytes]) -> int:
    return sum(len(pdfium_page_texts(content)) for content in files)


def plumber_text(files: list[bytes]) -> int:
    pages = 0
    for content in files:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return pages


def our_extraction(files: list[bytes]) -> int:
    from worker.extract import extract

    return sum(len(extract(PDF, content).pages) for content in files)


def our_isolated_extraction(files: list[bytes]) -> int:
    """As the worker runs it: each file in the isolated extraction process."""
    from worker.extract import run_isolated

    return sum(len(run_isolated(PDF, content, 120, 1536).pages) for content in files)


def our_isolated_page_images(files: list[bytes]) -> int:
    """Pictures of the pages as the worker draws them, after the text, in the child."""
    from worker.extract import render_isolated

    return sum(len(render_isolated(PDF, content, 120, 1536).pages) for content in files)


def scanned_pages(content: bytes, pages: int) -> list:
    """The first pages of a text PDF as 200-dpi greyscale images, as a scanner gives them."""
    document = pypdfium2.PdfDocument(content)
    images = [document[i].render(scale=200 / 72, grayscale=True).to_pil()
              for i in range(min(pages, len(document)))]
    document.close()
    return images


def scanned_pdf(images: list) -> bytes:
    """A PDF of page images and no text layer."""
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=200)
    return out.getvalue()


def bare_tesseract(images: list) -> int:
    import pytesseract

    for image in images:
        pytesseract.image_to_string(image, lang="eng")
    return len(images)


def our_scanned_extraction(content: bytes) -> int:
    from worker.extract import run_isolated

    return len(run_isolated(PDF, content, 300, 1536).pages)


def page_texts(files: list[bytes]) -> list[list[str]]:
    from worker.extract import extract

    return [list(extract(PDF, content).pages) for content in files]


def ner_alone(documents: list[list[str]]) -> int:
    """spaCy's entity recogniser and nothing else: the model with every other part left out."""
    from worker.nlp import load_pipeline

    nlp = load_pipeline()
    words = 0
    for pages in documents:
        for _doc in nlp.pipe(pages, batch_size=64):
            pass
        # Whitespace words, the same unit as our_nlp counts.
        words += sum(len(page.split()) for page in pages)
    return words


def our_nlp(documents: list[list[str]]) -> int:
    """The pipeline's three language steps, as the worker runs them."""
    from worker.nlp import classify, find_entities, find_events
    from worker.pipeline.language import CLASSIFY_CHARACTERS

    words = 0
    for pages in documents:
        classify("\n".join(pages)[:CLASSIFY_CHARACTERS])
        find_entities(pages)
        find_events(pages)
        words += sum(len(page.split()) for page in pages)
    return words


def entity_scores() -> str:
    """People's and organisations' precision, recall and F1 on the annotated sentences
    (benchmarks/entity_scores.py), beside those of the rules before they were scored."""
    from benchmarks.entity_scores import score_rows

    return "entities: people and organisations, exact spans\n" + "\n".join(score_rows())


# The classifier's figures on the evaluation set before the generated corpus and cue words,
# (macro-F1, share typed) by group: main's classifier at 61e3e77, measured with the command
# in README.md ("Document types").
CLASSIFIER_BEFORE = {"long": (0.924, 0.917), "short": (0.644, 0.533)}


def classifier_evaluation() -> list[str]:
    """The classifier on the hand-written evaluation set, each group beside its figures before."""
    from worker.nlp import load_classifier
    from worker.nlp.evaluation import GOAL_MACRO_F1, GOAL_TYPED_SHARE, evaluate

    lines = [f"classifier on the hand-written evaluation set (goal: macro-F1 >= {GOAL_MACRO_F1}, "
             f">= {GOAL_TYPED_SHARE:.0%} typed, in each group)"]
    for group, score in evaluate(load_classifier()).items():
        f1_before, typed_before = CLASSIFIER_BEFORE[group]
        lines.append(f"  {group:<5} files ({score.documents}): macro-F1 {score.macro_f1:.3f}, "
                     f"{score.typed_share:.0%} typed; before {f1_before:.3f}, "
                     f"{typed_before:.0%} typed; goal {'met' if score.meets_goal else 'NOT met'}")
    return lines


def check_corpus(folder: Path) -> None:
    """Every file read in the worker's isolated way: extracted, or refused with a reason."""
    from worker.extract import ExtractionError, run_isolated

    read, refused, slowest = 0, [], 0.0
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".md"):
        content = path.read_bytes()
        media_type = sniff_media_type(io.BytesIO(content))
        started = time.perf_counter()
        try:
            if media_type is None:
                raise ExtractionError("refused at upload: not a supported type")
            run_isolated(media_type, content, 120, 1536)
            read += 1
        except ExtractionError as error:
            refused.append(f"{path.name}: {error}")
        slowest = max(slowest, time.perf_counter() - started)
    print(f"corpus check: {read} read, {len(refused)} refused with a reason, "
          f"slowest {slowest:.2f} s")
    for line in refused:
        print(f"  {line}")


def latency(rounds: int) -> list[float]:
    """Upload-to-processed seconds for a 10-page PDF, embedded mode, real worker process."""
    from casework.users import create_token, create_user
    from storage.db import upgrade_database
    from web import create_app
    from wiring import load_settings

    with tempfile.TemporaryDirectory() as data_dir:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
        env["CASEWORK_DATA_DIR"] = data_dir
        settings = load_settings(env)
        upgrade_database(settings.database_url)
        app = create_app(settings, test_config={"TESTING": True})
        with app.extensions["casework.storage"].sessions() as session:
            token = create_token(session, create_user(session, "bench@example.org",
                                                      "benchmark-password", "investigator"))
            session.commit()
        headers = {"Authorization": f"Bearer {token}"}
        client = app.test_client()
        case = client.post("/api/v1/cases", headers=headers, json={
            "complainant_name": "Bench", "organisation_name": "Bench Trust"}).json
        worker = subprocess.Popen([sys.executable, "-m", "commands", "worker", "--quiet"],
                                  cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            # The first file warms the worker up (model loading); it is not counted.
            samples = []
            for n, content in enumerate(generated_pdfs(rounds + 1, pages=10)):
                started = time.perf_counter()
                item = client.post(f"/api/v1/cases/{case['id']}/evidence", headers=headers,
                                   data={"file": [(io.BytesIO(content), f"{n}.pdf")]},
                                   content_type="multipart/form-data").json["items"][0]
                deadline = time.monotonic() + LATENCY_TIMEOUT_S
                while client.get(f"/api/v1/evidence/{item['id']}",
                                 headers=headers).json["status"] in {"queued", "processing"}:
                    if worker.poll() is not None:
                        raise SystemExit(f"the worker stopped (exit {worker.returncode})")
                    if time.monotonic() > deadline:
                        raise SystemExit(f"a file was not processed in {LATENCY_TIMEOUT_S} s")
                    time.sleep(0.02)
                if n:
                    samples.append(time.perf_counter() - started)
            return samples
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
            app.extensions["casework.storage"].engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    files = generated_pdfs()
    real_world = args.corpus.is_dir()
    if real_world:
        files += corpus_pdfs(args.corpus)
        print(f"corpus: {len(files)} PDFs (20 generated + the real-world ones in "
              f"{args.corpus.resolve()})")
    else:
        print(f"corpus: {len(files)} generated PDFs only; no real-world corpus at "
              f"{args.corpus.resolve()} (--corpus DIR), so no goal is checked")

    def goal(text: str) -> str:
        return text if real_world else ""

    our_isolated_extraction(files[:1])  # start the extraction server outside the timing
    extraction = interleaved({
        "raw": lambda: raw_pdfium(files),
        "isolated": lambda: our_isolated_extraction(files),
        "in process": lambda: our_extraction(files),
        "page images": lambda: our_isolated_page_images(files),
    }, args.rounds)
    raw = extraction["raw"]
    print(f"extraction, {raw.units} pages, median of {args.rounds} interleaved rounds")
    print(raw.row("raw pypdfium2 text (the limit)", "pages/s", None))
    print(extraction["isolated"].row("our extraction, isolated as the worker runs it",
                                     "pages/s", raw, goal("goal >= 0.50x")))
    print(extraction["in process"].row("our extraction in this process", "pages/s", raw))
    print(extraction["page images"].row("our page images, isolated (a step after the text)",
                                         "pages/s", raw))
    print(interleaved({"plumber": lambda: plumber_text(files)}, 1)["plumber"].row(
        "pdfplumber text alone (one round)", "pages/s", raw))
    if ocr_available():
        scans = scanned_pages(files[0], pages=4)
        scanned = scanned_pdf(scans)
        ocr = interleaved({"tesseract": lambda: bare_tesseract(scans),
                           "ours": lambda: our_scanned_extraction(scanned)}, args.rounds)
        print(f"OCR, {len(scans)} scanned pages, median of {args.rounds} interleaved rounds")
        print(ocr["tesseract"].row("bare Tesseract on the page images", "pages/s", None))
        print(ocr["ours"].row("our scanned-PDF path, isolated", "pages/s", ocr["tesseract"]))
    else:
        print("OCR: Tesseract is not installed; no OCR row")

    documents = page_texts(files)
    ner_alone(documents[:1])  # load the model outside the timing
    our_nlp(documents[:1])
    language = interleaved({"ner": lambda: ner_alone(documents),
                            "ours": lambda: our_nlp(documents)}, args.rounds)
    ner, ours = language["ner"], language["ours"]
    print(f"language, {ner.units} words, median of {args.rounds} interleaved rounds")
    print(ner.row("spaCy NER alone", "words/s", None))
    print(ours.row("our NLP steps", "words/s", ner,
                   f"time {ner.rate() / ours.rate():.2f}x NER" + goal(", goal <= 1.25x")))

    from worker.nlp import train

    report = train([], None)
    print(f"classifier: macro-F1 {report.macro_f1:.3f} on {report.held_out} held-out documents "
          f"({report.trained_on} trained, {report.seconds:.1f} s)")
    print(entity_scores())
    print("\n".join(classifier_evaluation()))

    if real_world:
        check_corpus(args.corpus)

    samples = latency(max(args.rounds, 5))
    print("latency, 10-page text PDF, upload to processed (embedded mode, real worker)")
    print(f"  median {statistics.median(samples):.2f} s, min {min(samples):.2f} s, "
          f"max {max(samples):.2f} s over {len(samples)}   " + goal("goal <= 2.00 s"))


if __name__ == "__main__":
    main()

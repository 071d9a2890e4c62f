import hashlib
import io

from benchmarks.ingest import generated_pdfs
from benchmarks.throughput import stamped
from casework.evidence import PDF, sniff_media_type
from worker.extract import extract


def test_each_round_uploads_new_bytes_that_read_the_same():
    original = generated_pdfs(count=2, pages=2)
    rounds = [stamped(original, f"round {n}") for n in range(2)]
    hashes = {hashlib.sha256(content).hexdigest() for files in [original, *rounds]
              for content in files}
    assert len(hashes) == 6
    for content, copy in zip(original, rounds[1], strict=True):
        assert sniff_media_type(io.BytesIO(copy)) == PDF
        assert extract(PDF, copy).pages == extract(PDF, content).pages

"""PDF page text with pdfplumber."""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from worker.extract.errors import ExtractionError


def extract_pdf_pages(content: bytes) -> list[str]:
    try:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            return [page.extract_text() or "" for page in pdf.pages]
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ExtractionError("encrypted: the PDF needs a password to open") from error
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ExtractionError("encrypted: the PDF needs a password to open") from error
        raise ExtractionError(f"the PDF is damaged and could not be read ({cause})") from error
    except Exception as error:
        raise ExtractionError(f"the PDF is damaged and could not be read ({error})") from error

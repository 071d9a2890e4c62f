"""The noise of real files: page furniture, wrapped lines, OCR misreadings, capitals."""

from __future__ import annotations

import random
import textwrap

from worker.nlp.corpus._fillers import fill

FURNITURE = (
    "Page {n} of {n}{n}", "- {n} -", "CONFIDENTIAL", "Printed {date} {time} by {first}",
    "RECEIVED {date}", "Scanned by {first} {surname}", "OFFICIAL - SENSITIVE",
    "Fax from 01632 960{n}{n}{n}   {date}", "{ref}", "Continued overleaf",
    "This email and any attachments are confidential.", "Copy",
)
# Letters a scanner confuses: what it saw, and what it read.
MISREADINGS = (("rn", "m"), ("l", "1"), ("O", "0"), ("e", "c"), ("i", "l"), ("h", "b"),
               ("cl", "d"), ("t", "f"), (" ", ""), ("a", "o"), ("m", "rn"), ("S", "5"))
LINES_PER_PAGE = 45


def wrap(lines: list[str], rng: random.Random) -> list[str]:
    """Long lines wrapped at a width a page or a window would give them."""
    width = rng.randint(55, 100)
    wrapped = []
    for line in lines:
        wrapped += textwrap.wrap(line, width) if len(line) > width and "\t" not in line else [line]
    return wrapped


def paginate(lines: list[str], rng: random.Random) -> list[str]:
    """Page headers and footers every page or so, as a PDF's text has them."""
    header = fill(rng.choice(FURNITURE), rng) if rng.random() < 0.5 else None
    footer = rng.choice(("Page {page}", "Page {page} of {pages}", "- {page} -", "{page}"))
    pages = max(1, -(-len(lines) // LINES_PER_PAGE))
    out = []
    for page in range(pages):
        if header and page:
            out.append(header)
        out += lines[page * LINES_PER_PAGE:(page + 1) * LINES_PER_PAGE]
        out.append(footer.format(page=page + 1, pages=pages))
    return out


def misread(text: str, rng: random.Random, rate: float) -> str:
    """The text as a poor scan reads it: about `rate` of its words misread."""
    words = text.split(" ")
    for index, word in enumerate(words):
        if word and rng.random() < rate:
            seen, read = rng.choice(MISREADINGS)
            words[index] = word.replace(seen, read, 1)
    return " ".join(words)


def add_noise(lines: list[str], rng: random.Random) -> str:
    """One document's text with the noise a file of its kind might carry."""
    lines = wrap(lines, rng) if rng.random() < 0.7 else lines
    if len(lines) > 12 or rng.random() < 0.15:
        lines = paginate(lines, rng)
    if rng.random() < 0.1:
        lines = [line.upper() for line in lines]
    elif rng.random() < 0.1:
        lines = [line.lower() for line in lines]
    text = "\n".join(lines)
    if rng.random() < 0.25:
        text = misread(text, rng, rate=rng.choice((0.02, 0.05, 0.1)))
    return text

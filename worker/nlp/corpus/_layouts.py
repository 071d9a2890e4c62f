"""Layouts: how a document's title, body and closing are set out as lines of text.

Each layout takes a type's bank, a random source and how many body items to use, and
returns lines, so that one type comes as a letter, an email, a form, a note or a table.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable

from worker.nlp.corpus._bank import TypeBank
from worker.nlp.corpus._fillers import address, fill

Layout = Callable[[TypeBank, random.Random, int], list[str]]

HEADINGS = ("Introduction", "Background", "Findings", "Conclusion", "Summary", "Details",
            "Next steps", "Purpose", "Scope", "Discussion", "What happened", "Actions")
SALUTATIONS = ("Dear {person}", "Dear Sir or Madam", "Dear {first}", "To whom it may concern",
               "Dear Colleague", "Dear Ombudsman")
SENDERS = ("{first}.{surname}@example.org", "{first} {surname} <{first}.{surname}@example.org>",
           "{first} {surname}", "{role} <team@{town}.example.nhs.uk>",
           "{org} <info@example.gov.uk>")
GREETINGS = ("Hi {first},", "Hello,", "Dear {person},", "{first},", "Good morning,")


def _items(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """`count` body items, drawn afresh (a long document repeats the bank's items)."""
    return [fill(rng.choice(bank.body), rng) for _ in range(count)]


def _paragraphs(items: list[str], rng: random.Random) -> list[str]:
    lines: list[str] = []
    while items:
        size = rng.randint(1, 4)
        lines += [" ".join(items[:size]), ""]
        items = items[size:]
    return lines


def _title(bank: TypeBank, rng: random.Random) -> str:
    return fill(rng.choice(bank.titles), rng)


def _closing(bank: TypeBank, rng: random.Random) -> list[str]:
    return [fill(rng.choice(bank.closings), rng)] if bank.closings else []


def letter(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """A letter: letterhead, address, date, salutation, paragraphs, sign-off."""
    lines = [fill("{org}", rng)] + address(rng) if rng.random() < 0.6 else []
    if rng.random() < 0.5:
        lines += ["", fill("{person}", rng)] + address(rng)
    lines += ["", fill(rng.choice(("{date}", "Date: {date}", "Our ref: {ref}   {date}")), rng), ""]
    lines += [fill(rng.choice(SALUTATIONS), rng), ""]
    if rng.random() < 0.6:
        lines += [_title(bank, rng), ""]
    return lines + _paragraphs(_items(bank, rng, count), rng) + _closing(bank, rng) + [
        "", fill("{person}", rng)]


def email(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """An email with its headers, a greeting, the body and a signature."""
    lines = ["From: " + fill(rng.choice(SENDERS), rng),
             fill(rng.choice(("Sent: {date} {time}", "Date: {date}")), rng),
             "To: " + fill(rng.choice(SENDERS), rng), "Subject: " + _title(bank, rng), ""]
    if rng.random() < 0.3:
        lines.insert(3, fill("Cc: {first} {surname}", rng))
    lines += [fill(rng.choice(GREETINGS), rng), ""] + _paragraphs(_items(bank, rng, count), rng)
    return lines + _closing(bank, rng) + [fill("{first}", rng)]


def form(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """A form: labelled fields, the body items as answers."""
    lines = [_title(bank, rng), "", fill("Name: {person}", rng), fill("Reference: {ref}", rng),
             fill("Date: {date}", rng)]
    for item in _items(bank, rng, count):
        lines += [f"{rng.choice(HEADINGS)}:", item]
    return lines


def plain(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """Paragraphs, with a title half the time."""
    lines = [_title(bank, rng), ""] if rng.random() < 0.5 else []
    return lines + _paragraphs(_items(bank, rng, count), rng) + (
        _closing(bank, rng) if rng.random() < 0.5 else [])


def sections(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """A title, then numbered headings each with a paragraph."""
    lines = [_title(bank, rng), fill(rng.choice(("Reference {ref}", "{date}", "")), rng), ""]
    items = _items(bank, rng, count)
    number = 1
    while items:
        size = rng.randint(1, 3)
        lines += [f"{number}. {rng.choice(HEADINGS)}", " ".join(items[:size]), ""]
        items, number = items[size:], number + 1
    return lines + _closing(bank, rng)


def numbered(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """A title and numbered paragraphs: 3.1, 3.2, ..."""
    chapter = rng.randint(1, 9)
    return [_title(bank, rng), ""] + [
        f"{chapter}.{index} {item}" for index, item in enumerate(_items(bank, rng, count), 1)]


def note(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """Dated entries, each signed: a running record."""
    lines = [_title(bank, rng)] if rng.random() < 0.6 else []
    for item in _items(bank, rng, count):
        stamp = fill(rng.choice(("{date} {time}", "{date}", "{time}")), rng)
        lines.append(f"{stamp}  {item}  " + (_closing(bank, rng) or [""])[0])
    return lines


def chart(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """A chart: a header row of columns, then dated rows."""
    lines = [_title(bank, rng), fill("Name: {person}   Hosp no: {ref}", rng),
             "Date\tTime\tEntry\tInit"]
    for item in _items(bank, rng, count):
        lines.append(fill("{date}\t{time}\t", rng) + item + "\t" + rng.choice(("AB", "KL", "RN")))
    return lines


def table(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """A title, who it is for, then rows: statements, invoices, rotas."""
    lines = [_title(bank, rng), fill(rng.choice(("{person}", "{org}", "Account {ref}")), rng), ""]
    lines += [("    " if rng.random() < 0.5 else "\t").join(item.split(". "))
              for item in _items(bank, rng, count)]
    return lines + _closing(bank, rng)


def statement(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """A witness statement: who makes it, the account, the declaration and signature."""
    lines = [_title(bank, rng), fill("Name: {person}", rng), fill("Occupation: {role}", rng), ""]
    lines += _paragraphs(_items(bank, rng, count), rng)
    return lines + _closing(bank, rng) + [fill("Dated: {date}", rng)]


def interview(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """Notes of an interview: who was present, then questions and answers."""
    lines = [_title(bank, rng), fill("Date: {date}", rng),
             fill("Present: {person} (investigator), {person} ({role})", rng), ""]
    for item in _items(bank, rng, count):
        lines.append(rng.choice(("", "Q: ", "A: ", "- ")) + item)
    return lines + _closing(bank, rng)


def advice(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """Advice set out as the investigator's questions with the adviser's answers."""
    lines = [_title(bank, rng), fill("Case reference: {ref}", rng), ""]
    for number, item in enumerate(_items(bank, rng, count), 1):
        lines += [f"Question {number}" if rng.random() < 0.5 else f"Q{number}.", item, ""]
    return lines + _closing(bank, rng)


def agenda(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """Numbered items under a title: agendas, minutes, indexes."""
    return [_title(bank, rng), fill("{date}, {time}", rng), ""] + [
        f"{index}. {item}" for index, item in enumerate(_items(bank, rng, count), 1)]


LAYOUTS: dict[str, Layout] = {layout.__name__: layout for layout in (
    letter, email, form, plain, sections, numbered, note, chart, table, statement, interview,
    advice, agenda)}


def short(bank: TypeBank, rng: random.Random, count: int) -> list[str]:
    """Two or three lines: an attachment, a zip member, a note of a few words."""
    items = _items(bank, rng, min(count, 2))
    shape = rng.random()
    if shape < 0.25:
        items = [f"{_title(bank, rng)}: {items[0]}"] + items[1:]
    elif shape < 0.5:
        items = [fill(rng.choice(GREETINGS + SALUTATIONS), rng)] + items + _closing(bank, rng)
    elif shape < 0.65:
        items = [fill(rng.choice(("{date}", "{date} {time}", "{time}")), rng)] + items
    return textwrap.wrap(" ".join(items), rng.randint(70, 100))[:3]

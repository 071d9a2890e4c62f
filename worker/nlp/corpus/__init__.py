"""A generated training corpus for the document classifier: many documents of every type.

Each type has a bank of titles, sentences and record lines (_prose, _records); layouts set
them out as letters, emails, forms, notes, charts or tables (_layouts); noise adds what real
files carry (_noise). Lengths run from two lines to several pages. The same seed gives the
same corpus, built in well under a second, so nothing generated is kept in git.
"""

from __future__ import annotations

import random

from vocabulary import DocType
from worker.nlp.corpus._bank import TypeBank
from worker.nlp.corpus._layouts import LAYOUTS, short
from worker.nlp.corpus._noise import add_noise
from worker.nlp.corpus._prose import (
    COMPLAINT,
    COMPLAINT_RESPONSE,
    CORRESPONDENCE,
    PROFESSIONAL_ADVICE,
    WITNESS_STATEMENT,
)
from worker.nlp.corpus._records import CLINICAL_RECORD, FINANCIAL_RECORD, OTHER, POLICY_GUIDANCE

BANKS: dict[str, TypeBank] = {
    DocType.COMPLAINT.value: COMPLAINT,
    DocType.COMPLAINT_RESPONSE.value: COMPLAINT_RESPONSE,
    DocType.CLINICAL_RECORD.value: CLINICAL_RECORD,
    DocType.CORRESPONDENCE.value: CORRESPONDENCE,
    DocType.POLICY_GUIDANCE.value: POLICY_GUIDANCE,
    DocType.WITNESS_STATEMENT.value: WITNESS_STATEMENT,
    DocType.PROFESSIONAL_ADVICE.value: PROFESSIONAL_ADVICE,
    DocType.FINANCIAL_RECORD.value: FINANCIAL_RECORD,
    DocType.OTHER.value: OTHER,
}
DOCUMENTS_PER_TYPE = 160
# Of each type's documents: two or three lines, a paragraph to a page, and several pages.
SHORT_SHARE, LONG_SHARE = 0.4, 0.2


def generate_document(bank: TypeBank, rng: random.Random) -> str:
    """One document from the bank, of a length and layout drawn at random."""
    length = rng.random()
    if length < SHORT_SHARE:
        return add_noise(short(bank, rng, rng.randint(1, 2)), rng) if rng.random() < 0.2 else (
            "\n".join(short(bank, rng, rng.randint(1, 2))))
    count = rng.randint(15, 60) if length > 1 - LONG_SHARE else rng.randint(3, 10)
    return add_noise(LAYOUTS[rng.choice(bank.layouts)](bank, rng, count), rng)


def generate_corpus(per_type: int = DOCUMENTS_PER_TYPE, seed: int = 0) -> list[tuple[str, str]]:
    """(text, type) pairs, `per_type` different texts of each type; the same seed gives the
    same corpus."""
    rng = random.Random(seed)
    corpus, seen = [], set()
    for label, bank in BANKS.items():
        made = 0
        while made < per_type:
            # Two short files can come out the same: a text is learned once, with one label.
            text = generate_document(bank, rng)
            if text.strip() not in seen:
                seen.add(text.strip())
                corpus.append((text, label))
                made += 1
    return corpus

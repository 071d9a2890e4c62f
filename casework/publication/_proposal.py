"""The first proposal of a case's map: who the case names, in order of first mention in the
decision, and every identifier its evidence and texts hold."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from sqlalchemy.orm import Session

from casework.decisions import plain_decision_context
from casework.errors import DomainError
from casework.names import WORD_AFTER, WORD_BEFORE, find_titled_names
from casework.publication._anonymise import AnonymisationMap, build_map, strings_in
from casework.publication._file_facts import FileFacts, case_file_facts, facts_of_evidence
from casework.publication._people import PersonMention
from storage.models import Case
from vocabulary import DecisionStage


def proposed_map(session: Session, case: Case, today: date) -> AnonymisationMap:
    """The pipeline's proposal, ordered by first mention in the decision.

    Only a final decision is published, and it says more than the provisional one: the
    comments both sides sent on it, which may name anyone. So the proposal is read from the
    final decision's context.
    """
    try:
        context = plain_decision_context(case, today, DecisionStage.FINAL)
    except DomainError:
        # Nothing to decide yet: the case's own fields still name its people.
        context = None
    return map_for_case(case, context, case_file_facts(session, case))


def decision_texts(case: Case) -> list[str]:
    """The case's own words that a decision shows, in the decision's order."""
    texts = [case.complainant_name, case.summary]
    for point in case.complaint_points:
        texts.append(point.text)
        for finding in point.findings:
            texts += [finding.title, finding.what_happened,
                      finding.what_should_have_happened, finding.guidance or "",
                      finding.injustice]
            texts += [citation.quote for citation in finding.citations]
    texts += [recommendation.text for recommendation in case.recommendations]
    texts += [comment.text or "" for comment in case.comments]
    return [text for text in texts if text]


def titled_mentions(text: str) -> Iterator[PersonMention]:
    """People named after a title in free text ("Dr Patel", "Mrs Ada Lovelace").

    A capital alone after a title ("Mrs B") is a label someone already wrote, not a name.
    """
    for found in find_titled_names(text):
        if len(found.name) > 1:
            yield PersonMention(found.name, title=found.title)


def map_for_case(case: Case, context: dict | None = None,
                 files: Iterable[FileFacts] | None = None) -> AnonymisationMap:
    """The proposed map for a case, for the investigator to review.

    People are the complainant, everyone named after a title in the decision, and every
    PERSON the evidence pipeline found, ordered by first mention in the decision (`context`,
    the plain-string decision context, or the case's own fields); people the decision never
    mentions come last. `files` are the facts of the case's files (`case_file_facts`), or by
    default read from `case.evidence`. A "person" whose every word is in the organisation's
    name is the organisation misread, and is left out; the complainant never is ("Mr Jones"
    complaining about "Jones Opticians").
    """
    texts = list(strings_in(context)) if context is not None else decision_texts(case)
    decision = "\n".join(texts)
    complainant = PersonMention(case.complainant_name)
    if files is None:
        files = [facts_of_evidence(evidence) for evidence in case.evidence]
    mentions, identifiers = [], []
    for text in texts:
        mentions += titled_mentions(text)
    for facts in files:
        mentions += facts.people
        identifiers += facts.identifiers
    organisation_words = {w.casefold() for w in re.findall(r"\w+", case.organisation.name)}
    # A name written on every page is one mention to place: a repeat changes no grouping.
    mentions = [m for m in dict.fromkeys(mentions)
                if not {w.casefold() for w in re.findall(r"\w+", m.name)} <= organisation_words]
    ordered = [complainant, *sorted(mentions, key=lambda m: _first_position(decision, m))]
    return build_map(ordered, texts=texts, found=identifiers)


def _first_position(decision: str, mention: PersonMention) -> int:
    surname = mention.name.split()[-1] if mention.name.split() else ""
    match = re.search(rf"{WORD_BEFORE}{re.escape(surname)}{WORD_AFTER}", decision,
                      re.IGNORECASE) if surname else None
    return match.start() if match else len(decision)

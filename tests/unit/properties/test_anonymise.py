"""Anonymisation (casework.publication): whoever a case names and whatever identifiers its text
holds, the anonymised text names nobody, keeps everything else, passes its own leak check, and
its proposed labels are ones the investigator can approve."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from casework.formats import pounds
from casework.publication import (
    PersonMention,
    anonymise_text,
    build_map,
    check_labels,
    find_leaks,
    find_written_identifiers,
    map_for_case,
)
from storage.models import Case, Evidence, EvidenceEntity, EvidencePage, Organisation
from tests.unit.properties.strategies import (
    births,
    emails,
    organisation_words,
    people,
    places,
    postcodes,
    sums_of_money,
    texts,
    written_dates,
    written_nhs_numbers,
    written_phone_numbers,
)
from vocabulary import PersonKind

# Text that names nobody and holds no identifier: it comes out as it went in.
CONTROL = "The trust replied and apologised on 3 March 2026."
SENTENCES = (
    "{name} wrote to {organisation}.",
    "{organisation} saw {name} (NHS number {nhs}).",
    "Call {phone}, said {name}.",
    "{name} lives at {postcode} and was paid {money}.",
    "Email {email}, wrote {name}.",
    "{name} was born on {birth}.",
    "{organisation} wrote to {name}.",
)


def full_name(title, given, surname) -> str:
    return " ".join([*([title] if title else []), *given, surname])


def written_forms(title, given, surname) -> list[str]:
    """The ways papers write one person's name."""
    forms = [" ".join([*given, surname]), "\u00a0".join([*given, surname]), surname,
             surname.upper(), f"{surname}'s"]
    if title:
        forms += [f"{title} {surname}", f"{title}. {surname}" if title in {"Mr", "Mrs", "Dr"}
                  else f"{title} {surname}"]
    if given:
        forms += [given[0], f"{given[0][0]}. {surname}"]
    return forms


def name_pieces(title, given, surname) -> set[str]:
    """Every piece of a name that must not survive: each part, each half of a double-barrelled
    or O'-name."""
    return {piece for part in [*given, surname] for piece in [part, *re.split(r"[-'’]", part)]
            if len(piece) > 2 and piece not in {"Mc"}}


def survives(piece: str, text: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(piece)}(?![^\W_])", text, re.IGNORECASE) is not None


def case_naming(named, organisation: str, text: str) -> Case:
    """A case whose complainant is the first person; the pipeline found the others on a page."""
    entities = [EvidenceEntity(label="PERSON", text=" ".join([*given, surname]),
                               value=" ".join([*given, surname]), page=1,
                               start=max(0, text.find(surname)), end=0)
                for _title, given, surname in named[1:]]
    evidence = Evidence(filename="letter.pdf", pages=[EvidencePage(number=1, text=text)],
                        entities=entities)
    return Case(complainant_name=full_name(*named[0]), summary=text,
                organisation=Organisation(name=organisation), evidence=[evidence])


@st.composite
def case_texts(draw):
    """People, an organisation (sometimes named after the complainant, as "Jones Opticians"),
    and text naming them beside identifiers and money; with what was written."""
    named = draw(st.lists(people(), min_size=1, max_size=4, unique_by=lambda p: p[2]))
    after_complainant = draw(st.booleans())
    organisation = (f"{named[0][2]} Opticians" if after_complainant
                    else f"{draw(places)} {draw(organisation_words)}")
    nhs_digits, nhs = draw(written_nhs_numbers())
    phone_normal, phone = draw(written_phone_numbers())
    birth = draw(written_dates(births))[1]
    values = {"organisation": organisation, "nhs": nhs, "phone": phone, "birth": birth,
              "postcode": draw(postcodes), "money": draw(sums_of_money), "email": draw(emails)}
    sentences = []
    for person in named:
        template = draw(st.sampled_from(SENTENCES))
        sentences.append(template.format(name=draw(st.sampled_from(written_forms(*person))),
                                         **values))
    text = " ".join(f"{sentence} {CONTROL}" for sentence in sentences)
    identifiers = [nhs, phone, values["postcode"], values["email"], birth]
    return named, organisation, text, [i for i in identifiers if i in text], values["money"]


def jones_case(*people_named, organisation="Jones Opticians", text):
    identifiers = [i.value for i in find_written_identifiers(text)]
    return list(people_named), organisation, text, identifiers, pounds(0)


@settings(max_examples=150)
@given(case_texts())
@example(jones_case(("Mr", [], "Jones"), text=f"Mr Jones wrote to Jones Opticians. {CONTROL}"))
@example(jones_case((None, [], "Jones"), text=f"Jones Opticians saw Jones. {CONTROL}"))
# A couple complaining together: "and" was taken for a name and became "Mr B" everywhere.
@example(jones_case(("Mr and Mrs", [], "Lovelace"), organisation="Northtown NHS Trust",
                    text=f"Mr and Mrs Lovelace wrote to Northtown NHS Trust. {CONTROL}"))
# "Ms Ward" is Mrs Ada Ward: a name that is an everyday word was left after another title.
@example(jones_case(("Mrs", ["Ada"], "Ward"), organisation="Northtown NHS Trust",
                    text=f"Ms Ward wrote to Northtown NHS Trust. {CONTROL}"))
# A surname that is also a title took the sentence's full stop with it ("Mr Nurse.").
@example(jones_case(("Mr", ["Ada"], "Nurse"), organisation="Northtown NHS Trust",
                    text=f"Northtown NHS Trust wrote to Mr Nurse. {CONTROL}"))
def test_no_identifier_of_the_case_survives_and_nothing_else_is_lost(case):
    named, organisation, text, identifiers, money = case
    mapping = map_for_case(case_naming(named, organisation, text))
    published = anonymise_text(text, mapping)

    for person in named:
        for piece in name_pieces(*person):
            assert not survives(piece, published), (piece, published)
    for written in identifiers:
        assert written not in published, (written, published)
    assert list(find_written_identifiers(published)) == [], published
    # What names nobody stays: the control sentences, each after its full stop, the money,
    # and the organisation unless it carries the complainant's name.
    assert published.count(CONTROL) == text.count(CONTROL), published
    assert re.search(rf"[^.\s]\s+{re.escape(CONTROL)}", published) is None, published
    if money in text:
        assert money in published
    if not any(survives(piece, organisation) for person in named
               for piece in name_pieces(*person)):
        assert organisation in published or organisation not in text
    # The leak check agrees, and the investigator could approve the labels as proposed.
    assert find_leaks(published, mapping) == []
    check_labels(mapping.people)


_NAME_PIECES = ["Mr", "Dr", "Mrs", ".", "-", "'", "’", "J.", "B.", "Jones", "jones", "Ada",
                "A", "Staff", "Nurse", "Adviser", " ", "\u00a0", "\n", "(", ")", "*", "\\",
                "O'", "Mc", "é", "ß", "İ", "_", "1", "Surgery", "and", "&"]
_names = st.lists(st.sampled_from(_NAME_PIECES), max_size=6).map("".join) | st.text(max_size=12)
_mentions = st.builds(PersonMention, _names,
                      st.none() | st.sampled_from(["Mr", "Dr", "mrs", "Doctor", "Staff Nurse"]),
                      st.none() | st.sampled_from(list(PersonKind)))


@settings(max_examples=300)
@given(st.lists(_mentions, max_size=5), texts)
# The given name "." of ". Jones" had no first letter: the map's page answered 500.
@example([PersonMention(". Jones")], "")
# A person called "Dr", "Mr(" or "Adviser", or someone who is "Staff": the proposed label
# ("Dr B", "Mr B", "the clinical adviser", "Staff Nurse B") was refused as naming them.
@example([PersonMention("0", "Dr"), PersonMention("Dr")], "")
@example([PersonMention("Mr(", "Mr")], "")
@example([PersonMention("Adviser", None, PersonKind.ADVISER)], "")
@example([PersonMention("Smith", "Staff Nurse"), PersonMention("Staff")], "Smith")
# A label someone already wrote ("Mr B.") is nobody to hide; published, it was a leak.
@example([PersonMention("Mr Jones"), PersonMention("Mr B.")], "Mr Jones")
@example([PersonMention("Mr Jones"), PersonMention("Mr Jones B.")], "Mr Jones")
# A middle name only one mention gave: looked for by the leak check, never replaced.
@example([PersonMention("Ada Lovelace"), PersonMention("Ada Byron Lovelace")], "Byron")
def test_any_names_in_any_text_give_approvable_labels_and_pass_the_leak_check(mentions, text):
    mapping = build_map(mentions, texts=[text])
    check_labels(mapping.people)
    assert find_leaks(anonymise_text(text, mapping), mapping) == []

"""What the property tests generate: identifiers written as papers write them, people's names,
organisations' names, and arbitrary text that leans towards the shapes the parsers look for."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from casework.dates import MONTH_NAMES
from casework.formats import pounds

DIGITS = "0123456789"
NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def nhs_check_digit(first_nine: str) -> int:
    """The modulus-11 check digit, worked out here from the published rule (10 is never
    issued)."""
    remainder = sum(int(digit) * weight for digit, weight in zip(first_nine, NHS_WEIGHTS,
                                                                 strict=True)) % 11
    return (11 - remainder) % 11


def _issuable(first_nine: str) -> bool:
    # Ten equal digits are placeholders ("0000000000"), never a patient's number.
    return nhs_check_digit(first_nine) != 10 and len(set(first_nine)) > 1


first_nine_digits = st.text(DIGITS, min_size=9, max_size=9).filter(_issuable)
nhs_numbers = first_nine_digits.map(lambda nine: nine + str(nhs_check_digit(nine)))


@st.composite
def written_nhs_numbers(draw) -> tuple[str, str]:
    """(the ten digits, as written: run together, 3-3-4 with spaces or dashes)."""
    digits = draw(nhs_numbers)
    gap = draw(st.sampled_from(["", " ", "-", "\u00a0"]))
    return digits, gap.join([digits[:3], digits[3:6], digits[6:]])


@st.composite
def written_phone_numbers(draw) -> tuple[str, str]:
    """(+44 and the ten national digits, as written: trunk 0, +44, 0044, brackets, spaces)."""
    national = draw(st.sampled_from("12378")) + draw(st.text(DIGITS, min_size=9, max_size=9))
    area, rest = national[:4], national[4:]
    form = draw(st.sampled_from([
        "0{n}", "0{a} {r}", "0{a}-{r}", "(0{a}) {r}", "+44 {n}", "+44{n}", "+44 (0){a} {r}",
        "0044 {a} {r}", "+44 {a} {r}",
    ]))
    return "+44" + national, form.format(n=national, a=area, r=rest)


# The letters each position of a postcode allows (Royal Mail's published format).
_AREA_FIRST = "ABCDEFGHIJKLMNOPRSTUWYZ"
_AREA_SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"
_DISTRICT_LETTER_AFTER_ONE = "ABCDEFGHJKPSTUW"
_DISTRICT_LETTER_AFTER_TWO = "ABEHMNPRVWXY"
_UNIT = "ABDEFGHJLNPQRSTUWXYZ"


def _joined(*parts):
    return st.tuples(*parts).map("".join)


_letter = st.sampled_from
_digit = st.sampled_from(DIGITS)
outward_codes = st.one_of(
    _joined(_letter(_AREA_FIRST), _digit),
    _joined(_letter(_AREA_FIRST), _digit, _digit),
    _joined(_letter(_AREA_FIRST), _letter(_AREA_SECOND), _digit),
    _joined(_letter(_AREA_FIRST), _letter(_AREA_SECOND), _digit, _digit),
    _joined(_letter(_AREA_FIRST), _digit, _letter(_DISTRICT_LETTER_AFTER_ONE)),
    _joined(_letter(_AREA_FIRST), _letter(_AREA_SECOND), _digit,
            _letter(_DISTRICT_LETTER_AFTER_TWO)),
)
inward_codes = _joined(_digit, _letter(_UNIT), _letter(_UNIT))
postcodes = st.tuples(outward_codes, inward_codes).map(" ".join)

_local_part = st.from_regex(r"[a-z0-9](?:[a-z0-9._%+-]{0,12}[a-z0-9])?", fullmatch=True).filter(
    lambda local: ".." not in local)
_domain_label = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
emails = st.tuples(_local_part, st.lists(_domain_label, min_size=1, max_size=3),
                   st.sampled_from(["org", "uk", "com", "nhs.net", "gov.uk"])).map(
    lambda parts: f"{parts[0]}@{'.'.join(parts[1])}.{parts[2]}")

dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))
# Every birth is in the past.
births = st.dates(datetime.date(1900, 1, 1), datetime.date(2025, 12, 31))


@st.composite
def written_dates(draw, days=dates) -> tuple[datetime.date, str]:
    """(a date, as UK papers write it in full: words, numbers day first, or ISO)."""
    day = draw(days)
    month = MONTH_NAMES[day.month - 1].capitalize()
    form = draw(st.sampled_from([
        "{d} {M} {y}", "{d}{th} {M} {y}", "{d}{th} of {M}, {y}", "{M} {d}, {y}", "{M} {d}{th} {y}",
        "{d} {Mon} {y}", "{d} {Mon}. {y}", "{dd}/{mm}/{y}", "{d}/{m}/{y}", "{d}-{m}-{y}",
        "{dd}.{mm}.{y}", "{iso}",
    ]))
    th = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day.day, "th")
    return day, form.format(d=day.day, th=th, M=month, Mon=month[:3], y=day.year,
                            dd=f"{day.day:02d}", mm=f"{day.month:02d}", m=day.month,
                            iso=day.isoformat())


pence = st.integers(min_value=0, max_value=10**12)
sums_of_money = pence.map(pounds)

# Names built from syllables that make no English word, title, street or month, so that a
# name never stands for the word it would otherwise be; the forms of names papers write:
# O'Brien, McDonald, double-barrelled, accented.
_SYLLABLES = ("Zel", "vor", "Kyth", "brae", "Quil", "lund", "Ost", "rik", "Yaz", "mir", "Thu",
              "wen", "Aud", "ric", "Nev", "ill")
_syllabic = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map(
    lambda parts: "".join(parts).capitalize())
name_words = st.one_of(
    _syllabic,
    _syllabic.map(lambda word: f"O'{word}"),
    _syllabic.map(lambda word: f"O’{word}"),
    _syllabic.map(lambda word: f"Mc{word}"),
    st.tuples(_syllabic, _syllabic).map("-".join),
    _syllabic.map(lambda word: word.replace("e", "é").replace("o", "ö")),
)
titles = st.sampled_from([None, "Mr", "Mrs", "Ms", "Miss", "Dr", "Nurse", "Professor",
                          "Staff Nurse", "Mr and Mrs"])


@st.composite
def people(draw) -> tuple[str | None, list[str], str]:
    """(title or None, given names, surname)."""
    return draw(titles), draw(st.lists(name_words, max_size=2)), draw(name_words)


# Places that are no generated name, for organisations' names.
places = st.sampled_from(["Northtown", "Riverside", "Ashford", "Elmbridge", "Westmoor",
                          "Harbourside"])
organisation_words = st.sampled_from(["Surgery", "NHS Trust", "Hospital", "Council",
                                      "Opticians", "Medical Practice"])

# Arbitrary text, and text made of the pieces the parsers look for, in any order.
_PIECES = [*"0123456789 /.-,:;£+()@'’\n\u00a0", "March", "Sept", "st", "th", "of", "GBP",
           "pence", "pounds", "million", "bn", "k", "DOB", "born", "Mr", "Dr", "Mrs", "Staff",
           "Nurse", "and", "Road", "Flat", "NT1", "1AA", "GIR 0AA", "+44", "0044", "(0)",
           "NHS", "Trust", "é", "İ", "ß", "٣", "²", "example.org", "Ward", "Jones"]
texts = st.one_of(st.text(max_size=80),
                  st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))

"""Invented people, places, dates and amounts to fill the corpus's templates.

A template names its slots in braces ("{person} of {org} wrote on {date}"); `fill` gives each
slot a fresh value, so one template yields many different documents.
"""

from __future__ import annotations

import random
import string

FIRST_NAMES = (
    "Amina", "Barry", "Ceri", "Declan", "Eleni", "Femi", "Gwen", "Harun", "Isla", "Jonah",
    "Kasia", "Lloyd", "Morag", "Nikhil", "Olu", "Priya", "Quentin", "Rhian", "Stellan",
    "Tamsin", "Ugo", "Vera", "Wes", "Yusuf", "Zara", "Bernadette", "Craig", "Dolores",
)
SURNAMES = (
    "Abbott", "Bhatt", "Cartwright", "Dunmore", "Evans", "Fairweather", "Grieve", "Hussain",
    "Ingram", "Jovanovic", "Kaur", "Lindqvist", "McAllister", "Nwosu", "Oyelaran", "Pryce",
    "Quinlan", "Rahman", "Szabo", "Thackeray", "Underwood", "Varga", "Whitfield", "Yeo",
)
TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Mx")
TOWNS = (
    "Ambleford", "Bracken Hill", "Castleholm", "Durnstow", "Eskmouth", "Farleigh", "Glenbury",
    "Harrowgate Vale", "Ivydene", "Kingsmere", "Lowther", "Marchbank", "Newhythe", "Oakenby",
)
NHS_BODIES = (
    "{town} Hospitals NHS Foundation Trust", "{town} and District NHS Trust",
    "{town} Community Health Services", "{town} Road Surgery", "The {town} Practice",
    "{town} Mental Health Partnership NHS Trust", "{town} Ambulance Service",
    "{town} Integrated Care Board", "{town} Dental Care",
)
PUBLIC_BODIES = (
    "{town} Borough Council", "the Department for Work and Pensions", "HM Revenue and Customs",
    "the Home Office (UK Visas and Immigration)", "the Child Maintenance Service",
    "the Driver and Vehicle Licensing Agency", "{town} County Council Children's Services",
    "the Legal Aid Agency", "HM Courts and Tribunals Service", "the Student Loans Company",
)
WARDS = ("Ward {n}", "the acute medical unit", "the surgical assessment unit", "Rowan Ward",
         "Beech Ward", "the stroke unit", "the maternity unit", "Ward {n}B", "the day unit",
         "the emergency department", "the frailty unit", "Willow Ward")
STAFF_ROLES = (
    "staff nurse", "ward sister", "healthcare assistant", "junior doctor", "registrar",
    "consultant", "practice nurse", "receptionist", "complaints officer", "case manager",
    "duty social worker", "matron", "GP partner", "paramedic", "pharmacist", "work coach",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
STREETS = ("Acacia Avenue", "Brook Street", "Chapel Row", "Dale View", "Elm Court",
           "Foundry Lane", "Green Walk", "High Street", "Quarry Road", "Station Approach")


def person(rng: random.Random) -> str:
    """A titled name: 'Mrs Kasia Pryce'."""
    return f"{rng.choice(TITLES)} {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def organisation(rng: random.Random) -> str:
    """An NHS body or another public body."""
    bodies = NHS_BODIES if rng.random() < 0.6 else PUBLIC_BODIES
    return rng.choice(bodies).format(town=rng.choice(TOWNS))


def date(rng: random.Random) -> str:
    """A date in one of the ways documents write them."""
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2024, 2025, 2026))
    return rng.choice((
        f"{day} {MONTHS[month - 1]} {year}", f"{day:02d}/{month:02d}/{year}",
        f"{day}/{month}/{year % 100}", f"{day} {MONTHS[month - 1][:3]} {year}",
        f"{day:02d}.{month:02d}.{year}", f"{MONTHS[month - 1]} {year}",
    ))


def amount(rng: random.Random) -> str:
    """A sum of money: '£1,204.50'."""
    pounds = rng.choice((rng.randint(3, 99), rng.randint(100, 999), rng.randint(1000, 9999)))
    return f"£{pounds:,}.{rng.randint(0, 99):02d}"


def reference(rng: random.Random) -> str:
    """A case or file reference: 'COMP/25/0412'."""
    letters = "".join(rng.choices(string.ascii_uppercase, k=rng.randint(2, 4)))
    return rng.choice((f"{letters}/{rng.randint(20, 26)}/{rng.randint(1, 9999):04d}",
                       f"{letters}-{rng.randint(100000, 999999)}", f"{rng.randint(1000, 99999)}"))


def address(rng: random.Random) -> list[str]:
    """The lines of a postal address."""
    town = rng.choice(TOWNS)
    postcode = (f"{rng.choice('ABDEHKLMNST')}{rng.choice('ABCDEHKLMN')}{rng.randint(1, 19)} "
                f"{rng.randint(1, 9)}{rng.choice('ABDEHJLNPQ')}{rng.choice('RSTUWXYZ')}")
    return [f"{rng.randint(1, 180)} {rng.choice(STREETS)}", town, postcode]


SLOTS = {
    "person": person,
    "other_person": person,
    "org": organisation,
    "date": date,
    "amount": amount,
    "ref": reference,
    "town": lambda rng: rng.choice(TOWNS),
    "ward": lambda rng: rng.choice(WARDS).format(n=rng.randint(1, 40)),
    "role": lambda rng: rng.choice(STAFF_ROLES),
    "time": lambda rng: f"{rng.randint(0, 23):02d}:{rng.randrange(0, 60, 5):02d}",
    "n": lambda rng: str(rng.randint(2, 14)),
    "month": lambda rng: rng.choice(MONTHS),
    "surname": lambda rng: rng.choice(SURNAMES),
    "first": lambda rng: rng.choice(FIRST_NAMES),
}


class _Slots(dict):
    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        return SLOTS[key](self.rng)


def fill(template: str, rng: random.Random) -> str:
    """The template with each slot given a value; each slot name fresh on every use."""
    return template.format_map(_Slots(rng))

"""What a published decision must not carry."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class IdentifierKind(Labelled):
    NHS_NUMBER = "nhs_number", "NHS number"
    EMAIL = "email", "Email address"
    PHONE = "phone", "Phone number"
    POSTCODE = "postcode", "Postcode"
    ADDRESS = "address", "Address"
    DATE_OF_BIRTH = "date_of_birth", "Date of birth"
    # Anything else the investigator marks: a hospital number, a vehicle registration.
    OTHER = "other", "Other identifier"

"""An address is one plain name@domain: anything that could smuggle a second recipient or a
header into a letter's email is refused where it is typed."""

import pytest

from casework.emails import normalise_email
from casework.errors import ValidationFailed


def test_an_address_is_trimmed_and_lower_cased():
    assert normalise_email("  Ben.Example@Example.NET ") == "ben.example@example.net"


@pytest.mark.parametrize("typed", [
    "ben", "@example.net", "ben@", "ben@@example.net", "ben@a@example.net",
    "ben@example.net,eve@example.org", "ben@example.net\nBcc: eve@example.org",
    "Ben <ben@example.net>", "ben example@example.net", "ben@exa\tmple.net", "ben\x00@x.net",
    '"ben"@example.net', "ben;eve@example.net",
])
def test_anything_else_is_refused_with_the_field_named(typed):
    with pytest.raises(ValidationFailed, match="is not an email address") as refused:
        normalise_email(typed, "complainant_email")
    assert refused.value.field == "complainant_email"

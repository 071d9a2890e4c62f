from casework.drafting import quote_on_page


def test_quotes_survive_line_breaks_hyphenation_and_case():
    page = "The ward did not con-\ntact the family\non 15 January 2026."
    assert quote_on_page("did not contact the family on 15 January", page)
    assert quote_on_page("THE WARD", page)
    assert not quote_on_page("contacted the family", page)

"""The one reader of written dates (casework.dates) and the letters' date format."""

import datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from casework.dates import find_dates
from casework.formats import office_today, uk_date
from tests.unit.properties.strategies import dates, texts, written_dates


@settings(max_examples=300)
@given(texts, st.booleans())
def test_any_text_gives_ordered_mentions_that_read_alone_as_the_same_date(text, births):
    mentions = find_dates(text, births=births)
    for before, after in zip(mentions, mentions[1:], strict=False):
        assert before.end <= after.start
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        [alone] = find_dates(text[mention.start:mention.end], births=births)
        assert (alone.start, alone.end, alone.date) == (0, mention.end - mention.start,
                                                         mention.date)
        if births:
            assert mention.date <= office_today()


@settings(max_examples=300)
@given(written_dates(), st.sampled_from(["{}", "On {} we met.", "(seen {})", "{}: review"]))
@example((datetime.date(2026, 9, 3), "3 Sept 2026"), "{}")
@example((datetime.date(1900, 1, 1), "1st of January, 1900"), "{}")
def test_a_full_date_as_papers_write_it_is_read_back(written, context):
    day, text = written
    assert [m.date for m in find_dates(context.format(text))] == [day]


@settings(max_examples=200)
@given(dates)
def test_the_letters_date_is_read_back(day):
    assert [m.date for m in find_dates(uk_date(day))] == [day]


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=366))
@example(1)  # tomorrow, "04/12/26" read on 3 December 2026: it was read as no date at all
def test_a_two_digit_year_of_birth_is_the_latest_that_is_not_in_the_future(days_ahead):
    written = office_today() + datetime.timedelta(days=days_ahead)
    [mention] = find_dates(f"DOB {written:%d/%m/%y}", births=True)
    years_back = 0 if days_ahead == 0 else 100
    assert mention.date == written.replace(year=written.year - years_back)

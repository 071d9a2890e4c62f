"""What is not an event: header lines, document properties, scanning and printing stamps;
and an email told once, as its own event."""

from datetime import date

import pytest

from worker.nlp import DatedEvent, find_events, message_event
from worker.nlp.event_noise import is_noise, without_noise


@pytest.mark.parametrize("line", [
    "Date: 2025-04-18T18:13:20",
    "Sent: Friday, 18 April 2025 18:13",
    "From: Ben Example <ben@example.org>",
    "  Subject: Appointment on 3 March 2025",
    "Handwritten note scanned on 6 March 2025",
    "Printed 06/03/2025 14:02          Page 1 of 3",
    "Created: 2025-03-06",
    "Last saved by: J Smith 7 March 2025",
    "Document properties: modified 8 March 2025",
])
def test_headers_properties_and_stamps_are_noise(line):
    assert is_noise(line)


@pytest.mark.parametrize("line", [
    "On 3 March 2025 the ward did not call the family.",
    "The discharge letter was printed on 3 March 2025 but was not posted to Mrs B until "
    "the end of April, which the trust accepts.",
    "Dr Jones reviewed her on 6 March 2025 and sent her home.",
])
def test_sentences_telling_what_happened_are_not(line):
    assert not is_noise(line)


def test_noise_is_blanked_keeping_every_other_offset():
    page = "Date: 2025-04-18\r\nScanned on 6 March 2025\nSeen on 7 March 2025.\n"
    cleaned = without_noise(page)
    assert len(cleaned) == len(page)
    assert cleaned.index("Seen on 7 March 2025.") == page.index("Seen on 7 March 2025.")
    assert cleaned.split("\n")[:2] == [" " * 16 + "\r", " " * 23]


def test_an_email_page_gives_its_body_events_and_no_header_line():
    page = ("From: Ben Example <ben@example.org>\nTo: complaints@riverside.example\n"
            "Date: 2026-03-02T09:30:00+00:00\nSubject: My referral of 4 February 2026\n\n"
            "On 4 February 2026 my GP referred me to the hospital.")
    assert find_events([page]) == [DatedEvent(
        date(2026, 2, 4), "On 4 February 2026 my GP referred me to the hospital.", 1)]


def test_an_email_is_one_event_at_the_date_it_was_sent():
    assert message_event({
        "from": "Ben Example <ben@example.org>", "to": "complaints@riverside.example",
        "date": "2026-03-02T09:30:00+00:00", "subject": "Complaint about my referral",
    }) == DatedEvent(date(2026, 3, 2), "Email from Ben Example <ben@example.org> to "
                     "complaints@riverside.example: Complaint about my referral", 1)


def test_an_email_without_a_subject_or_a_readable_date():
    assert message_event({"from": "a@example.org", "date": "2026-03-02T09:30:00"}) == \
        DatedEvent(date(2026, 3, 2), "Email from a@example.org", 1)
    assert message_event({"from": "a@example.org", "date": "sometime last week"}) is None
    assert message_event({"from": "a@example.org"}) is None


def test_a_long_list_of_recipients_is_cut_and_says_so():
    event = message_event({"from": "a@example.org", "to": ", ".join(
        f"person{n}@example.org" for n in range(40)), "date": "2026-03-02T09:30:00"})
    assert len(event.text) <= 301 and event.text.endswith("…")

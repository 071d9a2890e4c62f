"""Dated events: sentences naming calendar dates, sorted and folded across a case."""

from datetime import date

from worker.nlp import DatedEvent, find_events
from worker.nlp.sentences import split_blocks

COMPLAINT = (
    "Complaint about Riverside Surgery\n"
    "On 4 February 2026 the surgery cancelled my appointment. Dr. Jones said on 5th "
    "February 2026 that he would call me back.\nNobody called. I wrote again on March 3, "
    "2026 and on 2026-03-10.\n\n"
    "Last week, and in April 2026, nothing happened at all."
)
RECORD = (
    "Date\tEntry\n"
    "04/02/2026\tAppointment cancelled by the practice\n"
    "03/03/26 09:40 Seen in clinic, obs stable\n"
    "04/03/2026 10:00 Discharged home"
)


def test_sentences_with_full_dates_in_every_written_form():
    assert find_events([COMPLAINT, RECORD]) == [
        DatedEvent(date(2026, 2, 4),
                   "On 4 February 2026 the surgery cancelled my appointment.", 1),
        DatedEvent(date(2026, 2, 5),
                   "Dr. Jones said on 5th February 2026 that he would call me back.", 1),
        DatedEvent(date(2026, 3, 3), "I wrote again on March 3, 2026 and on 2026-03-10.", 1),
        DatedEvent(date(2026, 3, 10), "I wrote again on March 3, 2026 and on 2026-03-10.", 1),
        DatedEvent(date(2026, 2, 4), "04/02/2026 Appointment cancelled by the practice", 2),
        DatedEvent(date(2026, 3, 3), "03/03/26 09:40 Seen in clinic, obs stable", 2),
        DatedEvent(date(2026, 3, 4), "04/03/2026 10:00 Discharged home", 2),
    ]


def test_pages_without_full_dates_give_no_events():
    assert find_events(["Seen last Tuesday.", "In March 2026 and in 2025.", ""]) == []


def test_a_long_sentence_is_cut_around_its_date_at_word_breaks():
    sentence = " ".join(["before"] * 80) + " on 7 May 2025 " + " ".join(["after"] * 80) + "."
    [event] = find_events([sentence])
    assert event.date == date(2025, 5, 7)
    assert len(event.text) <= 300
    assert event.text.startswith("…before ")
    assert "before on 7 May 2025 after" in event.text
    assert event.text.endswith(" after…")


def test_an_enormous_unbroken_page_is_split_in_pieces():
    page = "Admitted on 1 June 2025. " + "word " * 40_000 + "Discharged on 9 June 2025."
    assert [(event.date, event.text[-28:]) for event in find_events([page])] == [
        (date(2025, 6, 1), "Admitted on 1 June 2025."),
        (date(2025, 6, 9), "word word Discharged on 9 June 2025."[-28:]),
    ]


def test_blocks_break_at_blank_lines_table_rows_headings_and_dated_entries():
    blocks = [COMPLAINT[start:end].strip() for start, end in split_blocks(COMPLAINT)]
    assert blocks == [
        "Complaint about Riverside Surgery",
        COMPLAINT.split("\n\n")[0].split("\n", 1)[1],
        "Last week, and in April 2026, nothing happened at all.",
    ]
    assert [RECORD[start:end].strip() for start, end in split_blocks(RECORD)] == RECORD.split("\n")

"""Money: the pipeline's reader of sums in pounds, the letters' format, and the recommendation
form's amount, which all count in whole pence."""

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casework.formats import pounds
from tests.unit.properties.strategies import pence, texts
from web import create_app
from web.forms import RecommendationForm
from wiring import load_settings
from worker.nlp.money import find_money, pence_in


@settings(max_examples=300)
@given(texts)
def test_any_text_gives_sums_that_read_alone_as_the_same_amount(text):
    for span in find_money(text):
        assert 0 <= span.start < span.end <= len(text)
        assert int(span.value) >= 0
    assert pence_in(text) is None or pence_in(text).isdigit()


@settings(max_examples=300)
@given(pence, st.sampled_from(["{}", "a payment of {}.", "({}),", "{} was paid"]))
def test_the_letters_sum_is_read_back_in_pence(amount, context):
    text = context.format(pounds(amount))
    assert [span.value for span in find_money(text)] == [str(amount)]
    assert pence_in(pounds(amount)) == str(amount)


@settings(max_examples=200)
@given(pence, st.sampled_from(["{:,} pounds", "{} GBP", "GBP {}", "£{}", "£ {:,}"]))
def test_whole_pounds_written_in_words_or_codes_are_read(whole, form):
    text = form.format(whole)
    assert [span.value for span in find_money(text)] == [str(whole * 100)]


@pytest.fixture(scope="module")
def form_context(tmp_path_factory):
    """A request context for the form, made once: the form reads no request data here."""
    data_dir = tmp_path_factory.mktemp("var")
    app = create_app(load_settings({"CASEWORK_DATA_DIR": str(data_dir)}),
                     test_config={"TESTING": True, "WTF_CSRF_ENABLED": False})
    with app.test_request_context():
        yield
    app.extensions["casework.storage"].engine.dispose()


def form_amount(typed: str) -> int | None:
    return RecommendationForm(formdata=None, data={"amount": typed}).amount_pence()


@settings(max_examples=300)
@given(texts)
@example("1e9999999")  # a Decimal overflowed: the page answered 500
@example("1e999999")  # a million-digit int: the request took a minute
@example("NaN")
@example(".")
def test_the_form_reads_any_amount_at_once_or_refuses_it_in_words(form_context, typed):
    started = time.perf_counter()
    try:
        amount = form_amount(typed)
    except ValueError as refused:
        assert str(refused) in {"Enter the amount as a number, like 250.00",
                                "The amount must be in whole pence"}
    else:
        assert amount is None or isinstance(amount, int)
    assert time.perf_counter() - started < 0.5


@settings(max_examples=200)
@given(pence)
@example(5)
def test_the_form_reads_back_the_sum_the_letters_write(form_context, amount):
    assert form_amount(pounds(amount)) == amount
    assert form_amount(f"{amount // 100}.{amount % 100:02d}") == amount
    if amount % 100 == 0:
        assert form_amount(str(amount // 100)) == amount

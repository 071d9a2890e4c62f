"""The waits between tries of a letter's email."""

from wiring import MAX_DELIVERY_RETRIES, MAX_RETRY_WAIT_SECONDS, retry_wait


def test_each_wait_doubles_the_last_up_to_an_hour():
    waits = [retry_wait(60, retries) for retries in range(MAX_DELIVERY_RETRIES)]
    assert waits == [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    assert max(waits) == MAX_RETRY_WAIT_SECONDS
    assert retry_wait(1, 0) == 1

"""One Hypothesis profile for the property tests: the same examples on every run, so that CI
is stable and a failure reproduces, and nothing written into the tree (no example database;
Hypothesis's own caches go to a temporary directory)."""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

settings.register_profile(
    "properties", derandomize=True, database=None, deadline=None,
    # The generators filter (valid check digits, names clear of each other) by design.
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
settings.load_profile("properties")


@pytest.fixture(scope="package", autouse=True)
def hypothesis_home(tmp_path_factory):
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    set_hypothesis_home_dir(None)

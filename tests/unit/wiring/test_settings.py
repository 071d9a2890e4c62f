import inspect
import re

import pytest

import wiring._settings as config
from wiring import VARIABLES, ConfigError, load_settings, make_celery


def test_defaults_are_embedded_mode(tmp_path):
    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'casework.db'}"
    assert settings.broker_url == "filesystem://localhost/"
    assert settings.s3 is None
    assert settings.max_upload_mb == 100
    # The generated secret is kept, so a second start agrees with the first.
    assert load_settings({"CASEWORK_DATA_DIR": str(tmp_path)}).secret_key == settings.secret_key


def test_services_mode(tmp_path):
    settings = load_settings({
        "CASEWORK_DATA_DIR": str(tmp_path),
        "CASEWORK_DATABASE_URL": "postgresql://casework@db:5432/casework",
        "CASEWORK_BROKER_URL": "redis://redis:6379/0",
        "CASEWORK_S3_ENDPOINT": "http://minio:9000/",
        "CASEWORK_S3_ACCESS_KEY": "access",
        "CASEWORK_S3_SECRET_KEY": "secret-key",
        "CASEWORK_S3_BUCKET": "evidence",
        "CASEWORK_S3_REGION": "eu-west-2",
    })
    assert settings.database_url == "postgresql+psycopg://casework@db:5432/casework"
    assert settings.broker_url == "redis://redis:6379/0"
    assert (settings.s3.endpoint, settings.s3.bucket, settings.s3.region, settings.s3.secure) == (
        "minio:9000", "evidence", "eu-west-2", False)
    assert "secret-key" not in repr(settings)


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"CASEWORK_MAX_UPLOAD_MB": "lots"}, "CASEWORK_MAX_UPLOAD_MB"),
        ({"CASEWORK_MAX_UPLOAD_MB": "0"}, "CASEWORK_MAX_UPLOAD_MB"),
        ({"CASEWORK_DATABASE_URL": "mysql://x"}, "CASEWORK_DATABASE_URL"),
        ({"CASEWORK_BROKER_URL": "amqp://x"}, "CASEWORK_BROKER_URL"),
        ({"CASEWORK_S3_ENDPOINT": "minio:9000"}, "CASEWORK_S3_ACCESS_KEY"),
        ({"CASEWORK_S3_ENDPOINT": "minio:9000", "CASEWORK_S3_ACCESS_KEY": "a",
          "CASEWORK_S3_SECRET_KEY": "b", "CASEWORK_S3_SECURE": "maybe"}, "CASEWORK_S3_SECURE"),
        ({"CASEWORK_SECRET_KEY": "short"}, "CASEWORK_SECRET_KEY"),
        ({"CASEWORK_TASK_TIME_LIMIT": "30"}, "CASEWORK_TASK_TIME_LIMIT must be at least 90"),
        ({"CASEWORK_REMINDER_DAYS": "0"}, "CASEWORK_REMINDER_DAYS"),
        ({"CASEWORK_SWEEP_AT": "25:00"}, "CASEWORK_SWEEP_AT must be a time of day as HH:MM"),
        ({"CASEWORK_SWEEP_AT": "6am"}, "CASEWORK_SWEEP_AT"),
        ({"CASEWORK_SWEEP_AT": "06:5"}, "CASEWORK_SWEEP_AT"),
    ],
)
def test_bad_values_are_refused_naming_the_variable(tmp_path, env, named):
    with pytest.raises(ConfigError, match=named):
        load_settings({"CASEWORK_DATA_DIR": str(tmp_path), **env})


def test_reminders_a_week_ahead_swept_at_six_unless_told(tmp_path):
    from datetime import time

    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path)})
    assert (settings.reminder_days, settings.sweep_at) == (7, time(6, 0))
    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path),
                              "CASEWORK_REMINDER_DAYS": "14", "CASEWORK_SWEEP_AT": "21:30"})
    assert (settings.reminder_days, settings.sweep_at) == (14, time(21, 30))
    assert settings.beat_schedule_file.parent == settings.data_dir


def test_sessions_last_twelve_hours_unless_told(tmp_path):
    assert load_settings({"CASEWORK_DATA_DIR": str(tmp_path)}).session_hours == 12
    assert load_settings({"CASEWORK_DATA_DIR": str(tmp_path),
                          "CASEWORK_SESSION_HOURS": "8"}).session_hours == 8
    with pytest.raises(ConfigError, match="CASEWORK_SESSION_HOURS must be greater than zero"):
        load_settings({"CASEWORK_DATA_DIR": str(tmp_path), "CASEWORK_SESSION_HOURS": "0"})


def test_every_variable_read_is_listed():
    source = inspect.getsource(config)
    pattern = r'_(?:text|positive_int|at_least|boolean)\(env, "(\w+)"'
    read = {"CASEWORK_" + name for name in re.findall(pattern, source)}
    assert read == set(VARIABLES)


def test_the_lease_and_broker_timeout_outlast_what_they_cover_by_default(tmp_path):
    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path)})
    assert settings.lease_seconds == 2 * settings.task_time_limit == 600
    # Twice the longest of the task's limit, the lease and a letter's longest retry wait.
    assert settings.visibility_timeout == 2 * config.MAX_RETRY_WAIT_SECONDS
    longer = load_settings({"CASEWORK_DATA_DIR": str(tmp_path),
                            "CASEWORK_TASK_TIME_LIMIT": "3000"})
    assert (longer.lease_seconds, longer.visibility_timeout) == (6000, 12000)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CASEWORK_LEASE_SECONDS": "300"},
         r"CASEWORK_LEASE_SECONDS \(300\) must be longer than CASEWORK_TASK_TIME_LIMIT \(300\)"),
        ({"CASEWORK_VISIBILITY_TIMEOUT": "300"},
         r"CASEWORK_VISIBILITY_TIMEOUT \(300\) must be longer than "
         r"CASEWORK_TASK_TIME_LIMIT \(300\)"),
        ({"CASEWORK_VISIBILITY_TIMEOUT": "600"},
         r"CASEWORK_VISIBILITY_TIMEOUT \(600\) must be longer than "
         r"CASEWORK_LEASE_SECONDS \(600\)"),
        ({"CASEWORK_VISIBILITY_TIMEOUT": "3000"},
         r"CASEWORK_VISIBILITY_TIMEOUT \(3000\) must be longer than the longest wait before "
         r"a letter's email is tried again \(3600"),
        ({"CASEWORK_VISIBILITY_TIMEOUT": "2000", "CASEWORK_DELIVERY_RETRY_SECONDS": "10"},
         r"longer than the longest wait before a letter's email is tried again \(2560"),
    ],
)
def test_a_timeout_shorter_than_what_it_covers_is_refused(tmp_path, env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings({"CASEWORK_DATA_DIR": str(tmp_path), **env})


def test_a_timeout_longer_than_everything_it_covers_is_accepted(tmp_path):
    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path),
                              "CASEWORK_DELIVERY_RETRY_SECONDS": "10",
                              "CASEWORK_LEASE_SECONDS": "400",
                              "CASEWORK_VISIBILITY_TIMEOUT": "2561"})
    assert (settings.lease_seconds, settings.visibility_timeout) == (400, 2561)
    conf = make_celery(load_settings({"CASEWORK_DATA_DIR": str(tmp_path),
                                      "CASEWORK_BROKER_URL": "redis://127.0.0.1:6379/0",
                                      "CASEWORK_VISIBILITY_TIMEOUT": "8000"})).conf
    assert conf.broker_transport_options == {"visibility_timeout": 8000}

"""The mail server settings, and sending through a real SMTP server on loopback."""

import smtplib
from email.message import EmailMessage

import pytest

from tests.servers import free_port
from tests.smtp import smtp_server
from wiring import ConfigError, SmtpSettings, load_settings, send_email


def settings_with(tmp_path, **smtp):
    env = {"CASEWORK_DATA_DIR": str(tmp_path)}
    return load_settings(env | {f"CASEWORK_SMTP_{name.upper()}": value
                                for name, value in smtp.items()})


def test_without_a_host_letters_go_to_the_outbox(tmp_path):
    settings = settings_with(tmp_path)
    assert settings.smtp is None
    assert settings.outbox_dir == tmp_path.resolve() / "outbox"
    assert settings.delivery_retry_seconds == 60


@pytest.mark.parametrize(("tls", "port"), [("starttls", 587), ("ssl", 465), ("none", 25)])
def test_the_port_follows_the_tls_mode(tmp_path, tls, port):
    settings = settings_with(tmp_path, host="mail.example.org", tls=tls,
                             **{"from": "casework@example.org"})
    assert settings.smtp == SmtpSettings(host="mail.example.org", port=port, tls=tls,
                                         from_address="casework@example.org")


def test_the_password_is_kept_out_of_the_settings_repr(tmp_path):
    settings = settings_with(tmp_path, host="mail.example.org", port="2525", user="casework",
                             password="a-mail-secret", **{"from": "casework@example.org"})
    assert (settings.smtp.port, settings.smtp.user, settings.smtp.password) == (
        2525, "casework", "a-mail-secret")
    assert "a-mail-secret" not in repr(settings)


@pytest.mark.parametrize(
    ("smtp", "named"),
    [
        ({"host": "mail.example.org"}, "CASEWORK_SMTP_FROM must be too"),
        ({"host": "mail.example.org", "from": "casework"}, "CASEWORK_SMTP_FROM must be an email"),
        ({"host": "mail.example.org:587", "from": "a@example.org"}, "CASEWORK_SMTP_HOST"),
        ({"host": "mail.example.org", "from": "a@example.org", "tls": "yes"},
         "CASEWORK_SMTP_TLS must be one of starttls, ssl, none"),
        ({"host": "mail.example.org", "from": "a@example.org", "port": "70000"},
         "CASEWORK_SMTP_PORT must be at most 65535"),
        ({"host": "mail.example.org", "from": "a@example.org", "port": "smtp"},
         "CASEWORK_SMTP_PORT must be a whole number"),
        ({"host": "mail.example.org", "from": "a@example.org", "user": "casework"},
         "CASEWORK_SMTP_PASSWORD must be too"),
        ({"from": "a@example.org"}, "CASEWORK_SMTP_FROM set without CASEWORK_SMTP_HOST"),
    ],
)
def test_bad_mail_settings_are_refused_naming_the_variable(tmp_path, smtp, named):
    with pytest.raises(ConfigError, match=named):
        settings_with(tmp_path, **smtp)


def test_the_retry_wait_must_be_positive(tmp_path):
    with pytest.raises(ConfigError, match="CASEWORK_DELIVERY_RETRY_SECONDS"):
        load_settings({"CASEWORK_DATA_DIR": str(tmp_path),
                       "CASEWORK_DELIVERY_RETRY_SECONDS": "0"})


def a_message() -> EmailMessage:
    message = EmailMessage()
    message["To"] = "complainant@example.net"
    message["Subject"] = "CW-2026-00001: Provisional decision"
    message.set_content("Attached.")
    return message


def test_a_message_reaches_the_server_with_the_id_returned():
    with smtp_server() as server:
        smtp = SmtpSettings(host=server.host, port=server.port, tls="none",
                            from_address="Casework <casework@ombudsman.example>")
        message_id = send_email(smtp, a_message())
        [received] = server.inbox.wait_for(1)
    assert message_id.endswith("@ombudsman.example>")
    assert received.message["Message-ID"] == message_id
    assert (received.sender, received.recipients) == ("casework@ombudsman.example",
                                                      ["complainant@example.net"])
    assert received.message["Subject"] == "CW-2026-00001: Provisional decision"


def test_the_client_signs_in_when_a_user_is_set():
    with smtp_server(credentials=("casework", "a-mail-secret")) as server:
        smtp = SmtpSettings(host=server.host, port=server.port, tls="none",
                            from_address="casework@ombudsman.example", user="casework",
                            password="a-mail-secret")
        send_email(smtp, a_message())
        [received] = server.inbox.wait_for(1)
        assert received.signed_in
        wrong = SmtpSettings(host=server.host, port=server.port, tls="none",
                             from_address="casework@ombudsman.example", user="casework",
                             password="not-the-secret")
        with pytest.raises(smtplib.SMTPAuthenticationError):
            send_email(wrong, a_message())
    assert len(server.inbox.messages) == 1


def test_a_server_that_is_not_there_is_an_os_error():
    smtp = SmtpSettings(host="127.0.0.1", port=free_port(), tls="none",
                        from_address="casework@ombudsman.example")
    with pytest.raises(OSError):
        send_email(smtp, a_message())

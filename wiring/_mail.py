"""Sending one email through the installation's mail server, with the standard library.

Every failure surfaces as an OSError (smtplib's errors are OSErrors too), which the caller
records and retries; nothing is swallowed here.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr

from wiring._settings import SmtpSettings

# Long enough for a slow server to greet us; short enough that a task never hangs on one.
SMTP_TIMEOUT_SECONDS = 30


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if smtp.tls == "ssl":
        return smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=SMTP_TIMEOUT_SECONDS,
                                context=context)
    client = smtplib.SMTP(smtp.host, smtp.port, timeout=SMTP_TIMEOUT_SECONDS)
    if smtp.tls == "starttls":
        try:
            client.starttls(context=context)
        except BaseException:
            client.close()  # the connection is ours until it is handed back
            raise
    return client


def send_email(smtp: SmtpSettings, message: EmailMessage) -> str:
    """Send `message` through the mail server; the Message-ID it was given."""
    # The sender's own domain in the ID: some servers score a foreign one as spam.
    domain = parseaddr(smtp.from_address)[1].rpartition("@")[2] or None
    message_id = make_msgid(domain=domain)
    del message["Message-ID"]
    message["Message-ID"] = message_id
    if "From" not in message:
        message["From"] = smtp.from_address
    with _connect(smtp) as client:
        if smtp.user is not None:
            client.login(smtp.user, smtp.password or "")
        client.send_message(message)
    return message_id

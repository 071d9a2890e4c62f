"""A real SMTP server for tests, never a mock: aiosmtpd on a loopback port, in a thread of
the test process, keeping every message it accepts."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.servers import LOOPBACK, free_port


@dataclass(frozen=True)
class Received:
    """One accepted message: the envelope, the parsed message, whether the client signed in."""

    sender: str
    recipients: list[str]
    message: EmailMessage
    signed_in: bool


@dataclass
class Inbox:
    """What the server accepted, in order; the addresses it refuses, with its answer."""

    messages: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    _arrived: threading.Condition = field(default_factory=threading.Condition, repr=False)

    async def handle_RCPT(self, _server, _session, envelope, address,  # noqa: N802 (aiosmtpd)
                          _options) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server, session, envelope) -> str:  # noqa: N802 (aiosmtpd)
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._arrived:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed,
                                          bool(session.authenticated)))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        """The first `count` messages, once they have arrived."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"{len(self.messages)} of {count} messages arrived in time"
                self._arrived.wait(left)
            return list(self.messages[:count])


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    inbox: Inbox

    def env(self, sender: str = "Casework <casework@ombudsman.example>") -> dict[str, str]:
        """CASEWORK_* variables that send letters here, in the clear."""
        return {"CASEWORK_SMTP_HOST": self.host, "CASEWORK_SMTP_PORT": str(self.port),
                "CASEWORK_SMTP_TLS": "none", "CASEWORK_SMTP_FROM": sender}


def _authenticator(credentials: tuple[str, str]):
    def check(_server, _session, _envelope, mechanism, auth_data) -> AuthResult:
        given = (auth_data.login.decode(), auth_data.password.decode()) \
            if isinstance(auth_data, LoginPassword) else None
        # handled=False: aiosmtpd then answers a refusal itself.
        return AuthResult(success=mechanism in {"LOGIN", "PLAIN"} and given == credentials,
                          handled=False)

    return check


@contextlib.contextmanager
def smtp_server(port: int | None = None, credentials: tuple[str, str] | None = None,
                refuse: dict[str, str] | None = None) -> Iterator[SmtpServer]:
    """An SMTP server on `port` (default: a free one) until the block ends; with
    `credentials`, it offers sign-in and refuses any other credentials; `refuse` maps the
    addresses it will not take mail for to its answer, such as "550 No such mailbox"."""
    inbox = Inbox(refuse=dict(refuse or {}))
    options = {}
    if credentials is not None:
        # Tests speak plain SMTP; production servers insist on TLS before a password.
        options = {"authenticator": _authenticator(credentials), "auth_require_tls": False}
    controller = Controller(inbox, hostname=LOOPBACK, port=port or free_port(), **options)
    controller.start()
    try:
        yield SmtpServer(LOOPBACK, controller.port, inbox)
    finally:
        controller.stop()

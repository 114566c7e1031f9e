#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd): every message it accepts is written to
DIR/<n>.eml with the envelope in DIR/<n>.json. Options: STARTTLS with a certificate, required
or offered, and AUTH PLAIN with one account. Prints "ready" once it listens; stops on SIGTERM."""
import argparse
import json
import signal
import ssl
import threading
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        (self.directory / f"{n}.eml").write_bytes(envelope.original_content or envelope.content)
        (self.directory / f"{n}.json").write_text(json.dumps({
            "from": envelope.mail_from, "to": envelope.rcpt_tos,
            "tls": session.ssl is not None, "auth": session.authenticated}))
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--auth", help="user:password")
    args = parser.parse_args()

    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok)

        kwargs.update(authenticator=authenticator, auth_require_tls=bool(context), auth_required=True)
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port, tls_context=context,
                            require_starttls=args.require_starttls, **kwargs)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    # A parent may have spawned us with these signals blocked (threads of a test runner).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(0.2):  # a bare wait() would hold off the signal handler
        pass
    controller.stop()


if __name__ == "__main__":
    main()

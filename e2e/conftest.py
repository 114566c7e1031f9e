"""Browser tests: the real binary serves a fresh SQLite database; Debian's Chromium, driven by
Playwright, reads the pages. Playwright's own browser download is never used."""
import email
import email.policy
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
BINARY = ROOT / ".build" / "debug" / "clusterxchange"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """The messages a real SMTP server on loopback (smtp_sink.py) received from the platform."""

    def __init__(self, directory):
        self.directory = Path(directory)

    def messages(self):
        found = []
        for envelope in sorted(self.directory.glob("*.json"), key=lambda p: int(p.stem)):
            raw = (self.directory / f"{envelope.stem}.eml").read_bytes()
            message = email.message_from_bytes(raw, policy=email.policy.default)
            found.append({"to": json.loads(envelope.read_text())["to"], "subject": str(message["subject"]),
                          "body": message.get_content()})
        return found

    def wait_for(self, recipient, subject_part, timeout=20):
        """The newest message to `recipient` whose subject holds `subject_part` (the outbox
        delivers every few seconds)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for message in reversed(self.messages()):
                if recipient in message["to"] and subject_part in message["subject"]:
                    return message
            time.sleep(0.3)
        raise AssertionError(f"no message to {recipient} about {subject_part!r}")

    def link(self, recipient, subject_part, path):
        body = self.wait_for(recipient, subject_part)["body"]
        match = re.search(r"https?://\S+" + re.escape(path) + r"\S*", body)
        assert match, body
        return match.group(0)


@pytest.fixture(scope="session")
def mailbox():
    directory = tempfile.mkdtemp(prefix="cx-e2e-mail-")
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "e2e" / "smtp_sink.py"), "--port", str(port), "--dir", directory],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    box = Mailbox(directory)
    box.url = f"smtp://127.0.0.1:{port}"
    yield box
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def server(mailbox):
    assert BINARY.exists(), f"build first: {BINARY} is missing (scripts/test builds it)"
    workdir = tempfile.mkdtemp(prefix="cx-e2e-")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_PATH")}
    # Mail goes to a real SMTP server on loopback, so links in e-mails can be followed.
    env["SMTP_URL"] = mailbox.url
    env["PUBLIC_URL"] = f"http://127.0.0.1:{port}"
    log = open(Path(workdir) / "server.log", "w")
    # The demo dataset: what a newcomer sees after scripts/run.
    subprocess.run([str(BINARY), "seed-demo"], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, check=True)
    process = subprocess.Popen(
        [str(BINARY), "serve", "--hostname", "127.0.0.1", "--port", str(port), "--log", "warning"],
        cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except Exception:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the server did not start: see " + log.name)
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()

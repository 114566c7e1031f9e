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


class Server:
    """The release of a fresh working folder: `seed-demo`, then `serve`; restartable with another
    platform date (CLUSTERXCHANGE_TODAY), the database and the sessions kept."""

    def __init__(self, mailbox, today=None):
        assert BINARY.exists(), f"build first: {BINARY} is missing (scripts/test builds it)"
        self.workdir = tempfile.mkdtemp(prefix="cx-e2e-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_PATH", "CLUSTERXCHANGE_TODAY")}
        # Mail goes to a real SMTP server on loopback, so links in e-mails can be followed.
        self.env["SMTP_URL"] = mailbox.url
        self.env["PUBLIC_URL"] = self.url
        self.log = open(Path(self.workdir) / "server.log", "w")
        self.process = None
        # The demo dataset: what a newcomer sees after scripts/run.
        self.command(["seed-demo"], today=today)

    def command(self, arguments, today=None):
        env = dict(self.env)
        if today:
            env["CLUSTERXCHANGE_TODAY"] = today
        subprocess.run([str(BINARY), *arguments], cwd=self.workdir, env=env, stdout=self.log, stderr=subprocess.STDOUT, check=True)

    def start(self, today=None):
        env = dict(self.env)
        if today:
            env["CLUSTERXCHANGE_TODAY"] = today
        self.process = subprocess.Popen(
            [str(BINARY), "serve", "--hostname", "127.0.0.1", "--port", str(self.port), "--log", "warning"],
            cwd=self.workdir, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                return
            except Exception:
                if time.time() > deadline or self.process.poll() is not None:
                    self.process.kill()
                    raise RuntimeError("the server did not start: see " + self.log.name)
                time.sleep(0.2)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def restart(self, today=None):
        self.stop()
        self.start(today)

    def close(self):
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def server(mailbox):
    running = Server(mailbox)
    running.start()
    yield running.url
    running.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


PHONE = {"width": 375, "height": 800}


@pytest.fixture
def page(browser):
    """Every flow runs on a phone's width, and a message in the console fails it."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.console_problems = problems
    yield page
    context.close()
    expected = getattr(page, "expected_console", ())
    unexpected = [p for p in problems if not any(e in p for e in expected)]
    assert not unexpected, f"the browser's console: {unexpected}"


DEMO_PASSWORD = "demo-password"


def signed_in(browser, url, email, password=DEMO_PASSWORD, viewport=PHONE):
    """A new browser context (a phone's width unless told), signed in as `email`."""
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form[action='/login'] button[type=submit]")
    assert page.locator("header .account summary").count() == 1, page.content()[:500]
    return page


def act(page, label, reason=None, **fields):
    """Presses the button of an action on the exchange page; fills its reason or payment first."""
    form = page.locator("form.action-form", has=page.locator("button", has_text=label))
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button", has_text=label).click()
    flash = page.locator(".flash").inner_text()
    assert flash.startswith("Done"), flash
    return flash

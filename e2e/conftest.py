"""Browser tests: the real binary serves a fresh SQLite database; Debian's Chromium, driven by
Playwright, reads the pages. Playwright's own browser download is never used."""
import os
import shutil
import socket
import subprocess
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


@pytest.fixture(scope="session")
def server():
    assert BINARY.exists(), f"build first: {BINARY} is missing (scripts/test builds it)"
    workdir = tempfile.mkdtemp(prefix="cx-e2e-")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_PATH")}
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

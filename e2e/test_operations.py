"""Operations (docs/interfaces.md, "Operations"): an instance stopped with SIGTERM while it is busy
finishes what is under way and exits 0. It used to end with SIGILL: Fluent's `req.db` traps once
the databases are shut down, and requests were still running then."""
import http.client
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from conftest import BINARY, free_port


def start(workdir, port):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SMTP_URL", "CLUSTERXCHANGE_TODAY")}
    env["DATABASE_PATH"] = str(Path(workdir) / "ops.sqlite")
    env["CLUSTERXCHANGE_ROOT"] = str(Path(__file__).resolve().parents[1])
    log = open(Path(workdir) / "server.log", "w")
    process = subprocess.Popen([str(BINARY), "serve", "--hostname", "127.0.0.1", "--port", str(port), "--log", "warning"],
                               cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process, log.name
        except Exception:
            assert time.time() < deadline and process.poll() is None, "the server did not start"
            time.sleep(0.2)


def request(port, method, path, body, answers):
    """One request on its own connection; records the status, or the error if the connection failed."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
        answers.append(connection.getresponse().status)
        connection.close()
    except OSError as error:
        answers.append(type(error).__name__)


def test_sigterm_under_load_finishes_the_requests_under_way_and_exits_0():
    for run in range(3):
        workdir = tempfile.mkdtemp(prefix="cx-ops-")
        port = free_port()
        process, log = start(workdir, port)
        answers = []
        threads = []
        # Sign-ins (bcrypt on its own thread, the throttle's waits) and pages, all at once.
        for number in range(40):
            body = {"email": f"someone{number % 4}@example.eu", "password": "not-the-password"}
            threads.append(threading.Thread(target=request, args=(port, "POST", "/api/v1/auth/token", body, answers)))
            threads.append(threading.Thread(target=request, args=(port, "GET", "/events", None, answers)))
        for thread in threads:
            thread.start()
        time.sleep(0.3)
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
        for thread in threads:
            thread.join(timeout=30)
        text = Path(log).read_text()
        assert code == 0, f"run {run}: exit {code}\n{text[-3000:]}"
        assert "Fatal error" not in text
        # Every request the instance took had its answer (a page, a refusal, "try again"): none was cut
        # off and none failed; one that came after it stopped taking connections was refused at once.
        assert len(answers) == len(threads)
        assert all(answer == "ConnectionRefusedError" or (isinstance(answer, int) and answer != 500) for answer in answers), answers

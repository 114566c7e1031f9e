"""The sign-in benchmark (Benchmarks/run signin): on the release server with the demo data, on SQLite
and on a throw-away PostgreSQL, whether a crowd signing in starves everyone else.

For each of /healthz and a catalogue search page, wrk with 16 connections for 10 s measures p50
and p99, first with nothing else going on, then while 20 sign-ins a second arrive (an open loop:
one thread a sign-in, started every 50 ms whatever the answers, right passwords of the demo's
three logins, bcrypt at its production cost of 12), once each from an address of its own, as a
proxy reports a crowd (`TRUST_FORWARDED_FOR`), and once all from one address, as an office behind
one. The sign-ins' answers are counted by status: 200 signed in, 503 the hashing thread's queue was
full (try again in a few seconds), 429 throttled (one address's attempts wait for each other up to
10 s).

Target (issue 19): /healthz and the catalogue page keep p99 under 50 ms while the sign-ins arrive.
"""
import collections
import json
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from runner import parse_wrk
from serving import APP, on_each_database, serving
ACCOUNTS = ["admin@clusterxchange.example", "coordinator@clusterxchange.example", "participant@clusterxchange.example"]
RATE, CONNECTIONS, SECONDS = 20, 16, 10
TARGETS = {"healthz": "/healthz", "catalogue": "/catalogue?tab=offers&q=laser"}


def say(message):
    print(message, file=sys.stderr, flush=True)


def sign_in(base, email, client, outcomes, lock):
    body = json.dumps({"email": email, "password": "demo-password"}).encode()
    request = urllib.request.Request(base + "/api/v1/auth/token", data=body, method="POST",
                                     headers={"Content-Type": "application/json", "X-Forwarded-For": client})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status = response.status
            response.read()
    except urllib.error.HTTPError as error:
        status = error.code
    except Exception:
        status = "error"
    with lock:
        outcomes[status] += 1
        outcomes["seconds"] += time.monotonic() - started


class SignInCrowd:
    """Starts a sign-in every 1/RATE seconds on a thread of its own until stopped, each from an
    address of its own (a crowd behind a proxy) or all from one (an office behind one address)."""

    def __init__(self, base, one_address):
        self.base, self.one_address, self.stopping = base, one_address, threading.Event()
        self.outcomes, self.lock, self.threads = collections.Counter(), threading.Lock(), []

    def run(self):
        number, next_at = 0, time.monotonic()
        while not self.stopping.is_set():
            # Each from an address of its own, as a proxy reports a crowd of people (TRUST_FORWARDED_FOR).
            client = "10.0.0.1" if self.one_address else f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
            thread = threading.Thread(
                target=sign_in, args=(self.base, ACCOUNTS[number % len(ACCOUNTS)], client, self.outcomes, self.lock))
            thread.start()
            self.threads.append(thread)
            number += 1
            next_at += 1 / RATE
            time.sleep(max(0, next_at - time.monotonic()))

    def __enter__(self):
        self.runner = threading.Thread(target=self.run)
        self.runner.start()
        time.sleep(2)  # the hashing queue fills before anything is measured
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.runner.join()
        for thread in self.threads:
            thread.join()


def wrk(base, path):
    done = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", base + path],
                          capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def run_on(label, env, record):
    workdir = tempfile.mkdtemp(prefix="cx-bench-signin-")
    say(f"[{label}] seeding the demo data")
    subprocess.run([APP, "seed-demo"], cwd=workdir, env=env, check=True, capture_output=True)
    with serving({**env, "TRUST_FORWARDED_FOR": "true"}, workdir, 8794) as base:
        for name, path in TARGETS.items():
            urllib.request.urlopen(base + path, timeout=30).read()
            say(f"[{label}] {name}: wrk alone")
            alone = wrk(base, path)
            for from_where, one_address in (("many addresses", False), ("one address", True)):
                say(f"[{label}] {name}: wrk while {RATE} sign-ins a second arrive from {from_where}")
                with SignInCrowd(base, one_address) as crowd:
                    crowded = wrk(base, path)
                signins = {str(k): v for k, v in crowd.outcomes.items() if k != "seconds"}
                answered = sum(signins.values())
                record({"benchmark": f"signin-load-{name}", "database": label, "connections": CONNECTIONS,
                        "signInsPerSecond": RATE, "signInsFrom": from_where, "alone": alone, "withSignIns": crowded,
                        "signIns": signins, "signInMeanSeconds": round(crowd.outcomes["seconds"] / max(1, answered), 2),
                        "target": "p99 < 50 ms with the sign-ins"})
    subprocess.run(["rm", "-rf", workdir])


def signin(record):
    on_each_database(lambda label, env: run_on(label, env, record))


if __name__ == "__main__":
    signin(lambda result: print(json.dumps(result, ensure_ascii=False), flush=True))

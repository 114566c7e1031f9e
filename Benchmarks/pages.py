"""The pages' benchmark (Benchmarks/run pages): on the release server with the demo data, on SQLite
and on a throw-away PostgreSQL,

1. every page of every role, timed: from each person's landing page the script follows the links
   it finds (at most three pages of each kind, 80 pages a role), asks each page 20 times one after
   the other and reports p50 and p99 over all, and the slowest pages (target: p99 under 50 ms);
2. the pages under load: wrk with 32 connections for 10 s on the catalogue search, organisation,
   offer, partnership, suggestion and dashboard pages, each over many different paths, after asking
   each path once (its time reported as the first pass) (target: at least 1,000 requests/s with p99
   under 50 ms each).
"""
import collections
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from exchanges import percentile
from serving import APP, ROOT, on_each_database, serving
OUT = ROOT / "Benchmarks" / "out"
ROLES = {"anonymous": None, "participant": "participant@clusterxchange.example",
         "coordinator": "coordinator@clusterxchange.example", "support office": "admin@clusterxchange.example"}
NOT_PAGES = re.compile(r"/(logout|calendar/)|/cv$|/evidence/|\.ics$|\.atom$|\.csv(\?|$)|^/api/|^/openapi|/print$")
KEYS = re.compile(r"/(organisations|offers|requests|partnerships|messages)/[^/?]+")
IDS = re.compile(r"/[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}")
CONNECTIONS, SECONDS, REPEATS = 32, 10, 20


def say(message):
    print(message, file=sys.stderr, flush=True)


def kind(path):
    return IDS.sub("/:id", KEYS.sub(r"/\1/:key", urllib.parse.urlparse(path).path))


class Browser:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        request = urllib.request.Request(self.base + path, headers={"Accept": "text/html"})
        try:
            with self.opener.open(request, timeout=30) as response:
                if not response.headers.get("Content-Type", "").startswith("text/html"):
                    response.read()
                    return 0, ""
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def sign_in(self, email):
        page = self.get("/login")[1]
        token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"email": email, "password": "demo-password", "_csrf": token}).encode()
        self.opener.open(urllib.request.Request(self.base + "/login", data=form, method="POST"), timeout=30).read()

    @property
    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def crawl(browser, start):
    queue = collections.deque(start)
    seen, kinds = [], collections.Counter()
    while queue and len(seen) < 80:
        path = queue.popleft()
        if path in seen or NOT_PAGES.search(path) or kinds[kind(path)] >= 3:
            continue
        status, body = browser.get(path)
        if status != 200:
            continue
        seen.append(path)
        kinds[kind(path)] += 1
        queue.extend(re.findall(r'href="(/[^"#]*)"', body.replace("&amp;", "&")))
    return seen


def time_pages(browser, paths):
    timings = {}
    for path in paths:
        browser.get(path)
        spent = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            browser.get(path)
            spent.append((time.perf_counter() - started) * 1000)
        timings[path] = spent
    return timings


def first_pass(base, paths, cookie=None):
    """Asks each path once, one after another, before the load: what is remembered (catalogue answers,
    signed-in pages) is then in memory, as it is for pages people keep opening. Without it, the first
    second of a 10 s run queued every page's first reading on SQLite's one connection. Returns how
    long each first reading took, reported with the load."""
    spent = []
    for path in paths:
        request = urllib.request.Request(base + path, headers={"Accept": "text/html", **({"Cookie": cookie} if cookie else {})})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
        spent.append((time.perf_counter() - started) * 1000)
    return {"firstPassP50ms": round(percentile(spent, 0.5), 1), "firstPassMaxMs": round(max(spent), 1)}


def wrk(base, paths, cookie=None):
    file = OUT / "paths.txt"
    file.write_text("\n".join(paths) + "\n")
    done = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s",
                           str(ROOT / "Benchmarks" / "http" / "pages.lua"), base],
                          capture_output=True, text=True, env={**os.environ, "PATHS_FILE": str(file), "COOKIE": cookie or ""})
    result = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            result["requestsPerSecond"] = round(float(parts[1]))
        elif len(parts) == 2 and parts[0] in ("50%", "99%"):
            result["p" + parts[0][:-1]] = parts[1]
        elif line.startswith("paths:"):
            result["non2xx"] = int(line.rsplit(":", 1)[1])
    return result


def run_on(label, env, record):
    workdir = tempfile.mkdtemp(prefix="cx-bench-pages-")
    say(f"[{label}] seeding the demo data")
    subprocess.run([APP, "seed-demo"], cwd=workdir, env=env, check=True, capture_output=True)
    with serving(env, workdir, 8793) as base:
        browsers = {}
        everything = {}
        for role, email in ROLES.items():
            browser = Browser(base)
            if email:
                browser.sign_in(email)
            browsers[role] = browser
            paths = crawl(browser, ["/dashboard" if email else "/", "/statistics", "/catalogue?tab=offers&q=lasers",
                                    "/partnerships", "/news", "/events"])
            say(f"[{label}] {role}: timing {len(paths)} pages, {REPEATS} times each")
            for path, spent in time_pages(browser, paths).items():
                everything[(role, path)] = spent
        all_spent = [t for spent in everything.values() for t in spent]
        slowest = sorted(everything.items(), key=lambda item: -percentile(item[1], 0.99))[:5]
        record({"benchmark": "pages-timed", "database": label, "pages": len(everything), "requests": len(all_spent),
                "p50ms": round(percentile(all_spent, 0.5), 2), "p99ms": round(percentile(all_spent, 0.99), 2),
                "slowest": [f"{role} {path}: p99 {percentile(spent, 0.99):.1f} ms" for (role, path), spent in slowest],
                "target": "p99 < 50 ms"})
        for (role, path), spent in everything.items():
            if role == "anonymous" and path == "/statistics":
                record({"benchmark": "statistics-page", "database": label, "requests": len(spent),
                        "p50ms": round(percentile(spent, 0.5), 2), "p99ms": round(percentile(spent, 0.99), 2),
                        "target": "p99 < 50 ms"})

        anonymous, participant = browsers["anonymous"], browsers["participant"]
        catalogue = anonymous.get("/catalogue?per=100")[1] + anonymous.get("/catalogue?tab=offers&per=100")[1]
        organisations = sorted(set(re.findall(r'href="(/organisations/[a-z0-9-]+)"', catalogue)))[:50]
        offers = sorted(set(re.findall(r'href="(/offers/[a-z0-9-]+)"', catalogue)))[:50]
        partnerships = sorted(set(re.findall(r'href="(/partnerships/[a-z0-9-]+)"', anonymous.get("/partnerships")[1])))
        dashboard = participant.get("/dashboard")[1]
        suggestions = sorted(set(re.findall(r'href="(/(?:requests|offers)/[a-z0-9-]+/suggestions)"', dashboard)))
        words = ["laser", "lasers", "photonics", "hydrogen", "food", "textile", "robotics", "solar", "wood", "battery",
                 "lazer", "sensors", "cluster", "design", "aquaculture"]
        searches = [f"/catalogue?tab={tab}&q={w}" for w in words for tab in ("organisations", "offers", "requests")]
        loads = [("catalogue search", searches, None), ("organisation", organisations, None), ("offer", offers, None),
                 ("partnership", partnerships, None), ("suggestions", suggestions, participant.cookie),
                 ("dashboard", ["/dashboard"], participant.cookie)]
        for name, paths, cookie in loads:
            say(f"[{label}] wrk {CONNECTIONS} connections, {SECONDS} s: {name} ({len(paths)} paths)")
            warm = first_pass(base, paths, cookie)
            record({"benchmark": "pages-load", "database": label, "page": name, "paths": len(paths),
                    "connections": CONNECTIONS, **wrk(base, paths, cookie), **warm,
                    "target": ">= 1,000 req/s, p99 < 50 ms"})
    subprocess.run(["rm", "-rf", workdir])


def pages(record):
    OUT.mkdir(exist_ok=True)
    on_each_database(lambda label, env: run_on(label, env, record))

if __name__ == "__main__":
    pages(lambda result: print(json.dumps(result, ensure_ascii=False), flush=True))

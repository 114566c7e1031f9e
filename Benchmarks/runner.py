"""Runs the benchmark sections for Benchmarks/run; see Benchmarks/README.md.

Every figure is measured on this machine, now, on seeded inputs; the references run on the very
same files. Progress goes to stderr, one JSON line per measurement to stdout and to
Benchmarks/out/results.jsonl.
"""
import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from serving import serving

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Benchmarks" / "out"
REFS = ROOT / "Benchmarks" / "references"
PY = str(ROOT / ".venv-bench" / "bin" / "python")
APP = str(ROOT / ".build" / "release" / "clusterxchange")
BENCH = str(ROOT / ".build" / "release" / "clusterxchange-bench")
RESULTS = OUT / "results.jsonl"


def say(message):
    print(message, file=sys.stderr, flush=True)


def record(result):
    line = json.dumps(result, sort_keys=True)
    print(line, flush=True)
    with RESULTS.open("a") as f:
        f.write(line + "\n")


def run_json(args, env=None, timeout=None):
    """Runs a command that prints one JSON line; returns (parsed, wall seconds)."""
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=timeout)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    lines = [l for l in done.stdout.splitlines() if l.strip()]
    return (json.loads(lines[-1]) if lines else None), wall


def search():
    say("search: 100,000 offers and 1,000 requests with planted hosts")
    corpus = OUT / "search"
    ours, _ = run_json([BENCH, "search", "--hosts", "100000", "--requests", "1000", "--seed", "1", "--out", str(corpus)])
    fts, _ = run_json([PY, str(REFS / "fts5_search.py"), "--corpus", str(corpus / "offers.jsonl"),
                       "--queries", str(corpus / "queries.jsonl"), "--limit", "10"])
    record(ours)
    record(fts)
    record({
        "benchmark": "search-vs-fts5",
        "p50Speedup": round(fts["p50_ms"] / ours["bm25Top10P50Ms"], 1),
        "p99Speedup": round(fts["p99_ms"] / ours["bm25Top10P99Ms"], 1),
        "meanTarget": ">= 20x",
    })


# The last commit whose cities.tsv held the cities of 15,000 inhabitants or more: the gazetteer's
# figures are recorded for that file too, with today's code, to show what the larger file costs.
CITIES15000_COMMIT = "ee9b858"


def gazetteer():
    bundled = ROOT / "Sources" / "ProgrammeRules" / "Resources" / "cities.tsv"
    files = [bundled]
    older = OUT / "cities15000.tsv"
    done = subprocess.run(["git", "-C", str(ROOT), "show", f"{CITIES15000_COMMIT}:{bundled.relative_to(ROOT)}"],
                          capture_output=True)
    if done.returncode == 0:
        older.write_bytes(done.stdout)
        files.append(older)
    else:
        say(f"gazetteer: no git history here, so no figures for the 15,000 file ({done.stderr.decode().strip()})")
    for path in files:
        say(f"gazetteer: {path.name}, 100,000 look-ups and 2,000 misspelled names")
        result, _ = run_json([BENCH, "gazetteer", "--file", str(path), "--runs", "5", "--lookups", "100000",
                              "--misses", "2000", "--seed", "1"])
        record(result)


def generate(name, visitors, hosts, partnerships, seed):
    path = OUT / "rounds" / f"{name}.json"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        say(f"generating {path.name}")
        subprocess.run([PY, str(REFS / "generate_round.py"), "--visitors", str(visitors), "--hosts", str(hosts),
                        "--candidates", "20", "--partnerships", str(partnerships), "--seed", str(seed),
                        "--out", str(path)], check=True)
    return path


def ours(instance):
    """Our command on the file, timed from process start to exit (file I/O included), checked."""
    solution = instance.with_suffix(".ours.out.json")
    start = time.perf_counter()
    done = subprocess.run([APP, "optimise", "--instance", str(instance), "--solution", str(solution)],
                          capture_output=True, text=True, env={**os.environ, "DATABASE_PATH": str(OUT / "bench.sqlite")})
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"optimise failed: {done.stderr.strip()}")
    check, _ = run_json([PY, str(REFS / "check_solution.py"), "--instance", str(instance), "--solution", str(solution)])
    return wall, check


def lp_bound(instance):
    """HiGHS's LP relaxation value, computed once per instance and kept beside it."""
    cache = instance.with_suffix(".lp.json")
    if cache.exists():
        return json.loads(cache.read_text())
    say(f"HiGHS LP relaxation of {instance.name} (about a minute at 30,000 visitors)")
    result, _ = run_json([PY, str(REFS / "highs_mip.py"), "--instance", str(instance), "--lp-only"], timeout=900)
    cache.write_text(json.dumps(result))
    return result


def optimise():
    for label, visitors, hosts in [("3k", 3000, 1500), ("30k", 30000, 15000)]:
        instance = generate(f"r{label}_p0", visitors, hosts, 0, 1)
        wall, check = ours(instance)
        reference, reference_wall = run_json([PY, str(REFS / "ortools_flow.py"), "--instance", str(instance),
                                              "--solution", str(instance.with_suffix(".ortools.out.json"))])
        record({
            "benchmark": "optimise-unbudgeted", "size": f"{visitors}x{hosts}x20",
            "oursSeconds": round(wall, 3), "oursObjective": check["objective"], "feasible": check["feasible"],
            "ortoolsSeconds": reference["total_s"], "ortoolsProcessSeconds": round(reference_wall, 3),
            "ortoolsObjective": reference["objective"],
            "sameOptimum": abs(check["objective"] - reference["objective"]) <= 1e-6 * max(1, visitors),
            "ratio": round(wall / reference["total_s"], 2), "target": "<= 2x OR-tools (file I/O included)",
        })
    for label, visitors, hosts in [("3k", 3000, 1500), ("30k", 30000, 15000)]:
        instance = generate(f"r{label}_p13", visitors, hosts, 13, 2)
        wall, check = ours(instance)
        lp = lp_bound(instance)
        record({
            "benchmark": "optimise-budgeted", "size": f"{visitors}x{hosts}x20", "partnerships": 13,
            "oursSeconds": round(wall, 3), "oursObjective": check["objective"], "oursBound": check["bound"],
            "feasible": check["feasible"], "lpBound": lp["lp_bound"], "lpSeconds": lp["lp_s"],
            "gapToLPBound": round((lp["lp_bound"] - check["objective"]) / lp["lp_bound"], 5),
            "target": "within 0.5% of the LP bound, under 2 s at 30,000",
        })
    instance = generate("r2k_p13", 2000, 1000, 13, 3)
    wall, check = ours(instance)
    mip, _ = run_json([PY, str(REFS / "highs_mip.py"), "--instance", str(instance), "--time-limit", "60", "--gap", "0.0075"], timeout=400)
    record({
        "benchmark": "optimise-vs-highs-mip", "size": "2000x1000x20", "partnerships": 13,
        "oursSeconds": round(wall, 3), "oursObjective": check["objective"], "oursGap": check["gap"],
        "highsLPBound": mip.get("lp_bound"), "highsMIPSeconds": mip.get("mip_s"), "highsObjective": mip.get("objective"),
        "highsGap": mip.get("gap"), "highsReachedTarget": mip.get("reached_gap"),
    })


def http():
    """The release server on the demo data, suggestions for every demo request, 64 connections."""
    database = OUT / "http.sqlite"
    if database.exists():
        database.unlink()
    env = {**os.environ, "DATABASE_PATH": str(database), "CLUSTERXCHANGE_ROOT": str(ROOT)}
    say("seeding the demo data")
    subprocess.run([APP, "seed-demo"], env=env, check=True, capture_output=True)
    keys = [row[0] for row in sqlite3.connect(database).execute(
        "select r.key from visit_requests r join organisations o on o.id = r.visitor_id where o.validation_status = 'validated'")]
    keys_file = OUT / "request-keys.txt"
    keys_file.write_text("\n".join(keys) + "\n")
    port = "8791"
    with serving(env, ROOT, port) as base:
        request = urllib.request.Request(f"{base}/api/v1/auth/token", method="POST",
                                         data=json.dumps({"email": "admin@clusterxchange.example", "password": "demo-password"}).encode(),
                                         headers={"Content-Type": "application/json"})
        token = json.loads(urllib.request.urlopen(request).read())["token"]
        say(f"wrk: 64 connections, 20 s, {len(keys)} request keys")
        done = subprocess.run(["wrk", "-t2", "-c64", "-d20s", "--latency", "-s", str(ROOT / "Benchmarks" / "http" / "suggestions.lua"),
                               base], capture_output=True, text=True,
                              env={**os.environ, "KEYS_FILE": str(keys_file), "TOKEN": token})
        say(done.stdout)
        record({"benchmark": "http-suggestions", "connections": 64, "requestKeys": len(keys), **parse_wrk(done.stdout),
                "target": ">= 5,000 req/s, p99 < 50 ms"})


def parse_wrk(text):
    result = {}
    for line in text.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            result["requestsPerSecond"] = float(parts[1])
        elif len(parts) == 2 and parts[0] in ("50%", "99%"):
            result[f"p{parts[0][:-1]}"] = parts[1]
        elif "Non-2xx" in line or "non-2xx" in line.lower():
            result["non2xx"] = line.strip()
    return result


def main(sections):
    from exchanges import exchanges
    from pages import pages
    from signin import signin
    if "all" in sections:
        sections = ["search", "gazetteer", "optimise", "http", "exchanges", "pages", "signin"]
    for name in sections:
        {"search": search, "gazetteer": gazetteer, "optimise": optimise, "http": http,
         "exchanges": lambda: exchanges(record), "pages": lambda: pages(record), "signin": lambda: signin(record)}[name]()


if __name__ == "__main__":
    main(sys.argv[1:])

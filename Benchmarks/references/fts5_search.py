#!/usr/bin/env python3
"""Reference for offer search: SQLite FTS5's bm25 ranking over the same corpus and queries.

    fts5_search.py --corpus offers.jsonl --queries queries.jsonl [--limit 10] [--repeat 1]
                   [--results FILE]

Corpus lines: {"key":"F1","title":"..","description":"..","topics":["..",".."]}.
Query lines:  {"text":"free text"}.

Builds an in-memory FTS5 table (title, description, topics joined by spaces; tokenizer
"unicode61 remove_diacritics 2"), merged into one segment, and times it. Each query becomes its
tokens (lower-cased runs of letters and digits, those shorter than 2 characters dropped), each
double-quoted, joined with " OR "; queries left with no token are skipped. Each query runs
    SELECT key FROM offers WHERE offers MATCH ? ORDER BY bm25(offers, 2.0, 1.0, 3.0) LIMIT ?
(weights: title 2, description 1, topics 3) timed with perf_counter around execute + fetchall.

Prints one JSON line: {"engine":"sqlite-fts5-bm25","documents","queries","build_s","p50_ms",
"p99_ms","mean_ms",...}. --repeat runs the whole query list that many times (every run counts).
--results writes one JSON line per query, {"text":..,"keys":[..]}, for overlap checks.
"""

import argparse
import json
import math
import re
import sqlite3
import statistics
import sys
import time

TOKEN = re.compile(r"[^\W_]+")  # runs of letters and digits, any script


def match_expression(text):
    tokens = [t for t in TOKEN.findall(text.lower()) if len(t) >= 2]
    return " OR ".join('"' + t + '"' for t in tokens)


def read_jsonl(path, what):
    records = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except ValueError as error:
                    raise SystemExit(f"fts5_search: {what} {path} line {number}: not JSON: {error}")
    except OSError as error:
        raise SystemExit(f"fts5_search: cannot read {what} {path}: {error.strerror}")
    return records


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of a sorted, non-empty list."""
    rank = math.ceil(fraction * len(sorted_values))
    return sorted_values[min(max(rank, 1), len(sorted_values)) - 1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="offers, JSON Lines")
    parser.add_argument("--queries", required=True, help="queries, JSON Lines")
    parser.add_argument("--limit", type=int, default=10, help="results per query (default 10)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the queries (default 1)")
    parser.add_argument("--results", help="write each query's keys here (JSON Lines)")
    args = parser.parse_args(argv)
    if args.limit < 1 or args.repeat < 1:
        parser.error("--limit and --repeat must be at least 1")

    started = time.perf_counter()
    offers = read_jsonl(args.corpus, "corpus")
    queries = read_jsonl(args.queries, "queries")
    rows = []
    for number, offer in enumerate(offers, 1):
        try:
            topics = offer.get("topics") or []
            rows.append((offer["key"], offer.get("title") or "", offer.get("description") or "",
                         " ".join(topics)))
        except (KeyError, TypeError, AttributeError):
            raise SystemExit(f"fts5_search: corpus line {number}: needs \"key\" and text fields")
    load_s = time.perf_counter() - started

    db = sqlite3.connect(":memory:")
    begin = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE offers USING fts5("
               "title, description, topics, key UNINDEXED, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    with db:
        db.executemany("INSERT INTO offers (key, title, description, topics) VALUES (?, ?, ?, ?)", rows)
    inserted = time.perf_counter()
    with db:
        db.execute("INSERT INTO offers (offers) VALUES ('optimize')")
    built = time.perf_counter()

    # bm25's weights follow the column order: title, description, topics (key is unindexed).
    sql = "SELECT key FROM offers WHERE offers MATCH ? ORDER BY bm25(offers, 2.0, 1.0, 3.0) LIMIT ?"
    expressions = []
    skipped = 0
    for number, query in enumerate(queries, 1):
        text = query.get("text") if isinstance(query, dict) else None
        if not isinstance(text, str):
            raise SystemExit(f"fts5_search: queries line {number}: needs a string \"text\"")
        expression = match_expression(text)
        if expression:
            expressions.append((text, expression))
        else:
            skipped += 1

    timings = []
    results = []
    hits = 0
    for run in range(args.repeat):
        for text, expression in expressions:
            t0 = time.perf_counter()
            keys = db.execute(sql, (expression, args.limit)).fetchall()
            timings.append(time.perf_counter() - t0)
            if run == 0:
                hits += len(keys)
                if args.results:
                    results.append({"text": text, "keys": [k for (k,) in keys]})

    if args.results:
        try:
            with open(args.results, "w", encoding="utf-8") as out:
                for record in results:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as error:
            raise SystemExit(f"fts5_search: cannot write {args.results}: {error.strerror}")

    ms = sorted(t * 1000 for t in timings)
    print(json.dumps({
        "engine": "sqlite-fts5-bm25",
        "documents": len(rows),
        "queries": len(expressions),
        "skipped": skipped,
        "repeat": args.repeat,
        "build_s": round(built - begin, 4),
        "insert_s": round(inserted - begin, 4),
        "optimize_s": round(built - inserted, 4),
        "load_s": round(load_s, 4),
        "p50_ms": round(percentile(ms, 0.50), 4) if ms else None,
        "p99_ms": round(percentile(ms, 0.99), 4) if ms else None,
        "mean_ms": round(statistics.fmean(ms), 4) if ms else None,
        "max_ms": round(ms[-1], 4) if ms else None,
        "mean_hits": round(hits / len(expressions), 2) if expressions else None,
        "sqlite": sqlite3.sqlite_version,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes a seeded matching-round instance in the interfaces.md file format.

    generate_round.py --visitors N --hosts M --candidates K --partnerships P --seed S
                      [--budget-share 0.5] --out FILE

The same arguments always give the same bytes (random.Random(seed), fixed draw order), so the
Swift optimiser and the references read identical instances.

- Hosts H1..HM, capacity 1-4.
- Visitors V1..VN, each with K distinct hosts drawn uniformly.
- score = visitor quality x host quality x noise, rounded to 4 decimals, in (0, 1]: some visitors
  and hosts are better than others for everyone, so the optimum is not a plain uniform assignment.
- cost from {390, 550, 780, 1100} euros (the programme's lump-sum levels).
- P = 0: unbudgeted, "partnerships": [] and no "partnership" key on visitors.
- P > 0: visitors spread (unevenly) over P1..PP; each budget is budget-share x (its number of
  visitors x the mean cost of its visitors' candidates), rounded to cents, so budgets bind.
"""

import argparse
import json
import random
import sys
import time

COSTS = (390.0, 550.0, 780.0, 1100.0)


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def non_negative_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=positive_int, required=True)
    parser.add_argument("--hosts", type=positive_int, required=True)
    parser.add_argument("--candidates", type=positive_int, required=True,
                        help="distinct hosts per visitor")
    parser.add_argument("--partnerships", type=non_negative_int, required=True,
                        help="0 for an unbudgeted round")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--budget-share", type=float, default=0.5,
                        help="budget as a share of what funding every visitor would cost (default 0.5)")
    parser.add_argument("--out", required=True, help="instance file to write")
    args = parser.parse_args(argv)
    if args.candidates > args.hosts:
        parser.error("--candidates cannot exceed --hosts (candidates are distinct hosts)")
    if not 0.0 < args.budget_share:
        parser.error("--budget-share must be positive")
    return args


def quality(rng):
    """A quality in [0.35, 1.0], skewed towards the top: most are decent, a few are poor."""
    return 0.35 + 0.65 * rng.random() ** 0.5


def generate(args, progress):
    rng = random.Random(args.seed)
    n, m, k, p = args.visitors, args.hosts, args.candidates, args.partnerships

    capacities = [rng.randint(1, 4) for _ in range(m)]
    host_quality = [quality(rng) for _ in range(m)]
    visitor_quality = [quality(rng) for _ in range(n)]

    # Uneven partnership sizes: weights in [0.5, 1.5).
    if p > 0:
        weights = [0.5 + rng.random() for _ in range(p)]
        membership = rng.choices(range(p), weights=weights, k=n)
    else:
        membership = None

    hosts_range = range(m)
    candidates = []  # (visitor index, host index, score, cost)
    step = max(1, n // 10)
    for v in range(n):
        vq = visitor_quality[v]
        for h in rng.sample(hosts_range, k):
            noise = 0.55 + 0.45 * rng.random()
            score = round(vq * host_quality[h] * noise, 4)
            if score <= 0.0:
                score = 0.0001
            candidates.append((v, h, score, COSTS[rng.randrange(4)]))
        if progress and (v + 1) % step == 0:
            progress(f"candidates: {v + 1}/{n} visitors")

    budgets = []
    if p > 0:
        visitors_of = [0] * p
        cost_sum = [0.0] * p
        cost_count = [0] * p
        for v in range(n):
            visitors_of[membership[v]] += 1
        for v, _, _, cost in candidates:
            q = membership[v]
            cost_sum[q] += cost
            cost_count[q] += 1
        for q in range(p):
            if cost_count[q] == 0:
                budgets.append(0.0)
                continue
            mean_cost = cost_sum[q] / cost_count[q]
            budgets.append(round(args.budget_share * visitors_of[q] * mean_cost, 2))

    return capacities, membership, candidates, budgets


def write(path, args, capacities, membership, candidates, budgets):
    parts = ['{"partnerships":[']
    parts.append(",\n  ".join(
        '{"id":"P%d","budget":%s}' % (q + 1, json.dumps(b)) for q, b in enumerate(budgets)))
    parts.append('],\n "hosts":[')
    parts.append(",\n  ".join(
        '{"id":"H%d","capacity":%d}' % (h + 1, c) for h, c in enumerate(capacities)))
    parts.append('],\n "visitors":[')
    if membership is None:
        parts.append(",\n  ".join('{"id":"V%d"}' % (v + 1) for v in range(args.visitors)))
    else:
        parts.append(",\n  ".join(
            '{"id":"V%d","partnership":"P%d"}' % (v + 1, q + 1) for v, q in enumerate(membership)))
    parts.append('],\n "candidates":[')
    # repr() of a float is the shortest text that reads back to the same double (0.82, 780.0).
    parts.append(",\n  ".join(
        '{"visitor":"V%d","host":"H%d","score":%r,"cost":%r}' % (v + 1, h + 1, s, c)
        for v, h, s, c in candidates))
    parts.append("]}\n")
    with open(path, "w", encoding="utf-8") as out:
        out.write("".join(parts))


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    large = args.visitors * args.candidates >= 200_000

    def progress(message):
        print(f"generate_round: {message} ({time.perf_counter() - started:.1f} s)",
              file=sys.stderr, flush=True)

    capacities, membership, candidates, budgets = generate(args, progress if large else None)
    if large:
        progress(f"writing {args.out}")
    try:
        write(args.out, args, capacities, membership, candidates, budgets)
    except OSError as error:
        print(f"generate_round: cannot write {args.out}: {error.strerror}", file=sys.stderr)
        return 1
    if large:
        progress(f"wrote {len(candidates)} candidates")
    return 0


if __name__ == "__main__":
    sys.exit(main())

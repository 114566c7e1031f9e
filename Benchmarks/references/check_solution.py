#!/usr/bin/env python3
"""Checks a solution against its instance, independently of the code that produced it.

    check_solution.py --instance FILE --solution FILE

Checks: every assignment is a candidate pair; each visitor at most once; each host at most its
capacity; each partnership's spending at most its budget, summed in integer cents
(round(x * 100)); the file's "objective" equals the recomputed sum of scores (within 1e-6);
"bound", when present, is not below the objective (within 1e-9).

Prints one JSON line, {"feasible":true,"objective":..,"bound":..,"gap":..,"assigned":..}, where
gap = (bound - objective) / bound (null without a bound). When a check fails it prints
{"feasible":false,"reason":".."} and the reason on stderr, and exits 1; unreadable or malformed
files exit 2.
"""

import argparse
import json
import math
import sys

from roundfile import RoundFileError, load_instance, load_solution

OBJECTIVE_TOLERANCE = 1e-6
BOUND_TOLERANCE = 1e-9


class Infeasible(Exception):
    pass


def cents(amount):
    return int(round(amount * 100))


def check(inst, pairs, claimed_objective, bound):
    v_index = {ident: v for v, ident in enumerate(inst.visitor_ids)}
    h_index = {ident: h for h, ident in enumerate(inst.host_ids)}
    candidate = {}
    for c in range(len(inst.cand_visitor)):
        candidate[(inst.cand_visitor[c], inst.cand_host[c])] = c

    used_visitor = [False] * len(inst.visitor_ids)
    host_load = [0] * len(inst.host_ids)
    spent_cents = [0] * len(inst.partnership_ids)
    scores = []
    for i, (visitor, host) in enumerate(pairs):
        v = v_index.get(visitor)
        h = h_index.get(host)
        if v is None:
            raise Infeasible(f"assignments[{i}]: unknown visitor {visitor!r}")
        if h is None:
            raise Infeasible(f"assignments[{i}]: unknown host {host!r}")
        c = candidate.get((v, h))
        if c is None:
            raise Infeasible(f"assignments[{i}]: {visitor!r}-{host!r} is not a candidate pair")
        if used_visitor[v]:
            raise Infeasible(f"assignments[{i}]: visitor {visitor!r} is assigned more than once")
        used_visitor[v] = True
        host_load[h] += 1
        if host_load[h] > inst.capacities[h]:
            raise Infeasible(f"host {host!r} is assigned more than its capacity {inst.capacities[h]}")
        q = inst.visitor_partnership[v]
        if q >= 0:
            spent_cents[q] += cents(inst.cand_cost[c])
        scores.append(inst.cand_score[c])

    for q, spent in enumerate(spent_cents):
        budget = cents(inst.budgets[q])
        if spent > budget:
            raise Infeasible(
                f"partnership {inst.partnership_ids[q]!r} spends {spent / 100:.2f} over its budget {budget / 100:.2f}")

    objective = math.fsum(scores)
    if abs(objective - claimed_objective) > OBJECTIVE_TOLERANCE:
        raise Infeasible(
            f"objective {claimed_objective!r} in the file, {objective!r} recomputed from the assignments")
    gap = None
    if bound is not None:
        if bound < objective - BOUND_TOLERANCE:
            raise Infeasible(f"bound {bound!r} is below the objective {objective!r}")
        gap = (bound - objective) / abs(bound) if bound != 0 else 0.0
    return {"feasible": True, "objective": objective, "bound": bound, "gap": gap,
            "assigned": len(pairs)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", required=True)
    parser.add_argument("--solution", required=True)
    args = parser.parse_args(argv)
    try:
        inst = load_instance(args.instance, strict=True)
        pairs, objective, bound = load_solution(args.solution)
    except RoundFileError as error:
        print(f"check_solution: {error}", file=sys.stderr)
        return 2
    try:
        result = check(inst, pairs, objective, bound)
    except Infeasible as error:
        print(json.dumps({"feasible": False, "reason": str(error)}))
        print(f"check_solution: infeasible: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

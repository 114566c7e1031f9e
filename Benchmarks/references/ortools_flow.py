#!/usr/bin/env python3
"""Reference for the unbudgeted optimiser: OR-tools' min-cost flow, exact.

    ortools_flow.py --instance FILE --solution FILE

Budgets are ignored (a note goes to stderr when the instance has any). The network:
source -> visitor (capacity 1), visitor -> host (capacity 1, cost -round(score * 1e6)),
host -> sink (capacity = host capacity), visitor -> sink (capacity 1, cost 0, the visitor stays
unassigned); the source supplies one unit per visitor. The solution file gets the assignments and
objective = the sum of the original scores; when every score is a multiple of 1e-6 the scaled
problem is the real one, so the optimum is proven and is written as "bound" too (it bounds the
budgeted problem as well, being its relaxation).

Prints one JSON line: {"solver":"ortools-min-cost-flow","load_s","build_s","solve_s","write_s",
"total_s","objective","assigned",...}; total_s covers reading the instance through writing the
solution, to compare with the Swift command's wall time on the same files.
"""

import argparse
import json
import math
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow

from roundfile import RoundFileError, load_instance, write_solution

SCALE = 1_000_000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", required=True)
    parser.add_argument("--solution", required=True)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        inst = load_instance(args.instance, strict=False)
    except RoundFileError as error:
        print(f"ortools_flow: {error}", file=sys.stderr)
        return 2
    cand_visitor = np.asarray(inst.cand_visitor, dtype=np.int32)
    cand_host = np.asarray(inst.cand_host, dtype=np.int32)
    cand_score = np.asarray(inst.cand_score, dtype=np.float64)
    capacities = np.asarray(inst.capacities, dtype=np.int64)
    loaded = time.perf_counter()
    if inst.budgeted:
        print("ortools_flow: the instance has budgets; they are ignored (unbudgeted reference)",
              file=sys.stderr)

    n, m, c = len(inst.visitor_ids), len(inst.host_ids), len(cand_visitor)
    source, sink = 0, n + m + 1
    visitors = np.arange(1, n + 1, dtype=np.int32)
    hosts = np.arange(n + 1, n + m + 1, dtype=np.int32)
    scaled = np.rint(cand_score * SCALE)
    exact = bool(np.all(np.abs(cand_score * SCALE - scaled) < 1e-3))

    tails = np.concatenate([np.full(n, source, dtype=np.int32), cand_visitor + 1,
                            hosts, visitors])
    heads = np.concatenate([visitors, cand_host + (n + 1),
                            np.full(m, sink, dtype=np.int32), np.full(n, sink, dtype=np.int32)])
    arc_capacities = np.concatenate([np.ones(n, dtype=np.int64), np.ones(c, dtype=np.int64),
                                     capacities, np.ones(n, dtype=np.int64)])
    costs = np.concatenate([np.zeros(n, dtype=np.int64), -scaled.astype(np.int64),
                            np.zeros(m, dtype=np.int64), np.zeros(n, dtype=np.int64)])

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, arc_capacities, costs)
    flow.set_nodes_supplies(np.array([source, sink], dtype=np.int32),
                            np.array([n, -n], dtype=np.int64))
    built = time.perf_counter()

    status = flow.solve()
    solved = time.perf_counter()
    if status != flow.OPTIMAL:
        print(f"ortools_flow: min-cost flow ended with status {status}", file=sys.stderr)
        return 1

    candidate_arcs = np.arange(n, n + c, dtype=np.int32)
    chosen = np.nonzero(flow.flows(candidate_arcs) > 0)[0]
    objective = math.fsum(cand_score[chosen].tolist())
    pairs = [(inst.visitor_ids[inst.cand_visitor[i]], inst.host_ids[inst.cand_host[i]])
             for i in chosen.tolist()]
    try:
        write_solution(args.solution, pairs, objective, objective if exact else None)
    except RoundFileError as error:
        print(f"ortools_flow: {error}", file=sys.stderr)
        return 2
    written = time.perf_counter()

    print(json.dumps({
        "solver": "ortools-min-cost-flow",
        "load_s": round(loaded - started, 4),
        "build_s": round(built - loaded, 4),
        "solve_s": round(solved - built, 4),
        "write_s": round(written - solved, 4),
        "total_s": round(written - started, 4),
        "objective": objective,
        "assigned": len(pairs),
        "visitors": n, "hosts": m, "candidates": c,
        "scaled_optimum": -flow.optimal_cost() / SCALE,
        "exact": exact,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reference for the budgeted optimiser: the whole round as a MIP in HiGHS, and its LP bound.

    highs_mip.py --instance FILE [--time-limit 60] [--gap 0.0075] [--solution FILE]
                 [--lp-only] [--lp-solver choose|simplex|ipm] [--hard-limit SECONDS]

One binary x per candidate pair; each visitor at most once; each host at most its capacity; for
each partnership, sum of cost * x over its visitors' pairs at most its budget; maximise the sum of
score * x. The LP relaxation (0 <= x <= 1) is solved first, on its own and timed apart: its value
is the "LP bound" the Swift optimiser's result is measured against. Then the MIP runs with HiGHS's
mip_rel_gap = --gap and time_limit = --time-limit (unless --lp-only).

HiGHS does not always honour time_limit: on 600,000 binaries it was seen spending minutes after
presolve without looking at the clock. A watchdog therefore ends the process once the MIP has run
for --hard-limit seconds (default 2 x time limit + 30): it prints the JSON line with the LP bound,
no objective and status "killed at hard limit", and exits 3.

Prints one JSON line: {"solver":"highs-mip","lp_bound","lp_s","mip_s","objective","mip_bound",
"gap","lp_gap","reached_gap","status",...}. gap is HiGHS's own (|bound - objective| / |objective|);
lp_gap = (lp_bound - objective) / lp_bound. --solution writes the MIP's best assignment, with
bound = min(lp_bound, mip_bound).

Run it in its own process, not in one with OR-tools (in one process HiGHS may return unsolved).
"""

import argparse
import json
import math
import os
import sys
import threading
import time

import numpy as np
import highspy

from roundfile import RoundFileError, load_instance, write_solution


def progress(message):
    print(f"highs_mip: {message}", file=sys.stderr, flush=True)


def quiet_highs():
    """A Highs object with its output off. The constructor prints a banner on the C stdout
    before any option can be set; send it to /dev/null so stdout stays one JSON line."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    return highs


def build_matrix(inst):
    """Column-wise constraint matrix: column j has 1 in its visitor's row, 1 in its host's row
    and its cost in its visitor's partnership row (when the visitor has one)."""
    n, m = len(inst.visitor_ids), len(inst.host_ids)
    p = len(inst.partnership_ids)
    cand_visitor = np.asarray(inst.cand_visitor, dtype=np.int64)
    cand_host = np.asarray(inst.cand_host, dtype=np.int64)
    cand_cost = np.asarray(inst.cand_cost, dtype=np.float64)
    visitor_partnership = np.asarray(inst.visitor_partnership, dtype=np.int64)
    c = len(cand_visitor)

    q = visitor_partnership[cand_visitor] if c else np.zeros(0, dtype=np.int64)
    budgeted = q >= 0
    per_column = 2 + budgeted.astype(np.int64)
    start = np.zeros(c + 1, dtype=np.int64)
    np.cumsum(per_column, out=start[1:])
    nnz = int(start[-1])

    index = np.empty(nnz, dtype=np.int32)
    value = np.empty(nnz, dtype=np.float64)
    first = start[:-1]
    index[first] = cand_visitor
    value[first] = 1.0
    index[first + 1] = n + cand_host
    value[first + 1] = 1.0
    third = first[budgeted] + 2
    index[third] = n + m + q[budgeted]
    value[third] = cand_cost[budgeted]

    row_upper = np.concatenate([np.ones(n), np.asarray(inst.capacities, dtype=np.float64),
                                np.asarray(inst.budgets, dtype=np.float64)])
    row_lower = np.full(n + m + p, -highspy.kHighsInf)
    return start.astype(np.int32), index, value, row_lower, row_upper


def solve(inst, integral, time_limit=None, gap=None, lp_solver="choose"):
    n_col = len(inst.cand_visitor)
    start, index, value, row_lower, row_upper = build_matrix(inst)
    kind = highspy.HighsVarType.kInteger if integral else highspy.HighsVarType.kContinuous
    highs = quiet_highs()
    if time_limit is not None:
        highs.setOptionValue("time_limit", float(time_limit))
    if gap is not None:
        highs.setOptionValue("mip_rel_gap", float(gap))
    if not integral:
        highs.setOptionValue("solver", lp_solver)
    status = highs.passModel(
        n_col, len(row_upper), len(index),
        int(highspy.MatrixFormat.kColwise), int(highspy.ObjSense.kMaximize), 0.0,
        np.asarray(inst.cand_score, dtype=np.float64), np.zeros(n_col), np.ones(n_col),
        row_lower, row_upper, start[:-1] if n_col else start[:0], index, value,
        np.full(n_col, int(kind), dtype=np.int32))
    if status == highspy.HighsStatus.kError:
        raise RuntimeError("HiGHS refused the model")
    began = time.perf_counter()
    highs.run()
    return highs, time.perf_counter() - began


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", required=True)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds for the MIP (default 60)")
    parser.add_argument("--gap", type=float, default=0.0075, help="mip_rel_gap to stop at (default 0.0075)")
    parser.add_argument("--solution", help="write the MIP's best assignment here")
    parser.add_argument("--lp-only", action="store_true", help="stop after the LP bound")
    parser.add_argument("--lp-solver", choices=("choose", "simplex", "ipm"), default="choose",
                        help="HiGHS's solver for the LP relaxation (default choose)")
    parser.add_argument("--hard-limit", type=float,
                        help="seconds after which the MIP is abandoned (default 2 x time limit + 30)")
    args = parser.parse_args(argv)
    hard_limit = args.hard_limit if args.hard_limit is not None else 2 * args.time_limit + 30

    started = time.perf_counter()
    try:
        inst = load_instance(args.instance, strict=False)
    except RoundFileError as error:
        print(f"highs_mip: {error}", file=sys.stderr)
        return 2
    load_s = time.perf_counter() - started
    n_col = len(inst.cand_visitor)
    progress(f"{len(inst.visitor_ids)} visitors, {len(inst.host_ids)} hosts, {n_col} candidates, "
             f"{len(inst.partnership_ids)} partnerships; loaded in {load_s:.2f} s; solving the LP relaxation")

    lp, lp_s = solve(inst, integral=False, lp_solver=args.lp_solver)
    lp_status = lp.modelStatusToString(lp.getModelStatus())
    if lp.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        print(f"highs_mip: the LP relaxation ended with status {lp_status}", file=sys.stderr)
        return 1
    lp_bound = lp.getInfo().objective_function_value
    del lp
    report = {
        "solver": "highs-mip",
        "lp_bound": lp_bound,
        "lp_s": round(lp_s, 4),
        "mip_s": None,
        "objective": None,
        "mip_bound": None,
        "gap": None,
        "lp_gap": None,
        "reached_gap": False,
        "target_gap": args.gap,
        "time_limit_s": args.time_limit,
        "status": "LP only",
        "assigned": 0,
        "nodes": None,
        "load_s": round(load_s, 4),
        "visitors": len(inst.visitor_ids), "hosts": len(inst.host_ids), "candidates": n_col,
        "partnerships": len(inst.partnership_ids),
    }
    if args.lp_only:
        progress(f"LP bound {lp_bound:.4f} in {lp_s:.2f} s")
        print(json.dumps(report))
        return 0
    progress(f"LP bound {lp_bound:.4f} in {lp_s:.2f} s; MIP (limit {args.time_limit:g} s, gap {args.gap:g})")

    mip_started = time.perf_counter()

    def give_up():
        elapsed = time.perf_counter() - mip_started
        report.update(mip_s=round(elapsed, 4), status="killed at hard limit")
        print(json.dumps(report), flush=True)
        print(f"highs_mip: MIP abandoned at the hard limit, {elapsed:.0f} s "
              f"(HiGHS's time limit was {args.time_limit:g} s)", file=sys.stderr, flush=True)
        os._exit(3)

    watchdog = threading.Timer(hard_limit, give_up)
    watchdog.daemon = True
    watchdog.start()
    mip, mip_s = solve(inst, integral=True, time_limit=args.time_limit, gap=args.gap)
    watchdog.cancel()
    info = mip.getInfo()
    status = mip.modelStatusToString(mip.getModelStatus())
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    objective = mip_bound = gap = lp_gap = None
    chosen = []
    if has_solution:
        x = np.asarray(mip.getSolution().col_value)
        chosen = np.nonzero(x > 0.5)[0].tolist()
        objective = math.fsum(inst.cand_score[j] for j in chosen)
        mip_bound = info.mip_dual_bound
        gap = info.mip_gap
        lp_gap = (lp_bound - objective) / abs(lp_bound) if lp_bound else 0.0
    reached = gap is not None and gap <= args.gap + 1e-12
    progress(f"MIP {status} in {mip_s:.2f} s: objective {objective}, bound {mip_bound}, gap {gap}")

    if args.solution and has_solution:
        pairs = [(inst.visitor_ids[inst.cand_visitor[j]], inst.host_ids[inst.cand_host[j]]) for j in chosen]
        try:
            write_solution(args.solution, pairs, objective, min(lp_bound, mip_bound))
        except RoundFileError as error:
            print(f"highs_mip: {error}", file=sys.stderr)
            return 2
    elif args.solution:
        progress("no feasible MIP solution: no solution file written")

    report.update(mip_s=round(mip_s, 4), objective=objective, mip_bound=mip_bound, gap=gap,
                  lp_gap=lp_gap, reached_gap=reached, status=status, assigned=len(chosen),
                  nodes=info.mip_node_count)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

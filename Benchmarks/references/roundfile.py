"""Reading instances and writing solutions in the matching-round file format (interfaces.md).

Instance:  {"partnerships":[{"id","budget"}], "hosts":[{"id","capacity"}],
            "visitors":[{"id", optional "partnership"}],
            "candidates":[{"visitor","host","score","cost"}]}
Solution:  {"assignments":[{"visitor","host"}], "objective":..., optional "bound":...}

Only the standard library here: the checker must run without the solver packages.
"""

import json
import math


class RoundFileError(Exception):
    """The file cannot be read or does not follow the format; the message is one line."""


def _read_json(path, what):
    try:
        with open(path, "rb") as handle:
            return json.load(handle)
    except OSError as error:
        raise RoundFileError(f"cannot read {what} {path}: {error.strerror}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise RoundFileError(f"{what} {path} is not JSON: {error}") from None


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class Instance:
    """Columns of plain lists, indices instead of ids.

    partnership_ids[q], budgets[q]; host_ids[h], capacities[h];
    visitor_ids[v], visitor_partnership[v] (index, -1 when the visitor has none);
    candidate c: cand_visitor[c], cand_host[c], cand_score[c], cand_cost[c].
    """

    def __init__(self):
        self.partnership_ids = []
        self.budgets = []
        self.host_ids = []
        self.capacities = []
        self.visitor_ids = []
        self.visitor_partnership = []
        self.cand_visitor = []
        self.cand_host = []
        self.cand_score = []
        self.cand_cost = []

    @property
    def budgeted(self):
        return any(q >= 0 for q in self.visitor_partnership)


def _index(records, kind):
    ids = []
    for i, record in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise RoundFileError(f"instance: {kind}[{i}] needs a string \"id\"")
        ids.append(record["id"])
    index = {ident: i for i, ident in enumerate(ids)}
    if len(index) != len(ids):
        seen = set()
        for ident in ids:
            if ident in seen:
                raise RoundFileError(f"instance: {kind} id {ident!r} appears twice")
            seen.add(ident)
    return ids, index


def load_instance(path, strict=True):
    """Reads an instance. strict=True also checks types, values and duplicate candidate pairs;
    the reference solvers pass strict=False so that their load time is mostly JSON parsing."""
    data = _read_json(path, "instance")
    if not isinstance(data, dict):
        raise RoundFileError("instance: the top level must be an object")
    for key in ("partnerships", "hosts", "visitors", "candidates"):
        if not isinstance(data.get(key), list):
            raise RoundFileError(f"instance: \"{key}\" must be an array")

    inst = Instance()
    partnerships, hosts = data["partnerships"], data["hosts"]
    visitors, candidates = data["visitors"], data["candidates"]

    inst.partnership_ids, p_index = _index(partnerships, "partnerships")
    inst.host_ids, h_index = _index(hosts, "hosts")
    inst.visitor_ids, v_index = _index(visitors, "visitors")

    try:
        inst.budgets = [p["budget"] for p in partnerships]
        inst.capacities = [h["capacity"] for h in hosts]
        inst.visitor_partnership = [p_index[v["partnership"]] if "partnership" in v else -1
                                    for v in visitors]
        inst.cand_visitor = [v_index[c["visitor"]] for c in candidates]
        inst.cand_host = [h_index[c["host"]] for c in candidates]
        inst.cand_score = [c["score"] for c in candidates]
        inst.cand_cost = [c["cost"] for c in candidates]
    except (KeyError, TypeError):
        _explain(partnerships, hosts, visitors, candidates, p_index, h_index, v_index)
        raise RoundFileError("instance: a record lacks a field or has a field of the wrong type") from None

    if strict:
        for q, budget in enumerate(inst.budgets):
            if not _number(budget) or budget < 0:
                raise RoundFileError(f"instance: partnership {inst.partnership_ids[q]!r} budget must be a number >= 0")
        for h, capacity in enumerate(inst.capacities):
            if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 0:
                raise RoundFileError(f"instance: host {inst.host_ids[h]!r} capacity must be an integer >= 0")
        pairs = set()
        for c in range(len(candidates)):
            score, cost = inst.cand_score[c], inst.cand_cost[c]
            if not _number(score):
                raise RoundFileError(f"instance: candidates[{c}] score must be a number")
            if not _number(cost) or cost < 0:
                raise RoundFileError(f"instance: candidates[{c}] cost must be a number >= 0")
            pair = (inst.cand_visitor[c], inst.cand_host[c])
            if pair in pairs:
                raise RoundFileError(
                    f"instance: candidates[{c}] repeats the pair "
                    f"{inst.visitor_ids[pair[0]]!r}-{inst.host_ids[pair[1]]!r}")
            pairs.add(pair)
    return inst


def _explain(partnerships, hosts, visitors, candidates, p_index, h_index, v_index):
    """Finds the first bad record after the fast path failed, and says which."""
    for i, p in enumerate(partnerships):
        if "budget" not in p:
            raise RoundFileError(f"instance: partnerships[{i}] has no \"budget\"")
    for i, h in enumerate(hosts):
        if "capacity" not in h:
            raise RoundFileError(f"instance: hosts[{i}] has no \"capacity\"")
    for i, v in enumerate(visitors):
        if "partnership" in v and v["partnership"] not in p_index:
            raise RoundFileError(f"instance: visitors[{i}] names unknown partnership {v['partnership']!r}")
    for i, c in enumerate(candidates):
        if not isinstance(c, dict):
            raise RoundFileError(f"instance: candidates[{i}] must be an object")
        for key in ("visitor", "host", "score", "cost"):
            if key not in c:
                raise RoundFileError(f"instance: candidates[{i}] has no \"{key}\"")
        if c["visitor"] not in v_index:
            raise RoundFileError(f"instance: candidates[{i}] names unknown visitor {c['visitor']!r}")
        if c["host"] not in h_index:
            raise RoundFileError(f"instance: candidates[{i}] names unknown host {c['host']!r}")


def load_solution(path):
    """Returns (assignments as [(visitor id, host id)], objective, bound or None)."""
    data = _read_json(path, "solution")
    if not isinstance(data, dict) or not isinstance(data.get("assignments"), list):
        raise RoundFileError("solution: needs an \"assignments\" array")
    pairs = []
    for i, a in enumerate(data["assignments"]):
        if not (isinstance(a, dict) and isinstance(a.get("visitor"), str) and isinstance(a.get("host"), str)):
            raise RoundFileError(f"solution: assignments[{i}] needs string \"visitor\" and \"host\"")
        pairs.append((a["visitor"], a["host"]))
    if not _number(data.get("objective")):
        raise RoundFileError("solution: needs a numeric \"objective\"")
    bound = data.get("bound")
    if bound is not None and not _number(bound):
        raise RoundFileError("solution: \"bound\" must be a number when present")
    return pairs, data["objective"], bound


def write_solution(path, pairs, objective, bound=None):
    """pairs: iterable of (visitor id, host id)."""
    lines = ",\n  ".join(
        '{"visitor":%s,"host":%s}' % (json.dumps(v), json.dumps(h)) for v, h in pairs)
    text = '{"assignments":[' + lines + '],\n "objective":' + repr(float(objective))
    if bound is not None:
        text += ',\n "bound":' + repr(float(bound))
    text += "}\n"
    try:
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        raise RoundFileError(f"cannot write solution {path}: {error.strerror}") from None

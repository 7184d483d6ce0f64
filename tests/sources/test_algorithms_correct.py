"""Correctness of the bundled classical-algorithm programs and their samplers.

Every program in ``src/tracepile/sources/bundled/algorithms`` is executed on
sampled inputs (seeds 0..24, sizes 1..8) and its result is checked by an
independent brute force, property or known answer in ``CHECKS``.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import itertools
import math
import os
import random
import sys
from collections import deque
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

import pytest

ALGO_DIR = Path(__file__).resolve().parents[2] / "src" / "tracepile" / "sources" / "bundled" / "algorithms"
SEEDS = range(25)
SIZES = range(1, 9)
TOPICS = {
    "sorting", "selection", "searching", "heaps", "hashing", "trees", "union-find", "graphs",
    "shortest-paths", "flows", "dynamic-programming", "greedy", "strings", "number-theory",
    "geometry", "backtracking",
}


def _load_samplers():
    spec = importlib.util.spec_from_file_location("_tracepile_algorithm_samplers", ALGO_DIR / "samplers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SAMPLERS


SAMPLERS = _load_samplers()
PROGRAM_NAMES = sorted(p.stem for p in ALGO_DIR.glob("*.py") if p.stem not in {"samplers", "__init__"})


def parse_call(call: str) -> tuple[str, list[Any], dict[str, Any]]:
    """Split a sampler's call string into (function name, positional args, keyword args)."""
    node = ast.parse(call, mode="eval").body
    assert isinstance(node, ast.Call), call
    assert isinstance(node.func, ast.Name), call
    args = [ast.literal_eval(a) for a in node.args]
    kwargs = {}
    for kw in node.keywords:
        assert kw.arg is not None, "no **kwargs in sampler calls"
        kwargs[kw.arg] = ast.literal_eval(kw.value)
    return node.func.id, args, kwargs


@functools.lru_cache(maxsize=None)
def _compiled(name: str):
    path = ALGO_DIR / f"{name}.py"
    return compile(path.read_text(encoding="utf-8"), str(path), "exec")


def run_program(name: str, call: str) -> tuple[list[Any], dict[str, Any], Any]:
    func, args, kwargs = parse_call(call)
    namespace: dict[str, Any] = {"__name__": f"tracepile_algorithm_{name}"}
    exec(_compiled(name), namespace)
    # Fresh copies for the call, so in-place algorithms cannot disturb the check.
    _, call_args, call_kwargs = parse_call(call)
    result = namespace[func](*call_args, **call_kwargs)
    return args, kwargs, result


# --------------------------------------------------------------------------
# Reference helpers (brute forces, written independently of the programs)
# --------------------------------------------------------------------------

def _closure(n: int, edges) -> list[list[bool]]:
    """reach[u][v]: a directed path of length >= 1 leads from u to v (Warshall)."""
    reach = [[False] * n for _ in range(n)]
    for e in edges:
        reach[e[0]][e[1]] = True
    for k in range(n):
        for i in range(n):
            if reach[i][k]:
                for j in range(n):
                    if reach[k][j]:
                        reach[i][j] = True
    return reach


def _components(n: int, edges) -> list[int]:
    """Component label of each vertex of an undirected graph, by flood fill."""
    adj = [set() for _ in range(n)]
    for u, v in edges:
        adj[u].add(v)
        adj[v].add(u)
    label = [-1] * n
    for s in range(n):
        if label[s] != -1:
            continue
        label[s] = s
        todo = [s]
        while todo:
            u = todo.pop()
            for v in adj[u]:
                if label[v] == -1:
                    label[v] = s
                    todo.append(v)
    return label


def _relaxation_distances(n: int, wedges, source: int) -> list:
    """Shortest distances by plain edge relaxation until nothing changes (no negative cycles)."""
    dist: list = [None] * n
    dist[source] = 0
    for _ in range(n):
        for u, v, w in wedges:
            if dist[u] is not None and (dist[v] is None or dist[u] + w < dist[v]):
                dist[v] = dist[u] + w
    return dist


def _floyd(n: int, wedges) -> list[list]:
    inf = math.inf
    d = [[0 if i == j else inf for j in range(n)] for i in range(n)]
    for u, v, w in wedges:
        d[u][v] = min(d[u][v], w)
    for k in range(n):
        for i in range(n):
            for j in range(n):
                if d[i][k] + d[k][j] < d[i][j]:
                    d[i][j] = d[i][k] + d[k][j]
    return d


def _mst_weight(n: int, wedges) -> int:
    """O(n^2) Prim on a weight matrix (graph must be connected)."""
    inf = math.inf
    w = [[inf] * n for _ in range(n)]
    for u, v, c in wedges:
        w[u][v] = w[v][u] = min(w[u][v], c)
    in_tree = [False] * n
    best = [inf] * n
    best[0] = 0
    total = 0
    for _ in range(n):
        u = min((x for x in range(n) if not in_tree[x]), key=lambda x: best[x])
        assert best[u] < inf, "graph is not connected"
        in_tree[u] = True
        total += best[u]
        for v in range(n):
            if not in_tree[v] and w[u][v] < best[v]:
                best[v] = w[u][v]
    return total


def _lis_length(arr) -> int:
    """Take-or-skip exhaustive search (memoised) for the longest strictly increasing subsequence."""

    @functools.lru_cache(maxsize=None)
    def go(i: int, last: int) -> int:
        if i == len(arr):
            return 0
        best = go(i + 1, last)
        if last == -1 or arr[i] > arr[last]:
            best = max(best, 1 + go(i + 1, i))
        return best

    return go(0, -1)


def _is_subsequence(sub, seq) -> bool:
    it = iter(seq)
    return all(ch in it for ch in sub)


def _occurrences(text: str, pattern: str) -> list[int]:
    return [i for i in range(len(text) - len(pattern) + 1) if text[i:i + len(pattern)] == pattern]


def _is_prime(p: int) -> bool:
    return p >= 2 and all(p % d for d in range(2, int(math.isqrt(p)) + 1))


def _cross(o, a, b) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _on_closed_segment(a, b, p) -> bool:
    return (_cross(a, b, p) == 0
            and min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def _segments_meet(p1, p2, p3, p4) -> bool:
    """Parametric intersection test with exact fractions (not the CLRS straddle test)."""
    if p1 == p2 and p3 == p4:
        return p1 == p3
    if p1 == p2:
        return _on_closed_segment(p3, p4, p1)
    if p3 == p4:
        return _on_closed_segment(p1, p2, p3)
    r = (p2[0] - p1[0], p2[1] - p1[1])
    s = (p4[0] - p3[0], p4[1] - p3[1])
    q = (p3[0] - p1[0], p3[1] - p1[1])
    denom = r[0] * s[1] - r[1] * s[0]
    if denom != 0:
        t = Fraction(q[0] * s[1] - q[1] * s[0], denom)
        u = Fraction(q[0] * r[1] - q[1] * r[0], denom)
        return 0 <= t <= 1 and 0 <= u <= 1
    if q[0] * r[1] - q[1] * r[0] != 0:
        return False  # parallel, on different lines
    rr = r[0] * r[0] + r[1] * r[1]
    t0 = Fraction(q[0] * r[0] + q[1] * r[1], rr)
    t1 = Fraction((p4[0] - p1[0]) * r[0] + (p4[1] - p1[1]) * r[1], rr)
    return max(min(t0, t1), 0) <= min(max(t0, t1), 1)


def _simple_graph(edges) -> bool:
    seen = set()
    for u, v in edges:
        if u == v or frozenset((u, v)) in seen:
            return False
        seen.add(frozenset((u, v)))
    return True


# --------------------------------------------------------------------------
# Checks: one per program, each asserting on (args, kwargs, result)
# --------------------------------------------------------------------------

def check_sorted(args, kwargs, result):
    assert result == sorted(args[0])


def check_quickselect(args, kwargs, result):
    arr, k = args
    assert result == sorted(arr)[k - 1]


def check_min_max(args, kwargs, result):
    assert tuple(result) == (min(args[0]), max(args[0]))


def check_binary_search(args, kwargs, result):
    arr, targets = args
    assert len(result) == len(targets)
    for target, index in zip(targets, result):
        if target in arr:
            assert 0 <= index < len(arr) and arr[index] == target
        else:
            assert index == -1


def check_lower_bound(args, kwargs, result):
    arr, targets = args
    expected = [next((i for i, x in enumerate(arr) if x >= t), len(arr)) for t in targets]
    assert result == expected


def check_first_last_occurrence(args, kwargs, result):
    arr, target = args
    hits = [i for i, x in enumerate(arr) if x == target]
    assert tuple(result) == ((hits[0], hits[-1]) if hits else (-1, -1))


def check_count_in_range(args, kwargs, result):
    arr, queries = args
    assert result == [sum(1 for x in arr if lo <= x <= hi) for lo, hi in queries]


def check_ternary_search(args, kwargs, result):
    arr = args[0]
    assert result == arr.index(max(arr))


def check_binary_heap(args, kwargs, result):
    items: list[int] = []
    expected = []
    for op in args[0]:
        if op[0] == "push":
            items.append(op[1])
        elif op[0] == "pop":
            if items:
                smallest = min(items)
                items.remove(smallest)
                expected.append(smallest)
            else:
                expected.append(None)
        else:
            expected.append(min(items) if items else None)
    assert result == expected


def check_k_largest(args, kwargs, result):
    nums, k = args
    assert result == sorted(nums, reverse=True)[:k]


def check_merge_k_sorted(args, kwargs, result):
    assert result == sorted(x for lst in args[0] for x in lst)


def _check_map_ops(ops, result):
    table: dict = {}
    expected = []
    for op in ops:
        if op[0] == "put":
            table[op[1]] = op[2]
        elif op[0] == "get":
            expected.append(table.get(op[1]))
        else:
            expected.append(table.pop(op[1], None) is not None)
    assert result == expected


def check_chained_hash_table(args, kwargs, result):
    _check_map_ops(args[0], result)


def check_linear_probing(args, kwargs, result):
    _check_map_ops(args[0], result)


def check_bst(args, kwargs, result):
    keys: set = set()
    expected = []
    for op in args[0]:
        if op[0] == "insert":
            expected.append(op[1] not in keys)
            keys.add(op[1])
        elif op[0] == "search":
            expected.append(op[1] in keys)
        else:
            expected.append(sorted(keys))
    assert result == expected


def _check_range_ops(values, ops, result, assign: bool):
    vals = list(values)
    expected = []
    for op in ops:
        if op[0] == "sum":
            expected.append(sum(vals[op[1]:op[2] + 1]))
        elif assign:
            vals[op[1]] = op[2]
        else:
            vals[op[1]] += op[2]
    assert result == expected


def check_segment_tree(args, kwargs, result):
    _check_range_ops(args[0], args[1], result, assign=True)


def check_fenwick_tree(args, kwargs, result):
    _check_range_ops(args[0], args[1], result, assign=False)


def check_union_find(args, kwargs, result):
    n, ops = args
    label = list(range(n))
    expected = []
    for op, a, b in ops:
        if op == "union":
            expected.append(label[a] != label[b])
            old, new = label[b], label[a]
            label = [new if x == old else x for x in label]
        else:
            expected.append(label[a] == label[b])
    assert result == expected


def check_count_components(args, kwargs, result):
    n, edges = args
    assert result == len(set(_components(n, edges)))


def check_bfs(args, kwargs, result):
    n, edges, source = args
    both = [(u, v, 1) for u, v in edges] + [(v, u, 1) for u, v in edges]
    dist = _relaxation_distances(n, both, source)
    assert result == [-1 if d is None else d for d in dist]


def check_dfs_iterative(args, kwargs, result):
    n, edges, start = args
    adj = [sorted({v for a, b in edges for (u, v) in ((a, b), (b, a)) if u == x}) for x in range(n)]
    order: list[int] = []

    def visit(u):
        order.append(u)
        for v in adj[u]:
            if v not in order:
                visit(v)

    visit(start)
    assert result == order
    label = _components(n, edges)
    assert set(result) == {v for v in range(n) if label[v] == label[start]}


def check_dfs_recursive(args, kwargs, result):
    n, edges = args
    discovery, finish = result
    # Reference: the same CLRS DFS written with an explicit stack of iterators.
    adj = [[v for u, v in edges if u == x] for x in range(n)]
    d, f = [0] * n, [0] * n
    time = 0
    for s in range(n):
        if d[s]:
            continue
        time += 1
        d[s] = time
        stack = [(s, iter(adj[s]))]
        while stack:
            u, it = stack[-1]
            nxt = next((v for v in it if not d[v]), None)
            if nxt is None:
                stack.pop()
                time += 1
                f[u] = time
            else:
                time += 1
                d[nxt] = time
                stack.append((nxt, iter(adj[nxt])))
    assert list(discovery) == d and list(finish) == f
    # Parenthesis theorem: intervals are nested or disjoint.
    assert sorted(list(discovery) + list(finish)) == list(range(1, 2 * n + 1))
    for u in range(n):
        for v in range(n):
            a, b = (discovery[u], finish[u]), (discovery[v], finish[v])
            assert a[1] < b[0] or b[1] < a[0] or (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _check_topological(args, result):
    n, edges = args
    assert not any(_closure(n, edges)[v][v] for v in range(n)), "sampler must give a DAG"
    assert result is not None and sorted(result) == list(range(n))
    position = {v: i for i, v in enumerate(result)}
    assert all(position[u] < position[v] for u, v in edges)


def check_topo_sort_kahn(args, kwargs, result):
    _check_topological(args, result)


def check_topo_sort_dfs(args, kwargs, result):
    _check_topological(args, result)


def _check_scc(args, result):
    n, edges = args
    reach = _closure(n, edges)
    expected = {frozenset([v] + [u for u in range(n) if reach[v][u] and reach[u][v]]) for v in range(n)}
    assert all(list(c) == sorted(c) for c in result)
    assert sorted(v for c in result for v in c) == list(range(n))
    assert {frozenset(c) for c in result} == expected


def check_scc_kosaraju(args, kwargs, result):
    _check_scc(args, result)


def check_scc_tarjan(args, kwargs, result):
    _check_scc(args, result)


def check_kruskal_mst(args, kwargs, result):
    n, edges = args
    total, tree = result
    assert len(tree) == n - 1
    assert all(tuple(e) in set(map(tuple, edges)) for e in tree)
    assert len(set(_components(n, [(u, v) for u, v, _ in tree]))) == 1
    assert total == sum(w for _, _, w in tree) == _mst_weight(n, edges)


def check_prim_mst(args, kwargs, result):
    n, edges = args
    total, parent = result
    weight = {}
    for u, v, w in edges:
        weight[(u, v)] = weight[(v, u)] = w
    assert parent[0] == -1
    tree_weight = 0
    for v in range(1, n):
        assert (parent[v], v) in weight
        tree_weight += weight[(parent[v], v)]
        # Following parents must reach the root: the pointers form a tree.
        x, steps = v, 0
        while x != 0:
            x, steps = parent[x], steps + 1
            assert steps <= n
    assert total == tree_weight == _mst_weight(n, edges)


def check_is_bipartite(args, kwargs, result):
    n, edges = args
    expected = any(all(c[u] != c[v] for u, v in edges) for c in itertools.product((0, 1), repeat=n))
    assert result is expected


def check_has_cycle_directed(args, kwargs, result):
    n, edges = args
    reach = _closure(n, edges)
    assert result is any(reach[v][v] for v in range(n))


def check_has_cycle_undirected(args, kwargs, result):
    n, edges = args
    assert _simple_graph(edges)
    components = len(set(_components(n, edges)))
    assert result is (len(edges) > n - components)


def check_dijkstra(args, kwargs, result):
    n, edges, source = args
    assert result == _relaxation_distances(n, edges, source)


def check_bellman_ford(args, kwargs, result):
    n, edges, source = args
    d = _floyd(n, edges)
    reach = _closure(n, edges)
    reachable = [v == source or reach[source][v] for v in range(n)]
    negative = any(reachable[v] and d[v][v] < 0 for v in range(n))
    if negative:
        assert result is None
    else:
        assert result == [d[source][v] if d[source][v] != math.inf else None for v in range(n)]


def check_floyd_warshall(args, kwargs, result):
    n, edges = args
    assert result == [_relaxation_distances(n, edges, s) for s in range(n)]


def check_dag_shortest_paths(args, kwargs, result):
    n, edges, source = args
    d = _floyd(n, edges)
    assert result == [d[source][v] if d[source][v] != math.inf else None for v in range(n)]


def check_edmonds_karp(args, kwargs, result):
    n, edges, source, sink = args
    others = [v for v in range(n) if v not in (source, sink)]
    best = None
    for mask in range(1 << len(others)):
        side = {source} | {others[i] for i in range(len(others)) if mask >> i & 1}
        cut = sum(c for u, v, c in edges if u in side and v not in side)
        best = cut if best is None else min(best, cut)
    assert result == best  # max-flow = min-cut


def check_bipartite_matching(args, kwargs, result):
    n_left, n_right, edges = args
    size, pairs = result
    edge_set = set(map(tuple, edges))
    assert all(tuple(p) in edge_set for p in pairs)
    assert len({u for u, _ in pairs}) == len({v for _, v in pairs}) == len(pairs) == size

    def best(u: int, used: frozenset) -> int:
        if u == n_left:
            return 0
        options = [best(u + 1, used)]
        options += [1 + best(u + 1, used | {v}) for a, v in edges if a == u and v not in used]
        return max(options)

    assert size == best(0, frozenset())


def check_longest_increasing_subsequence(args, kwargs, result):
    arr = args[0]
    assert all(a < b for a, b in zip(result, result[1:]))
    assert _is_subsequence(result, arr)
    assert len(result) == _lis_length(arr)


def check_lis_patience(args, kwargs, result):
    assert result == _lis_length(args[0])


def check_longest_common_subsequence(args, kwargs, result):
    a, b = args
    best = max(len(sub) for r in range(len(a) + 1) for sub in itertools.combinations(a, r)
               if _is_subsequence(sub, b))
    assert isinstance(result, str) and len(result) == best
    assert _is_subsequence(result, a) and _is_subsequence(result, b)


def check_edit_distance(args, kwargs, result):
    a, b = args

    @functools.lru_cache(maxsize=None)
    def dist(i: int, j: int) -> int:  # distance between suffixes a[i:] and b[j:]
        if i == len(a):
            return len(b) - j
        if j == len(b):
            return len(a) - i
        if a[i] == b[j]:
            return dist(i + 1, j + 1)
        return 1 + min(dist(i + 1, j), dist(i, j + 1), dist(i + 1, j + 1))

    assert result == dist(0, 0)


def check_knapsack_01(args, kwargs, result):
    weights, values, capacity = args
    best_value, chosen = result
    best = 0
    for pick in itertools.product((0, 1), repeat=len(weights)):
        if sum(w for w, p in zip(weights, pick) if p) <= capacity:
            best = max(best, sum(v for v, p in zip(values, pick) if p))
    assert best_value == best
    assert len(set(chosen)) == len(chosen)
    assert sum(weights[i] for i in chosen) <= capacity
    assert sum(values[i] for i in chosen) == best


def check_coin_change_min(args, kwargs, result):
    coins, amount = args
    steps = {0: 0}
    frontier = deque([0])
    while frontier:
        x = frontier.popleft()
        for c in coins:
            if x + c <= amount and x + c not in steps:
                steps[x + c] = steps[x] + 1
                frontier.append(x + c)
    assert result == steps.get(amount)


def check_coin_change_ways(args, kwargs, result):
    coins, amount = args

    def count(i: int, rest: int) -> int:
        if i == len(coins):
            return 1 if rest == 0 else 0
        return sum(count(i + 1, rest - k * coins[i]) for k in range(rest // coins[i] + 1))

    assert result == count(0, amount)


def check_matrix_chain_order(args, kwargs, result):
    dims = args[0]
    cost, text = result

    def brute(i: int, j: int) -> int:
        if i == j:
            return 0
        return min(brute(i, k) + brute(k + 1, j) + dims[i] * dims[k + 1] * dims[j + 1] for k in range(i, j))

    n = len(dims) - 1
    assert cost == brute(0, n - 1)
    # Evaluate the returned parenthesisation: it must use A1..An in order and cost exactly `cost`.
    tokens = text.replace("(", " ( ").replace(")", " ) ").split()
    pos = 0

    def parse():
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "(":
            left = parse()
            right = parse()
            assert tokens[pos] == ")"
            pos += 1
            assert left[1] == right[0]
            return (left[0], right[1], left[2] + right[2] + left[0] * left[1] * right[1], left[3] + right[3])
        index = int(tok[1:]) - 1
        return (dims[index], dims[index + 1], 0, [index])

    rows, cols, total, order = parse()
    assert pos == len(tokens) and order == list(range(n)) and total == cost


def check_rod_cutting(args, kwargs, result):
    prices = args[0]
    n = len(prices)
    revenue, pieces = result

    def best(length: int) -> int:
        if length == 0:
            return 0
        return max(prices[k - 1] + best(length - k) for k in range(1, length + 1))

    assert revenue == best(n)
    assert sum(pieces) == n and all(p >= 1 for p in pieces)
    assert sum(prices[p - 1] for p in pieces) == revenue


def check_longest_palindromic_subsequence(args, kwargs, result):
    s = args[0]
    best = max(r for r in range(len(s) + 1) for sub in itertools.combinations(s, r) if sub == sub[::-1])
    assert result == best


def check_subset_sum(args, kwargs, result):
    nums, target = args
    expected = any(sum(c) == target for r in range(len(nums) + 1) for c in itertools.combinations(nums, r))
    assert result is expected


def check_activity_selection(args, kwargs, result):
    starts, finishes = args
    n = len(starts)

    def compatible(i: int, j: int) -> bool:
        return starts[i] >= finishes[j] or starts[j] >= finishes[i]

    assert len(set(result)) == len(result)
    assert all(compatible(i, j) for i, j in itertools.combinations(result, 2))
    conflict = [[not compatible(i, j) for j in range(n)] for i in range(n)]
    best = 0
    for mask in range(1 << n):
        members = [i for i in range(n) if mask >> i & 1]
        if len(members) > best and not any(conflict[i][j] for i, j in itertools.combinations(members, 2)):
            best = len(members)
    assert len(result) == best


def check_fractional_knapsack(args, kwargs, result):
    items, capacity = args
    # LP duality: the optimum equals min over lam >= 0 of lam*C + sum(max(0, v - lam*w)),
    # attained at lam = 0 or at one of the ratios v/w.
    candidates = [Fraction(0)] + [Fraction(v, w) for v, w in items]
    dual = min(lam * capacity + sum(max(Fraction(0), v - lam * w) for v, w in items) for lam in candidates)
    assert Fraction(result) == dual


def check_huffman_code_lengths(args, kwargs, result):
    freqs = args[0]
    assert set(result) == set(freqs)
    n = len(freqs)
    assert sum(Fraction(1, 2 ** length) for length in result.values()) == 1  # full binary tree
    cost = sum(freqs[s] * result[s] for s in freqs)
    ordered = sorted(freqs.values(), reverse=True)
    best = None
    for lengths in itertools.combinations_with_replacement(range(1, n), n):
        if sum(1 << (n - length) for length in lengths) <= 1 << n:  # Kraft inequality, scaled by 2**n
            value = sum(f * length for f, length in zip(ordered, lengths))
            best = value if best is None else min(best, value)
    assert cost == best


def check_interval_partitioning(args, kwargs, result):
    intervals = args[0]
    depth = max(sum(1 for s, e in intervals if s <= t < e) for t, _ in intervals)
    assert result == depth


def check_kmp_prefix_function(args, kwargs, result):
    s = args[0]
    expected = [max(k for k in range(q + 1) if s[:k] == s[q + 1 - k:q + 1]) for q in range(len(s))]
    assert result == expected


def check_kmp_search(args, kwargs, result):
    assert result == _occurrences(*args[:2])


def check_z_function(args, kwargs, result):
    s = args[0]
    expected = []
    for i in range(len(s)):
        k = 0
        while i + k < len(s) and s[k] == s[i + k]:
            k += 1
        expected.append(k)
    assert result == expected


def check_trie(args, kwargs, result):
    words: set = set()
    expected = []
    for op, word in args[0]:
        if op == "insert":
            words.add(word)
        elif op == "search":
            expected.append(word in words)
        else:
            expected.append(any(w.startswith(word) for w in words))
    assert result == expected


def check_rabin_karp(args, kwargs, result):
    assert result == _occurrences(*args[:2])


def check_longest_common_prefix(args, kwargs, result):
    assert result == os.path.commonprefix(args[0])


def check_sieve_of_eratosthenes(args, kwargs, result):
    assert result == [p for p in range(args[0] + 1) if _is_prime(p)]


def check_gcd_euclid(args, kwargs, result):
    assert result == functools.reduce(math.gcd, args[0], 0)


def check_extended_gcd(args, kwargs, result):
    a, b = args
    d, x, y = result
    assert d == math.gcd(a, b) and a * x + b * y == d


def check_mod_pow(args, kwargs, result):
    assert result == pow(*args)


def check_mod_inverse(args, kwargs, result):
    a, m = args
    assert result == next((x for x in range(m) if a * x % m == 1 % m), None)


def check_prime_factorization(args, kwargs, result):
    n = args[0]
    primes = [p for p, _ in result]
    assert primes == sorted(set(primes))
    assert all(_is_prime(p) and e >= 1 for p, e in result)
    assert math.prod(p ** e for p, e in result) == n


def check_orientation(args, kwargs, result):
    expected = []
    for p, q, r in args[0]:
        # Determinant of [[px, py, 1], [qx, qy, 1], [rx, ry, 1]], expanded along the last column.
        det = (q[0] * r[1] - r[0] * q[1]) - (p[0] * r[1] - r[0] * p[1]) + (p[0] * q[1] - q[0] * p[1])
        expected.append("counterclockwise" if det > 0 else "clockwise" if det < 0 else "collinear")
    assert result == expected


def check_convex_hull(args, kwargs, result):
    pts = set(map(tuple, args[0]))
    hull = [tuple(p) for p in result]
    assert len(set(hull)) == len(hull) and set(hull) <= pts
    if len(pts) <= 2:
        assert hull == sorted(pts)
        return
    if all(_cross(*tri) == 0 for tri in itertools.combinations(sorted(pts), 3)):
        assert hull == [min(pts), max(pts)]  # all collinear: the two extreme points
        return
    assert hull[0] == min(pts)
    m = len(hull)
    assert m >= 3
    for i in range(m):
        a, b, c = hull[i], hull[(i + 1) % m], hull[(i + 2) % m]
        assert _cross(a, b, c) > 0  # strictly convex, counterclockwise
        assert all(_cross(a, b, q) >= 0 for q in pts)  # every point on or left of each edge


def check_polygon_area(args, kwargs, result):
    vertices = [tuple(v) for v in args[0]]
    n = len(vertices)
    edges = [(vertices[i], vertices[(i + 1) % n]) for i in range(n)]
    boundary = sum(math.gcd(abs(b[0] - a[0]), abs(b[1] - a[1])) for a, b in edges)
    xs = [v[0] for v in vertices]
    ys = [v[1] for v in vertices]
    interior = 0
    for x in range(min(xs), max(xs) + 1):
        for y in range(min(ys), max(ys) + 1):
            if any(_on_closed_segment(a, b, (x, y)) for a, b in edges):
                continue
            inside = False
            for a, b in edges:  # ray casting towards +x
                if (a[1] > y) != (b[1] > y):
                    cross_x = a[0] + Fraction((y - a[1]) * (b[0] - a[0]), b[1] - a[1])
                    if x < cross_x:
                        inside = not inside
            interior += inside
    # Pick's theorem: A = I + B/2 - 1.
    assert Fraction(result) == interior + Fraction(boundary, 2) - 1


def check_segments_intersect(args, kwargs, result):
    assert result == [_segments_meet(p1, p2, p3, p4) for (p1, p2), (p3, p4) in args[0]]


def check_n_queens(args, kwargs, result):
    known = [1, 1, 0, 0, 2, 10, 4, 40, 92]  # OEIS A000170
    assert result == known[args[0]]


def check_permutations(args, kwargs, result):
    items = args[0]
    assert len(result) == math.factorial(len(items))
    assert sorted(map(tuple, result)) == sorted(itertools.permutations(items))


def check_subsets_with_sum(args, kwargs, result):
    nums, target = args
    expected = {tuple(sorted(c)) for r in range(len(nums) + 1)
                for c in itertools.combinations(nums, r) if sum(c) == target}
    found = [tuple(s) for s in result]
    assert all(list(s) == sorted(s) for s in found)
    assert len(found) == len(set(found))
    assert set(found) == expected


def check_word_search(args, kwargs, result):
    grid, word = args
    cells = [(r, c) for r in range(len(grid)) for c in range(len(grid[0]))]
    expected = False
    for path in itertools.permutations(cells, len(word)):
        if all(grid[r][c] == ch for (r, c), ch in zip(path, word)) and all(
            abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1 for a, b in zip(path, path[1:])
        ):
            expected = True
            break
    assert result is expected


CHECKS: dict[str, Callable[[list, dict, Any], None]] = {
    "insertion_sort": check_sorted,
    "selection_sort": check_sorted,
    "bubble_sort": check_sorted,
    "merge_sort": check_sorted,
    "quick_sort_lomuto": check_sorted,
    "quick_sort_hoare": check_sorted,
    "heap_sort": check_sorted,
    "counting_sort": check_sorted,
    "radix_sort": check_sorted,
    "quickselect": check_quickselect,
    "min_max": check_min_max,
    "binary_search": check_binary_search,
    "lower_bound": check_lower_bound,
    "first_last_occurrence": check_first_last_occurrence,
    "count_in_range": check_count_in_range,
    "ternary_search": check_ternary_search,
    "binary_heap": check_binary_heap,
    "k_largest": check_k_largest,
    "merge_k_sorted": check_merge_k_sorted,
    "chained_hash_table": check_chained_hash_table,
    "linear_probing": check_linear_probing,
    "bst": check_bst,
    "segment_tree": check_segment_tree,
    "fenwick_tree": check_fenwick_tree,
    "union_find": check_union_find,
    "count_components": check_count_components,
    "bfs": check_bfs,
    "dfs_iterative": check_dfs_iterative,
    "dfs_recursive": check_dfs_recursive,
    "topo_sort_kahn": check_topo_sort_kahn,
    "topo_sort_dfs": check_topo_sort_dfs,
    "scc_kosaraju": check_scc_kosaraju,
    "scc_tarjan": check_scc_tarjan,
    "kruskal_mst": check_kruskal_mst,
    "prim_mst": check_prim_mst,
    "is_bipartite": check_is_bipartite,
    "has_cycle_directed": check_has_cycle_directed,
    "has_cycle_undirected": check_has_cycle_undirected,
    "dijkstra": check_dijkstra,
    "bellman_ford": check_bellman_ford,
    "floyd_warshall": check_floyd_warshall,
    "dag_shortest_paths": check_dag_shortest_paths,
    "edmonds_karp": check_edmonds_karp,
    "bipartite_matching": check_bipartite_matching,
    "longest_increasing_subsequence": check_longest_increasing_subsequence,
    "lis_patience": check_lis_patience,
    "longest_common_subsequence": check_longest_common_subsequence,
    "edit_distance": check_edit_distance,
    "knapsack_01": check_knapsack_01,
    "coin_change_min": check_coin_change_min,
    "coin_change_ways": check_coin_change_ways,
    "matrix_chain_order": check_matrix_chain_order,
    "rod_cutting": check_rod_cutting,
    "longest_palindromic_subsequence": check_longest_palindromic_subsequence,
    "subset_sum": check_subset_sum,
    "activity_selection": check_activity_selection,
    "fractional_knapsack": check_fractional_knapsack,
    "huffman_code_lengths": check_huffman_code_lengths,
    "interval_partitioning": check_interval_partitioning,
    "kmp_prefix_function": check_kmp_prefix_function,
    "kmp_search": check_kmp_search,
    "z_function": check_z_function,
    "trie": check_trie,
    "rabin_karp": check_rabin_karp,
    "longest_common_prefix": check_longest_common_prefix,
    "sieve_of_eratosthenes": check_sieve_of_eratosthenes,
    "gcd_euclid": check_gcd_euclid,
    "extended_gcd": check_extended_gcd,
    "mod_pow": check_mod_pow,
    "mod_inverse": check_mod_inverse,
    "prime_factorization": check_prime_factorization,
    "orientation": check_orientation,
    "convex_hull": check_convex_hull,
    "polygon_area": check_polygon_area,
    "segments_intersect": check_segments_intersect,
    "n_queens": check_n_queens,
    "permutations": check_permutations,
    "subsets_with_sum": check_subsets_with_sum,
    "word_search": check_word_search,
}


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------

def test_samplers_cover_every_program_file():
    assert set(SAMPLERS) == set(PROGRAM_NAMES)
    assert len(PROGRAM_NAMES) >= 62


def test_every_program_has_a_check():
    assert set(CHECKS) == set(SAMPLERS)


def test_topics_are_known():
    assert {topic for topic, _ in SAMPLERS.values()} <= TOPICS


def test_samplers_have_one_line_docstrings():
    for name, (_, sampler) in SAMPLERS.items():
        doc = (sampler.__doc__ or "").strip()
        assert doc and "\n" not in doc, name


@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_program_is_a_pure_module(name):
    """Only imports, defs and classes at top level, stdlib imports, 3.10 syntax, entry defined."""
    text = (ALGO_DIR / f"{name}.py").read_text(encoding="utf-8")
    tree = ast.parse(text, feature_version=(3, 10))
    defined = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            assert all(m.split(".")[0] in sys.stdlib_module_names for m in modules), (name, modules)
            assert not (isinstance(node, ast.ImportFrom) and node.module == "random"), name
            assert not any(m.split(".")[0] in {"random", "time"} for m in modules), name
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue  # a docstring
        else:
            pytest.fail(f"{name}: top-level statement {type(node).__name__} at line {node.lineno}")
    func, _, _ = parse_call(SAMPLERS[name][1](random.Random(0), 6))
    assert func in defined and func in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}


@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_sampler_deterministic_and_literal(name):
    _, sampler = SAMPLERS[name]
    for seed in range(5):
        for size in SIZES:
            random.seed(1)  # the global generator must not matter
            first = sampler(random.Random(seed), size)
            random.seed(2)
            second = sampler(random.Random(seed), size)
            assert first == second, (name, seed, size)
            func, args, kwargs = parse_call(first)
            parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
            assert f"{func}({', '.join(parts)})" == first


@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_program_correct(name):
    assert name in CHECKS, f"no check for {name}"
    _, sampler = SAMPLERS[name]
    check = CHECKS[name]
    for seed in SEEDS:
        for size in SIZES:
            call = sampler(random.Random(seed), size)
            try:
                args, kwargs, result = run_program(name, call)
                check(args, kwargs, result)
            except Exception as exc:  # re-raise with the failing call attached
                raise AssertionError(f"seed={seed} size={size}: {call} -> {exc!r}") from exc

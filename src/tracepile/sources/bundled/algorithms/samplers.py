"""Seeded input samplers for the bundled classical-algorithm programs.

``SAMPLERS`` maps each program name (the stem of its file in this folder) to
``(topic, sampler)``.  ``sampler(rng, size)`` returns one call expression such
as ``"insertion_sort([3, 1, 2])"`` whose arguments are Python literals built
with ``repr``.  ``size`` is the main size knob (elements, vertices, string
length...); every sampler clamps it so that any ``size >= 1`` gives a valid
input, and scales it so that the default size (about 6) keeps a traced run
within a few hundred executed lines.  Only the ``rng`` passed in is used.
"""

from __future__ import annotations

import random
from math import atan2, gcd
from typing import Callable

Sampler = Callable[[random.Random, int], str]


# --------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------

def _call(name: str, *args: object) -> str:
    return f"{name}({', '.join(repr(a) for a in args)})"


def _array(rng: random.Random, n: int, lo: int = 0, hi: int = 99) -> list[int]:
    """Random ints; about a third of the time drawn from a narrow range so duplicates show up."""
    if rng.random() < 0.35:
        hi = lo + max(1, n // 2)
    return [rng.randint(lo, hi) for _ in range(n)]


def _distinct(rng: random.Random, n: int, lo: int, hi: int) -> list[int]:
    hi = max(hi, lo + n - 1)
    return rng.sample(range(lo, hi + 1), n)


def _string(rng: random.Random, n: int, alphabet: str | None = None) -> str:
    alphabet = alphabet or rng.choice(["ab", "ab", "abc"])
    return "".join(rng.choice(alphabet) for _ in range(n))


def _undirected(rng: random.Random, n: int, p: float, connected: bool = False) -> list[tuple[int, int]]:
    """Simple undirected graph on 0..n-1 (no loops or repeated edges), each pair kept with probability p."""
    pairs = set()
    if connected:
        order = list(range(n))
        rng.shuffle(order)
        for i in range(1, n):
            u, v = order[i], order[rng.randrange(i)]
            pairs.add((min(u, v), max(u, v)))
    for u in range(n):
        for v in range(u + 1, n):
            if rng.random() < p:
                pairs.add((u, v))
    edges = sorted(pairs)
    rng.shuffle(edges)
    return [(u, v) if rng.random() < 0.5 else (v, u) for u, v in edges]


def _directed(rng: random.Random, n: int, p: float) -> list[tuple[int, int]]:
    """Directed graph without self-loops, each ordered pair kept with probability p."""
    edges = [(u, v) for u in range(n) for v in range(n) if u != v and rng.random() < p]
    rng.shuffle(edges)
    return edges


def _dag(rng: random.Random, n: int, p: float) -> list[tuple[int, int]]:
    """DAG: edges go forward along a hidden random vertex order."""
    order = list(range(n))
    rng.shuffle(order)
    edges = [(order[i], order[j]) for i in range(n) for j in range(i + 1, n) if rng.random() < p]
    rng.shuffle(edges)
    return edges


def _weighted(rng: random.Random, edges: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int, int]]:
    return [(u, v, rng.randint(lo, hi)) for u, v in edges]


def _vertices(size: int, low: int = 2, high: int = 8) -> int:
    return max(low, min(size, high))


# --------------------------------------------------------------------------
# Sorting and selection
# --------------------------------------------------------------------------

def _sort_input(rng: random.Random, size: int) -> list[int]:
    n = max(1, size)
    if rng.random() < 0.15:
        return sorted(_array(rng, n), reverse=rng.random() < 0.5)
    return _array(rng, n, lo=rng.choice([0, 0, -20]))


def sample_insertion_sort(rng: random.Random, size: int) -> str:
    """A random integer list of length size, sometimes with duplicates or presorted."""
    return _call("insertion_sort", _sort_input(rng, size))


def sample_selection_sort(rng: random.Random, size: int) -> str:
    """A random integer list of length size, sometimes with duplicates or presorted."""
    return _call("selection_sort", _sort_input(rng, size))


def sample_bubble_sort(rng: random.Random, size: int) -> str:
    """A random integer list of length size, sometimes with duplicates or presorted."""
    return _call("bubble_sort", _sort_input(rng, size))


def sample_merge_sort(rng: random.Random, size: int) -> str:
    """A random integer list of length size, sometimes with duplicates or presorted."""
    return _call("merge_sort", _sort_input(rng, size))


def sample_quick_sort_lomuto(rng: random.Random, size: int) -> str:
    """A random integer list of length size, sometimes with duplicates or presorted."""
    return _call("quick_sort_lomuto", _sort_input(rng, size))


def sample_quick_sort_hoare(rng: random.Random, size: int) -> str:
    """A random integer list of length size, sometimes with duplicates or presorted."""
    return _call("quick_sort_hoare", _sort_input(rng, size))


def sample_heap_sort(rng: random.Random, size: int) -> str:
    """A random integer list of length size, sometimes with duplicates or presorted."""
    return _call("heap_sort", _sort_input(rng, size))


def sample_counting_sort(rng: random.Random, size: int) -> str:
    """size small non-negative keys and their upper bound max_value."""
    n = max(1, size)
    max_value = rng.randint(1, max(2, size))
    return _call("counting_sort", [rng.randint(0, max_value) for _ in range(n)], max_value)


def sample_radix_sort(rng: random.Random, size: int) -> str:
    """size non-negative integers of one to three decimal digits (exact powers of ten sometimes)."""
    n = max(1, size)
    top = rng.choice([9, 99, 999, 999])
    arr = [rng.randint(0, top) for _ in range(n)]
    if rng.random() < 0.2:
        arr[rng.randrange(n)] = rng.choice([1, 10, 100])
    return _call("radix_sort", arr)


def sample_quickselect(rng: random.Random, size: int) -> str:
    """A random list of length size and a rank k in 1..size."""
    arr = _array(rng, max(1, size))
    return _call("quickselect", arr, rng.randint(1, len(arr)))


def sample_min_max(rng: random.Random, size: int) -> str:
    """A random list of length 2*size or 2*size + 1 (odd and even lengths both occur)."""
    return _call("min_max", _array(rng, 2 * max(1, size) + rng.randint(0, 1), lo=-50))


# --------------------------------------------------------------------------
# Searching
# --------------------------------------------------------------------------

def _sorted_list(rng: random.Random, n: int, dup: bool) -> list[int]:
    if dup:
        return sorted(rng.randint(0, max(1, n // 2)) for _ in range(n))
    return sorted(_distinct(rng, n, 0, 4 * n))


def _target(rng: random.Random, arr: list[int]) -> int:
    """A value of arr about half the time, otherwise a nearby value missing from arr."""
    if rng.random() < 0.55:
        return rng.choice(arr)
    candidates = [x for x in range(arr[0] - 2, arr[-1] + 3) if x not in arr]
    return rng.choice(candidates)


def _sorted_with_target(rng: random.Random, n: int, dup: bool) -> tuple[list[int], int]:
    arr = _sorted_list(rng, n, dup)
    return arr, _target(rng, arr)


def sample_binary_search(rng: random.Random, size: int) -> str:
    """A sorted list of 2*size distinct ints and 2-3 targets, each present about half the time."""
    arr = _sorted_list(rng, 2 * max(1, size), dup=False)
    targets = [_target(rng, arr) for _ in range(rng.randint(2, 3))]
    return _call("binary_search", arr, targets)


def sample_lower_bound(rng: random.Random, size: int) -> str:
    """A sorted list of 2*size ints (duplicates sometimes) and 2-3 targets, present or absent."""
    arr = _sorted_list(rng, 2 * max(1, size), dup=rng.random() < 0.4)
    targets = [_target(rng, arr) for _ in range(rng.randint(2, 3))]
    return _call("lower_bound", arr, targets)


def sample_first_last_occurrence(rng: random.Random, size: int) -> str:
    """A sorted list of 2*size ints with many duplicates and a target, present or absent."""
    arr, target = _sorted_with_target(rng, 2 * max(1, size), dup=rng.random() < 0.8)
    return _call("first_last_occurrence", arr, target)


def sample_count_in_range(rng: random.Random, size: int) -> str:
    """A sorted list of 2*size ints and size + 1 inclusive (low, high) range queries."""
    n = 2 * max(1, size)
    arr = sorted(rng.randint(0, 3 * n) for _ in range(n))
    queries = []
    for _ in range(max(1, size) + 1):
        low = rng.randint(-2, 3 * n)
        queries.append((low, low + rng.randint(0, n)))
    return _call("count_in_range", arr, queries)


def sample_ternary_search(rng: random.Random, size: int) -> str:
    """A strictly increasing-then-decreasing list of 3*size + 2 distinct ints."""
    n = 3 * max(1, size) + 2
    values = _distinct(rng, n, 1, 3 * n)
    peak = max(values)
    rest = [v for v in values if v != peak]
    split = rng.randint(0, len(rest))
    left = sorted(rest[:split])
    right = sorted(rest[split:], reverse=True)
    return _call("ternary_search", left + [peak] + right)


# --------------------------------------------------------------------------
# Heaps and priority queues
# --------------------------------------------------------------------------

def sample_binary_heap(rng: random.Random, size: int) -> str:
    """About 2*size push/pop/peek operations on a min-heap (pops on an empty heap happen)."""
    ops: list[tuple] = []
    pushed = 0
    for _ in range(2 * max(1, size)):
        r = rng.random()
        if r < 0.55 or (pushed == 0 and r < 0.9):
            ops.append(("push", rng.randint(0, 30)))
            pushed += 1
        elif r < 0.85:
            ops.append(("pop",))
        else:
            ops.append(("peek",))
    return _call("run_heap", ops)


def sample_k_largest(rng: random.Random, size: int) -> str:
    """2*size random ints and a k in 1..size."""
    nums = _array(rng, 2 * max(1, size))
    return _call("k_largest", nums, rng.randint(1, min(len(nums), max(1, size))))


def sample_merge_k_sorted(rng: random.Random, size: int) -> str:
    """2 to 4 sorted lists (some possibly empty) holding about 2*size values in all."""
    k = rng.randint(2, 4)
    total = 2 * max(1, size)
    lists: list[list[int]] = [[] for _ in range(k)]
    for _ in range(total):
        lists[rng.randrange(k)].append(rng.randint(0, 40))
    return _call("merge_k_sorted", [sorted(lst) for lst in lists])


# --------------------------------------------------------------------------
# Hashing
# --------------------------------------------------------------------------

def sample_chained_hash_table(rng: random.Random, size: int) -> str:
    """About 2*size put/get/delete operations on small int keys, with 3, 5 or 7 buckets."""
    num_buckets = rng.choice([3, 5, 7])
    keys = rng.sample(range(0, 25), min(25, max(2, size)))
    ops: list[tuple] = []
    for i in range(2 * max(1, size)):
        key = rng.choice(keys)
        r = rng.random()
        if i == 0 or r < 0.45:
            ops.append(("put", key, rng.randint(1, 99)))
        elif r < 0.8:
            ops.append(("get", key))
        else:
            ops.append(("delete", key))
    return _call("run_hash_table", ops, num_buckets)


_PROBE_KEYS = ["ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen", "owl", "yak"]


def sample_linear_probing(rng: random.Random, size: int) -> str:
    """About 2*size put/get/delete operations on word keys; fewer live keys than slots."""
    capacity = rng.choice([5, 7, 8])
    keys = rng.sample(_PROBE_KEYS, min(capacity - 1, max(2, size)))
    ops: list[tuple] = []
    for i in range(2 * max(1, size)):
        key = rng.choice(keys)
        r = rng.random()
        if i == 0 or r < 0.45:
            ops.append(("put", key, rng.randint(1, 99)))
        elif r < 0.8:
            ops.append(("get", key))
        else:
            ops.append(("delete", key))
    return _call("run_linear_probing", ops, capacity)


# --------------------------------------------------------------------------
# Trees
# --------------------------------------------------------------------------

def sample_bst(rng: random.Random, size: int) -> str:
    """size + 1 inserts (duplicates possible), a few searches, and one inorder walk at the end."""
    n = max(1, size) + 1
    ops: list[tuple] = []
    inserted: list[int] = []
    for _ in range(n):
        key = rng.randint(0, 3 * n)
        ops.append(("insert", key))
        inserted.append(key)
    for _ in range(max(1, size // 2)):
        key = rng.choice(inserted) if rng.random() < 0.5 else rng.randint(0, 3 * n)
        ops.insert(rng.randint(1, len(ops)), ("search", key))
    ops.append(("inorder",))
    return _call("run_bst", ops)


def _range_ops(rng: random.Random, n: int, count: int, update_name: str, value_range: tuple[int, int]) -> list[tuple]:
    ops: list[tuple] = []
    for _ in range(count):
        if rng.random() < 0.35:
            ops.append((update_name, rng.randrange(n), rng.randint(*value_range)))
        else:
            left = rng.randrange(n)
            ops.append(("sum", left, rng.randint(left, n - 1)))
    if all(op[0] != "sum" for op in ops):
        ops.append(("sum", 0, n - 1))
    return ops


def sample_segment_tree(rng: random.Random, size: int) -> str:
    """size values, then a few point assignments and inclusive range-sum queries."""
    n = max(1, size)
    values = [rng.randint(-5, 20) for _ in range(n)]
    return _call("run_segment_tree", values, _range_ops(rng, n, 3, "update", (-5, 20)))


def sample_fenwick_tree(rng: random.Random, size: int) -> str:
    """size values, then a few point additions and inclusive range-sum queries."""
    n = max(1, size)
    values = [rng.randint(-5, 20) for _ in range(n)]
    return _call("run_fenwick", values, _range_ops(rng, n, 3, "add", (-5, 9)))


# --------------------------------------------------------------------------
# Union-find
# --------------------------------------------------------------------------

def sample_union_find(rng: random.Random, size: int) -> str:
    """size + 1 elements and about 2*size union / connected operations."""
    n = max(1, size) + 1
    ops: list[tuple] = []
    for _ in range(2 * max(1, size)):
        a, b = rng.randrange(n), rng.randrange(n)
        ops.append(("union" if rng.random() < 0.6 else "connected", a, b))
    return _call("run_union_find", n, ops)


def sample_count_components(rng: random.Random, size: int) -> str:
    """A sparse random undirected graph on size + 1 vertices."""
    n = max(1, size) + 1
    return _call("count_components", n, _undirected(rng, n, rng.choice([0.15, 0.25, 0.35])))


# --------------------------------------------------------------------------
# Graphs
# --------------------------------------------------------------------------

def sample_bfs(rng: random.Random, size: int) -> str:
    """An undirected graph on 2..8 vertices (size clamped) (connected or not) and a source vertex."""
    n = _vertices(size)
    edges = _undirected(rng, n, rng.choice([0.2, 0.3, 0.45]), connected=rng.random() < 0.6)
    return _call("bfs", n, edges, rng.randrange(n))


def sample_dfs_iterative(rng: random.Random, size: int) -> str:
    """An undirected graph on 2..8 vertices (size clamped) and a start vertex."""
    n = _vertices(size)
    edges = _undirected(rng, n, rng.choice([0.2, 0.3, 0.45]), connected=rng.random() < 0.6)
    return _call("dfs_iterative", n, edges, rng.randrange(n))


def sample_dfs_recursive(rng: random.Random, size: int) -> str:
    """A random directed graph on 2..8 vertices (size clamped)."""
    n = _vertices(size)
    return _call("dfs_recursive", n, _directed(rng, n, rng.choice([0.15, 0.25])))


def sample_topo_sort_kahn(rng: random.Random, size: int) -> str:
    """A random DAG on 2..8 vertices (size clamped)."""
    n = _vertices(size)
    return _call("topo_sort_kahn", n, _dag(rng, n, rng.choice([0.25, 0.4])))


def sample_topo_sort_dfs(rng: random.Random, size: int) -> str:
    """A random DAG on 2..8 vertices (size clamped)."""
    n = _vertices(size)
    return _call("topo_sort_dfs", n, _dag(rng, n, rng.choice([0.25, 0.4])))


def sample_scc_kosaraju(rng: random.Random, size: int) -> str:
    """A sparse random directed graph on 2..8 vertices (size clamped) (cycles likely)."""
    n = _vertices(size)
    return _call("scc_kosaraju", n, _directed(rng, n, rng.choice([0.15, 0.25])))


def sample_scc_tarjan(rng: random.Random, size: int) -> str:
    """A sparse random directed graph on 2..8 vertices (size clamped) (cycles likely)."""
    n = _vertices(size)
    return _call("scc_tarjan", n, _directed(rng, n, rng.choice([0.15, 0.25])))


def sample_kruskal_mst(rng: random.Random, size: int) -> str:
    """A connected undirected graph on 2..8 vertices (size clamped) with weights 1..9."""
    n = _vertices(size)
    edges = _weighted(rng, _undirected(rng, n, rng.choice([0.2, 0.35]), connected=True), 1, 9)
    return _call("kruskal_mst", n, edges)


def sample_prim_mst(rng: random.Random, size: int) -> str:
    """A connected undirected graph on 2..8 vertices (size clamped) with weights 1..9."""
    n = _vertices(size)
    edges = _weighted(rng, _undirected(rng, n, rng.choice([0.2, 0.35]), connected=True), 1, 9)
    return _call("prim_mst", n, edges)


def sample_is_bipartite(rng: random.Random, size: int) -> str:
    """Half the time a random bipartite graph, otherwise an unrestricted random graph."""
    n = _vertices(size)
    if rng.random() < 0.5:
        side = [rng.randint(0, 1) for _ in range(n)]
        edges = [(u, v) for u, v in _undirected(rng, n, 0.45) if side[u] != side[v]]
    else:
        edges = _undirected(rng, n, rng.choice([0.3, 0.45]))
    return _call("is_bipartite", n, edges)


def sample_has_cycle_directed(rng: random.Random, size: int) -> str:
    """A DAG (acyclic), a DAG plus one extra edge (often closing a cycle), or a sparse random digraph."""
    n = _vertices(size)
    r = rng.random()
    if r < 0.4:
        edges = _dag(rng, n, 0.35)
    elif r < 0.7:
        edges = _dag(rng, n, 0.35)
        u, v = rng.sample(range(n), 2)
        if (u, v) not in edges:
            edges.insert(rng.randint(0, len(edges)), (u, v))
    else:
        edges = _directed(rng, n, 0.2)
    return _call("has_cycle_directed", n, edges)


def sample_has_cycle_undirected(rng: random.Random, size: int) -> str:
    """Half the time a random forest (acyclic), otherwise a random undirected graph."""
    n = _vertices(size)
    if rng.random() < 0.5:
        edges = [(u, v) for u, v in _undirected(rng, n, 0.0, connected=True) if rng.random() < 0.8]
    else:
        edges = _undirected(rng, n, rng.choice([0.3, 0.45]))
    return _call("has_cycle_undirected", n, edges)


# --------------------------------------------------------------------------
# Shortest paths
# --------------------------------------------------------------------------

def sample_dijkstra(rng: random.Random, size: int) -> str:
    """A directed graph on 2..8 vertices (size clamped) with weights 0..9 and a source."""
    n = _vertices(size)
    edges = _weighted(rng, _directed(rng, n, rng.choice([0.2, 0.3])), 0, 9)
    return _call("dijkstra", n, edges, rng.randrange(n))


def sample_bellman_ford(rng: random.Random, size: int) -> str:
    """A sparse directed graph with weights -3..9 (negative cycles sometimes) and a source."""
    n = _vertices(size)
    edges = _weighted(rng, _directed(rng, n, rng.choice([0.15, 0.25])), -3, 9)
    return _call("bellman_ford", n, edges, rng.randrange(n))


def sample_floyd_warshall(rng: random.Random, size: int) -> str:
    """A directed graph with weights 1..9 on (size + 4) // 2 vertices (n^3 inner steps)."""
    n = max(2, (size + 4) // 2)
    edges = _weighted(rng, _directed(rng, n, rng.choice([0.25, 0.4])), 1, 9)
    return _call("floyd_warshall", n, edges)


def sample_dag_shortest_paths(rng: random.Random, size: int) -> str:
    """A random weighted DAG (weights -4..9) on 2..8 vertices (size clamped) and a source."""
    n = _vertices(size)
    edges = _weighted(rng, _dag(rng, n, rng.choice([0.3, 0.45])), -4, 9)
    sources = [u for u in range(n) if all(v != u for _, v, _ in edges)]
    source = rng.choice(sources) if sources and rng.random() < 0.7 else rng.randrange(n)
    return _call("dag_shortest_paths", n, edges, source)


# --------------------------------------------------------------------------
# Flows
# --------------------------------------------------------------------------

def sample_edmonds_karp(rng: random.Random, size: int) -> str:
    """A directed capacitated graph on 2..8 vertices (size clamped); source 0, sink n-1."""
    n = _vertices(size)
    pairs = set(_directed(rng, n, rng.choice([0.2, 0.3])))
    if rng.random() < 0.8:
        # Thread a path from the source to the sink so some flow usually exists.
        middle = rng.sample(range(1, n - 1), rng.randint(0, min(2, n - 2)))
        path = [0] + middle + [n - 1]
        pairs.update(zip(path, path[1:]))
    edges = sorted(pairs)
    rng.shuffle(edges)
    return _call("edmonds_karp", n, _weighted(rng, edges, 1, 9), 0, n - 1)


def sample_bipartite_matching(rng: random.Random, size: int) -> str:
    """A random bipartite graph with about size/2 + 1 vertices on each side."""
    n_left = max(1, size // 2 + rng.randint(0, 1))
    n_right = max(1, size // 2 + rng.randint(0, 1))
    p = rng.choice([0.3, 0.45])
    edges = [(u, v) for u in range(n_left) for v in range(n_right) if rng.random() < p]
    rng.shuffle(edges)
    return _call("bipartite_matching", n_left, n_right, edges)


# --------------------------------------------------------------------------
# Dynamic programming
# --------------------------------------------------------------------------

def sample_longest_increasing_subsequence(rng: random.Random, size: int) -> str:
    """A list of size small ints (duplicates likely)."""
    return _call("longest_increasing_subsequence", [rng.randint(0, 9) for _ in range(max(1, size))])


def sample_lis_patience(rng: random.Random, size: int) -> str:
    """A list of 2*size small ints (duplicates likely)."""
    return _call("lis_patience", [rng.randint(0, 12) for _ in range(2 * max(1, size))])


def sample_longest_common_subsequence(rng: random.Random, size: int) -> str:
    """Two strings of length about size over a 2- or 3-letter alphabet."""
    alphabet = rng.choice(["ab", "abc"])
    a = _string(rng, max(1, size), alphabet)
    b = _string(rng, max(1, size - rng.randint(0, 1)), alphabet)
    return _call("longest_common_subsequence", a, b)


def sample_edit_distance(rng: random.Random, size: int) -> str:
    """Two strings of length about size over a 2- or 3-letter alphabet."""
    alphabet = rng.choice(["ab", "abc"])
    a = _string(rng, max(1, size - rng.randint(0, 1)), alphabet)
    b = _string(rng, max(1, size - rng.randint(0, 2)), alphabet)
    return _call("edit_distance", a, b)


def sample_knapsack_01(rng: random.Random, size: int) -> str:
    """size items with weights 1..6 and values 1..15, and a capacity of at most 12."""
    n = max(1, size)
    weights = [rng.randint(1, 6) for _ in range(n)]
    values = [rng.randint(1, 15) for _ in range(n)]
    capacity = rng.randint(1, max(1, min(12, sum(weights) - 1)))
    return _call("knapsack_01", weights, values, capacity)


def sample_coin_change_min(rng: random.Random, size: int) -> str:
    """2 or 3 distinct coin values (1 not always among them) and an amount up to 2*size + 3."""
    coins = sorted(rng.sample(range(1, 10), rng.randint(2, 3)))
    return _call("coin_change_min", coins, rng.randint(1, 2 * max(1, size) + 3))


def sample_coin_change_ways(rng: random.Random, size: int) -> str:
    """2 or 3 distinct coin values in 1..6 and an amount between size and 3*size + 3."""
    coins = sorted(rng.sample(range(1, 7), rng.randint(2, 3)))
    return _call("coin_change_ways", coins, rng.randint(max(1, size), 3 * max(1, size) + 3))


def sample_matrix_chain_order(rng: random.Random, size: int) -> str:
    """Dimensions of a chain of 1..9 matrices (size clamped), each side 2..12."""
    n = max(1, min(size, 9))
    return _call("matrix_chain_order", [rng.randint(2, 12) for _ in range(n + 1)])


def sample_rod_cutting(rng: random.Random, size: int) -> str:
    """Non-decreasing prices for piece lengths 1..size."""
    prices = []
    price = 0
    for _ in range(max(1, size)):
        price += rng.randint(0, 4) if prices else rng.randint(1, 4)
        prices.append(price)
    return _call("rod_cutting", prices)


def sample_longest_palindromic_subsequence(rng: random.Random, size: int) -> str:
    """A string of length size + 2 over a 2- or 3-letter alphabet."""
    return _call("longest_palindromic_subsequence", _string(rng, max(1, size) + 2))


def sample_subset_sum(rng: random.Random, size: int) -> str:
    """size positive ints and a target up to 25: half the time a subset's sum, otherwise usually unreachable."""
    nums = [rng.randint(1, 9) for _ in range(max(1, size))]
    sums = {0}
    for x in nums:
        sums |= {t + x for t in sums}
    if rng.random() < 0.5:
        target = rng.choice(sorted(t for t in sums if 0 < t <= 25))
    else:
        missing = [t for t in range(1, min(sum(nums) + 2, 25) + 1) if t not in sums]
        target = rng.choice(missing) if missing else rng.randint(1, 25)
    return _call("subset_sum", nums, target)


# --------------------------------------------------------------------------
# Greedy
# --------------------------------------------------------------------------

def sample_activity_selection(rng: random.Random, size: int) -> str:
    """size + 2 activities as parallel lists of start and finish times."""
    n = max(1, size) + 2
    starts = [rng.randint(0, 12) for _ in range(n)]
    finishes = [s + rng.randint(1, 5) for s in starts]
    return _call("activity_selection", starts, finishes)


def sample_fractional_knapsack(rng: random.Random, size: int) -> str:
    """size (value, weight) items and a capacity that usually forces a split."""
    items = [(rng.randint(1, 30), rng.randint(1, 8)) for _ in range(max(1, size))]
    total_weight = sum(w for _, w in items)
    return _call("fractional_knapsack", items, rng.randint(1, total_weight + 2))


def sample_huffman_code_lengths(rng: random.Random, size: int) -> str:
    """Frequencies 1..20 for 2..10 symbols a, b, c, ... (size clamped)."""
    n = max(2, min(size, 10))
    return _call("huffman_code_lengths", {ch: rng.randint(1, 20) for ch in "abcdefghij"[:n]})


def sample_interval_partitioning(rng: random.Random, size: int) -> str:
    """2*size half-open intervals (start, end) with start < end."""
    intervals = []
    for _ in range(2 * max(1, size)):
        start = rng.randint(0, 10)
        intervals.append((start, start + rng.randint(1, 5)))
    return _call("interval_partitioning", intervals)


# --------------------------------------------------------------------------
# Strings
# --------------------------------------------------------------------------

def _repetitive(rng: random.Random, n: int) -> str:
    """A string of length n, often a repeated block with a few mutations (so borders exist)."""
    alphabet = rng.choice(["ab", "abc"])
    if rng.random() < 0.5:
        return _string(rng, n, alphabet)
    block = _string(rng, rng.randint(1, 3), alphabet)
    chars = list((block * n)[:n])
    for _ in range(rng.randint(0, 1)):
        chars[rng.randrange(n)] = rng.choice(alphabet)
    return "".join(chars)


def sample_kmp_prefix_function(rng: random.Random, size: int) -> str:
    """A string of length 2*size, often periodic, over a small alphabet."""
    return _call("kmp_prefix_function", _repetitive(rng, 2 * max(1, size)))


def _text_and_pattern(rng: random.Random, size: int) -> tuple[str, str]:
    text = _repetitive(rng, 3 * max(1, size))
    m = rng.randint(1, min(3, len(text)))
    if rng.random() < 0.6:
        start = rng.randrange(len(text) - m + 1)
        pattern = text[start:start + m]
    else:
        pattern = _string(rng, m, "ab")
    return text, pattern


def sample_kmp_search(rng: random.Random, size: int) -> str:
    """A text of length 3*size and a pattern of length 1..3, usually occurring in the text."""
    return _call("kmp_search", *_text_and_pattern(rng, size))


def sample_z_function(rng: random.Random, size: int) -> str:
    """A string of length 2*size, often periodic, over a small alphabet."""
    return _call("z_function", _repetitive(rng, 2 * max(1, size)))


def sample_trie(rng: random.Random, size: int) -> str:
    """About 2*size insert/search/prefix operations on words of length 1..3 over 'ab'."""
    ops: list[tuple[str, str]] = []
    words: list[str] = []
    for i in range(2 * max(1, size)):
        r = rng.random()
        if i == 0 or r < 0.45:
            word = _string(rng, rng.randint(1, 3), "ab")
            words.append(word)
            ops.append(("insert", word))
        else:
            if rng.random() < 0.5:
                word = rng.choice(words)
                word = word[:rng.randint(1, len(word))]
            else:
                word = _string(rng, rng.randint(1, 3), "ab")
            ops.append(("search" if r < 0.75 else "prefix", word))
    return _call("run_trie", ops)


def sample_rabin_karp(rng: random.Random, size: int) -> str:
    """A text of length 3*size and a pattern of length 1..3, usually occurring in the text."""
    return _call("rabin_karp", *_text_and_pattern(rng, size))


def sample_longest_common_prefix(rng: random.Random, size: int) -> str:
    """2 to 4 words sharing a random prefix of length up to size (sometimes nothing shared)."""
    alphabet = rng.choice(["ab", "abc"])
    prefix = _string(rng, rng.randint(0, max(1, size)), alphabet)
    words = [prefix + _string(rng, rng.randint(0, 3), alphabet) for _ in range(rng.randint(2, 4))]
    return _call("longest_common_prefix", words)


# --------------------------------------------------------------------------
# Number theory
# --------------------------------------------------------------------------

def sample_sieve_of_eratosthenes(rng: random.Random, size: int) -> str:
    """A limit between 4*size - 4 and 5*size + 2 (so tiny limits 0..2 occur at size 1)."""
    return _call("sieve_of_eratosthenes", rng.randint(4 * max(1, size) - 4, 5 * max(1, size) + 2))


def sample_gcd_euclid(rng: random.Random, size: int) -> str:
    """3 or 4 positive multiples of a shared random factor 1..12, up to 1200*size."""
    g = rng.randint(1, 12)
    numbers = [g * rng.randint(1, 100 * max(1, size)) for _ in range(rng.randint(3, 4))]
    return _call("gcd_euclid", numbers)


def sample_extended_gcd(rng: random.Random, size: int) -> str:
    """Two non-negative ints (the first positive) up to 2**(2*size + 6)."""
    top = 2 ** (2 * min(max(1, size), 20) + 6)
    return _call("extended_gcd", rng.randint(1, top), rng.randint(0, top))


def sample_mod_pow(rng: random.Random, size: int) -> str:
    """A base, an exponent with about 3*size bits, and a modulus 2..1000 (1 occasionally)."""
    modulus = 1 if rng.random() < 0.05 else rng.randint(2, 1000)
    exponent = rng.randint(0, 2 ** (3 * max(1, size)))
    return _call("mod_pow", rng.randint(0, 500), exponent, modulus)


def sample_mod_inverse(rng: random.Random, size: int) -> str:
    """A modulus between 2**(size+2) and 2**(size+5) and a value a (often, not always, coprime)."""
    m = rng.randint(2 ** (min(size, 20) + 2), 2 ** (min(size, 20) + 5))
    return _call("mod_inverse", rng.randint(1, 2 * m), m)


def sample_prime_factorization(rng: random.Random, size: int) -> str:
    """A product of about size/2 + 1 small primes, sometimes times a prime below 100."""
    n = 1
    for _ in range(max(1, size // 2 + rng.randint(0, 1))):
        n *= rng.choice([2, 2, 3, 3, 5, 7, 11, 13])
    if rng.random() < 0.4:
        n *= rng.choice([17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97])
    return _call("prime_factorization", max(2, n))


# --------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------

def _point(rng: random.Random, hi: int) -> tuple[int, int]:
    return (rng.randint(0, hi), rng.randint(0, hi))


def sample_orientation(rng: random.Random, size: int) -> str:
    """size point triples on a 0..4 grid (collinear triples are common)."""
    triples = [(_point(rng, 4), _point(rng, 4), _point(rng, 4)) for _ in range(max(1, size))]
    return _call("orientation", triples)


def sample_convex_hull(rng: random.Random, size: int) -> str:
    """size + 2 integer points on a 0..6 grid (repeats and collinear points possible)."""
    return _call("convex_hull", [_point(rng, 6) for _ in range(max(1, size) + 2)])


def sample_polygon_area(rng: random.Random, size: int) -> str:
    """A simple polygon with size + 2 (3..12) integer vertices, star-shaped around an inner point."""
    n = max(3, min(size + 2, 12))
    while True:
        directions = {}
        while len(directions) < n:
            dx, dy = rng.randint(-5, 5), rng.randint(-5, 5)
            if (dx, dy) == (0, 0):
                continue
            # Keep one point per ray from the centre so the angles are distinct.
            key = _ray(dx, dy)
            directions.setdefault(key, (dx, dy))
        points = sorted(directions.values(), key=_angle_key)
        if _max_angle_gap_ok(points):
            break
    cx, cy = rng.randint(0, 4), rng.randint(0, 4)
    vertices = [(x + cx, y + cy) for x, y in points]
    if rng.random() < 0.5:
        vertices.reverse()
    shift = rng.randrange(n)
    return _call("polygon_area", vertices[shift:] + vertices[:shift])


def _ray(dx: int, dy: int) -> tuple[int, int]:
    g = gcd(abs(dx), abs(dy))
    return (dx // g, dy // g)


def _angle_key(p: tuple[int, int]) -> float:
    return atan2(p[1], p[0])


def _max_angle_gap_ok(points: list[tuple[int, int]]) -> bool:
    """True when every turn between consecutive rays is strictly less than half a turn."""
    n = len(points)
    for i in range(n):
        a, b = points[i], points[(i + 1) % n]
        cross = a[0] * b[1] - a[1] * b[0]
        if cross <= 0:
            return False
    return True


def sample_segments_intersect(rng: random.Random, size: int) -> str:
    """size//2 + 1 pairs of segments with endpoints on a 0..4 grid (touching and collinear cases occur)."""
    pairs = []
    for _ in range(max(1, size // 2 + 1)):
        pairs.append(((_point(rng, 4), _point(rng, 4)), (_point(rng, 4), _point(rng, 4))))
    return _call("segments_intersect", pairs)


# --------------------------------------------------------------------------
# Backtracking
# --------------------------------------------------------------------------

def sample_n_queens(rng: random.Random, size: int) -> str:
    """A board side n = min(size, 4), or 5 from size 8 on (n = 5 traces about 1,200 lines)."""
    n = 5 if size >= 8 else min(max(1, size), 4)
    return _call("n_queens", n)


def sample_permutations(rng: random.Random, size: int) -> str:
    """1 to 4 distinct items (letters or numbers); 3 at the default size."""
    n = 1 if size <= 1 else 2 if size <= 3 else 3 if size <= 7 else 4
    if rng.random() < 0.5:
        items: list = rng.sample("abcdefg", n)
    else:
        items = rng.sample(range(1, 10), n)
    return _call("permutations", items)


def sample_subsets_with_sum(rng: random.Random, size: int) -> str:
    """size positive ints in 1..8 (duplicates possible) and a target up to half their sum."""
    nums = [rng.randint(1, 8) for _ in range(max(1, size))]
    target = rng.randint(1, max(1, sum(nums) // 2 + 1))
    return _call("subsets_with_sum", nums, target)


def sample_word_search(rng: random.Random, size: int) -> str:
    """A grid of up to 3x3 letters over a small alphabet and a word of length 1..4, often present."""
    rows = max(1, min(3, (size + 1) // 2))
    cols = max(1, min(3, (size + 2) // 2))
    alphabet = rng.choice(["ab", "abc"])
    grid = [_string(rng, cols, alphabet) for _ in range(rows)]
    length = rng.randint(1, min(4, rows * cols))
    if rng.random() < 0.5:
        # Read the word along a random self-avoiding walk so that it is present.
        r, c = rng.randrange(rows), rng.randrange(cols)
        path = [(r, c)]
        while len(path) < length:
            options = [(r + dr, c + dc) for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1))
                       if 0 <= r + dr < rows and 0 <= c + dc < cols and (r + dr, c + dc) not in path]
            if not options:
                break
            r, c = rng.choice(options)
            path.append((r, c))
        word = "".join(grid[r][c] for r, c in path)
    else:
        word = _string(rng, min(4, rows * cols), rng.choice([alphabet, "abc"]))
    return _call("word_search", grid, word)


# --------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------

SAMPLERS: dict[str, tuple[str, Sampler]] = {
    # sorting
    "insertion_sort": ("sorting", sample_insertion_sort),
    "selection_sort": ("sorting", sample_selection_sort),
    "bubble_sort": ("sorting", sample_bubble_sort),
    "merge_sort": ("sorting", sample_merge_sort),
    "quick_sort_lomuto": ("sorting", sample_quick_sort_lomuto),
    "quick_sort_hoare": ("sorting", sample_quick_sort_hoare),
    "heap_sort": ("sorting", sample_heap_sort),
    "counting_sort": ("sorting", sample_counting_sort),
    "radix_sort": ("sorting", sample_radix_sort),
    # selection
    "quickselect": ("selection", sample_quickselect),
    "min_max": ("selection", sample_min_max),
    # searching
    "binary_search": ("searching", sample_binary_search),
    "lower_bound": ("searching", sample_lower_bound),
    "first_last_occurrence": ("searching", sample_first_last_occurrence),
    "count_in_range": ("searching", sample_count_in_range),
    "ternary_search": ("searching", sample_ternary_search),
    # heaps
    "binary_heap": ("heaps", sample_binary_heap),
    "k_largest": ("heaps", sample_k_largest),
    "merge_k_sorted": ("heaps", sample_merge_k_sorted),
    # hashing
    "chained_hash_table": ("hashing", sample_chained_hash_table),
    "linear_probing": ("hashing", sample_linear_probing),
    # trees
    "bst": ("trees", sample_bst),
    "segment_tree": ("trees", sample_segment_tree),
    "fenwick_tree": ("trees", sample_fenwick_tree),
    # union-find
    "union_find": ("union-find", sample_union_find),
    "count_components": ("union-find", sample_count_components),
    # graphs
    "bfs": ("graphs", sample_bfs),
    "dfs_iterative": ("graphs", sample_dfs_iterative),
    "dfs_recursive": ("graphs", sample_dfs_recursive),
    "topo_sort_kahn": ("graphs", sample_topo_sort_kahn),
    "topo_sort_dfs": ("graphs", sample_topo_sort_dfs),
    "scc_kosaraju": ("graphs", sample_scc_kosaraju),
    "scc_tarjan": ("graphs", sample_scc_tarjan),
    "kruskal_mst": ("graphs", sample_kruskal_mst),
    "prim_mst": ("graphs", sample_prim_mst),
    "is_bipartite": ("graphs", sample_is_bipartite),
    "has_cycle_directed": ("graphs", sample_has_cycle_directed),
    "has_cycle_undirected": ("graphs", sample_has_cycle_undirected),
    # shortest paths
    "dijkstra": ("shortest-paths", sample_dijkstra),
    "bellman_ford": ("shortest-paths", sample_bellman_ford),
    "floyd_warshall": ("shortest-paths", sample_floyd_warshall),
    "dag_shortest_paths": ("shortest-paths", sample_dag_shortest_paths),
    # flows
    "edmonds_karp": ("flows", sample_edmonds_karp),
    "bipartite_matching": ("flows", sample_bipartite_matching),
    # dynamic programming
    "longest_increasing_subsequence": ("dynamic-programming", sample_longest_increasing_subsequence),
    "lis_patience": ("dynamic-programming", sample_lis_patience),
    "longest_common_subsequence": ("dynamic-programming", sample_longest_common_subsequence),
    "edit_distance": ("dynamic-programming", sample_edit_distance),
    "knapsack_01": ("dynamic-programming", sample_knapsack_01),
    "coin_change_min": ("dynamic-programming", sample_coin_change_min),
    "coin_change_ways": ("dynamic-programming", sample_coin_change_ways),
    "matrix_chain_order": ("dynamic-programming", sample_matrix_chain_order),
    "rod_cutting": ("dynamic-programming", sample_rod_cutting),
    "longest_palindromic_subsequence": ("dynamic-programming", sample_longest_palindromic_subsequence),
    "subset_sum": ("dynamic-programming", sample_subset_sum),
    # greedy
    "activity_selection": ("greedy", sample_activity_selection),
    "fractional_knapsack": ("greedy", sample_fractional_knapsack),
    "huffman_code_lengths": ("greedy", sample_huffman_code_lengths),
    "interval_partitioning": ("greedy", sample_interval_partitioning),
    # strings
    "kmp_prefix_function": ("strings", sample_kmp_prefix_function),
    "kmp_search": ("strings", sample_kmp_search),
    "z_function": ("strings", sample_z_function),
    "trie": ("strings", sample_trie),
    "rabin_karp": ("strings", sample_rabin_karp),
    "longest_common_prefix": ("strings", sample_longest_common_prefix),
    # number theory
    "sieve_of_eratosthenes": ("number-theory", sample_sieve_of_eratosthenes),
    "gcd_euclid": ("number-theory", sample_gcd_euclid),
    "extended_gcd": ("number-theory", sample_extended_gcd),
    "mod_pow": ("number-theory", sample_mod_pow),
    "mod_inverse": ("number-theory", sample_mod_inverse),
    "prime_factorization": ("number-theory", sample_prime_factorization),
    # geometry
    "orientation": ("geometry", sample_orientation),
    "convex_hull": ("geometry", sample_convex_hull),
    "polygon_area": ("geometry", sample_polygon_area),
    "segments_intersect": ("geometry", sample_segments_intersect),
    # backtracking
    "n_queens": ("backtracking", sample_n_queens),
    "permutations": ("backtracking", sample_permutations),
    "subsets_with_sum": ("backtracking", sample_subsets_with_sum),
    "word_search": ("backtracking", sample_word_search),
}

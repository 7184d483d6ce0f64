"""Correctness tests for the bundled competition programs.

Every program in ``sources/bundled/competition`` is run as a real subprocess on
inputs from its seeded generator and its output is compared with an
independent brute-force reference written below.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import random
import subprocess
import sys
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from functools import cmp_to_key, lru_cache
from math import gcd
from pathlib import Path
from typing import Callable

import pytest

COMPETITION_DIR = (
    Path(__file__).resolve().parents[2] / "src" / "tracepile" / "sources" / "bundled" / "competition"
)
NOT_PROGRAMS = {"generators.py", "__init__.py"}
TOPICS = {
    "implementation", "math", "greedy", "sorting", "two-pointers", "prefix-sums", "dp",
    "graphs", "strings", "binary-search", "constructive", "data-structures",
}
SEEDS = range(15)
SIZES = (1, 3, 5, 7)


def _load_generators():
    spec = importlib.util.spec_from_file_location(
        "_tracepile_competition_generators", COMPETITION_DIR / "generators.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.GENERATORS


GENERATORS = _load_generators()
PROGRAMS = sorted(p.stem for p in COMPETITION_DIR.glob("*.py") if p.name not in NOT_PROGRAMS)


class Tokens:
    """Sequential reader over the whitespace-separated tokens of an input."""

    def __init__(self, text: str) -> None:
        self.toks = text.split()
        self.pos = 0

    def s(self) -> str:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def i(self) -> int:
        return int(self.s())

    def ints(self, n: int) -> list[int]:
        return [self.i() for _ in range(n)]


def _per_test(body: Callable[[Tokens], object]) -> Callable[[str], str]:
    """Reference for the usual 't test cases' format; body answers one test."""

    def ref(text: str) -> str:
        r = Tokens(text)
        return "\n".join(str(body(r)) for _ in range(r.i()))

    return ref


def _subarrays(a):
    n = len(a)
    return [a[i:j] for i in range(n) for j in range(i + 1, n + 1)]


# --- implementation -------------------------------------------------------


def ref_longest_equal_run(r: Tokens):
    a = r.ints(r.i())
    return max(len(list(g)) for _, g in itertools.groupby(a))


def ref_spiral_matrix(text: str) -> str:
    r = Tokens(text)
    n, m = r.i(), r.i()
    mat = [r.ints(m) for _ in range(n)]
    out = []
    while mat:
        out += list(mat[0])
        mat = [list(row) for row in zip(*mat[1:])][::-1]
    return " ".join(map(str, out))


def ref_robot_visited_cells(r: Tokens):
    delta = {"U": (0, 1), "D": (0, -1), "L": (-1, 0), "R": (1, 0)}
    x = y = 0
    cells = [(0, 0)]
    for c in r.s():
        x, y = x + delta[c][0], y + delta[c][1]
        cells.append((x, y))
    return len(set(cells))


def ref_josephus_order(r: Tokens):
    n, k = r.i(), r.i()
    people = list(range(1, n + 1))
    idx, order = 0, []
    while people:
        idx = (idx + k - 1) % len(people)
        order.append(people.pop(idx))
    return " ".join(map(str, order))


def ref_most_frequent_value(r: Tokens):
    a = r.ints(r.i())
    c = Counter(a)
    v = sorted(c, key=lambda x: (-c[x], x))[0]
    return f"{v} {c[v]}"


# --- math -----------------------------------------------------------------


def ref_array_gcd_lcm(r: Tokens):
    a = r.ints(r.i())
    g = max(d for d in range(1, min(a) + 1) if all(x % d == 0 for x in a))
    lcm = max(a)
    while any(lcm % x for x in a):
        lcm += max(a)
    return f"{g} {lcm}"


def ref_count_divisible_in_range(r: Tokens):
    lo, hi, k = r.i(), r.i(), r.i()
    return sum(1 for x in range(lo, hi + 1) if x % k == 0)


def _is_prime(x: int) -> bool:
    return x >= 2 and all(x % d for d in range(2, x))


def ref_prime_count_sieve(text: str) -> str:
    r = Tokens(text)
    return "\n".join(str(sum(_is_prime(v) for v in range(x + 1))) for x in r.ints(r.i()))


def ref_fast_power_mod(r: Tokens):
    a, b, m = r.i(), r.i(), r.i()
    return pow(a, b, m)


def ref_odd_sum_possible(r: Tokens):
    n = r.i()
    start = tuple(x % 2 for x in r.ints(n))
    seen, queue = {start}, deque([start])
    while queue:
        cur = queue.popleft()
        if sum(cur) % 2 == 1:
            return "YES"
        for i in range(n):
            for j in range(n):
                nxt = cur[:i] + (cur[j],) + cur[i + 1:]
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
    return "NO"


def ref_divisor_count(text: str) -> str:
    r = Tokens(text)
    xs = r.ints(r.i())
    return " ".join(str(sum(1 for d in range(1, x + 1) if x % d == 0)) for x in xs)


# --- greedy ---------------------------------------------------------------


def ref_min_bills(r: Tokens):
    n = r.i()
    best = [0] + [10**9] * n
    for v in range(1, n + 1):
        best[v] = 1 + min(best[v - b] for b in (1, 5, 10, 20, 100) if b <= v)
    return best[n]


def ref_max_non_overlapping(text: str) -> str:
    r = Tokens(text)
    n = r.i()
    segs = [(r.i(), r.i()) for _ in range(n)]
    best = 0
    for mask in range(1 << n):
        chosen = [segs[i] for i in range(n) if mask >> i & 1]
        if all(a[1] < b[0] or b[1] < a[0] for a, b in itertools.combinations(chosen, 2)):
            best = max(best, len(chosen))
    return str(best)


def ref_min_boats(r: Tokens):
    n, w = r.i(), r.i()
    a = r.ints(n)

    @lru_cache(maxsize=None)
    def go(mask: int) -> int:
        if mask == 0:
            return 0
        i = (mask & -mask).bit_length() - 1
        rest = mask & ~(1 << i)
        best = 1 + go(rest)
        for j in range(n):
            if rest >> j & 1 and a[i] + a[j] <= w:
                best = min(best, 1 + go(rest & ~(1 << j)))
        return best

    return go((1 << n) - 1)


def ref_remove_k_digits(r: Tokens):
    s, k = r.s(), r.i()
    keep = len(s) - k
    return min(int("".join(c)) for c in itertools.combinations(s, keep))


# --- sorting --------------------------------------------------------------


def ref_sort_by_digit_sum(text: str) -> str:
    r = Tokens(text)
    a = r.ints(r.i())
    return " ".join(map(str, sorted(a, key=lambda x: (sum(map(int, str(x))), x))))


def ref_rank_students(text: str) -> str:
    r = Tokens(text)
    rows = [(r.s(), r.i()) for _ in range(r.i())]

    def cmp(p, q):
        if p[1] != q[1]:
            return q[1] - p[1]
        return (p[0] > q[0]) - (p[0] < q[0])

    rows.sort(key=cmp_to_key(cmp))
    return "\n".join(f"{i + 1} {name} {score}" for i, (name, score) in enumerate(rows))


def ref_min_adjacent_difference(r: Tokens):
    a = r.ints(r.i())
    return min(abs(x - y) for x, y in itertools.combinations(a, 2))


def ref_max_overlap_events(text: str) -> str:
    r = Tokens(text)
    segs = [(r.i(), r.i()) for _ in range(r.i())]
    lo = min(s[0] for s in segs)
    hi = max(s[1] for s in segs)
    return str(max(sum(1 for a, b in segs if a <= x <= b) for x in range(lo, hi + 1)))


def ref_largest_concatenation(r: Tokens):
    a = [r.s() for _ in range(r.i())]
    return max(int("".join(p)) for p in itertools.permutations(a))


# --- two pointers ---------------------------------------------------------


def ref_pairs_sum_at_most_k(r: Tokens):
    n, k = r.i(), r.i()
    a = r.ints(n)
    return sum(1 for x, y in itertools.combinations(a, 2) if x + y <= k)


def ref_shortest_subarray_sum(r: Tokens):
    n, s = r.i(), r.i()
    lens = [len(b) for b in _subarrays(r.ints(n)) if sum(b) >= s]
    return min(lens) if lens else -1


def ref_longest_k_distinct(r: Tokens):
    n, k = r.i(), r.i()
    return max(len(b) for b in _subarrays(r.ints(n)) if len(set(b)) <= k)


def ref_sliding_window_max_sum(r: Tokens):
    n, k = r.i(), r.i()
    a = r.ints(n)
    return max(sum(a[i:i + k]) for i in range(n - k + 1))


# --- prefix sums ----------------------------------------------------------


def ref_range_sum_queries(text: str) -> str:
    r = Tokens(text)
    n, q = r.i(), r.i()
    a = r.ints(n)
    out = []
    for _ in range(q):
        lo, hi = r.i(), r.i()
        out.append(sum(a[lo - 1:hi]))
    return "\n".join(map(str, out))


def ref_subarray_sum_equals_k(r: Tokens):
    n, k = r.i(), r.i()
    return sum(1 for b in _subarrays(r.ints(n)) if sum(b) == k)


def ref_range_add_difference(text: str) -> str:
    r = Tokens(text)
    n, q = r.i(), r.i()
    a = r.ints(n)
    for _ in range(q):
        lo, hi, x = r.i(), r.i(), r.i()
        for i in range(lo - 1, hi):
            a[i] += x
    return " ".join(map(str, a))


def ref_grid_rect_sums(text: str) -> str:
    r = Tokens(text)
    n, m, q = r.i(), r.i(), r.i()
    g = [r.ints(m) for _ in range(n)]
    out = []
    for _ in range(q):
        r1, c1, r2, c2 = r.ints(4)
        out.append(sum(g[i][j] for i in range(r1 - 1, r2) for j in range(c1 - 1, c2)))
    return "\n".join(map(str, out))


def ref_good_subarrays(r: Tokens):
    r.i()
    digits = [int(c) for c in r.s()]
    return sum(1 for b in _subarrays(digits) if sum(b) == len(b))


# --- dp -------------------------------------------------------------------


def ref_max_subarray_sum(r: Tokens):
    return max(sum(b) for b in _subarrays(r.ints(r.i())))


def ref_coin_change_ways(r: Tokens):
    n, s = r.i(), r.i()
    coins = r.ints(n)

    def count(i: int, rest: int) -> int:
        if i == n:
            return 1 if rest == 0 else 0
        return sum(count(i + 1, rest - c * coins[i]) for c in range(rest // coins[i] + 1))

    return count(0, s) % (10**9 + 7)


def ref_longest_increasing_subsequence(r: Tokens):
    a = r.ints(r.i())
    best = 0
    for mask in range(1, 1 << len(a)):
        sub = [a[i] for i in range(len(a)) if mask >> i & 1]
        if all(x < y for x, y in zip(sub, sub[1:])):
            best = max(best, len(sub))
    return best


def ref_grid_paths_obstacles(text: str) -> str:
    r = Tokens(text)
    n, m = r.i(), r.i()
    g = [r.s() for _ in range(n)]

    def walk(i: int, j: int) -> int:
        if i >= n or j >= m or g[i][j] == "#":
            return 0
        if (i, j) == (n - 1, m - 1):
            return 1
        return walk(i + 1, j) + walk(i, j + 1)

    return str(walk(0, 0) % (10**9 + 7))


def ref_knapsack_small(text: str) -> str:
    r = Tokens(text)
    n, cap = r.i(), r.i()
    items = [(r.i(), r.i()) for _ in range(n)]
    best = 0
    for mask in range(1 << n):
        w = sum(items[i][0] for i in range(n) if mask >> i & 1)
        v = sum(items[i][1] for i in range(n) if mask >> i & 1)
        if w <= cap:
            best = max(best, v)
    return str(best)


def ref_frog_min_cost(r: Tokens):
    h = r.ints(r.i())

    def go(i: int) -> int:
        if i == len(h) - 1:
            return 0
        options = [abs(h[i + d] - h[i]) + go(i + d) for d in (1, 2) if i + d < len(h)]
        return min(options)

    return go(0)


# --- graphs ---------------------------------------------------------------


def ref_grid_shortest_path(r: Tokens):
    n, m = r.i(), r.i()
    g = [r.s() for _ in range(n)]
    inf = float("inf")
    dist = [[inf] * m for _ in range(n)]
    if g[0][0] == ".":
        dist[0][0] = 0
    changed = True
    while changed:
        changed = False
        for i in range(n):
            for j in range(m):
                if g[i][j] != ".":
                    continue
                for a, b in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                    if 0 <= a < n and 0 <= b < m and dist[a][b] + 1 < dist[i][j]:
                        dist[i][j] = dist[a][b] + 1
                        changed = True
    d = dist[n - 1][m - 1]
    return -1 if d == inf else d


def ref_count_islands(text: str) -> str:
    r = Tokens(text)
    n, m = r.i(), r.i()
    g = [r.s() for _ in range(n)]
    parent = {(i, j): (i, j) for i in range(n) for j in range(m) if g[i][j] == "#"}

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i, j in list(parent):
        for nb in ((i + 1, j), (i, j + 1)):
            if nb in parent:
                parent[root(nb)] = root((i, j))
    return str(len({root(c) for c in parent}))


def ref_connected_components_dsu(text: str) -> str:
    r = Tokens(text)
    n, m = r.i(), r.i()
    adj = {v: set() for v in range(1, n + 1)}
    for _ in range(m):
        u, v = r.i(), r.i()
        adj[u].add(v)
        adj[v].add(u)
    seen, comps = set(), 0
    for s in adj:
        if s in seen:
            continue
        comps += 1
        stack = [s]
        seen.add(s)
        while stack:
            for v in adj[stack.pop()]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
    return str(comps)


def ref_tree_diameter(text: str) -> str:
    r = Tokens(text)
    n = r.i()
    inf = 10**9
    d = [[0 if i == j else inf for j in range(n + 1)] for i in range(n + 1)]
    for _ in range(n - 1):
        u, v = r.i(), r.i()
        d[u][v] = d[v][u] = 1
    for k in range(1, n + 1):
        for i in range(1, n + 1):
            for j in range(1, n + 1):
                d[i][j] = min(d[i][j], d[i][k] + d[k][j])
    return str(max(d[i][j] for i in range(1, n + 1) for j in range(1, n + 1)))


def ref_bipartite_check(r: Tokens):
    n, m = r.i(), r.i()
    edges = [(r.i() - 1, r.i() - 1) for _ in range(m)]
    for mask in range(1 << n):
        if all((mask >> u & 1) != (mask >> v & 1) for u, v in edges):
            return "YES"
    return "NO"


# --- strings --------------------------------------------------------------


def ref_run_length_encoding(r: Tokens):
    return "".join(f"{ch}{len(list(g))}" for ch, g in itertools.groupby(r.s()))


def ref_palindrome_rearrange(r: Tokens):
    letters = sorted(r.s())
    leftover = []
    for ch in letters:
        if leftover and leftover[-1] == ch:
            leftover.pop()
        else:
            leftover.append(ch)
    return "YES" if len(leftover) <= 1 else "NO"


def ref_anagram_groups(text: str) -> str:
    r = Tokens(text)
    words = [r.s() for _ in range(r.i())]
    groups: list[list[str]] = []
    for w in words:
        for g in groups:
            if Counter(g[0]) == Counter(w):
                g.append(w)
                break
        else:
            groups.append([w])
    return f"{len(groups)} {max(len(g) for g in groups)}"


def ref_longest_palindrome_substring(r: Tokens):
    s = r.s()
    return max(len(b) for b in _subarrays(s) if b == b[::-1])


def ref_pattern_occurrences(r: Tokens):
    s, p = r.s(), r.s()
    return sum(1 for i in range(len(s)) if s[i:i + len(p)] == p)


def ref_string_period(r: Tokens):
    s = r.s()
    return (s + s).find(s, 1)


# --- binary search --------------------------------------------------------


def ref_count_at_most_queries(text: str) -> str:
    r = Tokens(text)
    n, q = r.i(), r.i()
    a = r.ints(n)
    return " ".join(str(sum(1 for v in a if v <= x)) for x in r.ints(q))


def ref_integer_sqrt(r: Tokens):
    x = r.i()
    root = 0
    while (root + 1) * (root + 1) <= x:
        root += 1
    return root


def ref_min_eating_speed(text: str) -> str:
    r = Tokens(text)
    n, h = r.i(), r.i()
    piles = r.ints(n)
    k = 1
    while sum(-(-p // k) for p in piles) > h:
        k += 1
    return str(k)


def ref_aggressive_cows(r: Tokens):
    n, c = r.i(), r.i()
    pos = sorted(r.ints(n))
    return max(
        min(b - a for a, b in zip(chosen, chosen[1:]))
        for chosen in itertools.combinations(pos, c)
    )


def ref_split_array_min_max(text: str) -> str:
    r = Tokens(text)
    n, k = r.i(), r.i()
    a = r.ints(n)
    best = None
    for cuts in itertools.combinations(range(1, n), k - 1):
        bounds = (0,) + cuts + (n,)
        worst = max(sum(a[bounds[i]:bounds[i + 1]]) for i in range(k))
        best = worst if best is None else min(best, worst)
    return str(best)


# --- constructive ---------------------------------------------------------


def ref_smallest_derangement(r: Tokens):
    n = r.i()
    for p in itertools.permutations(range(1, n + 1)):
        if all(p[i] != i + 1 for i in range(n)):
            return " ".join(map(str, p))
    raise AssertionError("no derangement")


def ref_polo_strings(r: Tokens):
    n, k = r.i(), r.i()
    letters = "abcdefghijklmnopqrstuvwxyz"[:k]

    def dfs(prefix: str):
        missing = len(set(letters) - set(prefix))
        if missing > n - len(prefix):
            return None
        if len(prefix) == n:
            return prefix
        for ch in letters:
            if not prefix or prefix[-1] != ch:
                found = dfs(prefix + ch)
                if found is not None:
                    return found
        return None

    found = dfs("")
    return -1 if found is None else found


def ref_binary_string_no_adjacent(r: Tokens):
    n, k = r.i(), r.i()
    for bits in itertools.product("01", repeat=n):
        s = "".join(bits)
        if s.count("1") == k and "11" not in s:
            return s
    return -1


def ref_chessboard_coloring(text: str) -> str:
    r = Tokens(text)
    n, m = r.i(), r.i()
    rows = []
    for i in range(n):
        row = r.s()
        rows.append("".join(
            "-" if ch == "-" else ("B" if i % 2 == j % 2 else "W") for j, ch in enumerate(row)
        ))
    return "\n".join(rows)


# --- data structures ------------------------------------------------------


def ref_balanced_brackets(r: Tokens):
    s = r.s()
    while True:
        shorter = s.replace("()", "").replace("[]", "").replace("{}", "")
        if shorter == s:
            return "YES" if not s else "NO"
        s = shorter


def ref_next_greater_element(r: Tokens):
    a = r.ints(r.i())
    out = []
    for i, x in enumerate(a):
        out.append(next((y for y in a[i + 1:] if y > x), -1))
    return " ".join(map(str, out))


def ref_largest_rectangle_histogram(r: Tokens):
    h = r.ints(r.i())
    return max(min(b) * len(b) for b in _subarrays(h))


def ref_huffman_merge_cost(r: Tokens):
    @lru_cache(maxsize=None)
    def cost(piles: tuple) -> int:
        if len(piles) <= 1:
            return 0
        best = None
        for i, j in itertools.combinations(range(len(piles)), 2):
            rest = [p for t, p in enumerate(piles) if t not in (i, j)]
            merged = piles[i] + piles[j]
            c = merged + cost(tuple(sorted(rest + [merged])))
            best = c if best is None else min(best, c)
        return best

    return cost(tuple(sorted(r.ints(r.i()))))


def ref_sliding_window_maximum(text: str) -> str:
    r = Tokens(text)
    n, k = r.i(), r.i()
    a = r.ints(n)
    return " ".join(str(max(a[i:i + k])) for i in range(n - k + 1))


REFERENCE: dict[str, Callable[[str], str]] = {
    "longest_equal_run": _per_test(ref_longest_equal_run),
    "spiral_matrix": ref_spiral_matrix,
    "robot_visited_cells": _per_test(ref_robot_visited_cells),
    "josephus_order": _per_test(ref_josephus_order),
    "most_frequent_value": _per_test(ref_most_frequent_value),
    "array_gcd_lcm": _per_test(ref_array_gcd_lcm),
    "count_divisible_in_range": _per_test(ref_count_divisible_in_range),
    "prime_count_sieve": ref_prime_count_sieve,
    "fast_power_mod": _per_test(ref_fast_power_mod),
    "odd_sum_possible": _per_test(ref_odd_sum_possible),
    "divisor_count": ref_divisor_count,
    "min_bills": _per_test(ref_min_bills),
    "max_non_overlapping": ref_max_non_overlapping,
    "min_boats": _per_test(ref_min_boats),
    "remove_k_digits": _per_test(ref_remove_k_digits),
    "sort_by_digit_sum": ref_sort_by_digit_sum,
    "rank_students": ref_rank_students,
    "min_adjacent_difference": _per_test(ref_min_adjacent_difference),
    "max_overlap_events": ref_max_overlap_events,
    "largest_concatenation": _per_test(ref_largest_concatenation),
    "pairs_sum_at_most_k": _per_test(ref_pairs_sum_at_most_k),
    "shortest_subarray_sum": _per_test(ref_shortest_subarray_sum),
    "longest_k_distinct": _per_test(ref_longest_k_distinct),
    "sliding_window_max_sum": _per_test(ref_sliding_window_max_sum),
    "range_sum_queries": ref_range_sum_queries,
    "subarray_sum_equals_k": _per_test(ref_subarray_sum_equals_k),
    "range_add_difference": ref_range_add_difference,
    "grid_rect_sums": ref_grid_rect_sums,
    "good_subarrays": _per_test(ref_good_subarrays),
    "max_subarray_sum": _per_test(ref_max_subarray_sum),
    "coin_change_ways": _per_test(ref_coin_change_ways),
    "longest_increasing_subsequence": _per_test(ref_longest_increasing_subsequence),
    "grid_paths_obstacles": ref_grid_paths_obstacles,
    "knapsack_small": ref_knapsack_small,
    "frog_min_cost": _per_test(ref_frog_min_cost),
    "grid_shortest_path": _per_test(ref_grid_shortest_path),
    "count_islands": ref_count_islands,
    "connected_components_dsu": ref_connected_components_dsu,
    "tree_diameter": ref_tree_diameter,
    "bipartite_check": _per_test(ref_bipartite_check),
    "run_length_encoding": _per_test(ref_run_length_encoding),
    "palindrome_rearrange": _per_test(ref_palindrome_rearrange),
    "anagram_groups": ref_anagram_groups,
    "longest_palindrome_substring": _per_test(ref_longest_palindrome_substring),
    "pattern_occurrences": _per_test(ref_pattern_occurrences),
    "string_period": _per_test(ref_string_period),
    "count_at_most_queries": ref_count_at_most_queries,
    "integer_sqrt": _per_test(ref_integer_sqrt),
    "min_eating_speed": ref_min_eating_speed,
    "aggressive_cows": _per_test(ref_aggressive_cows),
    "split_array_min_max": ref_split_array_min_max,
    "smallest_derangement": _per_test(ref_smallest_derangement),
    "polo_strings": _per_test(ref_polo_strings),
    "binary_string_no_adjacent": _per_test(ref_binary_string_no_adjacent),
    "chessboard_coloring": ref_chessboard_coloring,
    "balanced_brackets": _per_test(ref_balanced_brackets),
    "next_greater_element": _per_test(ref_next_greater_element),
    "largest_rectangle_histogram": _per_test(ref_largest_rectangle_histogram),
    "huffman_merge_cost": _per_test(ref_huffman_merge_cost),
    "sliding_window_maximum": ref_sliding_window_maximum,
}


def test_generators_cover_exactly_the_programs():
    assert len(PROGRAMS) >= 42
    assert sorted(GENERATORS) == PROGRAMS


def test_every_program_has_a_reference():
    assert sorted(REFERENCE) == PROGRAMS


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generator_is_well_formed_and_deterministic(name):
    topic, generate = GENERATORS[name]
    assert topic in TOPICS
    assert (generate.__doc__ or "").strip()
    for seed in range(5):
        for size in (1, 2, 4, 7):
            first = generate(random.Random(seed), size)
            assert first == generate(random.Random(seed), size)
            assert isinstance(first, str) and first.endswith("\n") and first.strip()


def test_program_files_start_with_a_comment():
    for name in PROGRAMS:
        first_line = (COMPETITION_DIR / f"{name}.py").read_text().splitlines()[0]
        assert first_line.startswith("# ") and len(first_line) > 10, name


def _run(path: Path, stdin: str) -> subprocess.CompletedProcess:
    # -S skips site-packages initialisation (the programs use the stdlib only),
    # which keeps interpreter start-up short across the ~3600 runs below.
    return subprocess.run(
        [sys.executable, "-S", str(path)], input=stdin, capture_output=True, text=True, timeout=10
    )


@pytest.mark.parametrize("name", PROGRAMS)
def test_program_matches_reference(name):
    assert name in REFERENCE, f"no reference solver for {name}"
    assert name in GENERATORS, f"no generator for {name}"
    reference = REFERENCE[name]
    _, generate = GENERATORS[name]
    path = COMPETITION_DIR / f"{name}.py"
    cases = [(seed, size, generate(random.Random(seed), size)) for seed in SEEDS for size in SIZES]
    workers = max(2, min(4, os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda case: _run(path, case[2]), cases))
    for (seed, size, stdin), proc in zip(cases, results):
        where = f"{name} seed={seed} size={size}\n--- input ---\n{stdin}"
        assert proc.returncode == 0, f"{where}--- stderr ---\n{proc.stderr}"
        expected = reference(stdin)
        assert proc.stdout.split() == expected.split(), (
            f"{where}--- got ---\n{proc.stdout}--- expected ---\n{expected}"
        )

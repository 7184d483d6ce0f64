"""Seeded stdin generators for the bundled competition programs.

Every generator takes ``(rng, size)`` and returns the complete stdin text for one
run of the matching program.  ``size`` is roughly the length of each array or
string; the number of test cases stays small so that traced executions remain
short.  Only the ``rng`` passed in is used, so a seed fully determines the input.
"""

from __future__ import annotations

import random
from typing import Callable

Generator = Callable[[random.Random, int], str]


def _n(rng: random.Random, size: int, lo: int = 1) -> int:
    """Pick an array length close to ``size`` but never below ``lo``."""
    return rng.randint(max(lo, size - 1), max(lo, size + 1))


def _t(rng: random.Random) -> int:
    """Pick a small number of test cases."""
    return rng.randint(1, 3)


def _arr(rng: random.Random, n: int, lo: int, hi: int) -> str:
    """Return n random integers from [lo, hi] separated by spaces."""
    return " ".join(str(rng.randint(lo, hi)) for _ in range(n))


def _word(rng: random.Random, n: int, alphabet: str) -> str:
    """Return a random string of length n over the alphabet."""
    return "".join(rng.choice(alphabet) for _ in range(n))


def _lines(lines: list) -> str:
    """Join lines with newlines and add the final newline."""
    return "\n".join(str(x) for x in lines) + "\n"


def _grid(rng: random.Random, n: int, m: int, bad: str, good: str, p: float) -> list:
    """Return n rows of m cells where each cell is ``bad`` with probability p."""
    return ["".join(bad if rng.random() < p else good for _ in range(m)) for _ in range(n)]


def _open_corners(rows: list, good: str) -> list:
    """Make the top-left and bottom-right cells of the grid ``good``."""
    rows = [list(r) for r in rows]
    rows[0][0] = good
    rows[-1][-1] = good
    return ["".join(r) for r in rows]


# --- implementation -------------------------------------------------------


def gen_longest_equal_run(rng: random.Random, size: int) -> str:
    """t tests, each an array of small values so that equal runs appear."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [n, _arr(rng, n, 1, 3)]
    return _lines(out)


def gen_spiral_matrix(rng: random.Random, size: int) -> str:
    """One n x m matrix of digits."""
    n = rng.randint(max(1, size // 2), size // 2 + 2)
    m = rng.randint(max(1, size // 2), size // 2 + 2)
    return _lines([f"{n} {m}"] + [_arr(rng, m, 1, 9) for _ in range(n)])


def gen_robot_visited_cells(rng: random.Random, size: int) -> str:
    """t move strings over U/D/L/R."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        out.append(_word(rng, rng.randint(size, 2 * size), "UDLR"))
    return _lines(out)


def gen_josephus_order(rng: random.Random, size: int) -> str:
    """t tests with n people and a step k that may exceed n."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out.append(f"{n} {rng.randint(1, n + 2)}")
    return _lines(out)


def gen_most_frequent_value(rng: random.Random, size: int) -> str:
    """t arrays of values 1..4 so that ties are common."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [n, _arr(rng, n, 1, 4)]
    return _lines(out)


# --- math -----------------------------------------------------------------


def gen_array_gcd_lcm(rng: random.Random, size: int) -> str:
    """t arrays whose elements share a random common factor."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        g = rng.randint(1, 4)
        out += [n, " ".join(str(g * rng.randint(1, 6)) for _ in range(n))]
    return _lines(out)


def gen_count_divisible_in_range(rng: random.Random, size: int) -> str:
    """Several (l, r, k) triples with 1 <= l <= r."""
    t = rng.randint(size, size + 3)
    out = [t]
    for _ in range(t):
        lo = rng.randint(1, 20 * size)
        out.append(f"{lo} {rng.randint(lo, lo + 20 * size)} {rng.randint(1, 10)}")
    return _lines(out)


def gen_prime_count_sieve(rng: random.Random, size: int) -> str:
    """A few queries x >= 1, one per line."""
    q = rng.randint(1, size // 2 + 2)
    return _lines([q] + [rng.randint(1, 10 * size + 5) for _ in range(q)])


def gen_fast_power_mod(rng: random.Random, size: int) -> str:
    """t triples a, b, m with b of about 2*size bits and m >= 1."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        b = rng.randint(0, 2 ** (2 * size + 1))
        out.append(f"{rng.randint(0, 100)} {b} {rng.randint(1, 1000)}")
    return _lines(out)


def gen_odd_sum_possible(rng: random.Random, size: int) -> str:
    """t arrays that are all even, all odd or mixed."""
    t = rng.randint(2, 4)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        mode = rng.choice(("even", "odd", "any"))
        if mode == "even":
            a = [2 * rng.randint(1, 5) for _ in range(n)]
        elif mode == "odd":
            a = [2 * rng.randint(0, 4) + 1 for _ in range(n)]
        else:
            a = [rng.randint(1, 10) for _ in range(n)]
        out += [n, " ".join(map(str, a))]
    return _lines(out)


def gen_divisor_count(rng: random.Random, size: int) -> str:
    """q followed by q positive integers on one line."""
    q = rng.randint(1, size // 2 + 2)
    return _lines([q, _arr(rng, q, 1, 30 * size)])


# --- greedy ---------------------------------------------------------------


def gen_min_bills(rng: random.Random, size: int) -> str:
    """t amounts n >= 1."""
    t = _t(rng)
    out = [t]
    out += [rng.randint(1, 60 * size) for _ in range(t)]
    return _lines(out)


def gen_max_non_overlapping(rng: random.Random, size: int) -> str:
    """n closed segments with small integer endpoints."""
    n = _n(rng, size)
    out = [n]
    for _ in range(n):
        lo = rng.randint(0, 3 * n)
        out.append(f"{lo} {lo + rng.randint(0, 4)}")
    return _lines(out)


def gen_min_boats(rng: random.Random, size: int) -> str:
    """t tests with a limit w and weights not exceeding w."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        w = rng.randint(5, 12)
        out += [f"{n} {w}", _arr(rng, n, 1, w)]
    return _lines(out)


def gen_remove_k_digits(rng: random.Random, size: int) -> str:
    """t tests: a digit string without a leading zero and 0 <= k < len."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        s = str(rng.randint(1, 9)) + _word(rng, n - 1, "0012345678")
        out.append(f"{s} {rng.randint(0, n - 1)}")
    return _lines(out)


# --- sorting --------------------------------------------------------------


def gen_sort_by_digit_sum(rng: random.Random, size: int) -> str:
    """n positive integers up to 300."""
    n = _n(rng, size)
    return _lines([n, _arr(rng, n, 1, 300)])


def gen_rank_students(rng: random.Random, size: int) -> str:
    """n lines 'name score' with frequent score ties."""
    n = _n(rng, size)
    rows = [f"{_word(rng, rng.randint(2, 4), 'abcde')} {rng.randint(50, 54)}" for _ in range(n)]
    return _lines([n] + rows)


def gen_min_adjacent_difference(rng: random.Random, size: int) -> str:
    """t arrays with at least two elements."""
    t = rng.randint(2, 4)
    out = [t]
    for _ in range(t):
        n = _n(rng, size, lo=2)
        out += [n, _arr(rng, n, 1, 50)]
    return _lines(out)


def gen_max_overlap_events(rng: random.Random, size: int) -> str:
    """n closed segments on a short line so that they overlap."""
    n = _n(rng, size)
    out = [n]
    for _ in range(n):
        lo = rng.randint(0, 10)
        out.append(f"{lo} {lo + rng.randint(0, 5)}")
    return _lines(out)


def gen_largest_concatenation(rng: random.Random, size: int) -> str:
    """t tests of up to 7 non-negative numbers, sometimes all zero."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = min(7, _n(rng, size))
        if rng.random() < 0.1:
            nums = ["0"] * n
        else:
            nums = [str(rng.choice((rng.randint(0, 9), rng.randint(0, 99)))) for _ in range(n)]
        out += [n, " ".join(nums)]
    return _lines(out)


# --- two pointers ---------------------------------------------------------


def gen_pairs_sum_at_most_k(rng: random.Random, size: int) -> str:
    """t tests: n, k and an array of values 1..10."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [f"{n} {rng.randint(2, 20)}", _arr(rng, n, 1, 10)]
    return _lines(out)


def gen_shortest_subarray_sum(rng: random.Random, size: int) -> str:
    """t tests: n, s and positive values."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [f"{n} {rng.randint(1, 4 * n)}", _arr(rng, n, 1, 6)]
    return _lines(out)


def gen_longest_k_distinct(rng: random.Random, size: int) -> str:
    """t tests: n, k >= 1 and values 1..4."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [f"{n} {rng.randint(1, 3)}", _arr(rng, n, 1, 4)]
    return _lines(out)


def gen_sliding_window_max_sum(rng: random.Random, size: int) -> str:
    """t tests: n, 1 <= k <= n and values that may be negative."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [f"{n} {rng.randint(1, n)}", _arr(rng, n, -5, 9)]
    return _lines(out)


# --- prefix sums ----------------------------------------------------------


def gen_range_sum_queries(rng: random.Random, size: int) -> str:
    """An array and q queries with 1 <= l <= r <= n."""
    n = _n(rng, size)
    q = rng.randint(2, size + 2)
    out = [f"{n} {q}", _arr(rng, n, -9, 9)]
    for _ in range(q):
        lo = rng.randint(1, n)
        out.append(f"{lo} {rng.randint(lo, n)}")
    return _lines(out)


def gen_subarray_sum_equals_k(rng: random.Random, size: int) -> str:
    """t tests with small values (possibly negative) and a small target."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [f"{n} {rng.randint(-2, 4)}", _arr(rng, n, -2, 3)]
    return _lines(out)


def gen_range_add_difference(rng: random.Random, size: int) -> str:
    """An array and q range additions."""
    n = _n(rng, size)
    q = rng.randint(1, size + 1)
    out = [f"{n} {q}", _arr(rng, n, 0, 9)]
    for _ in range(q):
        lo = rng.randint(1, n)
        out.append(f"{lo} {rng.randint(lo, n)} {rng.randint(-5, 5)}")
    return _lines(out)


def gen_grid_rect_sums(rng: random.Random, size: int) -> str:
    """A digit grid and a few rectangle queries."""
    n = rng.randint(max(1, size // 2), size // 2 + 2)
    m = rng.randint(max(1, size // 2), size // 2 + 2)
    q = rng.randint(1, 3)
    out = [f"{n} {m} {q}"] + [_arr(rng, m, 0, 9) for _ in range(n)]
    for _ in range(q):
        r1 = rng.randint(1, n)
        c1 = rng.randint(1, m)
        out.append(f"{r1} {c1} {rng.randint(r1, n)} {rng.randint(c1, m)}")
    return _lines(out)


def gen_good_subarrays(rng: random.Random, size: int) -> str:
    """t digit strings over 0..2 (so that many subarrays are good)."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [n, _word(rng, n, "0112")]
    return _lines(out)


# --- dp -------------------------------------------------------------------


def gen_max_subarray_sum(rng: random.Random, size: int) -> str:
    """t arrays of values in [-9, 9]."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [n, _arr(rng, n, -9, 9)]
    return _lines(out)


def gen_coin_change_ways(rng: random.Random, size: int) -> str:
    """t tests with up to 4 distinct coin values and a small target."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = rng.randint(1, min(4, size))
        coins = rng.sample(range(1, 6), n)
        out += [f"{n} {rng.randint(size, 2 * size + 2)}", " ".join(map(str, coins))]
    return _lines(out)


def gen_longest_increasing_subsequence(rng: random.Random, size: int) -> str:
    """t arrays of digits 1..9."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [n, _arr(rng, n, 1, 9)]
    return _lines(out)


def gen_grid_paths_obstacles(rng: random.Random, size: int) -> str:
    """One grid of '.' and '#' with about 20% blocked cells."""
    n = rng.randint(max(1, size // 2), size // 2 + 2)
    m = rng.randint(max(1, size // 2), size // 2 + 2)
    grid = _grid(rng, n, m, "#", ".", 0.2)
    if rng.random() < 0.9:
        grid = _open_corners(grid, ".")
    return _lines([f"{n} {m}"] + grid)


def gen_knapsack_small(rng: random.Random, size: int) -> str:
    """n items (weight, value) and a capacity W."""
    n = _n(rng, size)
    cap = rng.randint(1, 2 * size + 3)
    rows = [f"{rng.randint(1, cap + 1)} {rng.randint(1, 20)}" for _ in range(n)]
    return _lines([f"{n} {cap}"] + rows)


def gen_frog_min_cost(rng: random.Random, size: int) -> str:
    """t arrays of stone heights."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [n, _arr(rng, n, 1, 20)]
    return _lines(out)


# --- graphs ---------------------------------------------------------------


def gen_grid_shortest_path(rng: random.Random, size: int) -> str:
    """One or two grids with about 25% walls."""
    t = rng.randint(1, 2)
    out = [t]
    for _ in range(t):
        n = rng.randint(1, size // 2 + 2)
        m = rng.randint(1, size // 2 + 2)
        grid = _grid(rng, n, m, "#", ".", 0.3)
        if rng.random() < 0.9:
            grid = _open_corners(grid, ".")
        out += [f"{n} {m}"] + grid
    return _lines(out)


def gen_count_islands(rng: random.Random, size: int) -> str:
    """One grid with about 45% land cells."""
    n = rng.randint(max(1, size // 2), size // 2 + 2)
    m = rng.randint(max(1, size // 2), size // 2 + 2)
    return _lines([f"{n} {m}"] + _grid(rng, n, m, "#", ".", 0.45))


def gen_connected_components_dsu(rng: random.Random, size: int) -> str:
    """n vertices and up to n random edges (loops and repeats allowed)."""
    n = _n(rng, size)
    m = rng.randint(0, n)
    edges = [f"{rng.randint(1, n)} {rng.randint(1, n)}" for _ in range(m)]
    return _lines([f"{n} {m}"] + edges)


def gen_tree_diameter(rng: random.Random, size: int) -> str:
    """A random labelled tree on n vertices."""
    n = _n(rng, size)
    label = list(range(1, n + 1))
    rng.shuffle(label)
    edges = []
    for i in range(1, n):
        u, v = label[i], label[rng.randint(0, i - 1)]
        edges.append(f"{u} {v}" if rng.random() < 0.5 else f"{v} {u}")
    return _lines([n] + edges)


def gen_bipartite_check(rng: random.Random, size: int) -> str:
    """t simple graphs with about n edges."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        pairs = [(u, v) for u in range(1, n + 1) for v in range(u + 1, n + 1)]
        m = rng.randint(0, min(len(pairs), n + 1))
        out.append(f"{n} {m}")
        out += [f"{u} {v}" for u, v in rng.sample(pairs, m)]
    return _lines(out)


# --- strings --------------------------------------------------------------


def gen_run_length_encoding(rng: random.Random, size: int) -> str:
    """t strings over a two- or three-letter alphabet."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        out.append(_word(rng, _n(rng, size), rng.choice(("ab", "abc"))))
    return _lines(out)


def gen_palindrome_rearrange(rng: random.Random, size: int) -> str:
    """t strings over 'abc'."""
    t = rng.randint(2, 4)
    out = [t]
    out += [_word(rng, _n(rng, size), "abc") for _ in range(t)]
    return _lines(out)


def gen_anagram_groups(rng: random.Random, size: int) -> str:
    """n words, many of them shuffled copies of a few base words."""
    n = rng.randint(size, size + 3)
    bases = [_word(rng, rng.randint(2, 4), "abcd") for _ in range(rng.randint(1, 3))]
    words = []
    for _ in range(n):
        if rng.random() < 0.75:
            letters = list(rng.choice(bases))
            rng.shuffle(letters)
            words.append("".join(letters))
        else:
            words.append(_word(rng, rng.randint(2, 4), "abcd"))
    return _lines([n] + words)


def gen_longest_palindrome_substring(rng: random.Random, size: int) -> str:
    """t strings over 'ab'."""
    t = _t(rng)
    out = [t]
    out += [_word(rng, _n(rng, size), "ab") for _ in range(t)]
    return _lines(out)


def gen_pattern_occurrences(rng: random.Random, size: int) -> str:
    """t pairs of lines: a text over 'ab' and a short pattern over 'ab'."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        s = _word(rng, rng.randint(size, 2 * size), "ab")
        out += [s, _word(rng, rng.randint(1, min(3, len(s) + 1)), "ab")]
    return _lines(out)


def gen_string_period(rng: random.Random, size: int) -> str:
    """t strings, most built by repeating a short block, some of them spoiled."""
    t = rng.randint(2, 4)
    out = [t]
    for _ in range(t):
        block = _word(rng, rng.randint(1, 3), "ab")
        s = list(block * rng.randint(1, size // 2 + 3))
        if rng.random() < 0.3:
            s[rng.randrange(len(s))] = "c"
        out.append("".join(s))
    return _lines(out)


# --- binary search --------------------------------------------------------


def gen_count_at_most_queries(rng: random.Random, size: int) -> str:
    """An unsorted array and q query values on one line."""
    n = _n(rng, size)
    q = rng.randint(1, size)
    return _lines([f"{n} {q}", _arr(rng, n, 1, 20), _arr(rng, q, 0, 21)])


def gen_integer_sqrt(rng: random.Random, size: int) -> str:
    """t non-negative integers up to 10**size."""
    t = _t(rng)
    out = [t]
    out += [rng.randint(0, 10 ** size) for _ in range(t)]
    return _lines(out)


def gen_min_eating_speed(rng: random.Random, size: int) -> str:
    """n piles and h >= n hours."""
    n = _n(rng, size)
    return _lines([f"{n} {rng.randint(n, 3 * n)}", _arr(rng, n, 1, 6 * size)])


def gen_aggressive_cows(rng: random.Random, size: int) -> str:
    """t tests with n >= 2 distinct stall positions and 2 <= c <= n."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size, lo=2)
        pos = rng.sample(range(0, 4 * n + 5), n)
        out += [f"{n} {rng.randint(2, n)}", " ".join(map(str, pos))]
    return _lines(out)


def gen_split_array_min_max(rng: random.Random, size: int) -> str:
    """n positive values and 1 <= k <= n."""
    n = _n(rng, size)
    return _lines([f"{n} {rng.randint(1, n)}", _arr(rng, n, 1, 9)])


# --- constructive ---------------------------------------------------------


def gen_smallest_derangement(rng: random.Random, size: int) -> str:
    """t values n >= 2."""
    t = rng.randint(2, 4)
    out = [t]
    out += [rng.randint(2, size + 3) for _ in range(t)]
    return _lines(out)


def gen_polo_strings(rng: random.Random, size: int) -> str:
    """Several (n, k) pairs, some of them impossible."""
    t = rng.randint(2, 5)
    out = [t]
    for _ in range(t):
        n = rng.randint(1, size + 2)
        roll = rng.random()
        if roll < 0.1 or n == 1:
            k = rng.randint(1, 2)
        elif roll < 0.2:
            k = n + 1
        else:
            k = rng.randint(2, min(26, n))
        out.append(f"{n} {k}")
    return _lines(out)


def gen_binary_string_no_adjacent(rng: random.Random, size: int) -> str:
    """t pairs (n, k), k sometimes too large."""
    t = rng.randint(2, 4)
    out = [t]
    for _ in range(t):
        n = rng.randint(max(1, size // 2), size + 2)
        out.append(f"{n} {rng.randint(0, (n + 1) // 2 + 1)}")
    return _lines(out)


def gen_chessboard_coloring(rng: random.Random, size: int) -> str:
    """A board of good '.' and bad '-' cells."""
    n = rng.randint(max(1, size // 2), size // 2 + 2)
    m = rng.randint(max(1, size // 2), size // 2 + 2)
    return _lines([f"{n} {m}"] + _grid(rng, n, m, "-", ".", 0.2))


# --- data structures ------------------------------------------------------


def gen_balanced_brackets(rng: random.Random, size: int) -> str:
    """t bracket strings, about half balanced and the rest damaged."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        opens = rng.randint(1, size)
        s, st = [], []
        while opens or st:
            if st and (not opens or rng.random() < 0.5):
                s.append(")]}"["([{".index(st.pop())])
            else:
                ch = rng.choice("([{")
                opens -= 1
                st.append(ch)
                s.append(ch)
        if rng.random() < 0.5:
            i = rng.randrange(len(s))
            s[i] = rng.choice("()[]{}")
        if rng.random() < 0.15:
            del s[rng.randrange(len(s))]
        out.append("".join(s) if s else "()")
    return _lines(out)


def gen_next_greater_element(rng: random.Random, size: int) -> str:
    """t arrays of digits."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [n, _arr(rng, n, 1, 9)]
    return _lines(out)


def gen_largest_rectangle_histogram(rng: random.Random, size: int) -> str:
    """t histograms with bar heights 1..6."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = _n(rng, size)
        out += [n, _arr(rng, n, 1, 6)]
    return _lines(out)


def gen_huffman_merge_cost(rng: random.Random, size: int) -> str:
    """t tests with at most 6 piles each."""
    t = _t(rng)
    out = [t]
    for _ in range(t):
        n = min(6, _n(rng, size))
        out += [n, _arr(rng, n, 1, 20)]
    return _lines(out)


def gen_sliding_window_maximum(rng: random.Random, size: int) -> str:
    """An array and a window length 1 <= k <= n."""
    n = _n(rng, size)
    return _lines([f"{n} {rng.randint(1, n)}", _arr(rng, n, 1, 9)])


GENERATORS: dict[str, tuple[str, Generator]] = {
    "longest_equal_run": ("implementation", gen_longest_equal_run),
    "spiral_matrix": ("implementation", gen_spiral_matrix),
    "robot_visited_cells": ("implementation", gen_robot_visited_cells),
    "josephus_order": ("implementation", gen_josephus_order),
    "most_frequent_value": ("implementation", gen_most_frequent_value),
    "array_gcd_lcm": ("math", gen_array_gcd_lcm),
    "count_divisible_in_range": ("math", gen_count_divisible_in_range),
    "prime_count_sieve": ("math", gen_prime_count_sieve),
    "fast_power_mod": ("math", gen_fast_power_mod),
    "odd_sum_possible": ("math", gen_odd_sum_possible),
    "divisor_count": ("math", gen_divisor_count),
    "min_bills": ("greedy", gen_min_bills),
    "max_non_overlapping": ("greedy", gen_max_non_overlapping),
    "min_boats": ("greedy", gen_min_boats),
    "remove_k_digits": ("greedy", gen_remove_k_digits),
    "sort_by_digit_sum": ("sorting", gen_sort_by_digit_sum),
    "rank_students": ("sorting", gen_rank_students),
    "min_adjacent_difference": ("sorting", gen_min_adjacent_difference),
    "max_overlap_events": ("sorting", gen_max_overlap_events),
    "largest_concatenation": ("sorting", gen_largest_concatenation),
    "pairs_sum_at_most_k": ("two-pointers", gen_pairs_sum_at_most_k),
    "shortest_subarray_sum": ("two-pointers", gen_shortest_subarray_sum),
    "longest_k_distinct": ("two-pointers", gen_longest_k_distinct),
    "sliding_window_max_sum": ("two-pointers", gen_sliding_window_max_sum),
    "range_sum_queries": ("prefix-sums", gen_range_sum_queries),
    "subarray_sum_equals_k": ("prefix-sums", gen_subarray_sum_equals_k),
    "range_add_difference": ("prefix-sums", gen_range_add_difference),
    "grid_rect_sums": ("prefix-sums", gen_grid_rect_sums),
    "good_subarrays": ("prefix-sums", gen_good_subarrays),
    "max_subarray_sum": ("dp", gen_max_subarray_sum),
    "coin_change_ways": ("dp", gen_coin_change_ways),
    "longest_increasing_subsequence": ("dp", gen_longest_increasing_subsequence),
    "grid_paths_obstacles": ("dp", gen_grid_paths_obstacles),
    "knapsack_small": ("dp", gen_knapsack_small),
    "frog_min_cost": ("dp", gen_frog_min_cost),
    "grid_shortest_path": ("graphs", gen_grid_shortest_path),
    "count_islands": ("graphs", gen_count_islands),
    "connected_components_dsu": ("graphs", gen_connected_components_dsu),
    "tree_diameter": ("graphs", gen_tree_diameter),
    "bipartite_check": ("graphs", gen_bipartite_check),
    "run_length_encoding": ("strings", gen_run_length_encoding),
    "palindrome_rearrange": ("strings", gen_palindrome_rearrange),
    "anagram_groups": ("strings", gen_anagram_groups),
    "longest_palindrome_substring": ("strings", gen_longest_palindrome_substring),
    "pattern_occurrences": ("strings", gen_pattern_occurrences),
    "string_period": ("strings", gen_string_period),
    "count_at_most_queries": ("binary-search", gen_count_at_most_queries),
    "integer_sqrt": ("binary-search", gen_integer_sqrt),
    "min_eating_speed": ("binary-search", gen_min_eating_speed),
    "aggressive_cows": ("binary-search", gen_aggressive_cows),
    "split_array_min_max": ("binary-search", gen_split_array_min_max),
    "smallest_derangement": ("constructive", gen_smallest_derangement),
    "polo_strings": ("constructive", gen_polo_strings),
    "binary_string_no_adjacent": ("constructive", gen_binary_string_no_adjacent),
    "chessboard_coloring": ("constructive", gen_chessboard_coloring),
    "balanced_brackets": ("data-structures", gen_balanced_brackets),
    "next_greater_element": ("data-structures", gen_next_greater_element),
    "largest_rectangle_histogram": ("data-structures", gen_largest_rectangle_histogram),
    "huffman_merge_cost": ("data-structures", gen_huffman_merge_cost),
    "sliding_window_maximum": ("data-structures", gen_sliding_window_maximum),
}

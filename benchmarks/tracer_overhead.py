"""Tracer overhead, side by side in one process on ~10 varied programs.

For each program: untraced time, an empty settrace hook (the floor), a hook that reads `frame.f_locals` at
every line (the reference), and the full TracePile tracer (recording, diffing, rendering, explaining).
Prints ratios to untraced time, the full tracer's ratio to the f_locals hook, and events per second.
Times are CPU seconds of this process (time.process_time), which a shared, busy machine disturbs far
less than wall time. Then the long runs: a flat loop traced for 10^5 and 10^6 events, each in a fresh process: time, events per
second and the process's peak RSS (with the same loop untraced and under the f_locals hook for scale).
Usage: python benchmarks/tracer_overhead.py [--repeat 7] [--long 100000,1000000] [--only dijkstra,kmp]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

from tracepile.tracer.analysis import analyze
from tracepile.tracer.hooks import make_hooks
from tracepile.tracer.recorder import Recorder

PROGRAMS = {
    "bubble_sort": ('''
def main(n):
    arr = [(i * 7919) % 101 for i in range(n)]
    for i in range(n):
        for j in range(n - 1 - i):
            if arr[j] > arr[j + 1]:
                arr[j], arr[j + 1] = arr[j + 1], arr[j]
    return arr
''', 60),
    "bfs_grid": ('''
from collections import deque
def main(n):
    dist = [[-1] * n for _ in range(n)]
    dist[0][0] = 0
    queue = deque([(0, 0)])
    while queue:
        r, c = queue.popleft()
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < n and 0 <= nc < n and dist[nr][nc] < 0 and (nr * nc) % 7 != 3:
                dist[nr][nc] = dist[r][c] + 1
                queue.append((nr, nc))
    return dist[n - 1][n - 1]
''', 25),
    "dijkstra": ('''
import heapq
def main(n):
    graph = {u: [((u * 3 + k) % n, (u + k) % 9 + 1) for k in range(1, 4)] for u in range(n)}
    dist = {0: 0}
    heap = [(0, 0)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist.get(u, 10 ** 9):
            continue
        for v, w in graph[u]:
            nd = d + w
            if nd < dist.get(v, 10 ** 9):
                dist[v] = nd
                heapq.heappush(heap, (nd, v))
    return sum(dist.values())
''', 300),
    "lcs_dp": ('''
def main(n):
    a = "".join("abcd"[(i * i) % 4] for i in range(n))
    b = "".join("abcd"[(i * 3) % 4] for i in range(n))
    dp = [[0] * (n + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, n + 1):
            if a[i - 1] == b[j - 1]:
                dp[i][j] = dp[i - 1][j - 1] + 1
            else:
                dp[i][j] = max(dp[i - 1][j], dp[i][j - 1])
    return dp[n][n]
''', 40),
    "kmp": ('''
def main(n):
    text = "ab" * n + "abc"
    pattern = "ab" * 5 + "c"
    fail = [0] * len(pattern)
    k = 0
    for i in range(1, len(pattern)):
        while k and pattern[i] != pattern[k]:
            k = fail[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        fail[i] = k
    k = 0
    hits = []
    for i, ch in enumerate(text):
        while k and ch != pattern[k]:
            k = fail[k - 1]
        if ch == pattern[k]:
            k += 1
        if k == len(pattern):
            hits.append(i - k + 1)
            k = fail[k - 1]
    return hits
''', 800),
    "sieve": ('''
def main(n):
    is_prime = [True] * (n + 1)
    is_prime[0] = is_prime[1] = False
    p = 2
    while p * p <= n:
        if is_prime[p]:
            for m in range(p * p, n + 1, p):
                is_prime[m] = False
        p += 1
    return sum(is_prime)
''', 3000),
    "gcd_many": ('''
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def main(n):
    total = 0
    for i in range(1, n):
        total += gcd(i * 7919, n * 104729)
    return total
''', 700),
    "memo_fib": ('''
def main(n):
    memo = {}
    def fib(k):
        if k < 2:
            return k
        if k in memo:
            return memo[k]
        memo[k] = fib(k - 1) + fib(k - 2)
        return memo[k]
    total = 0
    for i in range(n):
        memo.clear()
        total += fib(40)
    return total
''', 40),
    "n_queens": ('''
def main(n):
    count = 0
    cols = set()
    diag1 = set()
    diag2 = set()
    def place(row):
        nonlocal count
        if row == n:
            count += 1
            return
        for c in range(n):
            if c in cols or row + c in diag1 or row - c in diag2:
                continue
            cols.add(c); diag1.add(row + c); diag2.add(row - c)
            place(row + 1)
            cols.discard(c); diag1.discard(row + c); diag2.discard(row - c)
    place(0)
    return count
''', 6),
    "heap_class": ('''
class MinHeap:
    def __init__(self):
        self.items = []
    def push(self, x):
        items = self.items
        items.append(x)
        i = len(items) - 1
        while i > 0 and items[(i - 1) // 2] > items[i]:
            items[i], items[(i - 1) // 2] = items[(i - 1) // 2], items[i]
            i = (i - 1) // 2
    def pop(self):
        items = self.items
        top = items[0]
        last = items.pop()
        if items:
            items[0] = last
            i = 0
            while True:
                l, r, s = 2 * i + 1, 2 * i + 2, i
                if l < len(items) and items[l] < items[s]:
                    s = l
                if r < len(items) and items[r] < items[s]:
                    s = r
                if s == i:
                    break
                items[i], items[s] = items[s], items[i]
                i = s
        return top
def main(n):
    h = MinHeap()
    for i in range(n):
        h.push((i * 7919) % 1009)
    return [h.pop() for _ in range(n)]
''', 150),
}


LONG_LOOP = '''
def main(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total
'''
LONG_RECORDS_PER_ITERATION = 4  # the loop line and the body line, each with the change it made


def compile_program(source: str):
    code = compile(source, "<program>", "exec")
    namespace = {"__name__": "__main__"}
    exec(code, namespace)
    return code, namespace["main"]


def timed(fn, arg, start=None, stop=None) -> float:
    if start:
        start()
    began = time.process_time()
    try:
        fn(arg)
    finally:
        elapsed = time.process_time() - began
        if stop:
            stop()
    return elapsed


def empty_hook(frame, event, arg):
    return empty_hook


def locals_hook(frame, event, arg):
    frame.f_locals
    return locals_hook


def measure(name: str, source: str, arg: int, repeat: int) -> dict:
    code, main = compile_program(source)
    info = analyze(source)
    modes = {"untraced": [], "empty hook": [], "f_locals hook": [], "tracepile": []}
    events = 0
    for _ in range(repeat):
        modes["untraced"].append(timed(main, arg))
        modes["empty hook"].append(timed(main, arg, lambda: sys.settrace(empty_hook), lambda: sys.settrace(None)))
        modes["f_locals hook"].append(timed(main, arg, lambda: sys.settrace(locals_hook), lambda: sys.settrace(None)))
        recorder = Recorder(info, max_events=10 ** 9, max_value_chars=400, max_output_chars=10 ** 6)
        hooks = make_hooks(recorder, code)
        modes["tracepile"].append(timed(main, arg, hooks.start, hooks.stop))
        events = len(recorder.records)
        assert not recorder.truncated, recorder.truncated
    med = {mode: statistics.median(times) for mode, times in modes.items()}
    return {"program": name, "events": events, "backend": hooks.name, **med}


def long_child(events: int) -> None:
    """In a fresh process: untraced, f_locals-hook and traced runs of the flat loop; one JSON line."""
    code, main = compile_program(LONG_LOOP)
    n = events // LONG_RECORDS_PER_ITERATION
    untraced = timed(main, n)
    locals_time = timed(main, n, lambda: sys.settrace(locals_hook), lambda: sys.settrace(None))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    recorder = Recorder(analyze(LONG_LOOP), max_events=10 ** 9, max_value_chars=400, max_output_chars=10 ** 6)
    hooks = make_hooks(recorder, code)
    traced = timed(main, n, hooks.start, hooks.stop)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"events": len(recorder.records), "untraced": untraced, "f_locals": locals_time,
                      "tracepile": traced, "rss_mb": peak / 1024, "rss_before_mb": before / 1024,
                      "backend": hooks.name}))


def long_runs(sizes: list[int]) -> None:
    print(f"\nlong flat loop, each size in a fresh process\n")
    header = f"{'events':>9} {'untraced':>9} {'f_locals':>9} {'tracepile':>10} {'vs f_locals':>11} {'events/s':>10} {'peak RSS':>9}"
    print(header)
    print("-" * len(header))
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--long-child", str(size)], capture_output=True,
                             text=True, check=True).stdout
        row = json.loads(out)
        print(f"{row['events']:>9} {row['untraced']:>8.3f}s {row['f_locals'] / row['untraced']:>8.1f}x "
              f"{row['tracepile'] / row['untraced']:>9.1f}x {row['tracepile'] / row['f_locals']:>10.2f}x "
              f"{row['events'] / row['tracepile']:>10,.0f} {row['rss_mb']:>7.0f}MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--long", default="100000,1000000", help="event counts of the long runs ('' for none)")
    parser.add_argument("--only", default="", help="comma-separated program names (default: all)")
    parser.add_argument("--long-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.long_child:
        long_child(args.long_child)
        return
    rows = [measure(name, src, n, args.repeat) for name, (src, n) in PROGRAMS.items()
            if not args.only or name in args.only.split(",")]
    print(f"Python {sys.version.split()[0]}, tracer back end: {rows[0]['backend']}, "
          f"median of {args.repeat} runs each, modes interleaved\n")
    header = f"{'program':<12} {'events':>7} {'untraced':>9} {'empty':>7} {'f_locals':>9} {'tracepile':>10} {'vs f_locals':>11} {'events/s':>10}"
    print(header)
    print("-" * len(header))
    ratios = {"empty hook": [], "f_locals hook": [], "tracepile": [], "vs": [], "rate": []}
    for row in rows:
        base = row["untraced"]
        r_empty, r_locals, r_full = (row[m] / base for m in ("empty hook", "f_locals hook", "tracepile"))
        vs, rate = row["tracepile"] / row["f_locals hook"], row["events"] / row["tracepile"]
        for key, value in zip(ratios, (r_empty, r_locals, r_full, vs, rate)):
            ratios[key].append(value)
        print(f"{row['program']:<12} {row['events']:>7} {base * 1e3:>7.2f}ms {r_empty:>6.1f}x {r_locals:>8.1f}x "
              f"{r_full:>9.1f}x {vs:>10.2f}x {rate:>10,.0f}")
    print("-" * len(header))
    print(f"{'median':<12} {'':>7} {'':>9} {statistics.median(ratios['empty hook']):>6.1f}x "
          f"{statistics.median(ratios['f_locals hook']):>8.1f}x {statistics.median(ratios['tracepile']):>9.1f}x "
          f"{statistics.median(ratios['vs']):>10.2f}x {statistics.median(ratios['rate']):>10,.0f}")
    if args.long:
        long_runs([int(size) for size in args.long.split(",")])


if __name__ == "__main__":
    main()

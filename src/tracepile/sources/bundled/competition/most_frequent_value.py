# For each test, print the most frequent value (the smallest one on ties) and how many times it occurs.
import sys


def solve():
    n = int(sys.stdin.readline())
    a = sys.stdin.readline().split()
    cnt = {}
    for x in a:
        v = int(x)
        cnt[v] = cnt.get(v, 0) + 1
    best = None
    for v, c in cnt.items():
        if best is None or c > cnt[best] or (c == cnt[best] and v < best):
            best = v
    sys.stdout.write(f"{best} {cnt[best]}\n")


for _ in range(int(sys.stdin.readline())):
    solve()

# For each test print the length of the longest subarray that contains at most k distinct values.
from collections import defaultdict
import sys


def main():
    it = iter(sys.stdin.read().split())
    t = int(next(it))
    out = []
    for _ in range(t):
        n, k = int(next(it)), int(next(it))
        a = [int(next(it)) for _ in range(n)]
        cnt = defaultdict(int)
        l = best = 0
        for r, x in enumerate(a):
            cnt[x] += 1
            while len(cnt) > k:
                cnt[a[l]] -= 1
                if cnt[a[l]] == 0:
                    del cnt[a[l]]
                l += 1
            best = max(best, r - l + 1)
        out.append(best)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()

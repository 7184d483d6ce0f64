# Split the array into k non-empty contiguous parts so that the largest part sum is as small as possible; print that sum.
import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]


def parts_needed(limit):
    parts, cur = 1, 0
    for x in a:
        if cur + x > limit:
            parts += 1
            cur = x
        else:
            cur += x
    return parts


lo, hi = max(a), sum(a)
while lo < hi:
    mid = (lo + hi) // 2
    if parts_needed(mid) <= k:
        hi = mid
    else:
        lo = mid + 1
print(lo)

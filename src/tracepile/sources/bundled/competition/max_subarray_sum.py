# For each test print the maximum sum of a non-empty contiguous subarray.
import sys
rd = sys.stdin.readline

t = int(rd())
for _ in range(t):
    n = int(rd())
    a = list(map(int, rd().split()))
    best = cur = a[0]
    for x in a[1:]:
        cur = max(x, cur + x)
        best = max(best, cur)
    print(best)

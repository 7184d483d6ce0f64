# Eat all banana piles within h hours, at most one pile per hour, k bananas per hour; print the minimum integer speed k.
import sys
I = lambda: map(int, sys.stdin.readline().split())

n, h = I()
p = list(I())
lo, hi = 1, max(p)
while lo < hi:
    mid = (lo + hi) // 2
    hours = sum((x + mid - 1) // mid for x in p)
    if hours <= h:
        hi = mid
    else:
        lo = mid + 1
print(lo)

# For each x print floor(sqrt(x)), found by binary search.
t = int(input())
res = []
for _ in range(t):
    x = int(input())
    lo, hi = 0, x + 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if mid * mid <= x:
            lo = mid
        else:
            hi = mid
    res.append(lo)
print(*res, sep="\n")

# For each test print the maximum sum of k consecutive elements.
I = lambda: list(map(int, input().split()))
for _ in range(int(input())):
    n, k = I()
    a = I()
    cur = sum(a[:k])
    best = cur
    for i in range(k, n):
        cur += a[i] - a[i - k]
        if cur > best:
            best = cur
    print(best)

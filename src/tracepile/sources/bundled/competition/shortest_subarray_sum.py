# For each test print the length of the shortest subarray with sum at least s, or -1 (all a_i are positive).
t = int(input())
for _ in range(t):
    n, s = map(int, input().split())
    a = list(map(int, input().split()))
    best = n + 1
    total = 0
    left = 0
    for right in range(n):
        total += a[right]
        while total >= s:
            best = min(best, right - left + 1)
            total -= a[left]
            left += 1
    print(best if best <= n else -1)

# A frog goes from stone 1 to stone n jumping 1 or 2 stones and paying |h_i - h_j| per jump; for each test print the minimum total cost.
for _ in range(int(input())):
    n = int(input())
    h = list(map(int, input().split()))
    dp = [0] * n
    for i in range(1, n):
        dp[i] = dp[i - 1] + abs(h[i] - h[i - 1])
        if i > 1:
            dp[i] = min(dp[i], dp[i - 2] + abs(h[i] - h[i - 2]))
    print(dp[-1])

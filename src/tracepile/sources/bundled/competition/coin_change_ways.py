# For each test print the number of ways to pay exactly s with unlimited coins of the given distinct values (order does not matter), modulo 10^9+7.
MOD = 10**9 + 7


def main():
    t = int(input())
    for _ in range(t):
        n, s = map(int, input().split())
        coins = list(map(int, input().split()))
        dp = [0] * (s + 1)
        dp[0] = 1
        for c in coins:
            for v in range(c, s + 1):
                dp[v] = (dp[v] + dp[v - c]) % MOD
        print(dp[s])


main()

# 0/1 knapsack: given n items (weight, value) and a capacity W, print the maximum total value that fits.
import sys
input = sys.stdin.readline


def main():
    n, W = map(int, input().split())
    dp = [0] * (W + 1)
    for _ in range(n):
        w, v = map(int, input().split())
        for c in range(W, w - 1, -1):
            if dp[c - w] + v > dp[c]:
                dp[c] = dp[c - w] + v
    print(max(dp))


main()

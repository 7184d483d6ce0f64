# For each test count the pairs i < j with a_i + a_j <= k.
import sys
input = sys.stdin.readline


def solve():
    n, k = map(int, input().split())
    a = sorted(map(int, input().split()))
    l, r = 0, n - 1
    cnt = 0
    while l < r:
        if a[l] + a[r] <= k:
            cnt += r - l
            l += 1
        else:
            r -= 1
    return cnt


t = int(input())
for _ in range(t):
    print(solve())

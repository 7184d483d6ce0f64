# For each test print the minimum number of bills of values 1, 5, 10, 20 and 100 that sum to exactly n.
import sys
input = sys.stdin.readline

for _ in range(int(input())):
    n = int(input())
    ans = 0
    for b in (100, 20, 10, 5, 1):
        ans += n // b
        n %= b
    print(ans)

# For each test print the minimum absolute difference between two elements of the array.
import sys
input = lambda: sys.stdin.readline().rstrip()

t = int(input())
ans = []
for _ in range(t):
    n = int(input())
    a = sorted(map(int, input().split()))
    ans.append(min(a[i + 1] - a[i] for i in range(n - 1)))
print(*ans, sep="\n")

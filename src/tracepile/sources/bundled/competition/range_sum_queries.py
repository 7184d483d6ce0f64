# Given an array and q queries (l, r), print the sum a_l + ... + a_r for each query (1-indexed).
import sys
input = sys.stdin.readline

n, q = map(int, input().split())
a = list(map(int, input().split()))
pre = [0] * (n + 1)
for i in range(n):
    pre[i + 1] = pre[i] + a[i]
out = []
for _ in range(q):
    l, r = map(int, input().split())
    out.append(pre[r] - pre[l - 1])
sys.stdout.write("\n".join(map(str, out)) + "\n")

# Answer q queries: how many primes are there that do not exceed x?
import sys
input = sys.stdin.readline

q = int(input())
xs = [int(input()) for _ in range(q)]
N = max(xs)
is_p = [True] * (N + 1)
is_p[0] = False
if N >= 1:
    is_p[1] = False
i = 2
while i * i <= N:
    if is_p[i]:
        for j in range(i * i, N + 1, i):
            is_p[j] = False
    i += 1
cnt = [0] * (N + 1)
for v in range(1, N + 1):
    cnt[v] = cnt[v - 1] + is_p[v]
print("\n".join(str(cnt[x]) for x in xs))

# Given a tree with n vertices, print its diameter: the number of edges on its longest simple path.
from collections import deque
import sys
input = sys.stdin.readline


def bfs(src, adj, n):
    dist = [-1] * (n + 1)
    dist[src] = 0
    q = deque([src])
    while q:
        u = q.popleft()
        for v in adj[u]:
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                q.append(v)
    far = max(range(1, n + 1), key=lambda x: dist[x])
    return far, dist[far]


n = int(input())
adj = [[] for _ in range(n + 1)]
for _ in range(n - 1):
    u, v = map(int, input().split())
    adj[u].append(v)
    adj[v].append(u)
a, _ = bfs(1, adj, n)
b, d = bfs(a, adj, n)
print(d)

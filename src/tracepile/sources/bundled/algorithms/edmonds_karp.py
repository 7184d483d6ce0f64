# Edmonds-Karp maximum flow: augment along shortest residual paths found by BFS.
from collections import deque


def edmonds_karp(n, edges, source, sink):
    residual = [[0] * n for _ in range(n)]
    neighbors = [[] for _ in range(n)]
    for u, v, capacity in edges:
        if v not in neighbors[u]:
            neighbors[u].append(v)
            neighbors[v].append(u)
        residual[u][v] += capacity
    total = 0
    while True:
        parent = [-1] * n
        parent[source] = source
        queue = deque([source])
        while queue and parent[sink] == -1:
            u = queue.popleft()
            for v in neighbors[u]:
                if parent[v] == -1 and residual[u][v] > 0:
                    parent[v] = u
                    queue.append(v)
        if parent[sink] == -1:
            return total  # no augmenting path is left
        # Bottleneck capacity along the path, walking back from the sink.
        bottleneck = None
        v = sink
        while v != source:
            u = parent[v]
            if bottleneck is None or residual[u][v] < bottleneck:
                bottleneck = residual[u][v]
            v = u
        v = sink
        while v != source:
            u = parent[v]
            residual[u][v] -= bottleneck
            residual[v][u] += bottleneck
            v = u
        total += bottleneck

# Bellman-Ford: relax every edge n-1 times; returns None on a negative cycle.


def bellman_ford(n, edges, source):
    INF = float("inf")
    dist = [INF] * n
    dist[source] = 0
    for _ in range(n - 1):
        changed = False
        for u, v, w in edges:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
                changed = True
        if not changed:
            break  # distances are final
    for u, v, w in edges:
        if dist[u] + w < dist[v]:
            return None  # a negative cycle is reachable from the source
    return [None if d == INF else d for d in dist]

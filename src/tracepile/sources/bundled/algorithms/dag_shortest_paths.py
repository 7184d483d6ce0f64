# Shortest paths in a DAG: relax edges in topological order (weights may be negative).


def dag_shortest_paths(n, edges, source):
    adj = [[] for _ in range(n)]
    indegree = [0] * n
    for u, v, w in edges:
        adj[u].append((v, w))
        indegree[v] += 1
    # Topological order with Kahn's algorithm, using a list as a stack.
    order = []
    ready = [u for u in range(n) if indegree[u] == 0]
    while ready:
        u = ready.pop()
        order.append(u)
        for v, _ in adj[u]:
            indegree[v] -= 1
            if indegree[v] == 0:
                ready.append(v)
    dist = [None] * n
    dist[source] = 0
    for u in order:
        if dist[u] is None:
            continue  # not reachable from the source
        for v, w in adj[u]:
            if dist[v] is None or dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    return dist

# Iterative depth-first search with an explicit stack; returns the visit order.


def dfs_iterative(n, edges, start):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    for neighbors in adj:
        neighbors.sort()
    visited = [False] * n
    order = []
    stack = [start]
    while stack:
        u = stack.pop()
        if visited[u]:
            continue
        visited[u] = True
        order.append(u)
        # Push in reverse so the smallest neighbour is explored first.
        for v in reversed(adj[u]):
            if not visited[v]:
                stack.append(v)
    return order

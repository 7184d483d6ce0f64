# Recursive DFS of a directed graph with CLRS discovery and finishing times.


def dfs_recursive(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    discovery = [0] * n
    finish = [0] * n
    time = 0

    def visit(u):
        nonlocal time
        time += 1
        discovery[u] = time
        for v in adj[u]:
            if discovery[v] == 0:  # v is still white
                visit(v)
        time += 1
        finish[u] = time

    for u in range(n):
        if discovery[u] == 0:
            visit(u)
    return discovery, finish

# Topological sort by DFS: list vertices in reverse order of finishing.


def topo_sort_dfs(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    visited = [False] * n
    order = []

    def visit(u):
        visited[u] = True
        for v in adj[u]:
            if not visited[v]:
                visit(v)
        order.append(u)  # u finishes after everything reachable from it

    for u in range(n):
        if not visited[u]:
            visit(u)
    order.reverse()
    return order

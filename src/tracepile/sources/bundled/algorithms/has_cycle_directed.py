# Directed cycle detection with white/gray/black DFS colouring.


def has_cycle_directed(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    state = ["white"] * n

    def visit(u):
        state[u] = "gray"  # u is on the current DFS path
        for v in adj[u]:
            if state[v] == "gray":
                return True  # back edge
            if state[v] == "white" and visit(v):
                return True
        state[u] = "black"
        return False

    for u in range(n):
        if state[u] == "white" and visit(u):
            return True
    return False

# Kosaraju's strongly connected components: two DFS passes.


def scc_kosaraju(n, edges):
    graph = [[] for _ in range(n)]
    reverse = [[] for _ in range(n)]
    for u, v in edges:
        graph[u].append(v)
        reverse[v].append(u)

    # Pass 1: record vertices in order of finishing time.
    visited = [False] * n
    finished = []

    def fill(u):
        visited[u] = True
        for v in graph[u]:
            if not visited[v]:
                fill(v)
        finished.append(u)

    for u in range(n):
        if not visited[u]:
            fill(u)

    # Pass 2: DFS on the reversed graph in decreasing finishing time.
    assigned = [False] * n

    def collect(u, members):
        assigned[u] = True
        members.append(u)
        for v in reverse[u]:
            if not assigned[v]:
                collect(v, members)

    components = []
    for u in reversed(finished):
        if not assigned[u]:
            members = []
            collect(u, members)
            components.append(sorted(members))
    return components

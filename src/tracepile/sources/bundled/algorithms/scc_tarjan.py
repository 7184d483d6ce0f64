# Tarjan's strongly connected components with low-link values.


def scc_tarjan(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
    index = [None] * n
    low = [0] * n
    on_stack = [False] * n
    stack = []
    components = []
    counter = 0

    def strongconnect(u):
        nonlocal counter
        index[u] = low[u] = counter
        counter += 1
        stack.append(u)
        on_stack[u] = True
        for v in adj[u]:
            if index[v] is None:
                strongconnect(v)
                low[u] = min(low[u], low[v])
            elif on_stack[v]:
                low[u] = min(low[u], index[v])
        if low[u] == index[u]:
            # u roots a component: pop it off the stack.
            members = []
            while True:
                w = stack.pop()
                on_stack[w] = False
                members.append(w)
                if w == u:
                    break
            components.append(sorted(members))

    for u in range(n):
        if index[u] is None:
            strongconnect(u)
    return components

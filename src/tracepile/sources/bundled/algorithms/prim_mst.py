# Prim's minimum spanning tree with a heapq priority queue (lazy deletion).
import heapq


def prim_mst(n, edges, root=0):
    adj = [[] for _ in range(n)]
    for u, v, w in edges:
        adj[u].append((w, v))
        adj[v].append((w, u))
    in_tree = [False] * n
    parent = [-1] * n
    total = 0
    heap = [(0, root, -1)]  # (edge weight, vertex, tree vertex it hangs from)
    while heap:
        w, u, p = heapq.heappop(heap)
        if in_tree[u]:
            continue  # a stale entry: u was already added more cheaply
        in_tree[u] = True
        parent[u] = p
        total += w
        for weight, v in adj[u]:
            if not in_tree[v]:
                heapq.heappush(heap, (weight, v, u))
    return total, parent

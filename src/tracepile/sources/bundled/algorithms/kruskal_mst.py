# Kruskal's minimum spanning tree: lightest edges first, skipping cycles.


def kruskal_mst(n, edges):
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    total = 0
    tree = []
    for u, v, w in sorted(edges, key=lambda edge: edge[2]):
        ru, rv = find(u), find(v)
        if ru != rv:  # u and v are in different trees: the edge is safe
            parent[ru] = rv
            total += w
            tree.append((u, v, w))
            if len(tree) == n - 1:
                break
    return total, tree

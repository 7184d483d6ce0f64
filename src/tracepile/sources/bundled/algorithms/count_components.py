# Count connected components of an undirected graph with union-find.


def find(parent, x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]  # path halving
        x = parent[x]
    return x


def count_components(n, edges):
    parent = list(range(n))
    components = n
    for u, v in edges:
        ru, rv = find(parent, u), find(parent, v)
        if ru != rv:
            parent[ru] = rv
            components -= 1
    return components

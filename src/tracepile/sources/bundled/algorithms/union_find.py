# Disjoint-set forest with union by rank and path compression.


class DisjointSet:
    def __init__(self, n):
        self.parent = list(range(n))
        self.rank = [0] * n

    def find(self, x):
        if self.parent[x] != x:
            self.parent[x] = self.find(self.parent[x])  # path compression
        return self.parent[x]

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra  # attach the shorter tree under the taller
        if self.rank[ra] == self.rank[rb]:
            self.rank[ra] += 1
        return True


def run_union_find(n, ops):
    sets = DisjointSet(n)
    results = []
    for op, a, b in ops:
        if op == "union":
            results.append(sets.union(a, b))
        else:
            results.append(sets.find(a) == sets.find(b))
    return results

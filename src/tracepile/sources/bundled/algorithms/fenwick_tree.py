# Fenwick (binary indexed) tree: point add and range-sum queries.


class FenwickTree:
    def __init__(self, size):
        self.tree = [0] * (size + 1)  # 1-indexed internally

    def add(self, index, delta):
        i = index + 1
        while i < len(self.tree):
            self.tree[i] += delta
            i += i & -i  # jump to the next node covering index

    def prefix_sum(self, count):
        # Sum of the first `count` elements.
        total = 0
        i = count
        while i > 0:
            total += self.tree[i]
            i -= i & -i  # drop the lowest set bit
        return total

    def range_sum(self, left, right):
        return self.prefix_sum(right + 1) - self.prefix_sum(left)


def run_fenwick(values, ops):
    fenwick = FenwickTree(len(values))
    for i, v in enumerate(values):
        fenwick.add(i, v)
    results = []
    for op in ops:
        if op[0] == "add":
            fenwick.add(op[1], op[2])
        else:
            results.append(fenwick.range_sum(op[1], op[2]))
    return results

# Segment tree over a list: point assignment and inclusive range-sum queries.


class SegmentTree:
    def __init__(self, values):
        self.n = len(values)
        self.tree = [0] * (4 * self.n)
        self._build(values, 1, 0, self.n - 1)

    def _build(self, values, node, lo, hi):
        if lo == hi:
            self.tree[node] = values[lo]
            return
        mid = (lo + hi) // 2
        self._build(values, 2 * node, lo, mid)
        self._build(values, 2 * node + 1, mid + 1, hi)
        self.tree[node] = self.tree[2 * node] + self.tree[2 * node + 1]

    def update(self, pos, value):
        self._update(1, 0, self.n - 1, pos, value)

    def _update(self, node, lo, hi, pos, value):
        if lo == hi:
            self.tree[node] = value
            return
        mid = (lo + hi) // 2
        if pos <= mid:
            self._update(2 * node, lo, mid, pos, value)
        else:
            self._update(2 * node + 1, mid + 1, hi, pos, value)
        self.tree[node] = self.tree[2 * node] + self.tree[2 * node + 1]

    def query(self, left, right):
        return self._query(1, 0, self.n - 1, left, right)

    def _query(self, node, lo, hi, left, right):
        if right < lo or hi < left:
            return 0  # no overlap
        if left <= lo and hi <= right:
            return self.tree[node]  # node's segment lies inside the query
        mid = (lo + hi) // 2
        left_sum = self._query(2 * node, lo, mid, left, right)
        right_sum = self._query(2 * node + 1, mid + 1, hi, left, right)
        return left_sum + right_sum


def run_segment_tree(values, ops):
    tree = SegmentTree(values)
    results = []
    for op in ops:
        if op[0] == "update":
            tree.update(op[1], op[2])
        else:
            results.append(tree.query(op[1], op[2]))
    return results

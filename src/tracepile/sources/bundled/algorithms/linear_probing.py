# Open addressing with linear probing; deleted slots become tombstones.


def string_hash(key, capacity):
    h = 0
    for ch in key:
        h = (h * 31 + ord(ch)) % capacity
    return h


class LinearProbingTable:
    def __init__(self, capacity):
        self.capacity = capacity
        self.keys = [None] * capacity
        self.values = [None] * capacity
        self.tombstone = [False] * capacity

    def _find(self, key):
        # Probe h, h+1, ... until the key or a never-used slot turns up.
        start = string_hash(key, self.capacity)
        for step in range(self.capacity):
            i = (start + step) % self.capacity
            if self.keys[i] is None and not self.tombstone[i]:
                return -1
            if self.keys[i] == key:
                return i
        return -1

    def put(self, key, value):
        i = self._find(key)
        if i != -1:
            self.values[i] = value
            return
        start = string_hash(key, self.capacity)
        for step in range(self.capacity):
            i = (start + step) % self.capacity
            if self.keys[i] is None:  # empty or tombstone: reuse it
                self.keys[i] = key
                self.values[i] = value
                self.tombstone[i] = False
                return
        raise RuntimeError("table is full")

    def get(self, key):
        i = self._find(key)
        return None if i == -1 else self.values[i]

    def delete(self, key):
        i = self._find(key)
        if i == -1:
            return False
        self.keys[i] = None
        self.values[i] = None
        self.tombstone[i] = True
        return True


def run_linear_probing(ops, capacity=7):
    table = LinearProbingTable(capacity)
    results = []
    for op in ops:
        if op[0] == "put":
            table.put(op[1], op[2])
        elif op[0] == "get":
            results.append(table.get(op[1]))
        else:
            results.append(table.delete(op[1]))
    return results

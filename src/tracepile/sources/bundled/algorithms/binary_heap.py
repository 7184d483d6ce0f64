# A binary min-heap stored in a list, driven by a list of operations.


class MinHeap:
    def __init__(self):
        self.items = []

    def push(self, value):
        self.items.append(value)
        self._sift_up(len(self.items) - 1)

    def pop(self):
        if not self.items:
            return None
        top = self.items[0]
        last = self.items.pop()
        if self.items:
            self.items[0] = last
            self._sift_down(0)
        return top

    def peek(self):
        return self.items[0] if self.items else None

    def _sift_up(self, i):
        while i > 0:
            parent = (i - 1) // 2
            if self.items[parent] <= self.items[i]:
                break
            self.items[parent], self.items[i] = self.items[i], self.items[parent]
            i = parent

    def _sift_down(self, i):
        n = len(self.items)
        while True:
            smallest = i
            for child in (2 * i + 1, 2 * i + 2):
                if child < n and self.items[child] < self.items[smallest]:
                    smallest = child
            if smallest == i:
                return
            self.items[i], self.items[smallest] = self.items[smallest], self.items[i]
            i = smallest


def run_heap(ops):
    heap = MinHeap()
    results = []
    for op in ops:
        if op[0] == "push":
            heap.push(op[1])
        elif op[0] == "pop":
            results.append(heap.pop())
        else:
            results.append(heap.peek())
    return results

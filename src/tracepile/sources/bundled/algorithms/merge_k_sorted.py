# Merge k sorted lists with a heap of (value, list index, position) entries.
import heapq


def merge_k_sorted(lists):
    heap = []
    for idx, lst in enumerate(lists):
        if lst:
            heapq.heappush(heap, (lst[0], idx, 0))
    merged = []
    while heap:
        value, idx, pos = heapq.heappop(heap)
        merged.append(value)
        if pos + 1 < len(lists[idx]):
            heapq.heappush(heap, (lists[idx][pos + 1], idx, pos + 1))
    return merged

# The k largest values, using a size-k min-heap from heapq.
import heapq


def k_largest(nums, k):
    heap = []  # the k largest seen so far; heap[0] is the weakest of them
    for x in nums:
        if len(heap) < k:
            heapq.heappush(heap, x)
        elif x > heap[0]:
            heapq.heapreplace(heap, x)
    return sorted(heap, reverse=True)

# Huffman coding: repeatedly merge the two lightest subtrees; report each symbol's code length.
import heapq


def huffman_code_lengths(freqs):
    # Heap entries: (total weight, tie-breaker, symbols in the subtree).
    heap = []
    for i, symbol in enumerate(sorted(freqs)):
        heap.append((freqs[symbol], i, [symbol]))
    heapq.heapify(heap)
    depth = {symbol: 0 for symbol in freqs}
    counter = len(heap)
    while len(heap) > 1:
        w1, _, group1 = heapq.heappop(heap)
        w2, _, group2 = heapq.heappop(heap)
        # The merge puts every symbol of both subtrees one level deeper.
        for symbol in group1 + group2:
            depth[symbol] += 1
        heapq.heappush(heap, (w1 + w2, counter, group1 + group2))
        counter += 1
    return depth

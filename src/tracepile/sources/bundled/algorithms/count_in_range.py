# Answer range-count queries on a sorted list with the bisect module.
from bisect import bisect_left, bisect_right


def count_in_range(sorted_values, queries):
    counts = []
    for low, high in queries:
        # Values in [low, high] occupy positions left .. right - 1.
        left = bisect_left(sorted_values, low)
        right = bisect_right(sorted_values, high)
        counts.append(max(0, right - left))
    return counts

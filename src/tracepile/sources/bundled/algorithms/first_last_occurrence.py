# Recursive binary search for the first and last positions of target.


def find_edge(arr, target, lo, hi, leftmost):
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if arr[mid] < target:
        return find_edge(arr, target, mid + 1, hi, leftmost)
    if arr[mid] > target:
        return find_edge(arr, target, lo, mid - 1, leftmost)
    # arr[mid] == target: keep searching toward the requested edge.
    if leftmost:
        better = find_edge(arr, target, lo, mid - 1, leftmost)
    else:
        better = find_edge(arr, target, mid + 1, hi, leftmost)
    return mid if better == -1 else better


def first_last_occurrence(arr, target):
    first = find_edge(arr, target, 0, len(arr) - 1, True)
    last = find_edge(arr, target, 0, len(arr) - 1, False)
    return first, last

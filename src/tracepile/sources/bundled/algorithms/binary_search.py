# Iterative binary search in a sorted list, run for several targets (-1 when absent).


def search(arr, target):
    lo, hi = 0, len(arr) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            return mid
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def binary_search(arr, targets):
    return [search(arr, target) for target in targets]

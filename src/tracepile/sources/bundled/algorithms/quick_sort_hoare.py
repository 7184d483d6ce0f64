# Quicksort with Hoare's partition, driven by an explicit stack of ranges.


def hoare_partition(a, lo, hi):
    pivot = a[lo]
    i = lo - 1
    j = hi + 1
    while True:
        j -= 1
        while a[j] > pivot:
            j -= 1
        i += 1
        while a[i] < pivot:
            i += 1
        if i < j:
            a[i], a[j] = a[j], a[i]
        else:
            return j  # a[lo..j] <= pivot <= a[j+1..hi]


def quick_sort_hoare(arr):
    stack = [(0, len(arr) - 1)]
    while stack:
        lo, hi = stack.pop()
        if lo < hi:
            split = hoare_partition(arr, lo, hi)
            stack.append((split + 1, hi))
            stack.append((lo, split))
    return arr

# Quicksort with the Lomuto partition scheme (last element is the pivot).


def partition(a, lo, hi):
    pivot = a[hi]
    i = lo - 1  # a[lo..i] holds the elements <= pivot
    for j in range(lo, hi):
        if a[j] <= pivot:
            i += 1
            a[i], a[j] = a[j], a[i]
    a[i + 1], a[hi] = a[hi], a[i + 1]
    return i + 1


def quicksort(a, lo, hi):
    if lo < hi:
        p = partition(a, lo, hi)
        quicksort(a, lo, p - 1)
        quicksort(a, p + 1, hi)


def quick_sort_lomuto(arr):
    quicksort(arr, 0, len(arr) - 1)
    return arr

# Insertion sort: grow a sorted prefix, sliding each new key left into place.


def insertion_sort(arr):
    for j in range(1, len(arr)):
        key = arr[j]
        i = j - 1
        # Shift larger elements of the sorted prefix one slot to the right.
        while i >= 0 and arr[i] > key:
            arr[i + 1] = arr[i]
            i -= 1
        arr[i + 1] = key
    return arr

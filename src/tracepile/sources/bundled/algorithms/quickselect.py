# Quickselect: find the k-th smallest element (k = 1 is the minimum).


def quickselect(arr, k):
    target = k - 1
    lo, hi = 0, len(arr) - 1
    while True:
        # Lomuto partition of arr[lo..hi] around its last element.
        pivot = arr[hi]
        store = lo
        for j in range(lo, hi):
            if arr[j] < pivot:
                arr[store], arr[j] = arr[j], arr[store]
                store += 1
        arr[store], arr[hi] = arr[hi], arr[store]
        if store == target:
            return arr[store]
        elif store < target:
            lo = store + 1
        else:
            hi = store - 1

# Ternary search for the peak of a list that rises strictly, then falls strictly.


def ternary_search(arr):
    lo, hi = 0, len(arr) - 1
    while hi - lo > 2:
        third = (hi - lo) // 3
        m1 = lo + third
        m2 = hi - third
        if arr[m1] < arr[m2]:
            lo = m1 + 1  # the peak is to the right of m1
        else:
            hi = m2 - 1  # the peak is to the left of m2
    # At most three candidates remain: scan them.
    best = lo
    for i in range(lo + 1, hi + 1):
        if arr[i] > arr[best]:
            best = i
    return best

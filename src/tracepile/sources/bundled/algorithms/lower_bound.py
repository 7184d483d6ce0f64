# Lower bound: for each target, the first index whose value is >= target (len(arr) if none).


def lower_bound(arr, targets):
    positions = []
    for target in targets:
        lo, hi = 0, len(arr)  # the answer always lies in [lo, hi]
        while lo < hi:
            mid = (lo + hi) // 2
            if arr[mid] < target:
                lo = mid + 1
            else:
                hi = mid
        positions.append(lo)
    return positions

# Simultaneous minimum and maximum using about 3 comparisons per 2 elements.


def min_max(arr):
    n = len(arr)
    if n % 2 == 1:
        low = high = arr[0]
        start = 1
    else:
        if arr[0] < arr[1]:
            low, high = arr[0], arr[1]
        else:
            low, high = arr[1], arr[0]
        start = 2
    for i in range(start, n, 2):
        a, b = arr[i], arr[i + 1]
        # Compare the pair first, then the smaller to low and the larger to high.
        if a > b:
            a, b = b, a
        if a < low:
            low = a
        if b > high:
            high = b
    return low, high

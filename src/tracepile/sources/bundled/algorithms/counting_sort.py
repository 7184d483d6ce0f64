# Counting sort for integers in 0..max_value (stable, as in CLRS).


def counting_sort(arr, max_value):
    count = [0] * (max_value + 1)
    for x in arr:
        count[x] += 1
    # Prefix sums: count[v] becomes the number of elements <= v.
    for v in range(1, max_value + 1):
        count[v] += count[v - 1]
    output = [0] * len(arr)
    for x in reversed(arr):
        count[x] -= 1
        output[count[x]] = x
    return output

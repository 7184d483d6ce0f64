# Longest strictly increasing subsequence by O(n^2) dynamic programming.


def longest_increasing_subsequence(arr):
    n = len(arr)
    if n == 0:
        return []
    length = [1] * n  # length[i]: longest increasing run ending at arr[i]
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if arr[j] < arr[i] and length[j] + 1 > length[i]:
                length[i] = length[j] + 1
                prev[i] = j
    # Walk the predecessor links back from the best end point.
    best = length.index(max(length))
    seq = []
    while best != -1:
        seq.append(arr[best])
        best = prev[best]
    seq.reverse()
    return seq

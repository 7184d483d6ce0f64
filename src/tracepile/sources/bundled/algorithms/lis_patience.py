# Length of the longest strictly increasing subsequence in O(n log n) with bisect.
from bisect import bisect_left


def lis_patience(arr):
    tails = []  # tails[k]: smallest tail of an increasing subsequence of length k+1
    for x in arr:
        pos = bisect_left(tails, x)
        if pos == len(tails):
            tails.append(x)
        else:
            tails[pos] = x
    return len(tails)

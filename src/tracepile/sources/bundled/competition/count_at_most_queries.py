# For each query x print how many elements of the array are less than or equal to x.
import sys


def upper_bound(a, x):
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] <= x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def main():
    input = sys.stdin.readline
    n, q = map(int, input().split())
    a = sorted(map(int, input().split()))
    queries = list(map(int, input().split()))
    print(*(upper_bound(a, x) for x in queries))


main()

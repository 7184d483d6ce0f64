# For each test place c cows into stalls at distinct positions to maximise the smallest distance between two cows; print that distance.
def can(pos, c, d):
    cnt, last = 1, pos[0]
    for x in pos[1:]:
        if x - last >= d:
            cnt += 1
            last = x
    return cnt >= c


def main():
    t = int(input())
    for _ in range(t):
        n, c = map(int, input().split())
        pos = sorted(map(int, input().split()))
        lo, hi = 0, pos[-1] - pos[0]
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if can(pos, c, mid):
                lo = mid
            else:
                hi = mid - 1
        print(lo)


main()

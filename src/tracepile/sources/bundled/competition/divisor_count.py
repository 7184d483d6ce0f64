# For each query x print the number of positive divisors of x.
def main():
    import sys
    it = sys.stdin.read().split()
    q = int(it[0])
    ans = []
    for x in map(int, it[1:1 + q]):
        c = 0
        d = 1
        while d * d <= x:
            if x % d == 0:
                c += 1 if d * d == x else 2
            d += 1
        ans.append(c)
    print(*ans)


main()

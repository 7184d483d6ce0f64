# A boat carries at most two people with total weight at most w; for each test print the minimum number of boats.
def solve():
    n, w = map(int, input().split())
    a = sorted(map(int, input().split()))
    i, j = 0, n - 1
    boats = 0
    while i <= j:
        if i < j and a[i] + a[j] <= w:
            i += 1
        j -= 1
        boats += 1
    print(boats)


t = int(input())
for _ in range(t):
    solve()

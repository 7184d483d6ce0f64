# For each test count the subarrays whose sum is exactly k.
def solve():
    n, k = map(int, input().split())
    a = list(map(int, input().split()))
    seen = {0: 1}
    s = ans = 0
    for x in a:
        s += x
        ans += seen.get(s - k, 0)
        seen[s] = seen.get(s, 0) + 1
    print(ans)


for _ in range(int(input())):
    solve()

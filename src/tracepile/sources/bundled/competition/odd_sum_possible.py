# You may do a_i := a_j any number of times; for each test print YES if the sum of the array can become odd.
t = int(input())
for _ in range(t):
    n = int(input())
    a = list(map(int, input().split()))
    odd = sum(x % 2 for x in a)
    even = n - odd
    if odd == 0 or (even == 0 and n % 2 == 0):
        print("NO")
    else:
        print("YES")

# For each n print the lexicographically smallest permutation p of 1..n with p_i != i for every i.
def solve(n):
    p = list(range(1, n + 1))
    for i in range(0, n - 1, 2):
        p[i], p[i + 1] = p[i + 1], p[i]
    if n % 2 == 1:
        p[-1], p[-2] = p[-2], p[-1]
    return p


t = int(input())
for _ in range(t):
    n = int(input())
    print(*solve(n))

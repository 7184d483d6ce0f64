# For each test print the lexicographically smallest binary string of length n with exactly k ones and no two adjacent ones, or -1.
import sys
input = sys.stdin.readline

out = []
for _ in range(int(input())):
    n, k = map(int, input().split())
    if k > (n + 1) // 2:
        out.append("-1")
        continue
    s = ["0"] * n
    pos = n - 1
    for _ in range(k):
        s[pos] = "1"
        pos -= 2
    out.append("".join(s))
print("\n".join(out))

# For each test with l, r, k print how many integers in [l, r] are divisible by k.
import sys

data = sys.stdin.read().split()
t = int(data[0])
idx = 1
out = []
for _ in range(t):
    l, r, k = int(data[idx]), int(data[idx + 1]), int(data[idx + 2])
    idx += 3
    out.append(str(r // k - (l - 1) // k))
print("\n".join(out))

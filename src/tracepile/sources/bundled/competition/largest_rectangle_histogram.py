# For each test print the area of the largest axis-aligned rectangle that fits inside the histogram.
def solve():
    n = int(input())
    h = list(map(int, input().split()))
    h.append(0)
    st = []
    best = 0
    for i, x in enumerate(h):
        start = i
        while st and st[-1][1] >= x:
            j, y = st.pop()
            best = max(best, y * (i - j))
            start = j
        st.append((start, x))
    return best


t = int(input())
for _ in range(t):
    print(solve())

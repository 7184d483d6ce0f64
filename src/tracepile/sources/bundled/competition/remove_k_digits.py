# For each test remove exactly k digits from the number s to make it as small as possible; print it without leading zeros.
import sys


def main():
    data = sys.stdin.read().split()
    t = int(data[0])
    pos = 1
    res = []
    for _ in range(t):
        s, k = data[pos], int(data[pos + 1])
        pos += 2
        st = []
        for ch in s:
            while k and st and st[-1] > ch:
                st.pop()
                k -= 1
            st.append(ch)
        if k:
            st = st[:-k]
        ans = "".join(st).lstrip("0")
        res.append(ans if ans else "0")
    print("\n".join(res))


main()

# Apply q operations "add x to a_l..a_r" to the array and print the final array.
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    a = [int(v) for v in data[2:2 + n]]
    p = 2 + n
    diff = [0] * (n + 1)
    for _ in range(q):
        l, r, x = int(data[p]), int(data[p + 1]), int(data[p + 2])
        p += 3
        diff[l - 1] += x
        diff[r] -= x
    add = 0
    for i in range(n):
        add += diff[i]
        a[i] += add
    print(" ".join(map(str, a)))


main()

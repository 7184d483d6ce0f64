# For each test arrange the numbers so that their concatenation forms the largest possible number, and print that number.
from functools import cmp_to_key


def cmp(x, y):
    if x + y > y + x:
        return -1
    if x + y < y + x:
        return 1
    return 0


def main():
    t = int(input())
    for _ in range(t):
        n = int(input())
        a = input().split()
        a.sort(key=cmp_to_key(cmp))
        ans = "".join(a)
        print(ans if ans[0] != "0" else "0")


main()

# Sort the numbers by the sum of their digits, breaking ties by the value itself, and print them.
n = int(input())
a = list(map(int, input().split()))


def digit_sum(x):
    s = 0
    while x:
        s += x % 10
        x //= 10
    return s


a.sort(key=lambda x: (digit_sum(x), x))
print(*a)

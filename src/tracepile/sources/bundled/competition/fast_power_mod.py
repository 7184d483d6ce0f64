# For each test print a^b mod m, computed with binary exponentiation.
def power(a, b, m):
    result = 1 % m
    a %= m
    while b > 0:
        if b & 1:
            result = result * a % m
        a = a * a % m
        b >>= 1
    return result


def main():
    t = int(input())
    for _ in range(t):
        a, b, m = map(int, input().split())
        print(power(a, b, m))


main()

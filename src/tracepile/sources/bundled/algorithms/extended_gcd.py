# Extended Euclid: returns (d, x, y) with d = gcd(a, b) = a*x + b*y.


def extended_gcd(a, b):
    if b == 0:
        return a, 1, 0
    d, x, y = extended_gcd(b, a % b)
    # d = b*x + (a mod b)*y = a*y + b*(x - (a // b)*y)
    return d, y, x - (a // b) * y

# Greatest common divisor of a list, folding Euclid's recursive algorithm over it.


def gcd(a, b):
    # Euclid: gcd(a, b) = gcd(b, a mod b), and gcd(a, 0) = a.
    if b == 0:
        return a
    return gcd(b, a % b)


def gcd_euclid(numbers):
    result = 0
    for x in numbers:
        result = gcd(result, x)
    return result

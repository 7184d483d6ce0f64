# Prime factorisation by trial division; returns (prime, exponent) pairs.


def prime_factorization(n):
    factors = []
    d = 2
    while d * d <= n:
        exponent = 0
        while n % d == 0:
            n //= d
            exponent += 1
        if exponent:
            factors.append((d, exponent))
        d += 1
    if n > 1:
        factors.append((n, 1))  # what is left is a prime larger than sqrt
    return factors

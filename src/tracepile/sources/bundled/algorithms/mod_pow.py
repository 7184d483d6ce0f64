# Modular exponentiation by repeated squaring (right-to-left binary method).


def mod_pow(base, exponent, modulus):
    result = 1 % modulus
    base %= modulus
    while exponent > 0:
        if exponent & 1:
            result = result * base % modulus
        base = base * base % modulus  # base now holds the original base^(2^k)
        exponent >>= 1
    return result

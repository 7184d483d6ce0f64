# Modular inverse via the iterative extended Euclidean algorithm; None if none exists.


def mod_inverse(a, m):
    old_r, r = a % m, m
    old_s, s = 1, 0  # invariant: old_r = old_s * a (mod m), r = s * a (mod m)
    while r != 0:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
    if old_r != 1:
        return None  # a and m share a factor
    return old_s % m

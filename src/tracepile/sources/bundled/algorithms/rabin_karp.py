# Rabin-Karp matching with a rolling hash; hash hits are verified character by character.


def rabin_karp(text, pattern, base=256, modulus=101):
    n, m = len(text), len(pattern)
    if m > n:
        return []
    high = pow(base, m - 1, modulus)  # weight of the window's leading character
    p_hash = t_hash = 0
    for i in range(m):
        p_hash = (base * p_hash + ord(pattern[i])) % modulus
        t_hash = (base * t_hash + ord(text[i])) % modulus
    matches = []
    for s in range(n - m + 1):
        if p_hash == t_hash and text[s:s + m] == pattern:
            matches.append(s)
        if s < n - m:
            # Slide the window: drop text[s], bring in text[s + m].
            t_hash = (base * (t_hash - ord(text[s]) * high) + ord(text[s + m])) % modulus
    return matches

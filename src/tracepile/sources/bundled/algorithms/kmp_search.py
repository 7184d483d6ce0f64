# Knuth-Morris-Pratt string matching; returns every start index of pattern in text.


def prefix_function(pattern):
    pi = [0] * len(pattern)
    k = 0
    for q in range(1, len(pattern)):
        while k > 0 and pattern[k] != pattern[q]:
            k = pi[k - 1]
        if pattern[k] == pattern[q]:
            k += 1
        pi[q] = k
    return pi


def kmp_search(text, pattern):
    pi = prefix_function(pattern)
    matches = []
    q = 0  # number of pattern characters matched so far
    for i, ch in enumerate(text):
        while q > 0 and pattern[q] != ch:
            q = pi[q - 1]
        if pattern[q] == ch:
            q += 1
        if q == len(pattern):
            matches.append(i - len(pattern) + 1)
            q = pi[q - 1]
    return matches

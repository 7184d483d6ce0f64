# Longest palindromic subsequence, top-down with functools.lru_cache.
from functools import lru_cache


def longest_palindromic_subsequence(s):
    @lru_cache(maxsize=None)
    def best(i, j):
        # Length of the longest palindromic subsequence of s[i..j].
        if i > j:
            return 0
        if i == j:
            return 1
        if s[i] == s[j]:
            return best(i + 1, j - 1) + 2
        return max(best(i + 1, j), best(i, j - 1))

    return best(0, len(s) - 1)

# KMP prefix function: pi[q] is the longest proper prefix of s[:q+1] that is also its suffix.


def kmp_prefix_function(s):
    pi = [0] * len(s)
    k = 0
    for q in range(1, len(s)):
        while k > 0 and s[k] != s[q]:
            k = pi[k - 1]  # fall back to the next shorter border
        if s[k] == s[q]:
            k += 1
        pi[q] = k
    return pi

# For each test print how many times the pattern p occurs in the text s (occurrences may overlap).
import sys
input = sys.stdin.readline


def prefix_function(s):
    pi = [0] * len(s)
    for i in range(1, len(s)):
        k = pi[i - 1]
        while k and s[i] != s[k]:
            k = pi[k - 1]
        if s[i] == s[k]:
            k += 1
        pi[i] = k
    return pi


t = int(input())
for _ in range(t):
    s = input().strip()
    p = input().strip()
    pi = prefix_function(p + "#" + s)
    print(sum(1 for v in pi if v == len(p)))

# For each test print the length of the longest palindromic substring.
def expand(s, l, r):
    while l >= 0 and r < len(s) and s[l] == s[r]:
        l -= 1
        r += 1
    return r - l - 1


def main():
    t = int(input())
    for _ in range(t):
        s = input().strip()
        best = 0
        for i in range(len(s)):
            best = max(best, expand(s, i, i), expand(s, i, i + 1))
        print(best)


main()

# For each test print the length of the shortest string t such that s is t repeated one or more times.
t = int(input())
for _ in range(t):
    s = input()
    n = len(s)
    for k in range(1, n + 1):
        if n % k == 0 and s[:k] * (n // k) == s:
            print(k)
            break

# Print the lexicographically smallest string of length n over the first k letters that uses all k letters and has no two equal neighbours, or -1.
for _ in range(int(input())):
    n, k = map(int, input().split())
    if k > n or (k == 1 and n > 1):
        print(-1)
    elif k == 1:
        print("a")
    else:
        base = n - (k - 2)
        s = ["ab"[i % 2] for i in range(base)]
        for c in range(2, k):
            s.append(chr(ord("a") + c))
        print("".join(s))

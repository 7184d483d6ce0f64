# For each test print YES if the letters of the string can be rearranged into a palindrome, otherwise NO.
for _ in range(int(input())):
    s = input()
    cnt = [0] * 26
    for ch in s:
        cnt[ord(ch) - ord('a')] += 1
    odd = sum(1 for c in cnt if c % 2)
    print("YES" if odd <= 1 else "NO")

# The array is given as a string of digits; for each test count the subarrays whose sum equals their length.
from collections import Counter
import sys

input = sys.stdin.readline
t = int(input())
for _ in range(t):
    n = int(input())
    s = input().strip()
    cnt = Counter()
    cnt[0] = 1
    pref = 0
    ans = 0
    for ch in s:
        pref += int(ch) - 1
        ans += cnt[pref]
        cnt[pref] += 1
    print(ans)

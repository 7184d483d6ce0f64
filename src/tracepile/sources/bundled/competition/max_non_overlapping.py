# Given n closed segments, print the maximum number of pairwise non-intersecting segments that can be chosen.
n = int(input())
segs = []
for _ in range(n):
    l, r = map(int, input().split())
    segs.append((l, r))
segs.sort(key=lambda s: s[1])
cnt, last = 0, -1
for l, r in segs:
    if l > last:
        cnt += 1
        last = r
print(cnt)

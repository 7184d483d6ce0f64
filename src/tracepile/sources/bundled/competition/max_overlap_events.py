# Given n closed segments, print the maximum number of segments that share a common point.
n = int(input())
events = []
for _ in range(n):
    l, r = map(int, input().split())
    events.append((l, 0))
    events.append((r, 1))
events.sort()
cur = best = 0
for x, typ in events:
    if typ == 0:
        cur += 1
        best = max(best, cur)
    else:
        cur -= 1
print(best)

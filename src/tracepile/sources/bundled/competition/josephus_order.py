# n people stand in a circle and every k-th one leaves; for each test print the order in which people leave.
from collections import deque

for _ in range(int(input())):
    n, k = map(int, input().split())
    q = deque(range(1, n + 1))
    while q:
        q.rotate(-(k - 1))
        print(q.popleft(), end=" ")
    print()

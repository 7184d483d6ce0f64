# In a grid of '.' and '#', print the minimum number of moves from the top-left to the bottom-right cell, or -1 if impossible.
from collections import deque
import sys


def solve():
    n, m = map(int, sys.stdin.readline().split())
    g = [sys.stdin.readline().strip() for _ in range(n)]
    if g[0][0] == '#' or g[n - 1][m - 1] == '#':
        return -1
    dist = [[-1] * m for _ in range(n)]
    dist[0][0] = 0
    q = deque([(0, 0)])
    while q:
        x, y = q.popleft()
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nx, ny = x + dx, y + dy
            if 0 <= nx < n and 0 <= ny < m and g[nx][ny] == '.' and dist[nx][ny] == -1:
                dist[nx][ny] = dist[x][y] + 1
                q.append((nx, ny))
    return dist[n - 1][m - 1]


t = int(sys.stdin.readline())
for _ in range(t):
    print(solve())

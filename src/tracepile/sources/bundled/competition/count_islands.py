# Count the connected groups of '#' cells in the grid (cells sharing a side are connected).
n, m = map(int, input().split())
g = [list(input()) for _ in range(n)]
count = 0
for i in range(n):
    for j in range(m):
        if g[i][j] == '#':
            count += 1
            stack = [(i, j)]
            g[i][j] = '.'
            while stack:
                x, y = stack.pop()
                for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                    if 0 <= nx < n and 0 <= ny < m and g[nx][ny] == '#':
                        g[nx][ny] = '.'
                        stack.append((nx, ny))
print(count)

# Print the elements of an n x m matrix in clockwise spiral order starting from the top-left corner.
import sys
input = sys.stdin.readline

n, m = map(int, input().split())
g = [list(map(int, input().split())) for _ in range(n)]
top, bottom, left, right = 0, n - 1, 0, m - 1
res = []
while top <= bottom and left <= right:
    for j in range(left, right + 1):
        res.append(g[top][j])
    top += 1
    for i in range(top, bottom + 1):
        res.append(g[i][right])
    right -= 1
    if top <= bottom:
        for j in range(right, left - 1, -1):
            res.append(g[bottom][j])
        bottom -= 1
    if left <= right:
        for i in range(bottom, top - 1, -1):
            res.append(g[i][left])
        left += 1
print(*res)

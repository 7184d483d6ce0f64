# Colour every good cell '.' with 'B' or 'W' like a chessboard ('B' where row + column is even); bad cells '-' stay as they are.
n, m = map(int, input().split())
for i in range(n):
    row = list(input())
    for j in range(m):
        if row[j] == '.':
            row[j] = 'B' if (i + j) % 2 == 0 else 'W'
    print(''.join(row))

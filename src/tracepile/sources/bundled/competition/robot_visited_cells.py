# A robot starts at (0, 0) and follows a string of U/D/L/R moves; for each test print how many distinct cells it visits.
import sys


def main():
    data = sys.stdin.readline
    t = int(data())
    for _ in range(t):
        s = data().strip()
        x = y = 0
        seen = {(0, 0)}
        for c in s:
            if c == 'U':
                y += 1
            elif c == 'D':
                y -= 1
            elif c == 'L':
                x -= 1
            else:
                x += 1
            seen.add((x, y))
        print(len(seen))


main()

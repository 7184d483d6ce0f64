# Merging two piles of sizes x and y costs x + y; for each test print the minimum total cost to merge all piles into one.
import heapq
import sys


def main():
    data = sys.stdin.read().split()
    t = int(data[0])
    idx = 1
    out = []
    for _ in range(t):
        n = int(data[idx])
        h = [int(x) for x in data[idx + 1:idx + 1 + n]]
        idx += 1 + n
        heapq.heapify(h)
        total = 0
        while len(h) > 1:
            a = heapq.heappop(h)
            b = heapq.heappop(h)
            total += a + b
            heapq.heappush(h, a + b)
        out.append(total)
    print(*out, sep="\n")


main()

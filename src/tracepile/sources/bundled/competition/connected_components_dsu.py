# Given an undirected graph with n vertices and m edges, print the number of connected components.
import sys


def find(p, x):
    while p[x] != x:
        p[x] = p[p[x]]
        x = p[x]
    return x


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    parent = list(range(n + 1))
    comps = n
    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        ru, rv = find(parent, u), find(parent, v)
        if ru != rv:
            parent[ru] = rv
            comps -= 1
    print(comps)


main()

# Split the words into groups of anagrams; print the number of groups and the size of the largest group.
import sys


def main():
    words = sys.stdin.read().split()[1:]
    groups = {}
    for w in words:
        key = "".join(sorted(w))
        groups.setdefault(key, []).append(w)
    largest = max(len(g) for g in groups.values())
    print(len(groups), largest)


main()

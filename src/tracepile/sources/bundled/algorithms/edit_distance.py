# Levenshtein edit distance, keeping only two rows of the DP table.


def edit_distance(source, target):
    m, n = len(source), len(target)
    prev = list(range(n + 1))  # distances from the empty prefix of source
    for i in range(1, m + 1):
        curr = [i] + [0] * n
        for j in range(1, n + 1):
            if source[i - 1] == target[j - 1]:
                curr[j] = prev[j - 1]
            else:
                # delete, insert or substitute
                curr[j] = 1 + min(prev[j], curr[j - 1], prev[j - 1])
        prev = curr
    return prev[n]

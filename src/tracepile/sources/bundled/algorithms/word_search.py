# Word search: can the word be traced through side-adjacent grid cells, each used once?


def word_search(grid, word):
    rows, cols = len(grid), len(grid[0])
    used = set()

    def trace(r, c, k):
        # Try to match word[k:] starting at cell (r, c).
        if not (0 <= r < rows and 0 <= c < cols):
            return False
        if (r, c) in used or grid[r][c] != word[k]:
            return False
        if k == len(word) - 1:
            return True
        used.add((r, c))
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            if trace(r + dr, c + dc, k + 1):
                return True
        used.remove((r, c))
        return False

    for r in range(rows):
        for c in range(cols):
            if trace(r, c, 0):
                return True
    return False

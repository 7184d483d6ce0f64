# Count the ways to place n non-attacking queens, one row at a time.


def n_queens(n):
    columns = set()
    diagonals = set()  # row - col is constant along a diagonal
    anti_diagonals = set()  # row + col is constant along an anti-diagonal

    def place(row):
        if row == n:
            return 1
        count = 0
        for col in range(n):
            if col in columns or row - col in diagonals or row + col in anti_diagonals:
                continue
            columns.add(col)
            diagonals.add(row - col)
            anti_diagonals.add(row + col)
            count += place(row + 1)
            columns.remove(col)
            diagonals.remove(row - col)
            anti_diagonals.remove(row + col)
        return count

    return place(0)

# Matrix-chain multiplication order: minimum scalar multiplications and a parenthesisation.


def matrix_chain_order(dims):
    n = len(dims) - 1  # matrix i has shape dims[i] x dims[i + 1]
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            cost[i][j] = None
            for k in range(i, j):
                q = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if cost[i][j] is None or q < cost[i][j]:
                    cost[i][j] = q
                    split[i][j] = k

    def parenthesize(i, j):
        if i == j:
            return "A" + str(i + 1)
        k = split[i][j]
        return "(" + parenthesize(i, k) + " " + parenthesize(k + 1, j) + ")"

    return cost[0][n - 1], parenthesize(0, n - 1)

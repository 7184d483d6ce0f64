# Rod cutting: best revenue for a rod of length len(prices), and the pieces to cut.


def rod_cutting(prices):
    n = len(prices)  # prices[i] is the price of a piece of length i + 1
    revenue = [0] * (n + 1)
    first_cut = [0] * (n + 1)
    for length in range(1, n + 1):
        best = -1
        for piece in range(1, length + 1):
            candidate = prices[piece - 1] + revenue[length - piece]
            if candidate > best:
                best = candidate
                first_cut[length] = piece
        revenue[length] = best
    pieces = []
    length = n
    while length > 0:
        pieces.append(first_cut[length])
        length -= first_cut[length]
    return revenue[n], pieces

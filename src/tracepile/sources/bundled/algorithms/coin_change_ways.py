# Number of ways to make an amount from unlimited coins (order does not matter).


def coin_change_ways(coins, amount):
    ways = [1] + [0] * amount  # one way to make 0: take nothing
    for coin in coins:
        # Processing coins one at a time counts each multiset once.
        for total in range(coin, amount + 1):
            ways[total] += ways[total - coin]
    return ways[amount]

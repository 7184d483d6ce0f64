# Fewest coins (unlimited supply) to make an amount: memoised recursion; None if impossible.


def coin_change_min(coins, amount):
    memo = {}

    def fewest(rest):
        if rest == 0:
            return 0
        if rest in memo:
            return memo[rest]
        best = None
        for coin in coins:
            if coin <= rest:
                sub = fewest(rest - coin)
                if sub is not None and (best is None or sub + 1 < best):
                    best = sub + 1
        memo[rest] = best
        return best

    return fewest(amount)

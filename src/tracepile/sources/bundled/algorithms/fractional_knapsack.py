# Fractional knapsack: take items by value per unit weight, splitting the last one.
from fractions import Fraction


def fractional_knapsack(items, capacity):
    # items are (value, weight) pairs with positive weights.
    ranked = sorted(items, key=lambda item: Fraction(item[0], item[1]), reverse=True)
    total = Fraction(0)
    remaining = capacity
    for value, weight in ranked:
        if remaining == 0:
            break
        take = min(weight, remaining)
        total += Fraction(value * take, weight)
        remaining -= take
    return total

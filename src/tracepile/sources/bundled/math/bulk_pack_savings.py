"""GSM8K-style: compare two stores' pack prices and find the savings."""
import math
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "Store A sells packs of $pack_a batteries for $$$price_a a pack. Store B sells "
    "packs of $pack_b batteries for $$$price_b a pack. Kai needs exactly $needed "
    "batteries. How many dollars does he save by buying them all at the cheaper store?"
)

CODE = Template('''\
def solution():
    pack_a = $pack_a
    price_a = $price_a
    pack_b = $pack_b
    price_b = $price_b
    needed = $needed
    packs_from_a = needed // pack_a
    cost_a = packs_from_a * price_a
    packs_from_b = needed // pack_b
    cost_b = packs_from_b * price_b
    if cost_a < cost_b:
        savings = cost_b - cost_a
    else:
        savings = cost_a - cost_b
    return savings
''')


def sample(rng: random.Random) -> dict:
    while True:
        pack_a = rng.choice([4, 6, 8])
        pack_b = rng.choice([10, 12, 16, 20])
        needed = math.lcm(pack_a, pack_b) * rng.randint(1, 3)
        price_a = rng.randint(3, 8)
        price_b = rng.randint(5, 15)
        if needed // pack_a * price_a != needed // pack_b * price_b:
            return {"pack_a": pack_a, "price_a": price_a, "pack_b": pack_b,
                    "price_b": price_b, "needed": needed}


def answer(params: dict):
    from fractions import Fraction
    per_battery_a = Fraction(params["price_a"], params["pack_a"])
    per_battery_b = Fraction(params["price_b"], params["pack_b"])
    difference = abs(per_battery_a - per_battery_b) * params["needed"]
    assert difference.denominator == 1
    return int(difference)

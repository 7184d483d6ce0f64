"""GSM8K-style: add a tip and split the bill evenly."""
import random
from string import Template

TOPIC = "percentages"

PROBLEM = Template(
    "A group of $friends friends have dinner together and the bill comes to $$$bill. They add a "
    "$tip_percent% tip and split the total evenly. How many dollars does each friend pay?"
)

CODE = Template('''\
def solution():
    friends = $friends
    bill = $bill
    tip_percent = $tip_percent
    tip = bill * tip_percent // 100
    total = bill + tip
    each_pays = total // friends
    return each_pays
''')


def sample(rng: random.Random) -> dict:
    while True:
        bill = 20 * rng.randint(3, 15)
        tip_percent = rng.choice([10, 15, 20, 25])
        total = bill * (100 + tip_percent) // 100
        friends_options = [n for n in range(2, 9) if total % n == 0]
        if friends_options:
            return {"friends": rng.choice(friends_options), "bill": bill,
                    "tip_percent": tip_percent}


def answer(params: dict):
    from fractions import Fraction
    share = Fraction(params["bill"], params["friends"]) * Fraction(100 + params["tip_percent"], 100)
    assert share.denominator == 1
    return int(share)

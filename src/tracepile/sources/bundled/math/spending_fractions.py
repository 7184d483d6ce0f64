"""GSM8K-style: spending a fraction, then a fraction of the rest."""
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "Kara has $$$money. She spends 1/$first_part of it on a book, and then 1/$second_part "
    "of what is left on lunch. How many dollars does she have left?"
)

CODE = Template('''\
def solution():
    money = $money
    first_part = $first_part
    second_part = $second_part
    book_cost = money // first_part
    after_book = money - book_cost
    lunch_cost = after_book // second_part
    money_left = after_book - lunch_cost
    return money_left
''')


def sample(rng: random.Random) -> dict:
    first_part = rng.randint(2, 5)
    second_part = rng.randint(2, 5)
    return {"money": first_part * second_part * rng.randint(1, 6),
            "first_part": first_part, "second_part": second_part}


def answer(params: dict):
    from fractions import Fraction
    left = params["money"] * (1 - Fraction(1, params["first_part"])) \
        * (1 - Fraction(1, params["second_part"]))
    assert left.denominator == 1
    return int(left)

"""GSM8K-style, with exact fractions: adding mixed measurements of a recipe."""
import random
from string import Template

TOPIC = "arithmetic"

PROBLEM = Template(
    "A recipe needs $flour_whole and $flour_num/$flour_den cups of flour, $sugar_num/$sugar_den cup of "
    "sugar and $milk_num/$milk_den cup of milk. Liam makes the recipe $batches times. How many cups of "
    "these ingredients does he use in all?"
)

CODE = Template('''\
from fractions import Fraction


def solution():
    flour_whole = $flour_whole
    flour_num = $flour_num
    flour_den = $flour_den
    sugar_num = $sugar_num
    sugar_den = $sugar_den
    milk_num = $milk_num
    milk_den = $milk_den
    batches = $batches
    flour = flour_whole + Fraction(flour_num, flour_den)
    sugar = Fraction(sugar_num, sugar_den)
    milk = Fraction(milk_num, milk_den)
    one_batch = flour + sugar + milk
    total_cups = one_batch * batches
    return total_cups
''')


def _proper(rng: random.Random) -> tuple[int, int]:
    den = rng.choice([2, 3, 4, 8])
    return rng.randint(1, den - 1), den


def sample(rng: random.Random) -> dict:
    (fn, fd), (sn, sd), (mn, md) = _proper(rng), _proper(rng), _proper(rng)
    return {"flour_whole": rng.randint(1, 3), "flour_num": fn, "flour_den": fd, "sugar_num": sn,
            "sugar_den": sd, "milk_num": mn, "milk_den": md, "batches": rng.randint(2, 5)}


def answer(params: dict):
    p = params
    den = 24  # every denominator divides 24
    twenty_fourths = (p["flour_whole"] * den + p["flour_num"] * den // p["flour_den"]
                      + p["sugar_num"] * den // p["sugar_den"] + p["milk_num"] * den // p["milk_den"])
    from fractions import Fraction
    return Fraction(twenty_fourths * p["batches"], den)

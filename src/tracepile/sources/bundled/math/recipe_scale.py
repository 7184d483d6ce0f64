"""GSM8K-style: scaling a recipe to more servings."""
import random
from string import Template

TOPIC = "ratios"

PROBLEM = Template(
    "A pancake recipe for $servings servings uses $flour cups of flour and $sugar "
    "cups of sugar. How many cups of flour and sugar together are needed to make "
    "$new_servings servings?"
)

CODE = Template('''\
def solution():
    servings = $servings
    flour = $flour
    sugar = $sugar
    new_servings = $new_servings
    scale = new_servings // servings
    new_flour = flour * scale
    new_sugar = sugar * scale
    total_cups = new_flour + new_sugar
    return total_cups
''')


def sample(rng: random.Random) -> dict:
    servings = rng.choice([2, 3, 4, 6])
    return {"servings": servings, "flour": rng.randint(1, 4), "sugar": rng.randint(1, 3),
            "new_servings": servings * rng.randint(2, 5)}


def answer(params: dict):
    from fractions import Fraction
    per_serving = Fraction(params["flour"] + params["sugar"], params["servings"])
    total = per_serving * params["new_servings"]
    assert total.denominator == 1
    return int(total)

"""GSM8K-style: gas cost for a round trip."""
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "Ana drives to a city $distance miles away and back home. Her car goes $mpg miles "
    "per gallon of gas, and gas costs $$$gas_price per gallon. How much does she spend "
    "on gas for the round trip, in dollars?"
)

CODE = Template('''\
def solution():
    distance = $distance
    mpg = $mpg
    gas_price = $gas_price
    round_trip = 2 * distance
    gallons = round_trip // mpg
    cost = gallons * gas_price
    return cost
''')


def sample(rng: random.Random) -> dict:
    mpg = rng.choice([20, 25, 30, 35, 40])
    return {"distance": mpg * rng.randint(1, 8), "mpg": mpg,
            "gas_price": rng.randint(3, 6)}


def answer(params: dict):
    from fractions import Fraction
    cost_per_mile = Fraction(params["gas_price"], params["mpg"])
    cost = cost_per_mile * 2 * params["distance"]
    assert cost.denominator == 1
    return int(cost)

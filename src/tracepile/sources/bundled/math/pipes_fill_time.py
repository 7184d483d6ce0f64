"""GSM8K-style, with exact fractions: two pipes fill a tank while a drain empties it."""
import random
from string import Template

TOPIC = "rates"

PROBLEM = Template(
    "Pipe A fills a tank in $fill_a hours and pipe B fills it in $fill_b hours. A drain empties the full "
    "tank in $drain hours. With both pipes and the drain open, how many hours does it take to fill the "
    "empty tank?"
)

CODE = Template('''\
from fractions import Fraction


def solution():
    fill_a = $fill_a
    fill_b = $fill_b
    drain = $drain
    rate_a = Fraction(1, fill_a)
    rate_b = Fraction(1, fill_b)
    rate_drain = Fraction(1, drain)
    net_rate = rate_a + rate_b - rate_drain
    hours = 1 / net_rate
    return hours
''')


def sample(rng: random.Random) -> dict:
    fill_a = rng.randint(2, 9)
    fill_b = rng.randint(2, 9)
    return {"fill_a": fill_a, "fill_b": fill_b, "drain": rng.randint(max(fill_a, fill_b) + 1, 15)}


def answer(params: dict):
    from fractions import Fraction
    a, b, d = params["fill_a"], params["fill_b"], params["drain"]
    return Fraction(a * b * d, b * d + a * d - a * b)

"""GSM8K-style: two machines working together."""
import random
from string import Template

TOPIC = "rates"

PROBLEM = Template(
    "Machine A makes $rate_a widgets per hour and machine B makes $rate_b widgets "
    "per hour. Working together, how many hours will they take to make $target widgets?"
)

CODE = Template('''\
def solution():
    rate_a = $rate_a
    rate_b = $rate_b
    target = $target
    combined_rate = rate_a + rate_b
    hours = target // combined_rate
    return hours
''')


def sample(rng: random.Random) -> dict:
    rate_a = rng.randint(5, 40)
    rate_b = rng.randint(5, 40)
    hours = rng.randint(2, 12)
    return {"rate_a": rate_a, "rate_b": rate_b, "target": (rate_a + rate_b) * hours}


def answer(params: dict):
    made = 0
    hours = 0
    while made < params["target"]:
        made += params["rate_a"] + params["rate_b"]
        hours += 1
    return hours

"""GSM8K-style: a leaking tank with a refill, simulated hour by hour."""
import random
from string import Template

TOPIC = "rates"

PROBLEM = Template(
    "A water tank holds $start liters. Every hour $drain liters flow out of it and "
    "$refill liters flow in. After how many hours will the tank first hold $target "
    "liters or less?"
)

CODE = Template('''\
def solution():
    start = $start
    drain = $drain
    refill = $refill
    target = $target
    water = start
    hours = 0
    while water > target:
        water = water - drain + refill
        hours += 1
    return hours
''')


def sample(rng: random.Random) -> dict:
    drain = rng.randint(20, 60)
    refill = rng.randint(5, drain - 5)
    net = drain - refill
    hours = rng.randint(2, 15)
    target = 10 * rng.randint(0, 10)
    start = target + net * (hours - 1) + rng.randint(1, net)
    return {"start": start, "drain": drain, "refill": refill, "target": target}


def answer(params: dict):
    net_loss = params["drain"] - params["refill"]
    excess = params["start"] - params["target"]
    return max(0, -(-excess // net_loss))

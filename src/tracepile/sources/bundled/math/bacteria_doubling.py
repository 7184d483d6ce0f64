"""GSM8K-style: repeated doubling over a time span (loop)."""
import random
from string import Template

TOPIC = "time"

PROBLEM = Template(
    "A colony starts with $start bacteria and doubles in size every $double_minutes "
    "minutes. How many bacteria are there after $total_minutes minutes?"
)

CODE = Template('''\
def solution():
    start = $start
    double_minutes = $double_minutes
    total_minutes = $total_minutes
    doublings = total_minutes // double_minutes
    bacteria = start
    for _ in range(doublings):
        bacteria = bacteria * 2
    return bacteria
''')


def sample(rng: random.Random) -> dict:
    double_minutes = rng.choice([10, 15, 20, 30, 45])
    return {"start": rng.randint(3, 50), "double_minutes": double_minutes,
            "total_minutes": double_minutes * rng.randint(2, 10)}


def answer(params: dict):
    return params["start"] * 2 ** (params["total_minutes"] // params["double_minutes"])

"""GSM8K-style: distance = speed * time over several legs."""
import random
from string import Template

TOPIC = "rates"

PROBLEM = Template(
    "A car drives at $speed1 miles per hour for $hours1 hours, then at $speed2 miles "
    "per hour for $hours2 hours, and finally covers another $extra miles in town. "
    "How many miles does it travel in total?"
)

CODE = Template('''\
def solution():
    speed1 = $speed1
    hours1 = $hours1
    speed2 = $speed2
    hours2 = $hours2
    extra = $extra
    first_leg = speed1 * hours1
    second_leg = speed2 * hours2
    total_distance = first_leg + second_leg + extra
    return total_distance
''')


def sample(rng: random.Random) -> dict:
    return {
        "speed1": 5 * rng.randint(8, 14),
        "hours1": rng.randint(1, 5),
        "speed2": 5 * rng.randint(6, 14),
        "hours2": rng.randint(1, 4),
        "extra": rng.randint(3, 25),
    }


def answer(params: dict):
    # walk hour by hour instead of multiplying
    distance = params["extra"]
    for _ in range(params["hours1"]):
        distance += params["speed1"]
    for _ in range(params["hours2"]):
        distance += params["speed2"]
    return distance

"""GSM8K-style: two trains approaching each other."""
import random
from string import Template

TOPIC = "rates"

PROBLEM = Template(
    "Two trains start $distance miles apart on the same track and travel toward each "
    "other. One goes $speed_a miles per hour and the other goes $speed_b miles per "
    "hour. After how many hours do they meet?"
)

CODE = Template('''\
def solution():
    distance = $distance
    speed_a = $speed_a
    speed_b = $speed_b
    closing_speed = speed_a + speed_b
    hours = distance // closing_speed
    return hours
''')


def sample(rng: random.Random) -> dict:
    speed_a = 5 * rng.randint(6, 16)
    speed_b = 5 * rng.randint(6, 16)
    return {"distance": (speed_a + speed_b) * rng.randint(1, 7),
            "speed_a": speed_a, "speed_b": speed_b}


def answer(params: dict):
    gap = params["distance"]
    hours = 0
    while gap > 0:
        gap -= params["speed_a"] + params["speed_b"]
        hours += 1
    return hours

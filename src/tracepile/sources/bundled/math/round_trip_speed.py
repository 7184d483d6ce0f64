"""GSM8K-style, with exact fractions: average speed over a round trip (a harmonic mean)."""
import random
from string import Template

TOPIC = "rates"

PROBLEM = Template(
    "Noor drives $distance km to her aunt's house at $speed_out km/h and returns on the same road at "
    "$speed_back km/h. What is her average speed for the whole trip, in km/h?"
)

CODE = Template('''\
from fractions import Fraction


def solution():
    distance = $distance
    speed_out = $speed_out
    speed_back = $speed_back
    time_out = Fraction(distance, speed_out)
    time_back = Fraction(distance, speed_back)
    total_time = time_out + time_back
    average_speed = 2 * distance / total_time
    return average_speed
''')


def sample(rng: random.Random) -> dict:
    return {"distance": rng.randint(20, 240), "speed_out": rng.choice([30, 40, 45, 50, 60, 75, 80, 90]),
            "speed_back": rng.choice([30, 40, 45, 50, 60, 75, 80, 90])}


def answer(params: dict):
    from fractions import Fraction
    return Fraction(2 * params["speed_out"] * params["speed_back"], params["speed_out"] + params["speed_back"])

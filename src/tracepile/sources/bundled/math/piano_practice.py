"""GSM8K-style: minutes per day to hours over several weeks."""
import random
from string import Template

TOPIC = "time"

PROBLEM = Template(
    "Leo practices piano for $weekday_minutes minutes on each weekday and "
    "$weekend_minutes minutes on each day of the weekend. How many hours does he "
    "practice in $weeks weeks?"
)

CODE = Template('''\
def solution():
    weekday_minutes = $weekday_minutes
    weekend_minutes = $weekend_minutes
    weeks = $weeks
    weekday_total = 5 * weekday_minutes
    weekend_total = 2 * weekend_minutes
    minutes_per_week = weekday_total + weekend_total
    total_minutes = minutes_per_week * weeks
    hours = total_minutes // 60
    return hours
''')


def sample(rng: random.Random) -> dict:
    # 5 * (multiple of 12) and 2 * (multiple of 30) are both whole hours
    return {"weekday_minutes": rng.choice([24, 36, 48, 60]),
            "weekend_minutes": rng.choice([30, 60, 90, 120]),
            "weeks": rng.randint(1, 6)}


def answer(params: dict):
    from fractions import Fraction
    hours = 0
    for day in range(7 * params["weeks"]):
        minutes = params["weekday_minutes"] if day % 7 < 5 else params["weekend_minutes"]
        hours += Fraction(minutes, 60)
    assert hours.denominator == 1
    return int(hours)

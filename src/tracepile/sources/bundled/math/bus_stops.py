"""GSM8K-style: passengers getting off and on at three stops (loop)."""
import random
from string import Template

TOPIC = "arithmetic"

PROBLEM = Template(
    "A bus leaves the station with $start passengers. At the first stop $off1 people "
    "get off and $on1 get on. At the second stop $off2 get off and $on2 get on. At the "
    "third stop $off3 get off and $on3 get on. How many passengers are on the bus now?"
)

CODE = Template('''\
def solution():
    start = $start
    off1 = $off1
    on1 = $on1
    off2 = $off2
    on2 = $on2
    off3 = $off3
    on3 = $on3
    stops = [(off1, on1), (off2, on2), (off3, on3)]
    passengers = start
    for off, on in stops:
        passengers = passengers - off
        passengers = passengers + on
    return passengers
''')


def sample(rng: random.Random) -> dict:
    start = rng.randint(10, 40)
    params = {"start": start}
    current = start
    for stop in (1, 2, 3):
        off = rng.randint(1, max(1, current // 2))
        on = rng.randint(0, 12)
        current = current - off + on
        params[f"off{stop}"] = off
        params[f"on{stop}"] = on
    return params


def answer(params: dict):
    boarded = params["on1"] + params["on2"] + params["on3"]
    left = params["off1"] + params["off2"] + params["off3"]
    return params["start"] + boarded - left

"""GSM8K-style: weeks of saving needed to reach a goal (loop)."""
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "Ben wants to buy a bike that costs $$$goal. He already has $$$saved and saves "
    "$$$weekly every week. How many weeks does he need to save before he can afford the bike?"
)

CODE = Template('''\
def solution():
    goal = $goal
    saved = $saved
    weekly = $weekly
    balance = saved
    weeks = 0
    while balance < goal:
        balance += weekly
        weeks += 1
    return weeks
''')


def sample(rng: random.Random) -> dict:
    weekly = 5 * rng.randint(1, 5)
    weeks = rng.randint(3, 20)
    saved = rng.randint(0, 3 * weekly)
    goal = saved + weekly * (weeks - 1) + rng.randint(1, weekly)
    return {"goal": goal, "saved": saved, "weekly": weekly}


def answer(params: dict):
    missing = params["goal"] - params["saved"]
    return max(0, -(-missing // params["weekly"]))

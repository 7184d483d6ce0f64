"""GSM8K-style: a monthly plan with included data and overage fees."""
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "A phone plan costs $$$base_fee per month and includes $included GB of data. "
    "Each GB used beyond that costs $$$extra_fee. If Sam uses $used GB in a month, "
    "what is his bill for that month, in dollars?"
)

CODE = Template('''\
def solution():
    base_fee = $base_fee
    included = $included
    extra_fee = $extra_fee
    used = $used
    bill = base_fee
    if used > included:
        extra_gb = used - included
        bill = bill + extra_gb * extra_fee
    return bill
''')


def sample(rng: random.Random) -> dict:
    included = rng.choice([2, 3, 5, 8, 10])
    return {"base_fee": rng.randint(15, 60), "included": included,
            "extra_fee": rng.randint(2, 10), "used": rng.randint(1, included + 8)}


def answer(params: dict):
    bill = params["base_fee"]
    for gb in range(1, params["used"] + 1):
        if gb > params["included"]:
            bill += params["extra_fee"]
    return bill

"""GSM8K-style: simple interest added year by year (loop)."""
import random
from string import Template

TOPIC = "percentages"

PROBLEM = Template(
    "Dev deposits $$$principal in a savings account that pays $rate% simple interest "
    "per year. How many dollars are in the account after $years years?"
)

CODE = Template('''\
def solution():
    principal = $principal
    rate = $rate
    years = $years
    yearly_interest = principal * rate // 100
    balance = principal
    for year in range(years):
        balance += yearly_interest
    return balance
''')


def sample(rng: random.Random) -> dict:
    return {"principal": 100 * rng.randint(5, 60), "rate": rng.randint(2, 9),
            "years": rng.randint(2, 10)}


def answer(params: dict):
    return params["principal"] * (100 + params["rate"] * params["years"]) // 100

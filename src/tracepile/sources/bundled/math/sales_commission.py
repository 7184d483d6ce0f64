"""GSM8K-style: base pay plus commission above a threshold (conditional)."""
import random
from string import Template

TOPIC = "percentages"

PROBLEM = Template(
    "A salesperson earns a base pay of $$$base per month plus a $rate% commission on "
    "the part of her sales above $$$threshold. This month she sold $$$sales worth of "
    "goods. How much did she earn this month, in dollars?"
)

CODE = Template('''\
def solution():
    base = $base
    rate = $rate
    threshold = $threshold
    sales = $sales
    if sales > threshold:
        commissionable = sales - threshold
        commission = commissionable * rate // 100
    else:
        commission = 0
    earnings = base + commission
    return earnings
''')


def sample(rng: random.Random) -> dict:
    threshold = 1000 * rng.randint(2, 8)
    # mostly above the threshold, sometimes below it
    sales = threshold + 100 * rng.randint(-10, 60)
    return {"base": 100 * rng.randint(10, 30), "rate": rng.randint(2, 15),
            "threshold": threshold, "sales": sales}


def answer(params: dict):
    extra = max(0, params["sales"] - params["threshold"])
    assert extra * params["rate"] % 100 == 0
    return params["base"] + extra * params["rate"] // 100

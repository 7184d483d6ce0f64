"""GSM8K-style: percent off a price, several items."""
import random
from string import Template

TOPIC = "percentages"

PROBLEM = Template(
    "A jacket normally costs $$$price. During a sale the store takes $percent% off, "
    "and Priya buys $quantity jackets. How much does she pay in total, in dollars?"
)

CODE = Template('''\
def solution():
    price = $price
    percent = $percent
    quantity = $quantity
    discount = price * percent // 100
    sale_price = price - discount
    total_cost = sale_price * quantity
    return total_cost
''')


def sample(rng: random.Random) -> dict:
    # price is a multiple of 20, so every listed percent gives whole dollars
    price = 20 * rng.randint(2, 10)
    percent = rng.choice([10, 15, 20, 25, 30, 40, 50])
    quantity = rng.randint(2, 5)
    return {"price": price, "percent": percent, "quantity": quantity}


def answer(params: dict):
    full = params["price"] * params["quantity"]
    paid = full * (100 - params["percent"])
    assert paid % 100 == 0
    return paid // 100

"""GSM8K-style: total cost of two items and the change from a bill."""
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "Omar buys $pounds pounds of apples at $$$apple_price per pound and "
    "$cartons cartons of milk at $$$milk_price each. He pays with a $$$bill bill. "
    "How much change does he get, in dollars?"
)

CODE = Template('''\
def solution():
    pounds = $pounds
    apple_price = $apple_price
    cartons = $cartons
    milk_price = $milk_price
    bill = $bill
    apple_cost = pounds * apple_price
    milk_cost = cartons * milk_price
    total_cost = apple_cost + milk_cost
    change = bill - total_cost
    return change
''')


def sample(rng: random.Random) -> dict:
    pounds = rng.randint(1, 6)
    apple_price = rng.randint(1, 4)
    cartons = rng.randint(1, 4)
    milk_price = rng.randint(2, 5)
    cost = pounds * apple_price + cartons * milk_price
    bill = 50 if cost > 20 else rng.choice([20, 50])
    return {"pounds": pounds, "apple_price": apple_price, "cartons": cartons,
            "milk_price": milk_price, "bill": bill}


def answer(params: dict):
    items = [(params["pounds"], params["apple_price"]),
             (params["cartons"], params["milk_price"])]
    change = params["bill"]
    for quantity, price in items:
        change -= quantity * price
    return change

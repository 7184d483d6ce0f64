"""GSM8K-style: revenue minus cost for a bake sale."""
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "For a bake sale, Rosa bakes $batches batches of $per_batch cookies. Each batch "
    "costs $$$batch_cost in ingredients. She sells the cookies in bags of $per_bag for "
    "$$$bag_price a bag. If she sells every bag, what is her profit in dollars?"
)

CODE = Template('''\
def solution():
    batches = $batches
    per_batch = $per_batch
    batch_cost = $batch_cost
    per_bag = $per_bag
    bag_price = $bag_price
    total_cookies = batches * per_batch
    bags = total_cookies // per_bag
    revenue = bags * bag_price
    ingredient_cost = batches * batch_cost
    profit = revenue - ingredient_cost
    return profit
''')


def sample(rng: random.Random) -> dict:
    per_bag = rng.choice([2, 3, 4, 6])
    bags_per_batch = rng.randint(2, 6)
    bag_price = rng.randint(2, 5)
    batch_cost = rng.randint(2, bags_per_batch * bag_price - 1)
    return {"batches": rng.randint(2, 8), "per_batch": per_bag * bags_per_batch,
            "batch_cost": batch_cost, "per_bag": per_bag, "bag_price": bag_price}


def answer(params: dict):
    profit_per_batch = (params["per_batch"] // params["per_bag"]) * params["bag_price"] \
        - params["batch_cost"]
    return params["batches"] * profit_per_batch

"""GSM8K-style: perimeter minus a gate opening, priced per meter."""
import random
from string import Template

TOPIC = "geometry"

PROBLEM = Template(
    "A rectangular garden is $length meters long and $width meters wide. Fencing "
    "costs $$$price_per_meter per meter. A $gate-meter gap is left for a gate, and the "
    "gate itself costs $$$gate_price. What is the total cost of the fence and the gate, "
    "in dollars?"
)

CODE = Template('''\
def solution():
    length = $length
    width = $width
    price_per_meter = $price_per_meter
    gate = $gate
    gate_price = $gate_price
    perimeter = 2 * (length + width)
    fence_length = perimeter - gate
    fence_cost = fence_length * price_per_meter
    total_cost = fence_cost + gate_price
    return total_cost
''')


def sample(rng: random.Random) -> dict:
    return {"length": rng.randint(6, 30), "width": rng.randint(4, 20),
            "price_per_meter": rng.randint(3, 15), "gate": rng.randint(1, 3),
            "gate_price": 5 * rng.randint(6, 30)}


def answer(params: dict):
    sides = [params["length"], params["width"], params["length"], params["width"]]
    fenced = sum(sides) - params["gate"]
    return fenced * params["price_per_meter"] + params["gate_price"]

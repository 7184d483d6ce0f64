"""GSM8K-style: splitting money in a three-part ratio."""
import random
from string import Template

TOPIC = "ratios"

PROBLEM = Template(
    "Three friends share $$$total in the ratio $part_a:$part_b:$part_c. "
    "How many dollars does the friend with the largest share get?"
)

CODE = Template('''\
def solution():
    total = $total
    part_a = $part_a
    part_b = $part_b
    part_c = $part_c
    parts = part_a + part_b + part_c
    value_per_part = total // parts
    share_a = part_a * value_per_part
    share_b = part_b * value_per_part
    share_c = part_c * value_per_part
    largest_share = max(share_a, share_b, share_c)
    return largest_share
''')


def sample(rng: random.Random) -> dict:
    part_a, part_b, part_c = rng.sample(range(1, 8), 3)
    unit = rng.randint(2, 30)
    return {"total": unit * (part_a + part_b + part_c),
            "part_a": part_a, "part_b": part_b, "part_c": part_c}


def answer(params: dict):
    parts = [params["part_a"], params["part_b"], params["part_c"]]
    return params["total"] * max(parts) // sum(parts)

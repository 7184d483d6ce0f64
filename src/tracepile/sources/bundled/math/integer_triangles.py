"""MATH-style: triangles with integer sides and a given perimeter (brute force)."""
import random
from string import Template

TOPIC = "geometry"

PROBLEM = Template(
    "How many non-congruent triangles have integer side lengths and a perimeter of $perimeter?"
)

CODE = Template('''\
def solution():
    perimeter = $perimeter
    count = 0
    for a in range(1, perimeter // 3 + 1):
        for b in range(a, (perimeter - a) // 2 + 1):
            c = perimeter - a - b
            if a + b > c:
                count += 1
    return count
''')


def sample(rng: random.Random) -> dict:
    return {"perimeter": rng.randint(5, 20)}


def answer(params: dict):
    p = params["perimeter"]
    # Alcuin's sequence: nearest integer to p^2/48 (p even) or (p+3)^2/48 (p odd)
    square = p * p if p % 2 == 0 else (p + 3) * (p + 3)
    return (square + 24) // 48

"""MATH-style: lattice paths counted with dynamic programming."""
import math
import random
from string import Template

TOPIC = "combinatorics"

PROBLEM = Template(
    "A robot starts at the bottom-left corner of a grid that is $cols unit squares "
    "wide and $rows unit squares tall. It moves only right or up along the grid lines, "
    "one unit at a time. How many different paths lead it to the top-right corner?"
)

CODE = Template('''\
def solution():
    cols = $cols
    rows = $rows
    ways = [[1] * (cols + 1) for _ in range(rows + 1)]
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            ways[r][c] = ways[r - 1][c] + ways[r][c - 1]
    return ways[rows][cols]
''')


def sample(rng: random.Random) -> dict:
    return {"cols": rng.randint(2, 6), "rows": rng.randint(2, 5)}


def answer(params: dict):
    return math.comb(params["cols"] + params["rows"], params["rows"])

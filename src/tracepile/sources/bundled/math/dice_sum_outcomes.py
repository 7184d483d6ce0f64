"""MATH-style, with itertools: counting dice outcomes with a given sum by listing them all."""
import random
from string import Template

TOPIC = "probability"

PROBLEM = Template(
    "$dice fair dice with faces 1 to $faces are rolled. In how many of the outcomes is the sum of the "
    "dice equal to $target?"
)

CODE = Template('''\
from itertools import product


def solution():
    dice = $dice
    faces = $faces
    target = $target
    matches = 0
    for roll in product(range(1, faces + 1), repeat=dice):
        if sum(roll) == target:
            matches += 1
    return matches
''')


def sample(rng: random.Random) -> dict:
    dice = rng.randint(2, 3)
    faces = rng.choice([4, 6])
    return {"dice": dice, "faces": faces, "target": rng.randint(dice, dice * faces)}


def answer(params: dict):
    counts = {0: 1}
    for _ in range(params["dice"]):
        nxt: dict = {}
        for total, ways in counts.items():
            for face in range(1, params["faces"] + 1):
                nxt[total + face] = nxt.get(total + face, 0) + ways
        counts = nxt
    return counts.get(params["target"], 0)

"""GSM8K-style: buying packs, giving some away, losing some."""
import random
from string import Template

TOPIC = "arithmetic"

PROBLEM = Template(
    "Lena buys $packs packs of pencils with $per_pack pencils in each pack. "
    "She gives $given pencils to her classmates and loses $lost. "
    "How many pencils does she have left?"
)

CODE = Template('''\
def solution():
    packs = $packs
    per_pack = $per_pack
    given = $given
    lost = $lost
    total_pencils = packs * per_pack
    after_giving = total_pencils - given
    pencils_left = after_giving - lost
    return pencils_left
''')


def sample(rng: random.Random) -> dict:
    packs = rng.randint(2, 9)
    per_pack = rng.randint(6, 24)
    total = packs * per_pack
    given = rng.randint(1, total // 2)
    lost = rng.randint(1, max(1, (total - given) // 3))
    return {"packs": packs, "per_pack": per_pack, "given": given, "lost": lost}


def answer(params: dict):
    removed = params["given"] + params["lost"]
    return params["packs"] * params["per_pack"] - removed

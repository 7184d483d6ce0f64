"""MATH-style, with itertools: numbers made by arranging digits, counted by divisibility."""
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "How many different $length-digit numbers can be made by arranging $length of the digits $d1, $d2, "
    "$d3 and $d4 (each digit used at most once) that are divisible by $divisor?"
)

CODE = Template('''\
from itertools import permutations


def solution():
    d1 = $d1
    d2 = $d2
    d3 = $d3
    d4 = $d4
    length = $length
    divisor = $divisor
    found = set()
    for digits in permutations([d1, d2, d3, d4], length):
        number = int("".join(str(d) for d in digits))
        if number % divisor == 0:
            found.add(number)
    return len(found)
''')


def sample(rng: random.Random) -> dict:
    d1, d2, d3, d4 = rng.sample(range(1, 10), 4)
    return {"d1": d1, "d2": d2, "d3": d3, "d4": d4, "length": rng.randint(2, 3),
            "divisor": rng.choice([2, 3, 4, 5, 6, 7])}


def answer(params: dict):
    digits = [params[k] for k in ("d1", "d2", "d3", "d4")]
    count = 0
    for number in range(10 ** (params["length"] - 1), 10 ** params["length"]):
        text = str(number)
        if all(int(ch) in digits for ch in text) and len(set(text)) == len(text) \
                and number % params["divisor"] == 0:
            count += 1
    return count

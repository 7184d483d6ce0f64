"""MATH-style, with exact fractions: the greedy (Fibonacci-Sylvester) unit-fraction expansion."""
import random
from string import Template

TOPIC = "number-theory"

PROBLEM = Template(
    "Write $numerator/$denominator as a sum of distinct unit fractions, each time taking the largest unit "
    "fraction that still fits. What is the largest denominator used?"
)

CODE = Template('''\
import math
from fractions import Fraction


def solution():
    numerator = $numerator
    denominator = $denominator
    rest = Fraction(numerator, denominator)
    denominators = []
    while rest > 0:
        unit = math.ceil(1 / rest)
        denominators.append(unit)
        rest -= Fraction(1, unit)
    largest = max(denominators)
    return largest
''')


def sample(rng: random.Random) -> dict:
    denominator = rng.randint(3, 15)
    return {"numerator": rng.randint(2, denominator - 1), "denominator": denominator}


def answer(params: dict):
    num, den, largest = params["numerator"], params["denominator"], 0
    while num:
        unit = -(-den // num)
        largest = unit
        num, den = num * unit - den, den * unit
        divisor = __import__("math").gcd(num, den)
        num, den = num // divisor, den // divisor
    return largest

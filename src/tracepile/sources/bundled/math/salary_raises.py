"""GSM8K-style: two successive percentage raises."""
import random
from string import Template

TOPIC = "percentages"

PROBLEM = Template(
    "Nora earns $$$salary a year. She gets a raise of $first_raise%, and a year later "
    "another raise of $second_raise% on her new salary. What is her salary after both "
    "raises, in dollars?"
)

CODE = Template('''\
def solution():
    salary = $salary
    first_raise = $first_raise
    second_raise = $second_raise
    first_increase = salary * first_raise // 100
    salary_after_first = salary + first_increase
    second_increase = salary_after_first * second_raise // 100
    final_salary = salary_after_first + second_increase
    return final_salary
''')


def sample(rng: random.Random) -> dict:
    # a multiple of 10000 keeps both raises in whole dollars
    return {"salary": 10000 * rng.randint(3, 9),
            "first_raise": rng.randint(2, 12),
            "second_raise": rng.randint(2, 12)}


def answer(params: dict):
    from fractions import Fraction
    factor = (1 + Fraction(params["first_raise"], 100)) * (1 + Fraction(params["second_raise"], 100))
    result = params["salary"] * factor
    assert result.denominator == 1
    return int(result)

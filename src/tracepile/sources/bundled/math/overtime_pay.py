"""GSM8K-style: weekly pay with time-and-a-half overtime (conditional)."""
import random
from string import Template

TOPIC = "money"

PROBLEM = Template(
    "Luis earns $$$wage per hour. For every hour over 40 in a week he is paid 1.5 "
    "times his hourly wage. This week he worked $hours hours. How much did he earn, "
    "in dollars?"
)

CODE = Template('''\
def solution():
    wage = $wage
    hours = $hours
    if hours > 40:
        regular_hours = 40
        overtime_hours = hours - 40
    else:
        regular_hours = hours
        overtime_hours = 0
    overtime_wage = wage * 3 // 2
    regular_pay = regular_hours * wage
    overtime_pay = overtime_hours * overtime_wage
    earnings = regular_pay + overtime_pay
    return earnings
''')


def sample(rng: random.Random) -> dict:
    # an even wage keeps 1.5 times the wage in whole dollars
    return {"wage": 2 * rng.randint(6, 20), "hours": rng.randint(30, 55)}


def answer(params: dict):
    from fractions import Fraction
    pay = Fraction(0)
    for hour in range(1, params["hours"] + 1):
        pay += params["wage"] * (Fraction(3, 2) if hour > 40 else 1)
    assert pay.denominator == 1
    return int(pay)

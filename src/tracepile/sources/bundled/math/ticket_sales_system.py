"""GSM8K-style, solved with sympy: a 2x2 linear system of ticket counts."""
import random
from string import Template

TOPIC = "algebra"
REQUIRES = ("sympy",)

PROBLEM = Template(
    "A school play sold $tickets tickets. Adult tickets cost $$$adult_price and student tickets cost "
    "$$$student_price, and the play took in $$$revenue. How many adult tickets were sold?"
)

CODE = Template('''\
from sympy import Eq, solve, symbols


def solution():
    tickets = $tickets
    adult_price = $adult_price
    student_price = $student_price
    revenue = $revenue
    adults, students = symbols("adults students")
    count_equation = Eq(adults + students, tickets)
    money_equation = Eq(adult_price * adults + student_price * students, revenue)
    solved = solve([count_equation, money_equation], [adults, students])
    adult_tickets = solved[adults]
    return adult_tickets
''')


def sample(rng: random.Random) -> dict:
    adult_price = rng.randint(6, 15)
    student_price = rng.randint(2, adult_price - 1)
    adults = rng.randint(10, 120)
    students = rng.randint(10, 120)
    return {"tickets": adults + students, "adult_price": adult_price, "student_price": student_price,
            "revenue": adults * adult_price + students * student_price}


def answer(params: dict):
    for adults in range(params["tickets"] + 1):
        students = params["tickets"] - adults
        if adults * params["adult_price"] + students * params["student_price"] == params["revenue"]:
            return adults
    raise ValueError("no solution")

"""MATH-style: expected winnings of a one-roll dice game."""
import random
from fractions import Fraction
from string import Template

TOPIC = "probability"

PROBLEM = Template(
    "In a game you roll a fair six-sided die once. If the roll is at least $threshold "
    "you win $$$win_amount; otherwise you lose $$$lose_amount. What are your expected "
    "winnings, in dollars?"
)

CODE = Template('''\
from fractions import Fraction


def solution():
    threshold = $threshold
    win_amount = $win_amount
    lose_amount = $lose_amount
    expected = Fraction(0)
    for face in range(1, 7):
        if face >= threshold:
            outcome = win_amount
        else:
            outcome = -lose_amount
        expected += Fraction(outcome, 6)
    return expected
''')


def sample(rng: random.Random) -> dict:
    while True:
        threshold = rng.randint(2, 6)
        win_amount = rng.randint(2, 12)
        lose_amount = rng.randint(1, 8)
        if (7 - threshold) * win_amount >= (threshold - 1) * lose_amount:
            return {"threshold": threshold, "win_amount": win_amount,
                    "lose_amount": lose_amount}


def answer(params: dict):
    winning_faces = 7 - params["threshold"]
    losing_faces = 6 - winning_faces
    return Fraction(winning_faces * params["win_amount"]
                    - losing_faces * params["lose_amount"], 6)

"""GSM8K-style: wall area minus windows, rounded up to whole cans."""
import random
from string import Template

TOPIC = "geometry"

PROBLEM = Template(
    "A room is $length feet long, $width feet wide and $height feet tall. Its walls "
    "have $windows windows of $window_area square feet each, which will not be painted. "
    "One can of paint covers $coverage square feet. How many cans are needed to paint "
    "the walls?"
)

CODE = Template('''\
def solution():
    length = $length
    width = $width
    height = $height
    windows = $windows
    window_area = $window_area
    coverage = $coverage
    wall_area = 2 * (length + width) * height
    unpainted = windows * window_area
    paint_area = wall_area - unpainted
    cans = paint_area // coverage
    if paint_area % coverage != 0:
        cans += 1
    return cans
''')


def sample(rng: random.Random) -> dict:
    return {"length": rng.randint(10, 20), "width": rng.randint(8, 16),
            "height": rng.randint(8, 10), "windows": rng.randint(1, 4),
            "window_area": rng.choice([12, 15, 20]),
            "coverage": rng.choice([100, 120, 150, 200])}


def answer(params: dict):
    area = 2 * params["length"] * params["height"] + 2 * params["width"] * params["height"] \
        - params["windows"] * params["window_area"]
    cans = 0
    while cans * params["coverage"] < area:
        cans += 1
    return cans

"""GSM8K-style: score needed on the last test to reach a target average."""
import random
from string import Template

TOPIC = "arithmetic"

PROBLEM = Template(
    "Jada scored $score1, $score2, $score3 and $score4 on her first four tests. "
    "What score does she need on the fifth test to have an average of exactly "
    "$target over all five tests?"
)

CODE = Template('''\
def solution():
    score1 = $score1
    score2 = $score2
    score3 = $score3
    score4 = $score4
    target = $target
    needed_total = target * 5
    current_total = score1 + score2 + score3 + score4
    needed_score = needed_total - current_total
    return needed_score
''')


def sample(rng: random.Random) -> dict:
    scores = [rng.randint(60, 100) for _ in range(4)]
    fifth_options = [s for s in range(60, 101) if (sum(scores) + s) % 5 == 0]
    fifth = rng.choice(fifth_options)
    return {"score1": scores[0], "score2": scores[1], "score3": scores[2],
            "score4": scores[3], "target": (sum(scores) + fifth) // 5}


def answer(params: dict):
    known = [params["score1"], params["score2"], params["score3"], params["score4"]]
    for fifth in range(0, 101):
        if (sum(known) + fifth) == 5 * params["target"]:
            return fifth
    raise ValueError("no valid score")

# Greedy activity selection: always take the compatible activity that ends first.


def activity_selection(starts, finishes):
    order = sorted(range(len(starts)), key=lambda i: finishes[i])
    chosen = []
    last_finish = None
    for i in order:
        if last_finish is None or starts[i] >= last_finish:
            chosen.append(i)
            last_finish = finishes[i]
    return chosen

# Orientation tests: is the turn p -> q -> r counterclockwise, clockwise or straight?


def cross(o, a, b):
    # z-component of the cross product (a - o) x (b - o)
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def orientation(triples):
    labels = []
    for p, q, r in triples:
        value = cross(p, q, r)
        if value > 0:
            labels.append("counterclockwise")
        elif value < 0:
            labels.append("clockwise")
        else:
            labels.append("collinear")
    return labels

# Area of a simple polygon with the shoelace formula.


def polygon_area(vertices):
    n = len(vertices)
    twice_area = 0
    for i in range(n):
        x1, y1 = vertices[i]
        x2, y2 = vertices[(i + 1) % n]  # wrap around to the first vertex
        twice_area += x1 * y2 - x2 * y1
    return abs(twice_area) / 2

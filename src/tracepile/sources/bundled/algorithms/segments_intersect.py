# CLRS segment intersection test on integer points, for a list of segment pairs.


def direction(p, q, r):
    # Sign tells on which side of the line p-q the point r lies.
    return (r[0] - p[0]) * (q[1] - p[1]) - (q[0] - p[0]) * (r[1] - p[1])


def on_segment(p, q, r):
    # r is collinear with p-q: does it fall inside their bounding box?
    return (min(p[0], q[0]) <= r[0] <= max(p[0], q[0])
            and min(p[1], q[1]) <= r[1] <= max(p[1], q[1]))


def segment_pair_intersects(p1, p2, p3, p4):
    d1 = direction(p3, p4, p1)
    d2 = direction(p3, p4, p2)
    d3 = direction(p1, p2, p3)
    d4 = direction(p1, p2, p4)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True  # each segment straddles the other's line
    if d1 == 0 and on_segment(p3, p4, p1):
        return True
    if d2 == 0 and on_segment(p3, p4, p2):
        return True
    if d3 == 0 and on_segment(p1, p2, p3):
        return True
    if d4 == 0 and on_segment(p1, p2, p4):
        return True
    return False


def segments_intersect(pairs):
    results = []
    for (p1, p2), (p3, p4) in pairs:
        results.append(segment_pair_intersects(p1, p2, p3, p4))
    return results

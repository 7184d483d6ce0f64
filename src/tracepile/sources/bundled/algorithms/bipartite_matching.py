# Maximum bipartite matching with augmenting paths (Kuhn's algorithm).


def bipartite_matching(n_left, n_right, edges):
    adj = [[] for _ in range(n_left)]
    for u, v in edges:
        adj[u].append(v)
    match_right = [-1] * n_right  # the left vertex matched to each right vertex

    def try_augment(u, seen):
        for v in adj[u]:
            if v in seen:
                continue
            seen.add(v)
            # Take v if it is free, or if its partner can move elsewhere.
            if match_right[v] == -1 or try_augment(match_right[v], seen):
                match_right[v] = u
                return True
        return False

    size = 0
    for u in range(n_left):
        if try_augment(u, set()):
            size += 1
    pairs = sorted((u, v) for v, u in enumerate(match_right) if u != -1)
    return size, pairs

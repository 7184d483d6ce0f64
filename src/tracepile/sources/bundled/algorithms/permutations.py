# All permutations of a list by backtracking, in lexicographic order of positions.


def permutations(items):
    result = []
    current = []
    used = [False] * len(items)

    def backtrack():
        if len(current) == len(items):
            result.append(list(current))
            return
        for i in range(len(items)):
            if used[i]:
                continue
            used[i] = True
            current.append(items[i])
            backtrack()
            current.pop()  # undo the choice before trying the next one
            used[i] = False

    backtrack()
    return result

# Subset sum: can some of the positive numbers add up exactly to target?


def subset_sum(nums, target):
    reachable = [True] + [False] * target  # reachable[t]: some subset sums to t
    for x in nums:
        # Go downward so each number is used at most once.
        for total in range(target, x - 1, -1):
            if reachable[total - x]:
                reachable[total] = True
    return reachable[target]

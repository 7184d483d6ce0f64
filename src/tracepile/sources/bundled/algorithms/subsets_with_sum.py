# All distinct subsets (as sorted lists) of positive numbers that add up to target.


def subsets_with_sum(nums, target):
    nums = sorted(nums)
    found = []
    chosen = []

    def explore(start, remaining):
        if remaining == 0:
            found.append(list(chosen))
            return
        for i in range(start, len(nums)):
            if nums[i] > remaining:
                break  # sorted, so every later number is too big as well
            if i > start and nums[i] == nums[i - 1]:
                continue  # same value at the same depth: same subsets again
            chosen.append(nums[i])
            explore(i + 1, remaining - nums[i])
            chosen.pop()

    explore(0, target)
    return found

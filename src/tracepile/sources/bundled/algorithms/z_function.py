# Z-function: z[i] is the length of the longest common prefix of s and s[i:].


def z_function(s):
    n = len(s)
    z = [0] * n
    if n > 0:
        z[0] = n
    left = right = 0  # s[left:right] is the rightmost match with a prefix found so far
    for i in range(1, n):
        if i < right:
            z[i] = min(right - i, z[i - left])
        while i + z[i] < n and s[z[i]] == s[i + z[i]]:
            z[i] += 1
        if i + z[i] > right:
            left, right = i, i + z[i]
    return z

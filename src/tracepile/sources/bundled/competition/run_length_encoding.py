# For each string print its run-length compression: every maximal block of equal letters becomes the letter followed by the block length.
import sys


def encode(s):
    res = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        res.append(s[i] + str(j - i))
        i = j
    return "".join(res)


t = int(sys.stdin.readline())
sys.stdout.write("\n".join(encode(sys.stdin.readline().strip()) for _ in range(t)) + "\n")
